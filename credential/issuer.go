package credential

import (
	"crypto"
	"fmt"
)

// IssuerKey is a signing key with the names a credential needs: the issuer
// id it carries and the verification method its proofs name. Build one
// with NewIssuerKey (a new key), IssuerKeyFor (a key you already hold, a
// KMS or HSM key included) or WebIssuerKey (a key published in a did:web
// document). A holder signs presentations with one just as well.
type IssuerKey struct {
	// Signer signs; a KMS or HSM key never leaves its store.
	Signer crypto.Signer
	// DID is the issuer id a credential carries.
	DID string
	// VerificationMethod is the key's DID URL, e.g. "did:key:z...#z...":
	// SignOptions.VerificationMethod for a Data Integrity proof, or
	// JWTOptions.KeyID for a JWT.
	VerificationMethod string
}

// NewIssuerKey generates a key of type t with GenerateKey and names it with
// did:key. did:key needs no registry or web server: a verifier reads the
// public key from the DID itself, so the credentials verify offline.
// did:key has no RSA form, so t must be KeyEd25519, KeyP256 or KeyP384; use
// IssuerKeyFor to name an RSA key with did:jwk.
func NewIssuerKey(t KeyType) (*IssuerKey, error) {
	if t == KeyRSA {
		// Refused before GenerateKey spends its time on a key that could
		// not be named.
		return nil, fmt.Errorf("%w: RSA has no did:key form; use IssuerKeyFor (did:jwk)", errUnsupportedKey)
	}
	key, err := GenerateKey(t)
	if err != nil {
		return nil, err
	}
	return IssuerKeyFor(key)
}

// IssuerKeyFor names a signer you already hold — a key loaded from a file,
// or a KMS or HSM key behind crypto.Signer — with an identity a verifier
// can resolve offline: did:key for Ed25519, P-256 and P-384, did:jwk for
// RSA (which has no did:key form). Use WebIssuerKey to issue as a did:web.
func IssuerKeyFor(signer crypto.Signer) (*IssuerKey, error) {
	if signer == nil {
		return nil, fmt.Errorf("%w: no signer", ErrInvalidOptions)
	}
	pub := signer.Public()
	t, err := KeyTypeOf(pub)
	if err != nil {
		return nil, err
	}
	name, method := DIDKey, DIDKeyVerificationMethod
	if t == KeyRSA {
		name, method = DIDJWK, DIDJWKVerificationMethod
	}
	did, err := name(pub)
	if err != nil {
		return nil, err
	}
	vm, err := method(pub)
	if err != nil {
		return nil, err
	}
	return &IssuerKey{Signer: signer, DID: did, VerificationMethod: vm}, nil
}

// WebIssuerKey names signer as the key of the did:web issuer did, under
// fragment (empty: the key's Multikey, or JWK thumbprint for RSA), as
// DIDWebDocument publishes it. Nothing is fetched: publish the document
// first, or verifiers will not find the key.
func WebIssuerKey(did string, signer crypto.Signer, fragment string) (*IssuerKey, error) {
	if signer == nil {
		return nil, fmt.Errorf("%w: no signer", ErrInvalidOptions)
	}
	vm, err := WebKeyID(did, WebKey{Public: signer.Public(), Fragment: fragment})
	if err != nil {
		return nil, err
	}
	return &IssuerKey{Signer: signer, DID: did, VerificationMethod: vm}, nil
}
