// Package credseam lets package verify reach the JSON-LD loader inside a
// credential.ContextLoader without that loader being part of credential's
// public API.
//
// Verify expands credentials itself (to read what the signature covers)
// and must do so with the very loader, and its caches, that the host gave
// credential for the proofs.
package credseam

// ContextLoaderInternal is set by package credential, in its init function
// and never again, to a
//
//	func(*credential.ContextLoader) *jsonld.Loader
//
// that returns the loader a ContextLoader wraps (nil for a nil or zero
// ContextLoader, which jsonld reads as the embedded contexts only). It is
// typed any because this package sits below credential.
var ContextLoaderInternal any

// OfflineDIDKeyMethod is set by package credential, in its init function
// and never again, to a
//
//	func(ctx context.Context, id, purpose string) (*credential.VerificationMethod, bool)
//
// that answers a did:key URL in its canonical form (did:key:MK#MK) for a
// purpose a did:key document lists its key under, without building the DID
// document, and answers nothing else (ok false). Package verify takes the
// same shortcut with its own resolver.
var OfflineDIDKeyMethod any
