package credential

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/multibase"
)

// multikeyVectors are published key pairs. Sources (copied into
// testdata/keys/SOURCES.md): the 1EdTech Open Badges 3.0 implementation
// guide's Linked Data Proof test vector (Ed25519, 64-byte secret), the W3C
// vc-di-eddsa TestVectors/keyPair.json (32-byte secret), and the W3C
// vc-di-ecdsa TestVectors/p256KeyPair.json and p384KeyPair.json.
var multikeyVectors = []struct {
	name, public, secret string
	kt                   KeyType
	canonicalSecret      bool // EncodeSecretMultikey reproduces secret
}{
	{"1EdTech OB 3.0 LDP test vector", "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
		"zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx", KeyEd25519, false},
	{"vc-di-eddsa keyPair.json", "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
		"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", KeyEd25519, true},
	{"vc-di-ecdsa p256KeyPair.json", "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
		"z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN", KeyP256, true},
	{"vc-di-ecdsa p384KeyPair.json", "z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ",
		"z2fanyY7zgwNpZGxX5fXXibvScNaUWNprHU9dKx7qpVj7mws9J8LLt4mDB5TyH2GLHWkUc", KeyP384, true},
}

func TestMultikeyVectors(t *testing.T) {
	for _, v := range multikeyVectors {
		t.Run(v.name, func(t *testing.T) {
			pub, err := ParseMultikey(v.public)
			if err != nil {
				t.Fatalf("%s: ParseMultikey: %v", v.name, err)
			}
			if kt, _ := KeyTypeOf(pub); kt != v.kt {
				t.Errorf("%s: key type %s, want %s", v.name, kt, v.kt)
			}
			if again, err := EncodeMultikey(pub); err != nil || again != v.public {
				t.Errorf("%s: EncodeMultikey = %q, %v", v.name, again, err)
			}
			priv, err := ParseSecretMultikey(v.secret)
			if err != nil {
				t.Fatalf("%s: ParseSecretMultikey: %v", v.name, err)
			}
			if !sameKey(priv.Public(), pub) {
				t.Errorf("%s: secret key does not derive the public key", v.name)
			}
			enc, err := EncodeSecretMultikey(priv)
			if err != nil {
				t.Fatal(err)
			}
			if v.canonicalSecret && enc != v.secret {
				t.Errorf("%s: EncodeSecretMultikey = %q, want %q", v.name, enc, v.secret)
			}
			if again, err := ParseSecretMultikey(enc); err != nil || !sameKey(again.Public(), pub) {
				t.Errorf("%s: secret round trip: %v", v.name, err)
			}
		})
	}
	// The 1EdTech public key is also given in hex.
	pub, _ := ParseMultikey(multikeyVectors[0].public)
	if hex.EncodeToString(pub.(ed25519.PublicKey)) != "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5" {
		t.Error("1EdTech public key bytes differ from the published hex")
	}
}

func TestMultikeyRoundTrip(t *testing.T) {
	for _, kt := range []KeyType{KeyEd25519, KeyP256, KeyP384} {
		k := testKeys[kt]
		mk, err := EncodeMultikey(k.Public())
		if err != nil {
			t.Fatal(err)
		}
		prefix := map[KeyType]string{KeyEd25519: "z6Mk", KeyP256: "zDn", KeyP384: "z82"}[kt]
		if !strings.HasPrefix(mk, prefix) {
			t.Errorf("%s Multikey %q does not start with %q", kt, mk, prefix)
		}
		pub, err := ParseMultikey(mk)
		if err != nil || !sameKey(pub, k.Public()) {
			t.Errorf("%s: round trip: %v", kt, err)
		}
		if mk2, _ := EncodeMultikey(k); mk2 != mk {
			t.Errorf("%s: EncodeMultikey(signer) differs from EncodeMultikey(public)", kt)
		}
	}
	if _, err := EncodeMultikey(testKeys[KeyRSA].Public()); !errors.Is(err, errUnsupportedKey) {
		t.Errorf("RSA Multikey: error = %v, want errUnsupportedKey", err)
	}
}

