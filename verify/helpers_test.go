package verify

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/fixtures"
)

// fixedNow is the clock for fixture tests: after every fixture's validFrom
// and before the validUntil of the ones that are meant to be valid.
var fixedNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return fixedNow }

// route is one canned HTTP response.
type route struct {
	status      int
	contentType string
	body        []byte
}

// mapTransport is an http.RoundTripper serving canned responses by URL and
// 404 for everything else, so tests that need "the network" never touch it.
type mapTransport struct {
	routes map[string]route
	hits   atomic.Int64
}

func (m *mapTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	m.hits.Add(1)
	u := *req.URL
	u.Fragment = ""
	rt, ok := m.routes[u.String()]
	if !ok {
		rt = route{status: 404, contentType: "text/plain", body: []byte("not found")}
	}
	if rt.status == 0 {
		rt.status = 200
	}
	if rt.contentType == "" {
		rt.contentType = "application/json"
	}
	return &http.Response{
		StatusCode:    rt.status,
		Status:        fmt.Sprintf("%d %s", rt.status, http.StatusText(rt.status)),
		Header:        http.Header{"Content-Type": {rt.contentType}},
		Body:          io.NopCloser(bytes.NewReader(rt.body)),
		ContentLength: int64(len(rt.body)),
		Request:       req,
	}, nil
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureNetwork serves the documents the validator's network-dependent
// fixtures fetched (see testdata/SOURCES.md).
func fixtureNetwork(t testing.TB) *mapTransport {
	return &mapTransport{routes: map[string]route{
		"https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist": {
			contentType: "text/plain; charset=utf-8", body: fixtures.Read(t, "1edtech/validator/ob30/bit-string-list/testlist")},
		"https://dc.1edtech.org/wellspring2022/wellspring-portal/org/da1e96e9-afcc-4eed-b9a2-2ddf7353214c/did.json": {
			contentType: "application/did+json", body: readFile(t, "testdata/network/wellspring-org-did.json")},
		"https://dc.1edtech.org/wellspring2022/wellspring-portal/api/revocations/da1e96e9-afcc-4eed-b9a2-2ddf7353214c": {
			body: readFile(t, "testdata/network/wellspring-revocations.json")},
	}}
}

// testIssuer is a did:key issuer with its signing key.
type testIssuer struct {
	key crypto.Signer
	did string
	vm  string
}

func newIssuer(t testing.TB) testIssuer {
	t.Helper()
	k, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, err := credential.DIDKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	vm, err := credential.DIDKeyVerificationMethod(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return testIssuer{k, did, vm}
}

// unsignedCredential is the 1EdTech test-vector credential with issuer.id
// set to issuer, after mod (if any) has edited it.
func unsignedCredential(t testing.TB, issuer string, mod func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(fixtures.Read(t, "1edtech/testvectors/obv3p0-unsigned.json"), &m); err != nil {
		t.Fatal(err)
	}
	m["issuer"].(map[string]any)["id"] = issuer
	if mod != nil {
		mod(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// signDI adds a Data Integrity proof made by iss (verification method vm,
// or iss.vm when empty).
func signDI(t testing.TB, doc []byte, iss testIssuer, o credential.SignOptions) []byte {
	t.Helper()
	o.Signer = iss.key
	if o.VerificationMethod == "" {
		o.VerificationMethod = iss.vm
	}
	if o.Created.IsZero() {
		o.Created = fixedNow.Add(-time.Hour)
	}
	out, err := credential.AddProof(context.Background(), doc, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// issue returns a credential from iss, signed by iss.
func issue(t testing.TB, iss testIssuer, mod func(map[string]any)) []byte {
	return signDI(t, unsignedCredential(t, iss.did, mod), iss, credential.SignOptions{})
}

func offlineVerifier(t testing.TB, cfg Config) *Verifier {
	t.Helper()
	if cfg.Clock == nil {
		cfg.Clock = fixedClock
	}
	v, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustVerify(t testing.TB, v *Verifier, in []byte) *Report {
	t.Helper()
	r, err := v.Verify(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// expectFail asserts the report failed at check id with an error that
// errors.Is target.
func expectFail(t *testing.T, r *Report, id CheckID, target error) {
	t.Helper()
	if r.Verdict != Failed {
		t.Fatalf("verdict %s, want failed at %s\n%s", r.Verdict, id, r)
	}
	c := r.Check(id)
	if c == nil || c.Outcome != Fail {
		t.Fatalf("check %s did not fail\n%s", id, r)
	}
	if target != nil && !errors.Is(r.Err(), target) {
		t.Fatalf("Err() = %v; want errors.Is %v", r.Err(), target)
	}
	var ce *CheckError
	if !errors.As(r.Err(), &ce) {
		t.Fatalf("Err() has no *CheckError: %v", r.Err())
	}
}

// expectUnverified asserts an Unverified report whose check id is not
// established and whose Err wraps ErrUnverified and target.
func expectUnverified(t *testing.T, r *Report, id CheckID, target error) {
	t.Helper()
	if r.Verdict != Unverified || r.OK() {
		t.Fatalf("verdict %s, want unverified at %s\n%s", r.Verdict, id, r)
	}
	if c := r.Check(id); c == nil || c.Outcome != NotEstablished {
		t.Fatalf("check %s is not not_established\n%s", id, r)
	}
	if !errors.Is(r.Err(), ErrUnverified) || target != nil && !errors.Is(r.Err(), target) {
		t.Fatalf("Err() = %v; want errors.Is ErrUnverified and %v", r.Err(), target)
	}
}
