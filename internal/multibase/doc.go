// Package multibase encodes and decodes the two multibase encodings that
// verifiable credentials use: base58btc (prefix 'z', for publicKeyMultibase,
// secretKeyMultibase, did:key and proofValue) and base64url without padding
// (prefix 'u').
//
// Decoding is strict and bounded: input longer than MaxEncodedLen is refused
// before any work is done, because base58 decoding is quadratic in the input
// length and its callers read attacker-supplied documents.
//
// The Append forms ([AppendBase58], [AppendDecodeBase58],
// [AppendDecodeBase58BTC]) write into the caller's buffer: a signer writes a
// proof value straight into the proof it builds, and a verifier decodes a
// signature or a key into an array of its own, allocating nothing.
package multibase
