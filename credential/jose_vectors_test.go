package credential

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// TestOneEdTechJWTs verifies the VC-JWTs from the 1EdTech validator's test
// resources, which it accepts as valid. Both embed an RSA key in a jwk
// header and are issued by an https URL, so nothing ties the key to the
// issuer: they verify only when the host says it trusts embedded keys.
func TestOneEdTechJWTs(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		file     string
		format   JWTFormat
		issuer   string
		warnings int
		nested   int
		why      string
	}{
		{"1edtech-ob30-simple-jwt-png.jwt", FormatOpenBadgesJWT, "https://1edtech.edu/issuers/565049", 1, 0, "OB 3.0 JWT from a baked PNG; one warning: no sub claim"},
		{"1edtech-clr20-simple.jwt", FormatVC11JWT, "https://example.edu/issuers/565049", 0, 1, "CLR 2.0 as a VC 1.1 JWT with one nested credential"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile("testdata/jose/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			tok := strings.TrimSpace(string(b))
			if _, err := verifyJWTChecked(ctx, tok, jwtChecks{}); !errors.Is(err, errEmbeddedJWKUntrusted) {
				t.Errorf("%s without TrustEmbeddedJWK: error = %v, want errEmbeddedJWKUntrusted", tt.file, err)
			}
			opts := jwtChecks{TrustEmbeddedJWK: true}
			res, err := verifyJWTChecked(ctx, tok, opts)
			if err != nil {
				t.Fatalf("%s: %v", tt.file, err)
			}
			if res.Format != tt.format || res.Issuer != tt.issuer || !res.EmbeddedKey || res.Header.Alg != "RS256" || len(res.AddedFromClaims) != 0 ||
				len(res.Warnings) != tt.warnings {
				t.Errorf("%s (%s): result %+v", tt.file, tt.why, res)
			}
			var cred struct {
				Type              []string `json:"type"`
				CredentialSubject struct {
					VerifiableCredential []string `json:"verifiableCredential"`
				} `json:"credentialSubject"`
			}
			if err := json.Unmarshal(res.Credential, &cred); err != nil || len(cred.Type) == 0 {
				t.Fatalf("%s: credential %s: %v", tt.file, res.Credential, err)
			}
			if bytes.Contains(res.Credential, []byte(`"nbf"`)) || bytes.Contains(res.Credential, []byte(`"iss"`)) {
				t.Errorf("%s: JWT claims left in the credential: %s", tt.file, res.Credential)
			}
			if len(cred.CredentialSubject.VerifiableCredential) != tt.nested {
				t.Fatalf("%s: %d nested credentials, want %d", tt.file, len(cred.CredentialSubject.VerifiableCredential), tt.nested)
			}
			// The CLR carries its achievement credentials as VC-JWTs too.
			for _, nested := range cred.CredentialSubject.VerifiableCredential {
				if _, err := verifyJWTChecked(ctx, nested, opts); err != nil {
					t.Errorf("%s: nested credential: %v", tt.file, err)
				}
			}
			// One changed character of the payload fails it.
			parts := strings.Split(tok, ".")
			i := len(parts[1]) / 2
			c := byte('A')
			if parts[1][i] == 'A' {
				c = 'B'
			}
			parts[1] = parts[1][:i] + string(c) + parts[1][i+1:]
			if _, err := verifyJWTChecked(ctx, strings.Join(parts, "."), opts); err == nil {
				t.Errorf("%s: tampered payload verifies", tt.file)
			}
		})
	}
}

