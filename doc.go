// Package microcred is a Go SDK for verifiable microcredentials: Open Badges
// 3.0 achievements and awards, CLR 2.0 bundles, their sealing as W3C
// Verifiable Credentials, their verification, and stackable pathways.
//
// This package holds no code; it is the map. The work is done by four
// packages that data flows through in one direction:
//
//	badge       what a credential says: Open Badges 3.0 and CLR 2.0 types,
//	            builders, validation against the official JSON Schemas,
//	            baking into PNG and SVG images, Open Badges 2.0 import, awarding.
//	credential  how it is sealed: keys, did:key and did:jwk, Data Integrity
//	            proofs (eddsa-rdfc-2022, ecdsa-rdfc-2019, the JCS suites,
//	            Ed25519Signature2020), VC-JWT, presentations, status lists.
//	verify      whether to believe it: one call in, one structured Report out,
//	            following the Open Badges 3.0 verification steps.
//	pathway     what believed credentials add up to: stackable pathway
//	            definitions (and CTDL import), evaluation with explanations,
//	            lint, and the unsigned stacked credential to seal.
//
// A host platform owns storage, users and HTTP; microcred owns the
// standards, the cryptography and the rules. It is offline by default: every
// JSON-LD context a credential may use is embedded and pinned, and anything
// that needs the network goes through an *http.Client the host injects.
//
// # First steps
//
// Run the guided tour, which makes a key, issues a badge, signs it, verifies
// it, bakes it into a PNG, and completes a small pathway:
//
//	go run ./examples/quickstart
//
// The examples directory holds one small program per host question (issue,
// verify, pathway, bake, clr, status, present, jwt). Each package's
// documentation starts with a runnable example.
package microcred