func mb(b ...[]byte) string {
	var all []byte
	for _, x := range b {
		all = append(all, x...)
	}
	s, _ := multibase.Encode(multibase.Base58BTC, all)
	return s
}

func TestParseMultikeyRejects(t *testing.T) {
	edPub := []byte(testKeys[KeyEd25519].Public().(ed25519.PublicKey))
	p256u, _ := testKeys[KeyP256].Public().(interface{ Bytes() ([]byte, error) }).Bytes()
	tests := []struct {
		in   string
		want error
		why  string
	}{
		{"", errInvalidMultikey, "empty"},
		{"u7QE", errInvalidMultikey, "base64url is not allowed for Multikey"},
		{"z", errInvalidMultikey, "no codec"},
		{"z0", errInvalidMultikey, "bad base58"},
		{mb([]byte{0xed, 0x01}, edPub[:31]), ErrInvalidKey, "short Ed25519 key"},
		{mb([]byte{0xed, 0x01}, edPub, []byte{0}), ErrInvalidKey, "long Ed25519 key"},
		{mb([]byte{0xed, 0x81, 0x00}, edPub), errInvalidMultikey, "non-minimal varint"},
		{mb([]byte{0x80, 0x24}, p256u), errInvalidMultikey, "uncompressed P-256 point"},
		{mb([]byte{0x80, 0x24, 0x02}, bytes.Repeat([]byte{0xff}, 32)), ErrInvalidKey, "P-256 x >= p"},
		{mb([]byte{0xe7, 0x01, 0x02}, make([]byte, 32)), errUnsupportedKey, "secp256k1"},
		{mb([]byte{0xec, 0x01}, make([]byte, 32)), errUnsupportedKey, "X25519"},
		{mb([]byte{0x82, 0x24}, make([]byte, 67)), errUnsupportedKey, "P-521"},
		{mb([]byte{0x85, 0x24}, make([]byte, 270)), errUnsupportedKey, "RSA"},
		{mb([]byte{0xff, 0xff, 0x03}), errUnsupportedKey, "unknown codec"},
		{mb([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), errInvalidMultikey, "over-long varint"},
		{multikeyVectors[1].secret, errInvalidMultikey, "a secret key where a public key belongs"},
		{"z" + strings.Repeat("2", multibase.MaxEncodedLen), errInvalidMultikey, "oversized"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := ParseMultikey(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("%s: ParseMultikey error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
	seed := make([]byte, 32)
	other := ed25519.NewKeyFromSeed(append([]byte{1}, seed[1:]...))
	for _, tt := range []struct {
		in   string
		want error
		why  string
	}{
		{mb([]byte{0x80, 0x26}, seed, other[32:]), errInvalidMultikey, "64-byte Ed25519 secret whose public half is another key's"},
		{mb([]byte{0x80, 0x26}, seed[:31]), ErrInvalidKey, "short seed"},
		{mb([]byte{0x86, 0x26}, make([]byte, 32)), ErrInvalidKey, "P-256 scalar zero"},
		{multikeyVectors[0].public, errInvalidMultikey, "a public key where a secret belongs"},
	} {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := ParseSecretMultikey(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("%s: ParseSecretMultikey error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
}

func FuzzParseMultikey(f *testing.F) {
	for _, v := range multikeyVectors {
		f.Add(v.public)
		f.Add(v.secret)
	}
	for _, s := range []string{"", "z", "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", "z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F", "u7QE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if pub, err := ParseMultikey(s); err == nil {
			// Anything accepted re-encodes to itself: one key, one string.
			again, err := EncodeMultikey(pub)
			if err != nil || again != s {
				t.Fatalf("ParseMultikey(%q) re-encodes to %q, %v", s, again, err)
			}
		}
		if priv, err := ParseSecretMultikey(s); err == nil {
			if _, err := EncodeSecretMultikey(priv); err != nil {
				t.Fatalf("EncodeSecretMultikey after ParseSecretMultikey(%q): %v", s, err)
			}
			var _ crypto.Signer = priv
		}
	})
}