// TestVC11Claims checks the VC 1.1 JWT mapping: members missing from the
// vc claim are filled from iss, jti, sub, nbf and exp; present ones must
// agree.
func TestVC11Claims(t *testing.T) {
	ctx := context.Background()
	k := testKeys[KeyP256]
	did, vm := identity(t, k)
	hdr := map[string]any{"alg": "ES256", "kid": vm, "typ": "JWT"}
	sparse := []byte(`{"vc":{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],` +
		`"credentialSubject":{"name":"Ada"}},"iss":"` + did + `","jti":"urn:x:1","sub":"did:example:ada","nbf":1262304000,"exp":1893456000}`)
	res, err := verifyJWTChecked(ctx, craft(t, hdr, sparse, k, nil), jwtChecks{Now: jan2024})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"issuer":"` + did + `","id":"urn:x:1","issuanceDate":"2010-01-01T00:00:00Z","expirationDate":"2030-01-01T00:00:00Z",` +
		`"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:ada","name":"Ada"}}`
	if string(res.Credential) != want {
		t.Errorf("credential\n got %s\nwant %s", res.Credential, want)
	}
	if res.Format != FormatVC11JWT || strings.Join(res.AddedFromClaims, ",") != "expirationDate,issuanceDate,id,issuer,credentialSubject.id" {
		t.Errorf("format %s, added %q", res.Format, res.AddedFromClaims)
	}

	full := `{"vc":{"issuer":"` + did + `","id":"urn:x:1","issuanceDate":"2010-01-01T00:00:00Z","credentialSubject":{"id":"did:example:ada"}},` +
		`"iss":"` + did + `","jti":"urn:x:1","sub":"did:example:ada","nbf":1262304000}`
	res, err = verifyJWTChecked(ctx, craft(t, hdr, []byte(full), k, nil), jwtChecks{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(full, `{"vc":`+string(res.Credential)) || len(res.AddedFromClaims) != 0 {
		t.Errorf("complete vc claim not returned byte for byte: %s", res.Credential)
	}
	for _, bad := range []struct{ from, to, why string }{
		{`"iss":"` + did, `"iss":"did:example:mallory`, "iss"},
		{`"jti":"urn:x:1"`, `"jti":"urn:x:2"`, "jti"},
		{`"sub":"did:example:ada"`, `"sub":"did:example:bob"`, "sub"},
		{`"nbf":1262304000`, `"nbf":1262304001`, "nbf"},
	} {
		t.Run("changed "+bad.why, func(t *testing.T) {
			p := strings.Replace(full, bad.from, bad.to, 1)
			if _, err := verifyJWTChecked(ctx, craft(t, hdr, []byte(p), k, nil), jwtChecks{}); !errors.Is(err, errClaimMismatch) && !errors.Is(err, errIssuerKeyMismatch) {
				t.Errorf("%s disagreeing with the vc claim: error = %v", bad.why, err)
			}
		})
	}
}

func TestVCJWTAndPresentation(t *testing.T) {
	ctx := context.Background()
	issuerKey, holderKey := testKeys[KeyEd25519], testKeys[KeyP384]
	issuer, issuerVM := identity(t, issuerKey)
	holder, holderVM := identity(t, holderKey)
	cred := obCredential(issuer, "")
	vc, err := SignVCJWT(ctx, cred, issuerKey, JWTOptions{KeyID: issuerVM})
	if err != nil {
		t.Fatal(err)
	}
	res, err := verifyJWTChecked(ctx, vc, jwtChecks{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatVCJWT || !bytes.Equal(res.Credential, compact(t, cred)) || res.Header.Typ != "vc+jwt" || res.Header.Cty != "vc" {
		t.Errorf("vc+jwt result %+v", res)
	}
	env, err := EnvelopeCredential(vc)
	if err != nil {
		t.Fatal(err)
	}
	vp := []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"` + holder +
		`","verifiableCredential":[` + string(env) + `]}`)
	tok, err := SignPresentationJWT(ctx, vp, holderKey, JWTOptions{KeyID: holderVM, Nonce: "n-0S6_WzA2Mj", Audience: "https://verifier.example"})
	if err != nil {
		t.Fatal(err)
	}
	good := jwtChecks{Challenge: "n-0S6_WzA2Mj", Domain: "https://verifier.example"}
	pres, creds, err := verifyPresentationJWTChecked(ctx, tok, good)
	if err != nil {
		t.Fatal(err)
	}
	if pres.Holder != holder || len(creds) != 1 || creds[0].Issuer != issuer || pres.VerificationMethod.ID != holderVM {
		t.Errorf("presentation result %+v", pres)
	}
	for _, tt := range []struct {
		opts jwtChecks
		want error
		why  string
	}{
		{jwtChecks{Challenge: "replayed", Domain: good.Domain}, errClaimMismatch, "wrong challenge"},
		{jwtChecks{Challenge: good.Challenge, Domain: "https://evil.example"}, errClaimMismatch, "wrong domain"},
		{jwtChecks{}, nil, "no challenge asked for"},
	} {
		t.Run(tt.why, func(t *testing.T) {
			if _, _, err := verifyPresentationJWTChecked(ctx, tok, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("%s: error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
	if _, err := verifyJWTChecked(ctx, tok, jwtChecks{}); !errors.Is(err, errBadMediaType) {
		t.Errorf("vp+jwt to VerifyJWT: %v", err)
	}
	if _, _, err := verifyPresentationJWTChecked(ctx, vc, jwtChecks{}); !errors.Is(err, errBadMediaType) {
		t.Errorf("vc+jwt to VerifyPresentationJWT: %v", err)
	}
	// Unsecured or foreign entries fail the presentation.
	for _, tt := range []struct {
		entry string
		want  error
		why   string
	}{
		{string(compact(t, cred)), errUnsecuredCredential, "a plain credential"},
		{`{"type":"EnvelopedVerifiableCredential","id":"data:application/vc+cose;base64,AAAA"}`, errUnsupportedFormat, "COSE envelope"},
		{`{"type":"EnvelopedVerifiableCredential","id":"https://example.com/vc"}`, errUnsecuredCredential, "not a data URL"},
		{`{"type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt,` + vc[:len(vc)-4] + `AAAA"}`, ErrSignature, "tampered credential"},
	} {
		t.Run(tt.why, func(t *testing.T) {
			p := []byte(`{"type":["VerifiablePresentation"],"holder":"` + holder + `","verifiableCredential":[` + tt.entry + `]}`)
			tok, err := SignPresentationJWT(ctx, p, holderKey, JWTOptions{KeyID: holderVM})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := verifyPresentationJWTChecked(ctx, tok, jwtChecks{}); !errors.Is(err, tt.want) {
				t.Errorf("%s: error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
	// An application/vc+jwt envelope must hold a vc+jwt, not an Open
	// Badges VC-JWT: VerifyPresentationJWT checks the inner typ, though
	// it leaves the inner signature to the caller.
	obTok, err := SignJWT(ctx, obCredential(issuer, ""), issuerKey, JWTOptions{KeyID: issuerVM})
	if err != nil {
		t.Fatal(err)
	}
	obEnv, _ := EnvelopeCredential(obTok)
	obVP, err := SignPresentationJWT(ctx, []byte(`{"type":["VerifiablePresentation"],"holder":"`+holder+`","verifiableCredential":[`+string(obEnv)+`]}`), holderKey, JWTOptions{KeyID: holderVM})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyPresentationJWT(ctx, obVP, JWTVerifyOptions{}); !errors.Is(err, errBadMediaType) {
		t.Errorf("OB VC-JWT in a vc+jwt envelope: %v, want errBadMediaType", err)
	}
	// A presentation signed by someone other than its holder fails.
	p := []byte(`{"type":["VerifiablePresentation"],"holder":"` + issuer + `"}`)
	tok, err = SignPresentationJWT(ctx, p, holderKey, JWTOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := verifyPresentationJWTChecked(ctx, tok, jwtChecks{}); !errors.Is(err, errEmbeddedJWKUntrusted) {
		t.Errorf("holder mismatch with embedded key: %v", err)
	}
	// vc+jwt credentials outside their validity fail.
	expired := obCredential(issuer, `"validUntil": "2024-02-01T00:00:00Z",`)
	vc, _ = SignVCJWT(ctx, expired, issuerKey, JWTOptions{KeyID: issuerVM})
	if _, err := verifyJWTChecked(ctx, vc, jwtChecks{Now: func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }}); !errors.Is(err, ErrExpired) {
		t.Errorf("expired vc+jwt: %v", err)
	}
}
