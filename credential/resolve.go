package credential

import (
	"context"
	"crypto"
)

// VerificationMethod is a public key as a DID document or controller
// document publishes it, resolved to a Go key.
type VerificationMethod struct {
	ID         string           // full id, e.g. did:key:z6Mk...#z6Mk...
	Type       string           // Multikey, JsonWebKey, Ed25519VerificationKey2020, ...
	Controller string           // the DID or URL that controls the key
	PublicKey  crypto.PublicKey // ed25519.PublicKey, *ecdsa.PublicKey or *rsa.PublicKey
}

// Resolver turns a verification method id into its key. Implementations
// must be safe for concurrent use. Offline resolvers (did:key, did:jwk) live
// in this package; networked ones (did:web, https) live in package verify.
type Resolver interface {
	ResolveVerificationMethod(ctx context.Context, id string) (*VerificationMethod, error)
}
