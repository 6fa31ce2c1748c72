package credential

import (
	"context"
	"crypto"
	"strings"
)

// VerificationMethod is a public key as a DID document or controller
// document publishes it, resolved to a Go key.
type VerificationMethod struct {
	ID         string           // full id, e.g. did:key:z6Mk...#z6Mk...
	Type       string           // Multikey, JsonWebKey, Ed25519VerificationKey2020, ...
	Controller string           // the DID or URL that controls the key
	PublicKey  crypto.PublicKey // ed25519.PublicKey, *ecdsa.PublicKey or *rsa.PublicKey
	// Source says where the key came from. A Resolver may set it; the
	// verification functions fill it in when it is empty, so a verifier
	// can weigh a key by its origin (a did:key carries its key, a
	// controller document was fetched, a jwk header vouches for nothing).
	Source KeySource
}

// KeySource names how a verification method's key was obtained.
type KeySource string

const (
	KeySourceDIDKey             KeySource = "did:key"             // the key is the DID
	KeySourceDIDJWK             KeySource = "did:jwk"             // the key is the DID
	KeySourceDIDWeb             KeySource = "did:web"             // fetched from the DID's host
	KeySourceDID                KeySource = "did-resolver"        // a DID document from another DID method
	KeySourceFragment           KeySource = "multikey-fragment"   // <controller>#z6Mk...: the key is in the URL
	KeySourceHTTPS              KeySource = "https"               // a key document fetched over https
	KeySourceControllerDocument KeySource = "controller-document" // listed in a fetched controller document
	KeySourceJWTHeader          KeySource = "jwt-jwk-header"      // the token's own jwk header
)

// didSource is the KeySource of a key a DID document lists.
func didSource(id string) KeySource {
	switch {
	case strings.HasPrefix(id, "did:key:"):
		return KeySourceDIDKey
	case strings.HasPrefix(id, "did:jwk:"):
		return KeySourceDIDJWK
	case strings.HasPrefix(id, "did:web:"):
		return KeySourceDIDWeb
	}
	return KeySourceDID
}

// singleKeyDID reports whether did is a DID whose document lists exactly
// one key by construction (did:key, did:jwk), so that the bare DID names
// that key without ambiguity.
func singleKeyDID(did string) bool {
	return !strings.Contains(did, "#") && (strings.HasPrefix(did, "did:key:") || strings.HasPrefix(did, "did:jwk:"))
}

// Resolver turns a verification method id into its key. Implementations
// must be safe for concurrent use. Offline resolvers (did:key, did:jwk) live
// in this package; networked ones (did:web, https) live in package verify.
type Resolver interface {
	ResolveVerificationMethod(ctx context.Context, id string) (*VerificationMethod, error)
}
