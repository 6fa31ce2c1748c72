package credential_test

import (
	"context"
	"crypto"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

func TestNewIssuerKey(t *testing.T) {
	for _, kt := range []credential.KeyType{credential.KeyEd25519, credential.KeyP256, credential.KeyP384} {
		t.Run(string(kt), func(t *testing.T) {
			k, err := credential.NewIssuerKey(kt)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := credential.KeyTypeOf(k.Signer); err != nil || got != kt {
				t.Errorf("KeyTypeOf(Signer) = %q, %v; want %q", got, err, kt)
			}
			if !strings.HasPrefix(k.VerificationMethod, k.DID+"#") {
				t.Errorf("VerificationMethod %q is not a URL of DID %q", k.VerificationMethod, k.DID)
			}
			// The names must lead a verifier back to this very key.
			vm, err := credential.OfflineResolver{}.ResolveVerificationMethod(context.Background(), k.VerificationMethod)
			if err != nil {
				t.Fatal(err)
			}
			pub, ok := vm.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
			if !ok || !pub.Equal(k.Signer.Public()) {
				t.Errorf("%s resolves to another key", k.VerificationMethod)
			}
		})
	}
}

func TestNewIssuerKeyRefuses(t *testing.T) {
	for _, tc := range []struct {
		kt  credential.KeyType
		why string
	}{
		{credential.KeyRSA, "did:key has no RSA form"},
		{"Ed448", "not a key type the package generates"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if k, err := credential.NewIssuerKey(tc.kt); !errors.Is(err, credential.ErrUnsupported) {
				t.Errorf("NewIssuerKey(%q) = %v, %v; want ErrUnsupported (%s)", tc.kt, k, err, tc.why)
			}
		})
	}
}
