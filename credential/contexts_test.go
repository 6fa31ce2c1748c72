package credential

import (
	"context"
	"errors"
	"testing"
)

// TestContextLoaderHostContexts: a host adds its own context through the
// public API, signs with it and verifies with it; without it the same
// credential is refused, naming the unknown context.
func TestContextLoaderHostContexts(t *testing.T) {
	const url = "https://contexts.example.org/skills/v1"
	loader, err := NewContextLoader(&ContextLoaderOptions{Contexts: map[string][]byte{
		url: []byte(`{"@context": {"skillLevel": "https://contexts.example.org/skills#level"}}`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	key, err := NewIssuerKey(KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + url + `"],
		"type": ["VerifiableCredential"], "issuer": "` + key.DID + `",
		"credentialSubject": {"id": "did:example:learner", "skillLevel": "expert"}}`)
	ctx := context.Background()
	signed, err := AddProof(ctx, doc, SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod, Loader: loader})
	if err != nil {
		t.Fatalf("signing with a host context: %v", err)
	}
	rep, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true})
	if err != nil || rep.Err() != nil {
		t.Fatalf("verifying with the host context: %v %v", err, rep.Err())
	}
	_, err = AddProof(ctx, doc, SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod})
	if !errors.Is(err, ErrUnknownContext) {
		t.Fatalf("without the host context: err = %v, want one naming the unknown context", err)
	}
}
