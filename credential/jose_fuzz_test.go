package credential

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func joseSeeds(f *testing.F) []string {
	var seeds []string
	files, _ := filepath.Glob("testdata/jose/w3c-input/*.txt")
	files = append(files, "testdata/jose/1edtech-clr20-simple.jwt", "testdata/jose/1edtech-ob30-simple-jwt-png.jwt")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, strings.TrimSpace(string(b)))
	}
	return append(seeds, "", ".", "..", "e30.e30.", "eyJhbGciOiJub25lIn0.e30.", "a.b.c.d.e")
}

// FuzzVerifyJWT feeds arbitrary tokens to both verifiers: whatever the
// input, they return an error or a result, never panic, and anything
// accepted carries a JSON object as its credential.
func FuzzVerifyJWT(f *testing.F) {
	for _, s := range joseSeeds(f) {
		f.Add(s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, token string) {
		opts := jwtChecks{TrustEmbeddedJWK: true, Now: func() time.Time { return time.Unix(1734311050, 0) }}
		if res, err := verifyJWTChecked(ctx, token, opts); err == nil {
			if !json.Valid(res.Credential) {
				t.Fatalf("accepted token with invalid credential JSON %q", res.Credential)
			}
		}
		_, _, _ = verifyPresentationJWTChecked(ctx, token, opts)
	})
}

// FuzzVerifyJWTPayload signs arbitrary payloads and headers with a real
// key, so that the code after the signature check (claims, credential
// members, envelopes) sees hostile input too.
func FuzzVerifyJWTPayload(f *testing.F) {
	k := testKeys[KeyEd25519]
	vm, err := DIDKeyVerificationMethod(k.Public())
	if err != nil {
		f.Fatal(err)
	}
	did, _, _ := strings.Cut(vm, "#")
	f.Add(`{"iss":"x"}`, "JWT")
	f.Add(`{"vc":{"credentialSubject":[{"id":"a"},{"id":"b"}]},"sub":"a","nbf":1e300}`, "JWT")
	f.Add(`{"issuer":{"id":"did:key:x"},"validFrom":"2020-01-01T00:00:00Z","verifiableCredential":[{"type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt,a.b.c"}]}`, "vp+jwt")
	f.Add(string(obCredential(did, "")), "vc+jwt")
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, payload, typ string) {
		tok := craft(t, map[string]any{"alg": "EdDSA", "kid": vm, "typ": typ}, []byte(payload), k, nil)
		if res, err := verifyJWTChecked(ctx, tok, jwtChecks{}); err == nil && !json.Valid(res.Credential) {
			t.Fatalf("accepted payload %q with invalid credential JSON %q", payload, res.Credential)
		}
		_, _, _ = verifyPresentationJWTChecked(ctx, tok, jwtChecks{})
	})
}
