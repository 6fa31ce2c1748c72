package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

// signedByDIDKey returns testdata/simple.json re-issued by a fresh did:key
// (optionally changed first by mod) and signed with eddsa-rdfc-2022: a
// credential whose key, binding and status need no network, so -offline can
// establish everything about it.
func signedByDIDKey(t *testing.T, mod func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readTestdata(t, "simple.json"), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "proof")
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	did, err := credential.DIDKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	vm, err := credential.DIDKeyVerificationMethod(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	m["issuer"].(map[string]any)["id"] = did
	if mod != nil {
		mod(m)
	}
	doc, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := credential.AddProof(context.Background(), doc, credential.SignOptions{Signer: key, VerificationMethod: vm})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// forgedDIDWeb is simple.json claimed by a did:web issuer and "signed" with a
// proof whose value is garbage: offline, nothing about it can be checked.
func forgedDIDWeb(t *testing.T) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readTestdata(t, "simple.json"), &m); err != nil {
		t.Fatal(err)
	}
	m["issuer"].(map[string]any)["id"] = "did:web:registrar.example.edu"
	p := m["proof"].([]any)[0].(map[string]any)
	p["verificationMethod"] = "did:web:registrar.example.edu#key-1"
	p["proofValue"] = "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiqrA2Uz3unBwEXmh"
	b, _ := json.Marshal(m)
	return b
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := signedByDIDKey(t, nil)
	goodFile := write("good.json", good)
	// An issuer logo as a bare URL string: a schema finding, nothing else.
	logoURL := write("logo-url.json", signedByDIDKey(t, func(m map[string]any) {
		m["issuer"].(map[string]any)["image"] = "https://example.edu/logo.png"
	}))
	forged := write("forged-did-web.json", forgedDIDWeb(t))
	for _, tc := range []struct {
		name     string
		args     []string
		stdin    []byte
		code     int
		contains []string
	}{
		{"did:key credential, offline", []string{"-offline", goodFile}, nil, 0, []string{"VERIFIED:"}},
		{"from stdin", []string{"-offline", "-"}, good, 0, []string{"VERIFIED:"}},
		{"forged did:web offline is unverified, exit 1", []string{"-offline", forged}, nil, 1, []string{"UNVERIFIED", "verify: unverified", "without -offline"}},
		{"fragment key offline: its binding needs the network", []string{"-offline", "testdata/simple.json"}, nil, 1, []string{"UNVERIFIED", "issuer-binding"}},
		{"conformance finding warns by default", []string{"-offline", logoURL}, nil, 0, []string{"VERIFIED_WITH_WARNINGS", "conformant: no"}},
		{"conformance finding fails with -strict", []string{"-offline", "-strict", logoURL}, nil, 1, []string{"FAILED", "strict policy", "verify: failed"}},
		{"-strict leaves a conforming credential verified", []string{"-offline", "-strict", goodFile}, nil, 0, []string{"VERIFIED:"}},
		{"baked PNG with a VC-JWT; its key is only in the jwk header", []string{"-offline", "testdata/simple-jwt_v1.png"}, nil, 1, []string{"issuer-binding", "verify: failed"}},
		{"expired", []string{"-offline", "testdata/simple-err-expired.json"}, nil, 1, []string{"expired at 2010-01-01T00:00:00Z", "verify: failed"}},
		{"valid at a later -now", []string{"-offline", "-now", "2030-06-01T00:00:00Z", goodFile}, nil, 0, []string{"VERIFIED:"}},
		{"not yet valid at -now", []string{"-offline", "-now", "2000-01-01T00:00:00Z", goodFile}, nil, 1, []string{"not valid until", "Config.Skew"}},
		{"tampered", []string{"-offline", "-"}, bytes.Replace(good, []byte("Teamwork"), []byte("Teamwerk"), 1), 1, []string{"FAIL", "verify: failed"}},
		{"garbage", []string{"-offline", "-"}, []byte("not a credential"), 1, []string{"FAILED"}},
		{"no file", []string{"-offline"}, nil, 2, []string{"usage"}},
		{"two files", []string{"a", "b"}, nil, 2, []string{"usage"}},
		{"unknown flag", []string{"-frobnicate", "x"}, nil, 2, []string{"usage"}},
		{"bad -now", []string{"-now", "yesterday", "testdata/simple.json"}, nil, 2, []string{"RFC 3339"}},
		{"missing file", []string{"-offline", "testdata/nope.json"}, nil, 2, []string{"no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tc.args, bytes.NewReader(tc.stdin), &out, &errOut)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out.String(), errOut.String())
			}
			all := out.String() + errOut.String()
			for _, want := range tc.contains {
				if !strings.Contains(all, want) {
					t.Fatalf("output lacks %q:\n%s", want, all)
				}
			}
		})
	}
}

func TestRunJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-json", "-offline", "testdata/simple.json"}, nil, &out, &errOut); code != 1 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var report struct {
		MediaType string `json:"mediaType"`
		Verdict   string `json:"verdict"`
		Policy    string `json:"policy"`
		Authentic struct {
			Answer string   `json:"answer"`
			Checks []string `json:"checks"`
		} `json:"authentic"`
		Checks []struct {
			ID, Outcome string
		} `json:"checks"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, out.String())
	}
	// simple.json's key sits in its verification method's fragment; offline,
	// nothing can confirm it with the issuer, so authenticity is unknown.
	if report.Verdict != "unverified" || report.Policy != "default" || len(report.Checks) != 14 || report.Checks[0].ID != "parse" ||
		report.Checks[7].ID != "issuer-binding" || report.Checks[7].Outcome != "not_established" || report.MediaType == "" ||
		report.Authentic.Answer != "unknown" || len(report.Authentic.Checks) != 1 || report.Authentic.Checks[0] != "issuer-binding" {
		t.Fatalf("unexpected report: %+v", report)
	}
}
