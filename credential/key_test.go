package credential

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"
	"strings"
	"testing"
)

var signingKeyTypes = []KeyType{KeyEd25519, KeyP256, KeyP384, KeyRSA}

// testKeys caches one generated key per type for the test binary; RSA
// generation is slow on a shared machine. Tests never mutate the keys.
var testKeys = func() map[KeyType]crypto.Signer {
	m := map[KeyType]crypto.Signer{}
	for _, t := range signingKeyTypes {
		k, err := GenerateKey(t)
		if err != nil {
			panic(err)
		}
		m[t] = k
	}
	return m
}()

func TestGenerateKey(t *testing.T) {
	for _, kt := range signingKeyTypes {
		k := testKeys[kt]
		got, err := KeyTypeOf(k)
		if err != nil || got != kt {
			t.Errorf("KeyTypeOf(GenerateKey(%s)) = %q, %v", kt, got, err)
		}
	}
	if r, ok := testKeys[KeyRSA].(*rsa.PrivateKey); !ok || r.N.BitLen() < MinRSABits {
		t.Errorf("RSA key is not at least %d bits", MinRSABits)
	}
	if _, err := GenerateKey("secp256k1"); !errors.Is(err, errUnsupportedKey) {
		t.Errorf("GenerateKey(secp256k1) error = %v, want errUnsupportedKey", err)
	}
}

func TestKeyTypeOfRejects(t *testing.T) {
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	tests := []struct {
		key  any
		want error
		why  string
	}{
		{&p224.PublicKey, errUnsupportedKey, "P-224 is not an allowed curve"},
		{&small.PublicKey, ErrInvalidKey, "RSA below MinRSABits"},
		{ed25519.PublicKey(make([]byte, 31)), ErrInvalidKey, "short Ed25519 key"},
		{"not a key", errUnsupportedKey, "a string"},
		{(*ecdsa.PublicKey)(nil), ErrInvalidKey, "nil ECDSA key"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := KeyTypeOf(tt.key); !errors.Is(err, tt.want) {
				t.Errorf("%s: KeyTypeOf error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
}

func TestRawRoundTrip(t *testing.T) {
	for _, kt := range signingKeyTypes {
		k := testKeys[kt]
		pubRaw, err := marshalPublicKeyRaw(k.Public())
		if err != nil {
			t.Fatalf("%s: marshalPublicKeyRaw: %v", kt, err)
		}
		pub, err := parsePublicKeyRaw(kt, pubRaw)
		if err != nil || !pub.(interface{ Equal(crypto.PublicKey) bool }).Equal(k.Public()) {
			t.Errorf("%s: public raw round trip: %v", kt, err)
		}
		privRaw, err := marshalPrivateKeyRaw(k)
		if err != nil {
			t.Fatalf("%s: marshalPrivateKeyRaw: %v", kt, err)
		}
		priv, err := parsePrivateKeyRaw(kt, privRaw)
		if err != nil || !priv.(interface{ Equal(crypto.PrivateKey) bool }).Equal(k) {
			t.Errorf("%s: private raw round trip: %v", kt, err)
		}
	}
	// An uncompressed point is accepted in raw form too.
	ec := testKeys[KeyP256].Public().(*ecdsa.PublicKey)
	u, _ := ec.Bytes()
	if pub, err := parsePublicKeyRaw(KeyP256, u); err != nil || !pub.(*ecdsa.PublicKey).Equal(ec) {
		t.Errorf("uncompressed P-256 point: %v", err)
	}
	bad := append([]byte{2}, bytes.Repeat([]byte{0xff}, 32)...) // x >= p
	if _, err := parsePublicKeyRaw(KeyP256, bad); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("point not on curve: error = %v, want ErrInvalidKey", err)
	}
}

// kmsSigner stands for a KMS or HSM: it signs but never exposes its key.
type kmsSigner struct {
	inner crypto.Signer
	calls *int
}

func (s kmsSigner) Public() crypto.PublicKey { return s.inner.Public() }
func (s kmsSigner) Sign(r io.Reader, d []byte, o crypto.SignerOpts) ([]byte, error) {
	*s.calls++
	return s.inner.Sign(r, d, o)
}

func newKMS(t KeyType) kmsSigner { return kmsSigner{inner: testKeys[t], calls: new(int)} }

func TestOpaqueSignerIdentity(t *testing.T) {
	s := newKMS(KeyP256)
	if _, err := marshalPrivateKeyRaw(s); !errors.Is(err, errUnsupportedKey) {
		t.Errorf("exporting a KMS signer: error = %v, want errUnsupportedKey", err)
	}
	if _, err := EncodeSecretMultikey(s); !errors.Is(err, errUnsupportedKey) {
		t.Errorf("EncodeSecretMultikey of a KMS signer: error = %v, want errUnsupportedKey", err)
	}
	did, err := DIDKey(s)
	if err != nil || !strings.HasPrefix(did, "did:key:zDn") {
		t.Errorf("DIDKey(KMS signer) = %q, %v", did, err)
	}
	vmID, _ := DIDKeyVerificationMethod(s.Public())
	vm, err := OfflineResolver{}.ResolveVerificationMethod(context.Background(), vmID)
	if err != nil || !vm.PublicKey.(*ecdsa.PublicKey).Equal(s.Public()) {
		t.Errorf("resolving the KMS signer's did:key: %v", err)
	}
}

func FuzzParseKeyRaw(f *testing.F) {
	for _, kt := range signingKeyTypes {
		pub, _ := marshalPublicKeyRaw(testKeys[kt].Public())
		priv, _ := marshalPrivateKeyRaw(testKeys[kt])
		f.Add(string(kt), pub)
		f.Add(string(kt), priv)
	}
	f.Fuzz(func(t *testing.T, kt string, b []byte) {
		if pub, err := parsePublicKeyRaw(KeyType(kt), b); err == nil {
			if _, err := marshalPublicKeyRaw(pub); err != nil {
				t.Fatalf("accepted %s key does not marshal: %v", kt, err)
			}
		}
		_, _ = parsePrivateKeyRaw(KeyType(kt), b)
	})
}
