package credential

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
)

// KeyType names a signature key algorithm family.
type KeyType string

const (
	KeyEd25519 KeyType = "Ed25519" // EdDSA over edwards25519 (RFC 8032)
	KeyP256    KeyType = "P-256"   // ECDSA over NIST P-256 with SHA-256
	KeyP384    KeyType = "P-384"   // ECDSA over NIST P-384 with SHA-384
	KeyRSA     KeyType = "RSA"     // RSASSA-PKCS1-v1_5; VC-JWT (RS256) only
)

// MinRSABits is the smallest RSA modulus this package generates or accepts.
const MinRSABits = 2048

// MaxRSABits bounds the RSA modulus accepted from documents, so a hostile
// key cannot make verification arbitrarily slow.
const MaxRSABits = 8192

// GenerateKey makes a new private key of type t using crypto/rand. RSA keys
// are MinRSABits long. The result is an ed25519.PrivateKey,
// *ecdsa.PrivateKey or *rsa.PrivateKey.
func GenerateKey(t KeyType) (crypto.Signer, error) {
	switch t {
	case KeyEd25519:
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		return priv, err
	case KeyP256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case KeyP384:
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case KeyRSA:
		return rsa.GenerateKey(rand.Reader, MinRSABits)
	}
	return nil, fmt.Errorf("%w: %q (want Ed25519, P-256, P-384 or RSA)", errUnsupportedKey, string(t))
}

// KeyTypeOf reports the type of a public key, or of a crypto.Signer's
// public key. It refuses curves and sizes this package does not support.
func KeyTypeOf(key any) (KeyType, error) {
	if s, ok := key.(crypto.Signer); ok {
		key = s.Public()
	}
	switch k := key.(type) {
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return "", fmt.Errorf("%w: Ed25519 public key is %d bytes, want %d", ErrInvalidKey, len(k), ed25519.PublicKeySize)
		}
		return KeyEd25519, nil
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil {
			return "", fmt.Errorf("%w: nil ECDSA key", ErrInvalidKey)
		}
		switch k.Curve {
		case elliptic.P256():
			return KeyP256, nil
		case elliptic.P384():
			return KeyP384, nil
		}
		return "", fmt.Errorf("%w: ECDSA curve %s (want P-256 or P-384)", errUnsupportedKey, k.Curve.Params().Name)
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", fmt.Errorf("%w: nil RSA key", ErrInvalidKey)
		}
		if n := k.N.BitLen(); n < MinRSABits || n > MaxRSABits {
			return "", fmt.Errorf("%w: RSA modulus of %d bits (want %d to %d)", ErrInvalidKey, n, MinRSABits, MaxRSABits)
		}
		return KeyRSA, nil
	}
	return "", fmt.Errorf("%w: %T", errUnsupportedKey, key)
}

// publicKeyOf returns the public half of a signer or the key itself.
func publicKeyOf(key any) crypto.PublicKey {
	if s, ok := key.(crypto.Signer); ok {
		return s.Public()
	}
	return key
}
