package credential

import (
	"crypto"
	"fmt"
	"strings"
)

// didKeyContext is the @context of generated did:key documents
// (did:key method v0.9, Multikey verification methods).
var didKeyContext = []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}

// DIDKey returns the did:key DID of an Ed25519, P-256 or P-384 public key
// (or of a crypto.Signer's public key): "did:key:" + its Multikey.
func DIDKey(pub crypto.PublicKey) (string, error) {
	var buf [len("did:key:") + maxMultikeyLen]byte
	b, err := appendMultikey(append(buf[:0], "did:key:"...), pub)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// isDIDKeyOf reports whether did is the did:key of pub, without
// allocating for an Ed25519 key (every AddProof asks).
func isDIDKeyOf(did string, pub crypto.PublicKey) bool {
	var buf [len("did:key:") + maxMultikeyLen]byte
	b, err := appendMultikey(append(buf[:0], "did:key:"...), pub)
	return err == nil && string(b) == did
}

// DIDKeyVerificationMethod returns the id of the did:key verification
// method of pub, "did:key:z...#z...", as a proof's verificationMethod or a
// JWT's kid names it.
func DIDKeyVerificationMethod(pub crypto.PublicKey) (string, error) {
	mk, err := EncodeMultikey(pub)
	if err != nil {
		return "", err
	}
	return "did:key:" + mk + "#" + mk, nil
}

// resolveDIDKey expands a did:key DID into its document: one Multikey
// verification method, listed under assertionMethod, authentication,
// capabilityInvocation and capabilityDelegation. No X25519 keyAgreement key
// is derived (the did:key spec makes that optional).
func resolveDIDKey(did string) (*DIDDocument, error) {
	mk := strings.TrimPrefix(did, "did:key:")
	if strings.Contains(mk, ":") {
		return nil, fmt.Errorf("%w: did:key version prefixes are not supported: %.80q", ErrInvalidDID, did)
	}
	pub, err := ParseMultikey(mk)
	if err != nil {
		return nil, fmt.Errorf("did:key %.80q: %w", did, err)
	}
	// The identifier must be the canonical encoding of the key it decodes
	// to, so one key has exactly one did:key.
	var buf [maxMultikeyLen]byte
	if again, err := appendMultikey(buf[:0], pub); err != nil || string(again) != mk {
		return nil, fmt.Errorf("%w: did:key %.80q is not the canonical encoding of its key", ErrInvalidDID, did)
	}
	vmID := did + "#" + mk
	ref := []MethodRef{{ID: vmID}}
	return &DIDDocument{
		Context: didKeyContext,
		ID:      did,
		VerificationMethod: []DocumentMethod{{
			ID:                 vmID,
			Type:               "Multikey",
			Controller:         did,
			PublicKeyMultibase: mk,
			decoded:            pub,
			decodedFrom:        mk,
		}},
		AssertionMethod:      ref,
		Authentication:       ref,
		CapabilityInvocation: ref,
		CapabilityDelegation: ref,
	}, nil
}
