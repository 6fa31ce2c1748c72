package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
)

// TestExampleVerifiesSigned signs the sample credentials with a fresh
// did:key, runs the example (verifying by default, offline), and expects them to count; then
// changes one signed byte and expects that credential to be rejected.
func TestExampleVerifiesSigned(t *testing.T) {
	ctx := context.Background()
	key, err := credential.GenerateKey(credential.KeyEd25519)
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
	dir := t.TempDir()
	// The sample pathway trusts the example.edu issuers; trust the test key.
	def, err := os.ReadFile("testdata/webdev.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(def, &doc); err != nil {
		t.Fatal(err)
	}
	doc["trustedIssuers"] = []string{did}
	def, _ = json.Marshal(doc)
	pathwayFile := filepath.Join(dir, "webdev.json")
	if err := os.WriteFile(pathwayFile, def, 0o644); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, n := range []string{"html", "javascript-101", "http", "react", "security", "capstone"} {
		b, err := os.ReadFile(filepath.Join("testdata", n+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		c["issuer"].(map[string]any)["id"] = did
		b, _ = json.Marshal(c)
		signed, err := credential.AddProof(ctx, b, credential.SignOptions{Signer: key, VerificationMethod: vm,
			// Signed before the evaluation date: the verifier's clock is -as-of.
			Created: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, n+".json")
		if err := os.WriteFile(f, signed, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var out, errb bytes.Buffer
	args := append([]string{"-offline", "-pathway", pathwayFile, "-as-of", "2025-10-01"}, files...)
	if code := run(ctx, args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"0 refused", "100% complete", "complete: award urn:uuid:"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
	// Tamper: one changed byte in the signed capstone credential.
	b, _ := os.ReadFile(files[5])
	b = bytes.Replace(b, []byte("Capstone project"), []byte("Capstone projecT"), 1)
	if err := os.WriteFile(files[5], b, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(ctx, args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"1 refused", "refused " + files[5], "not complete: no award"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("after tampering, output lacks %q:\n%s", w, out.String())
		}
	}
}

// TestExampleExpiredGuidance: an authentic credential that has expired is
// refused, never counted, and still explained, so the learner knows what to
// renew.
func TestExampleExpiredGuidance(t *testing.T) {
	ctx := context.Background()
	key, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	dir := t.TempDir()
	def, err := os.ReadFile("testdata/webdev.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(def, &doc); err != nil {
		t.Fatal(err)
	}
	doc["trustedIssuers"] = []string{did}
	def, _ = json.Marshal(doc)
	pathwayFile := filepath.Join(dir, "webdev.json")
	if err := os.WriteFile(pathwayFile, def, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/html.json")
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c["issuer"].(map[string]any)["id"] = did
	c["validUntil"] = "2025-06-01T00:00:00Z"
	b, _ = json.Marshal(c)
	signed, err := credential.AddProof(ctx, b, credential.SignOptions{Signer: key, VerificationMethod: vm,
		Created: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "html.json")
	if err := os.WriteFile(f, signed, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"-offline", "-pathway", pathwayFile, "-as-of", "2025-10-01", f}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"1 refused", "outside its validity period, so it does not count", "HTML and CSS: expired", "0% complete"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}
