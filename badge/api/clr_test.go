package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
	"github.com/microcred/microcred/credential"
)

// clrFor signs a CLR 2.0 credential bundling one signed badge.
func (e *env) clrFor(t *testing.T, learner, id string, validFrom time.Time) []byte {
	t.Helper()
	inner := e.badgeFor(t, learner, credID(900), validFrom, false)
	var a badge.Achievement
	var parsed struct {
		CredentialSubject struct {
			Achievement json.RawMessage `json:"achievement"`
		} `json:"credentialSubject"`
	}
	if err := json.Unmarshal(inner, &parsed); err != nil || json.Unmarshal(parsed.CredentialSubject.Achievement, &a) != nil {
		t.Fatalf("inner badge: %v", err)
	}
	clr, err := badge.NewClrCredential(badge.Profile{ID: e.issuer.DID, Name: "Test Academy"}, badge.ClrSubject{
		ID: learner, Achievement: []badge.Achievement{a}, VerifiableCredential: []json.RawMessage{inner},
	}, "Test Record", &badge.Options{ID: id, ValidFrom: validFrom.UTC().Truncate(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := json.Marshal(clr)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := credential.AddProof(context.Background(), unsigned, credential.SignOptions{Signer: e.issuer.Signer, VerificationMethod: e.issuer.VerificationMethod})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// TestCLR runs the CLR 2.0 API: its own scopes, its own list, ClrCredentials
// only; an Open Badges credential is refused there and a CLR on the Open
// Badges API.
func TestCLR(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	r := e.register(t)
	svc, err := client.Discover(t.Context(), e.hc, e.base, true)
	if err != nil {
		t.Fatal(err)
	}
	c, _, tok := e.login(t, r, "clr-learner", api.ScopeClrCredentialRead, api.ScopeClrCredentialUpsert, api.ScopeCredentialUpsert)
	clrAPI, err := client.New(e.bearerClient(t, tok.AccessToken), svc.APIURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	t0 := time.Now().Add(-48 * time.Hour)
	rec := e.clrFor(t, "did:example:clr-learner", "urn:uuid:11111111-1111-4111-8111-111111111111", t0)
	if out, err := clrAPI.Upsert(ctx, rec); err != nil || out != client.Inserted {
		t.Fatalf("CLR upsert: %v %v", out, err)
	}
	newer := e.clrFor(t, "did:example:clr-learner", "urn:uuid:11111111-1111-4111-8111-111111111111", t0.Add(time.Hour))
	if out, err := clrAPI.Upsert(ctx, newer); err != nil || out != client.Replaced {
		t.Fatalf("newer CLR: %v %v", out, err)
	}
	p, err := clrAPI.Page(ctx, client.ListOptions{})
	if err != nil || p.Total != 1 || !bytes.Equal(p.Credentials[0].JSON, newer) {
		t.Fatalf("CLR list: %+v %v", p, err)
	}
	// Wrong kind on each API.
	resp, b := e.do(t, "POST", api.PathCLR+"/credentials", tok.AccessToken, "application/json", bytes.NewReader(e.badgeFor(t, "did:example:clr-learner", credID(901), t0, false)))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an OpenBadgeCredential on the CLR API: HTTP %d %s", resp.StatusCode, b)
	}
	if _, err := c.Upsert(ctx, rec); err == nil {
		t.Error("a ClrCredential was accepted on the Open Badges API")
	}
	// The CLR list and the Open Badges list are separate.
	_, _, obTok := e.login(t, r, "clr-learner")
	if resp, _ := e.do(t, "GET", api.PathOB+"/credentials", obTok.AccessToken, "", nil); resp.Header.Get("X-Total-Count") != "0" {
		t.Errorf("the Open Badges list holds the CLR: X-Total-Count %q", resp.Header.Get("X-Total-Count"))
	}
}
