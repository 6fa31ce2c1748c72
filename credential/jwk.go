package credential

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/microcred/microcred/internal/strictjson"
)

// MaxJWKBytes is the largest JSON Web Key, in bytes, that the parsers here
// accept. An 8192-bit RSA private key is under 7 KiB.
const MaxJWKBytes = 16 << 10

// MarshalJWK returns key as a JSON Web Key with "kid" set to its RFC 7638
// thumbprint. key is a public key, or an in-memory private key
// (ed25519.PrivateKey, *ecdsa.PrivateKey, *rsa.PrivateKey) whose private
// members are then included: treat the output as a secret.
func MarshalJWK(key any) ([]byte, error) {
	if _, err := KeyTypeOf(key); err != nil {
		return nil, err
	}
	switch key.(type) {
	case ed25519.PublicKey, *ecdsa.PublicKey, *rsa.PublicKey,
		ed25519.PrivateKey, *ecdsa.PrivateKey, *rsa.PrivateKey:
	default:
		return nil, fmt.Errorf("%w: cannot export %T as a JWK", errUnsupportedKey, key)
	}
	kid, err := jwkThumbprint(publicKeyOf(key))
	if err != nil {
		return nil, err
	}
	jwk := jose.JSONWebKey{Key: key, KeyID: kid}
	return jwk.MarshalJSON()
}

// marshalPublicJWK returns the public key's required JWK members only, in
// lexicographic order and without whitespace: the RFC 7638 thumbprint
// input. did:jwk identifiers are built from exactly these bytes so that a
// key always yields the same DID.
func marshalPublicJWK(pub crypto.PublicKey) ([]byte, error) {
	pub = publicKeyOf(pub)
	if _, err := KeyTypeOf(pub); err != nil {
		return nil, err
	}
	full, err := (&jose.JSONWebKey{Key: pub}).MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	var m map[string]any
	if err := json.Unmarshal(full, &m); err != nil {
		return nil, err
	}
	required := map[string][]string{
		"OKP": {"crv", "kty", "x"},
		"EC":  {"crv", "kty", "x", "y"},
		"RSA": {"e", "kty", "n"},
	}
	kty, _ := m["kty"].(string)
	members, ok := required[kty]
	if !ok {
		return nil, fmt.Errorf("%w: JWK key type %q", errUnsupportedKey, kty)
	}
	out := make(map[string]any, len(members))
	for _, name := range members {
		out[name] = m[name]
	}
	// encoding/json sorts map keys, which is the order RFC 7638 requires.
	return json.Marshal(out)
}

// jwkThumbprint returns the base64url RFC 7638 SHA-256 thumbprint of pub.
func jwkThumbprint(pub crypto.PublicKey) (string, error) {
	b, err := marshalPublicJWK(pub)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:]), nil
}

// ParsePublicJWK parses a JWK holding an Ed25519, P-256, P-384 or RSA
// public key, for example in a host's own [Resolver] that keeps issuers'
// keys as JWKs and returns them as a [VerificationMethod]. A JWK carrying
// private members is refused: it was probably published by mistake, and
// accepting it would hide the leak.
func ParsePublicJWK(b []byte) (crypto.PublicKey, error) {
	jwk, err := parseJWK(b)
	if err != nil {
		return nil, err
	}
	if !jwk.IsPublic() {
		return nil, fmt.Errorf("%w: JWK contains private key material where a public key was expected", ErrInvalidKey)
	}
	if _, err := KeyTypeOf(jwk.Key); err != nil {
		return nil, err
	}
	return jwk.Key, nil
}

// ParsePrivateJWK parses a JWK holding an Ed25519, P-256, P-384 or RSA
// private key.
func ParsePrivateJWK(b []byte) (crypto.Signer, error) {
	jwk, err := parseJWK(b)
	if err != nil {
		return nil, err
	}
	if jwk.IsPublic() {
		return nil, fmt.Errorf("%w: JWK holds a public key only; a private key (with \"d\") is needed to sign", ErrInvalidKey)
	}
	s, ok := jwk.Key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%w: JWK key of type %T cannot sign", errUnsupportedKey, jwk.Key)
	}
	if _, err := KeyTypeOf(s); err != nil {
		return nil, err
	}
	return s, nil
}

func parseJWK(b []byte) (*jose.JSONWebKey, error) {
	if len(b) > MaxJWKBytes {
		return nil, fmt.Errorf("%w: JWK is %d bytes, limit %d", ErrInvalidKey, len(b), MaxJWKBytes)
	}
	// Name unsupported key types before go-jose sees them, so that an
	// X25519 or secp256k1 key is reported as unsupported, not as malformed.
	var head struct {
		Kty string `json:"kty"`
		Crv string `json:"crv"`
	}
	// Read strictly: go-jose matches "kty" exactly, so a "KTY" or a
	// repeated "crv" must not pass this check with one value and go-jose
	// with another.
	if err := strictjson.Unmarshal(b, &head, strictjson.Limits{MaxBytes: MaxJWKBytes, MaxDepth: 4}); err != nil {
		return nil, fmt.Errorf("%w: JWK is not a well-formed JSON object: %w", ErrInvalidKey, err)
	}
	switch {
	case head.Kty == "OKP" && head.Crv == "Ed25519",
		head.Kty == "EC" && (head.Crv == "P-256" || head.Crv == "P-384"),
		head.Kty == "RSA":
	default:
		return nil, fmt.Errorf("%w: JWK kty %q crv %q (want OKP Ed25519, EC P-256 or P-384, or RSA)", errUnsupportedKey, head.Kty, head.Crv)
	}
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(b); err != nil {
		return nil, fmt.Errorf("%w: JWK: %v", ErrInvalidKey, err)
	}
	switch jwk.Key.(type) {
	case ed25519.PublicKey, *ecdsa.PublicKey, *rsa.PublicKey,
		ed25519.PrivateKey, *ecdsa.PrivateKey, *rsa.PrivateKey:
	default:
		return nil, fmt.Errorf("%w: JWK key of type %T (want OKP Ed25519, EC P-256/P-384 or RSA)", errUnsupportedKey, jwk.Key)
	}
	if !jwk.Valid() {
		return nil, fmt.Errorf("%w: JWK key material is not valid", ErrInvalidKey)
	}
	return &jwk, nil
}
