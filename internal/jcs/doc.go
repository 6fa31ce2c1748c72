// Package jcs implements the JSON Canonicalization Scheme of RFC 8785: the
// byte-exact JSON serialization that the eddsa-jcs-2022 and ecdsa-jcs-2019
// Data Integrity cryptosuites hash and sign.
//
// Canonical output sorts object members by their names as UTF-16 code units,
// writes numbers the way ECMAScript's Number.prototype.toString does, escapes
// strings exactly as JSON.stringify does, and contains no insignificant
// whitespace.
//
// Input is parsed strictly, because a signature must never cover a different
// document from the one a second parser sees: duplicate member names, invalid
// UTF-8, lone surrogate escapes, numbers outside the IEEE 754 double range and
// documents deeper or larger than the configured Limits are all errors.
package jcs
