package credential_test

import (
	"context"
	"errors"
	"testing"

	"github.com/microcred/microcred/credential"
)

// TestNegativeLimitsRefused: zero means the documented default; a negative
// cap is refused, never read as "no limit".
func TestNegativeLimitsRefused(t *testing.T) {
	k, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"` + k.DID + `","credentialSubject":{"id":"did:example:s"}}`)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts credential.SignOptions
	}{
		{"MaxDocumentBytes", credential.SignOptions{MaxDocumentBytes: -1}},
		{"MaxDepth", credential.SignOptions{MaxDepth: -1}},
	} {
		t.Run("AddProof/"+tc.name, func(t *testing.T) {
			tc.opts.Signer, tc.opts.VerificationMethod = k.Signer, k.VerificationMethod
			if _, err := credential.AddProof(ctx, doc, tc.opts); !errors.Is(err, credential.ErrInvalidOptions) {
				t.Errorf("AddProof with a negative %s: %v, want ErrInvalidOptions", tc.name, err)
			}
		})
	}
	signed, err := credential.AddProof(ctx, doc, credential.SignOptions{Signer: k.Signer, VerificationMethod: k.VerificationMethod})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts credential.VerifyOptions
	}{
		{"MaxDocumentBytes", credential.VerifyOptions{MaxDocumentBytes: -1}},
		{"MaxDepth", credential.VerifyOptions{MaxDepth: -1}},
		{"MaxProofs", credential.VerifyOptions{MaxProofs: -1}},
	} {
		t.Run("VerifyProofs/"+tc.name, func(t *testing.T) {
			if _, err := credential.VerifyProofs(ctx, signed, tc.opts); !errors.Is(err, credential.ErrInvalidOptions) {
				t.Errorf("VerifyProofs with a negative %s: %v, want ErrInvalidOptions", tc.name, err)
			}
		})
	}
	if _, err := credential.VerifyProofs(ctx, signed, credential.VerifyOptions{}); err != nil {
		t.Errorf("zero options: %v", err)
	}
}
