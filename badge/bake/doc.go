// Package bake embeds credentials in badge images and takes them out again.
//
// "Baking" puts a signed credential inside the PNG or SVG that displays it,
// so the picture a learner shares carries its own proof. This package
// implements the Open Badges 3.0 baking rules, their Comprehensive Learner
// Record 2.0 counterpart, and recognises images baked under Open Badges 2.0.
//
// # Formats
//
// PNG: the credential is one iTXt chunk, placed just before IEND, with the
// keyword "openbadgecredential" (CLR: "clrcredential"), compression flag 0,
// compression method 0, an empty language tag and an empty translated
// keyword. Its text is the credential JSON (embedded proof) or the compact
// JWS (VC-JWT).
//
// SVG: the root <svg> element declares
// xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" (CLR:
// "https://purl.imsglobal.org/clr/v2p0") and its first child is
// <openbadges:credential>. A compact JWS goes in its verify attribute and
// the element is empty; credential JSON goes in its body wrapped in CDATA.
//
// Re-baking replaces: [PNG] and [SVG] remove every Open Badges 3.0 and CLR
// credential already present before adding the new one, so an image never
// carries two credentials that displayers could disagree about.
//
// # Extraction
//
// [Extract] detects PNG or SVG by content and returns a [Baked]: the payload
// and what it is ([Kind]: Open Badges 3.0, CLR 2.0 or Open Badges 2.0;
// [Encoding]: JSON, compact JWS, or for Open Badges 2.0 a hosted assertion
// URL). Extraction does no I/O and checks no proofs: the payload is exactly
// the bytes the issuer baked (less surrounding white space), ready for
// verification. An Open Badges 2.0 image is reported as [KindOpenBadges2],
// not as an error, so a host can offer to convert it (see package
// github.com/microcred/microcred/badge/ob2); it is never mistaken for an
// Open Badges 3.0 credential.
//
// # Hostile input
//
// Images come from strangers. The package reads no more than
// [Limits.MaxImageBytes] of image and accepts no payload larger than
// [Limits.MaxPayloadBytes]; every PNG chunk's CRC is checked; truncated or
// malformed chunks, non-image bytes, and images holding more than one
// credential are errors (see the Err variables), never panics. SVG is read
// with encoding/xml in strict mode as a token stream: a DOCTYPE that only
// names an external DTD (as many editors write) is allowed and never
// fetched, but a DOCTYPE with an internal subset (where ENTITY declarations
// live) is refused, so entities are never expanded.
//
// The baking specifications forbid compressed iTXt text. [Extract]
// nevertheless accepts a zlib-compressed credential chunk, inflating at most
// MaxPayloadBytes, and says so in [Baked.Compressed] so a verifier can warn;
// PNG never writes one.
package bake
