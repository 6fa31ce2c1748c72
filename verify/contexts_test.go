package verify

import (
	"context"
	"errors"
	"testing"

	"github.com/microcred/microcred/credential"
)

// TestConfigContexts: a host's own context, given in Config.Contexts, lets
// its credentials verify; a default Verifier refuses them at the context
// check, naming the unknown context.
func TestConfigContexts(t *testing.T) {
	const url = "https://contexts.example.org/skills/v1"
	loader, err := credential.NewContextLoader(&credential.ContextLoaderOptions{Contexts: map[string][]byte{
		url: []byte(`{"@context": {"skillLevel": "https://contexts.example.org/skills#level"}}`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "` + url + `"],
		"id": "urn:uuid:6f1b0c1e-9a53-4a43-9d49-58c5b1a7e001",
		"type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Skills",
		"issuer": {"id": "` + key.DID + `", "type": ["Profile"], "name": "Issuer"},
		"validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": {"id": "did:example:learner", "type": ["AchievementSubject"], "skillLevel": "expert",
			"achievement": {"id": "https://example.edu/a/1", "type": ["Achievement"], "name": "A", "description": "A",
				"criteria": {"narrative": "Do A."}}}}`)
	ctx := context.Background()
	signed, err := credential.AddProof(ctx, doc, credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	withContexts, err := New(Config{Contexts: loader})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := withContexts.Verify(ctx, signed)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("with the host context: %s", rep)
	}
	plain, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err = plain.Verify(ctx, signed)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !errors.Is(rep.Err(), ErrContext) {
		t.Fatalf("without it: verdict %s, err %v; want a failed context check", rep.Verdict, rep.Err())
	}
}
