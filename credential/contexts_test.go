package credential

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
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

// TestContextLoaderOptionsReachLoader: every field of ContextLoaderOptions
// and RemoteContexts (credential's own types, not aliases) takes effect.
func TestContextLoaderOptionsReachLoader(t *testing.T) {
	const ctxDoc = `{"@context": {"skillLevel": "https://contexts.example.org/skills#level"}}`
	var fetched atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		w.Header().Set("Content-Type", "application/ld+json")
		io.WriteString(w, ctxDoc)
	}))
	defer srv.Close()
	remoteURL := srv.URL + "/skills/v1"
	key, err := NewIssuerKey(KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + remoteURL + `"],
		"type": ["VerifiableCredential"], "issuer": "` + key.DID + `",
		"credentialSubject": {"id": "did:example:learner", "skillLevel": "expert"}}`)
	for _, tt := range []struct {
		name        string
		opts        *ContextLoaderOptions
		wantNewErr  bool // NewContextLoader refuses the options
		wantSignErr error
		wantFetches int32
	}{
		{"remote allowed: fetched once", &ContextLoaderOptions{Remote: &RemoteContexts{Client: srv.Client(), Allow: []string{srv.URL + "/"}}}, false, nil, 1},
		{"remote not configured: unknown context", &ContextLoaderOptions{}, false, ErrUnknownContext, 0},
		{"remote without a client: refused at construction", &ContextLoaderOptions{Remote: &RemoteContexts{Allow: []string{srv.URL + "/"}}}, true, nil, 0},
		{"remote allowlist elsewhere: not fetched", &ContextLoaderOptions{Remote: &RemoteContexts{Client: srv.Client(), Allow: []string{"https://elsewhere.example/"}}}, false, ErrUnknownContext, 0},
		{"host context over MaxContextBytes: refused", &ContextLoaderOptions{MaxContextBytes: 10, Contexts: map[string][]byte{remoteURL: []byte(ctxDoc)}}, true, nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fetched.Store(0)
			loader, err := NewContextLoader(tt.opts)
			if (err != nil) != tt.wantNewErr {
				t.Fatalf("NewContextLoader: %v, want error %v", err, tt.wantNewErr)
			}
			if err != nil {
				return
			}
			_, err = AddProof(context.Background(), doc, SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod, Loader: loader})
			if tt.wantSignErr == nil && err != nil || tt.wantSignErr != nil && !errors.Is(err, tt.wantSignErr) {
				t.Fatalf("AddProof: %v, want %v", err, tt.wantSignErr)
			}
			if n := fetched.Load(); n != tt.wantFetches {
				t.Errorf("%d fetches, want %d", n, tt.wantFetches)
			}
		})
	}
}

// TestContextLoaderZeroAndNil: a nil *ContextLoader and the zero
// ContextLoader both mean the embedded contexts only, for signing and
// verifying alike, and AddContext refuses them (they have nowhere to keep
// a document) instead of panicking.
func TestContextLoaderZeroAndNil(t *testing.T) {
	made, err := NewContextLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	key, err := NewIssuerKey(KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential"], "issuer": "` + key.DID + `",
		"credentialSubject": {"id": "did:example:learner"}}`)
	const hostCtx = `{"@context": {"skillLevel": "https://contexts.example.org/skills#level"}}`
	tests := []struct {
		name      string
		loader    *ContextLoader
		canAdd    bool
		whyNotAdd string
	}{
		{"nil", nil, false, "a nil loader is the embedded contexts only"},
		{"zero", &ContextLoader{}, false, "the zero loader was not made by NewContextLoader"},
		{"made", made, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			signed, err := AddProof(ctx, doc, SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod, Loader: tt.loader})
			if err != nil {
				t.Fatalf("signing with the embedded contexts: %v", err)
			}
			rep, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: tt.loader, RequireIssuerController: true})
			if err != nil || rep.Err() != nil {
				t.Fatalf("verifying with the embedded contexts: %v %v", err, rep.Err())
			}
			err = tt.loader.AddContext("https://contexts.example.org/skills/"+tt.name, []byte(hostCtx))
			if (err == nil) != tt.canAdd {
				t.Fatalf("AddContext: err = %v, want success %v (%s)", err, tt.canAdd, tt.whyNotAdd)
			}
			if tt.canAdd {
				if err := tt.loader.AddContext("https://www.w3.org/ns/credentials/v2", []byte(hostCtx)); err == nil {
					t.Error("AddContext replaced an embedded context")
				}
			}
		})
	}
}
