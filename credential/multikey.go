package credential

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/binary"
	"fmt"

	"github.com/microcred/microcred/internal/multibase"
)

// Multicodec codes for the keys Multikey carries (see the multicodec table
// and W3C Controlled Identifiers 1.0, section 2.2.2 Multikey).
const (
	codecEd25519Pub  = 0xed
	codecP256Pub     = 0x1200
	codecP384Pub     = 0x1201
	codecEd25519Priv = 0x1300
	codecP256Priv    = 0x1306
	codecP384Priv    = 0x1307

	// Recognised only to name them in errors.
	codecSecp256k1Pub = 0xe7
	codecX25519Pub    = 0xec
	codecBLS12381G1   = 0xea
	codecBLS12381G2   = 0xeb
	codecBLS12381G1G2 = 0xee
	codecP521Pub      = 0x1202
	codecRSAPub       = 0x1205
)

var unsupportedCodecs = map[uint64]string{
	codecSecp256k1Pub: "secp256k1-pub",
	codecX25519Pub:    "x25519-pub (a key-agreement key, not a signing key)",
	codecBLS12381G1:   "bls12_381-g1-pub",
	codecBLS12381G2:   "bls12_381-g2-pub",
	codecBLS12381G1G2: "bls12_381-g1g2-pub",
	codecP521Pub:      "p521-pub",
	codecRSAPub:       "rsa-pub (RSA keys are supported for VC-JWT through JWK and did:jwk only)",
}

