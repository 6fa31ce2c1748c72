// Package multibase encodes and decodes the two multibase encodings that
// verifiable credentials use: base58btc (prefix 'z', for publicKeyMultibase,
// secretKeyMultibase, did:key and proofValue) and base64url without padding
// (prefix 'u').
//
// Decoding is strict and bounded: input longer than MaxEncodedLen is refused
// before any work is done, because base58 decoding is quadratic in the input
// length and its callers read attacker-supplied documents.
package multibase
