package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

func writeKey(t *testing.T, kt credential.KeyType) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-new-key", string(kt)}, nil, &out, &errb); code != 0 {
		t.Fatalf("-new-key %s: exit %d: %s", kt, code, errb.String())
	}
	p := filepath.Join(t.TempDir(), "key.jwk")
	if err := os.WriteFile(p, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIssueSignsWhatVerifies(t *testing.T) {
	unsigned, err := os.ReadFile(filepath.Join("testdata", "unsigned.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kt        credential.KeyType
		format    string
		wantSuite string
	}{
		{credential.KeyEd25519, "di", "eddsa-rdfc-2022"},
		{credential.KeyP256, "di", "ecdsa-rdfc-2019"},
		{credential.KeyP384, "di", "ecdsa-rdfc-2019"},
		{credential.KeyEd25519, "jwt", "EdDSA"},
		{credential.KeyP256, "jwt", "ES256"},
		{credential.KeyRSA, "jwt", "RS256"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kt)+"/"+tt.format, func(t *testing.T) {
			keyFile := writeKey(t, tt.kt)
			var out, errb bytes.Buffer
			code := run(context.Background(), []string{"-key", keyFile, "-format", tt.format}, bytes.NewReader(unsigned), &out, &errb)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			ctx := context.Background()
			if tt.format == "jwt" {
				res, err := credential.VerifyJWT(ctx, strings.TrimSpace(out.String()), credential.JWTVerifyOptions{})
				if err == nil {
					err = res.KeyBoundTo(res.Issuer)
				}
				if err != nil {
					t.Fatalf("the JWT does not verify: %v", err)
				}
				if res.Header.Alg != tt.wantSuite {
					t.Errorf("alg = %q, want %q", res.Header.Alg, tt.wantSuite)
				}
				if !strings.HasPrefix(res.Issuer, "did:") {
					t.Errorf("issuer %q is not the key's DID", res.Issuer)
				}
				return
			}
			rep, err := credential.VerifyProofs(ctx, out.Bytes(), credential.VerifyOptions{RequireIssuerController: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Err(); err != nil {
				t.Fatalf("the signed credential does not verify: %v", err)
			}
			if got := rep.Proofs[0].Cryptosuite; got != tt.wantSuite {
				t.Errorf("cryptosuite = %q, want %q", got, tt.wantSuite)
			}
		})
	}
}

func TestIssueErrors(t *testing.T) {
	rsa := writeKey(t, credential.KeyRSA)
	ed := writeKey(t, credential.KeyEd25519)
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  int
	}{
		{"no key is a usage error", nil, "{}", 2},
		{"unknown format is a usage error", []string{"-key", ed, "-format", "xml"}, "{}", 2},
		{"stray argument is a usage error", []string{"-key", ed, "extra"}, "{}", 2},
		{"RSA has no Data Integrity suite", []string{"-key", rsa}, `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"x","credentialSubject":{"id":"did:example:1"}}`, 1},
		{"input that is not JSON fails", []string{"-key", ed}, "not json", 1},
		{"missing key file fails", []string{"-key", filepath.Join(t.TempDir(), "absent.jwk")}, "{}", 1},
		{"unknown key type for -new-key fails", []string{"-new-key", "secp256k1"}, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(context.Background(), tt.args, strings.NewReader(tt.stdin), &out, &errb); code != tt.want {
				t.Fatalf("exit %d, want %d (stderr: %s)", code, tt.want, errb.String())
			}
			if tt.want != 0 && errb.Len() == 0 {
				t.Error("a failure printed nothing on standard error")
			}
		})
	}
}