// EncodeMultikey returns the publicKeyMultibase form of an Ed25519, P-256
// or P-384 public key (or of a crypto.Signer's public key): 'z', then
// base58btc of the multicodec varint and the raw key, ECDSA points
// compressed. RSA has no Multikey form here.
func EncodeMultikey(pub crypto.PublicKey) (string, error) {
	var buf [maxMultikeyLen]byte
	b, err := appendMultikey(buf[:0], pub)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// maxMultikeyLen bounds the Multikey of a supported public key (P-384:
// 'z' and base58 of a 2-byte codec and a 49-byte point, 71 characters),
// with room for a "did:key:" in front.
const maxMultikeyLen = 96

// appendMultikey appends EncodeMultikey(pub) to dst. Signing compares the
// signer's did:key with the verification method, and resolving a did:key
// checks that it is its key's canonical encoding, on every call: they
// encode into a buffer of their own and allocate nothing for an Ed25519
// key.
func appendMultikey(dst []byte, pub crypto.PublicKey) ([]byte, error) {
	pub = publicKeyOf(pub)
	t, err := KeyTypeOf(pub)
	if err != nil {
		return dst, err
	}
	var code uint64
	switch t {
	case KeyEd25519:
		code = codecEd25519Pub
	case KeyP256:
		code = codecP256Pub
	case KeyP384:
		code = codecP384Pub
	default:
		return dst, fmt.Errorf("%w: %s has no Multikey encoding; use a JWK or did:jwk", errUnsupportedKey, t)
	}
	var tmp [64]byte // codec and key: 34 bytes for Ed25519, 51 for P-384
	b := binary.AppendUvarint(tmp[:0], code)
	if k, ok := pub.(ed25519.PublicKey); ok {
		b = append(b, k...)
	} else {
		raw, err := marshalPublicKeyRaw(pub)
		if err != nil {
			return dst, err
		}
		b = append(b, raw...)
	}
	return multibase.AppendBase58(append(dst, 'z'), b), nil
}

// ParseMultikey parses a publicKeyMultibase value into an ed25519.PublicKey
// or *ecdsa.PublicKey. Only base58btc is accepted, as Multikey requires, and
// ECDSA points must be compressed. Other known key codecs (secp256k1, BLS,
// X25519, RSA) give ErrUnsupported naming the codec.
func ParseMultikey(s string) (crypto.PublicKey, error) {
	var buf [64]byte // codec and key; the key is copied out of it
	code, raw, err := decodeMultikey(buf[:0], s)
	if err != nil {
		return nil, err
	}
	switch code {
	case codecEd25519Pub:
		return parseEd25519Raw(raw) // copies raw, which stays in buf
	case codecP256Pub, codecP384Pub:
		t, size := KeyP256, 33
		if code == codecP384Pub {
			t, size = KeyP384, 49
		}
		if len(raw) != size {
			return nil, fmt.Errorf("%w: %s public key is %d bytes, want %d (compressed point)", errInvalidMultikey, t, len(raw), size)
		}
		return parsePublicKeyRaw(t, bytes.Clone(raw)) // the point parser keeps its input
	case codecEd25519Priv, codecP256Priv, codecP384Priv:
		return nil, fmt.Errorf("%w: this is a secret key (codec 0x%x); use ParseSecretMultikey, and never publish it", errInvalidMultikey, code)
	}
	return nil, unsupportedCodec(code)
}

// EncodeSecretMultikey returns the secretKeyMultibase form of an in-memory
// Ed25519 (32-byte seed), P-256 or P-384 (fixed-width scalar) private key.
// A host that keeps its issuer key itself rather than in a KMS stores this
// string and reads the key back with [ParseSecretMultikey]. The output is a
// secret: store it as one.
func EncodeSecretMultikey(priv crypto.Signer) (string, error) {
	t, err := KeyTypeOf(priv)
	if err != nil {
		return "", err
	}
	var code uint64
	switch t {
	case KeyEd25519:
		code = codecEd25519Priv
	case KeyP256:
		code = codecP256Priv
	case KeyP384:
		code = codecP384Priv
	default:
		return "", fmt.Errorf("%w: %s has no Multikey encoding; use a JWK", errUnsupportedKey, t)
	}
	raw, err := marshalPrivateKeyRaw(priv)
	if err != nil {
		return "", err
	}
	return multibase.Encode(multibase.Base58BTC, append(binary.AppendUvarint(nil, code), raw...))
}

// ParseSecretMultikey parses a secretKeyMultibase value, such as
// [EncodeSecretMultikey] writes, into a signer for [SignOptions].
func ParseSecretMultikey(s string) (crypto.Signer, error) {
	code, raw, err := decodeMultikey(nil, s)
	if err != nil {
		return nil, err
	}
	switch code {
	case codecEd25519Priv:
		// Digital Bazaar's ed25519-multikey (and so the 1EdTech Open Badges
		// samples) writes the 64-byte seed||public key; the W3C vc-di-eddsa
		// vectors write the 32-byte seed. Accept both, and make sure the
		// public half is the one the seed derives.
		if len(raw) == ed25519.PrivateKeySize {
			k := ed25519.NewKeyFromSeed(raw[:ed25519.SeedSize])
			if !bytes.Equal(k[ed25519.SeedSize:], raw[ed25519.SeedSize:]) {
				return nil, fmt.Errorf("%w: Ed25519 secret key's public half does not match its seed", errInvalidMultikey)
			}
			return k, nil
		}
		return parsePrivateKeyRaw(KeyEd25519, raw)
	case codecP256Priv:
		return parsePrivateKeyRaw(KeyP256, raw)
	case codecP384Priv:
		return parsePrivateKeyRaw(KeyP384, raw)
	case codecEd25519Pub, codecP256Pub, codecP384Pub:
		return nil, fmt.Errorf("%w: this is a public key (codec 0x%x), not a secret key", errInvalidMultikey, code)
	}
	return nil, unsupportedCodec(code)
}

func unsupportedCodec(code uint64) error {
	if name, ok := unsupportedCodecs[code]; ok {
		return fmt.Errorf("%w: Multikey codec 0x%x %s (want Ed25519, P-256 or P-384)", errUnsupportedKey, code, name)
	}
	return fmt.Errorf("%w: unknown Multikey codec 0x%x (want Ed25519, P-256 or P-384)", errUnsupportedKey, code)
}

// decodeMultikey splits a base58btc multibase value into its multicodec
// code and key bytes. The varint must be minimally encoded, as the
// multiformats unsigned-varint spec requires, so each key has one encoding.
func decodeMultikey(dst []byte, s string) (uint64, []byte, error) {
	if len(s) == 0 || s[0] != 'z' {
		return 0, nil, fmt.Errorf("%w: must be base58btc multibase starting with 'z'", errInvalidMultikey)
	}
	b, err := multibase.AppendDecodeBase58BTC(dst, s)
	if err != nil {
		return 0, nil, fmt.Errorf("%w: %w", errInvalidMultikey, err)
	}
	code, n := binary.Uvarint(b)
	if n <= 0 || n > 4 {
		return 0, nil, fmt.Errorf("%w: bad multicodec varint prefix", errInvalidMultikey)
	}
	if n > 1 && b[n-1] == 0 {
		return 0, nil, fmt.Errorf("%w: multicodec varint is not minimally encoded", errInvalidMultikey)
	}
	return code, b[n:], nil
}
