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
	mk, err := EncodeMultikey(pub)
	if err != nil {
		return "", err
	}
	return "did:key:" + mk, nil
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

// IssuerKey is a new signing key and its did:key names. did:key needs no
// registry or web server: a verifier reads the public key from the DID
// itself, so an IssuerKey is enough to issue credentials that verify
// offline. A holder signs presentations with one just as well.
type IssuerKey struct {
	Signer crypto.Signer
	// DID is the key's did:key, the issuer id a credential carries.
	DID string
	// VerificationMethod is the key's did:key URL, "did:key:z...#z...":
	// SignOptions.VerificationMethod for a Data Integrity proof, or
	// JWTOptions.KeyID for a JWT.
	VerificationMethod string
}

// NewIssuerKey generates a key of type t with GenerateKey and names it with
// did:key. did:key has no RSA form, so t must be KeyEd25519, KeyP256 or
// KeyP384; an RSA issuer can use DIDJWK instead.
func NewIssuerKey(t KeyType) (*IssuerKey, error) {
	if t == KeyRSA {
		// Refused before GenerateKey spends its time on a key that could
		// not be named.
		return nil, fmt.Errorf("%w: RSA has no did:key form; use DIDJWK", errUnsupportedKey)
	}
	key, err := GenerateKey(t)
	if err != nil {
		return nil, err
	}
	did, err := DIDKey(key.Public())
	if err != nil {
		return nil, err
	}
	vm, err := DIDKeyVerificationMethod(key.Public())
	if err != nil {
		return nil, err
	}
	return &IssuerKey{Signer: key, DID: did, VerificationMethod: vm}, nil
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
	if again, err := EncodeMultikey(pub); err != nil || again != mk {
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
		}},
		AssertionMethod:      ref,
		Authentication:       ref,
		CapabilityInvocation: ref,
		CapabilityDelegation: ref,
	}, nil
}
