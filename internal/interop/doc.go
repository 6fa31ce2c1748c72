// Package interop holds the interoperability tests between microcred and the
// reference JavaScript stack (Digital Bazaar / Digital Credentials
// Consortium, the implementation behind the Open Badges 3.0 conformance
// work). It has no code of its own; its tests prove, both ways, that what we
// sign the reference stack verifies and what it signs we verify.
//
// The tests install the reference stack from the npm registry (npm ci with
// the pinned lock file in testdata/refstack) into MICROCRED_INTEROP_DIR, or a
// directory in the user cache. They skip, saying why, only where node or npm
// is missing; with MICROCRED_INTEROP_REQUIRED=1 (as CI sets it) that is a
// failure instead.
package interop
