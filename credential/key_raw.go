package credential

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
)

// marshalPublicKeyRaw returns the raw form of a public key: the 32 key bytes
// for Ed25519, the SEC 1 compressed point for P-256 and P-384, and the
// PKCS #1 DER encoding for RSA. These are the bytes Multikey and did:key
// wrap.
func marshalPublicKeyRaw(pub crypto.PublicKey) ([]byte, error) {
	t, err := KeyTypeOf(pub)
	if err != nil {
		return nil, err
	}
	switch t {
	case KeyEd25519:
		return append([]byte(nil), pub.(ed25519.PublicKey)...), nil
	case KeyP256, KeyP384:
		k := pub.(*ecdsa.PublicKey)
		return compressPoint(k)
	default:
		return x509.MarshalPKCS1PublicKey(pub.(*rsa.PublicKey)), nil
	}
}

// parsePublicKeyRaw parses the raw form of a public key of type t. ECDSA
// points may be compressed (33 or 49 bytes) or uncompressed (65 or 97).
func parsePublicKeyRaw(t KeyType, b []byte) (crypto.PublicKey, error) {
	switch t {
	case KeyEd25519:
		return parseEd25519Raw(b)
	case KeyP256, KeyP384:
		return parsePoint(curveOf(t), b)
	case KeyRSA:
		k, err := x509.ParsePKCS1PublicKey(b)
		if err != nil {
			return nil, fmt.Errorf("%w: RSA PKCS #1: %v", ErrInvalidKey, err)
		}
		if _, err := KeyTypeOf(k); err != nil {
			return nil, err
		}
		return k, nil
	}
	return nil, fmt.Errorf("%w: %q", errUnsupportedKey, string(t))
}

// parseEd25519Raw is parsePublicKeyRaw for an Ed25519 key: a copy of b.
func parseEd25519Raw(b []byte) (crypto.PublicKey, error) {
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: Ed25519 public key is %d bytes, want %d", ErrInvalidKey, len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(append([]byte(nil), b...)), nil
}

// marshalPrivateKeyRaw returns the raw form of a private key: the 32-byte
// seed for Ed25519, the fixed-width big-endian scalar for ECDSA, PKCS #1
// DER for RSA. Only in-memory keys can be exported; a KMS-backed
// crypto.Signer gives ErrUnsupported.
func marshalPrivateKeyRaw(priv crypto.Signer) ([]byte, error) {
	switch k := priv.(type) {
	case ed25519.PrivateKey:
		if len(k) != ed25519.PrivateKeySize {
			return nil, fmt.Errorf("%w: Ed25519 private key is %d bytes", ErrInvalidKey, len(k))
		}
		return append([]byte(nil), k.Seed()...), nil
	case *ed25519.PrivateKey:
		return marshalPrivateKeyRaw(*k)
	case *ecdsa.PrivateKey:
		if _, err := KeyTypeOf(&k.PublicKey); err != nil {
			return nil, err
		}
		return k.Bytes()
	case *rsa.PrivateKey:
		if _, err := KeyTypeOf(&k.PublicKey); err != nil {
			return nil, err
		}
		return x509.MarshalPKCS1PrivateKey(k), nil
	}
	return nil, fmt.Errorf("%w: cannot export private key of type %T", errUnsupportedKey, priv)
}

// parsePrivateKeyRaw parses the raw form of a private key of type t.
func parsePrivateKeyRaw(t KeyType, b []byte) (crypto.Signer, error) {
	switch t {
	case KeyEd25519:
		if len(b) != ed25519.SeedSize {
			return nil, fmt.Errorf("%w: Ed25519 seed is %d bytes, want %d", ErrInvalidKey, len(b), ed25519.SeedSize)
		}
		return ed25519.NewKeyFromSeed(b), nil
	case KeyP256, KeyP384:
		k, err := ecdsa.ParseRawPrivateKey(curveOf(t), b)
		if err != nil {
			return nil, fmt.Errorf("%w: %s private key: %v", ErrInvalidKey, t, err)
		}
		return k, nil
	case KeyRSA:
		k, err := x509.ParsePKCS1PrivateKey(b)
		if err != nil {
			return nil, fmt.Errorf("%w: RSA PKCS #1: %v", ErrInvalidKey, err)
		}
		if _, err := KeyTypeOf(&k.PublicKey); err != nil {
			return nil, err
		}
		return k, nil
	}
	return nil, fmt.Errorf("%w: %q", errUnsupportedKey, string(t))
}

func curveOf(t KeyType) elliptic.Curve {
	if t == KeyP384 {
		return elliptic.P384()
	}
	return elliptic.P256()
}

func compressPoint(k *ecdsa.PublicKey) ([]byte, error) {
	u, err := k.Bytes() // uncompressed 0x04 || X || Y, validated
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	n := (len(u) - 1) / 2
	out := make([]byte, 1+n)
	out[0] = 2 | u[len(u)-1]&1
	copy(out[1:], u[1:1+n])
	return out, nil
}

func parsePoint(c elliptic.Curve, b []byte) (*ecdsa.PublicKey, error) {
	name := c.Params().Name
	size := (c.Params().BitSize + 7) / 8
	switch {
	case len(b) == 1+size && (b[0] == 2 || b[0] == 3):
		x, y := elliptic.UnmarshalCompressed(c, b)
		if x == nil {
			return nil, fmt.Errorf("%w: %s compressed point is not on the curve", ErrInvalidKey, name)
		}
		u := make([]byte, 1+2*size)
		u[0] = 4
		x.FillBytes(u[1 : 1+size])
		y.FillBytes(u[1+size:])
		b = u
	case len(b) == 1+2*size && b[0] == 4:
	default:
		return nil, fmt.Errorf("%w: %s point is %d bytes with prefix 0x%02x (want %d compressed or %d uncompressed)",
			ErrInvalidKey, name, len(b), firstByte(b), 1+size, 1+2*size)
	}
	k, err := ecdsa.ParseUncompressedPublicKey(c, b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s point: %v", ErrInvalidKey, name, err)
	}
	return k, nil
}

func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}
