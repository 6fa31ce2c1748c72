package credential

import (
	"bytes"
	"context"
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// obCredential returns an Open Badges 3.0 credential issued by issuer,
// pretty-printed as a host would write it.
func obCredential(issuer string, extra string) []byte {
	return []byte(`{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "issuer": {"id": "` + issuer + `", "type": ["Profile"], "name": "Ünïcode Universität 大学 🎓"},
  "validFrom": "2024-01-01T00:00:00Z",` + extra + `
  "name": "Teamwork",
  "credentialSubject": {
    "id": "did:example:learner",
    "type": ["AchievementSubject"],
    "creditsEarned": 0.75,
    "achievement": {"id": "https://example.edu/achievements/1", "type": ["Achievement"], "name": "Teamwork",
      "description": "Works in a team.", "criteria": {"narrative": "Tab\tand \u0001 control"}}
  }
}`)
}

func compact(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// signerFor returns the did:key (did:jwk for RSA) identity of a key.
func identity(t *testing.T, k crypto.Signer) (did, vm string) {
	t.Helper()
	var err error
	if kt, _ := KeyTypeOf(k); kt == KeyRSA {
		vm, err = DIDJWKVerificationMethod(k.Public())
	} else {
		vm, err = DIDKeyVerificationMethod(k.Public())
	}
	if err != nil {
		t.Fatal(err)
	}
	did, _, _ = strings.Cut(vm, "#")
	return did, vm
}

var jan2024 = func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }

func TestSignVerifyJWT(t *testing.T) {
	ctx := context.Background()
	for _, kt := range signingKeyTypes {
		for _, embed := range []bool{false, true} {
			name := fmt.Sprintf("%s/embedJWK=%v", kt, embed)
			kms := newKMS(kt)
			did, vmID := identity(t, kms)
			cred := obCredential(did, `
  "validUntil": "2030-01-01T00:00:00.5Z",`)
			opts := JWTOptions{KeyID: vmID}
			if embed {
				opts = JWTOptions{}
			}
			tok, err := SignJWT(ctx, cred, kms, opts)
			if err != nil {
				t.Fatalf("%s: SignJWT: %v", name, err)
			}
			if *kms.calls != 1 {
				t.Errorf("%s: the KMS signer was called %d times, want 1", name, *kms.calls)
			}
			res, err := verifyJWTChecked(ctx, tok, jwtChecks{Now: jan2024})
			if err != nil {
				t.Fatalf("%s: VerifyJWT: %v", name, err)
			}
			if !bytes.Equal(res.Credential, compact(t, cred)) {
				t.Errorf("%s: credential changed:\n got %s\nwant %s", name, res.Credential, compact(t, cred))
			}
			if res.Format != FormatOpenBadgesJWT || res.Issuer != did || res.EmbeddedKey != embed || res.Header.Typ != "JWT" ||
				res.Header.Alg != defaultAlg[kt] || !sameKey(res.VerificationMethod.PublicKey, kms.Public()) {
				t.Errorf("%s: result %+v", name, res)
			}
			if !embed && res.VerificationMethod.ID != vmID {
				t.Errorf("%s: VerificationMethod.ID = %q, want %q", name, res.VerificationMethod.ID, vmID)
			}
			var claims map[string]any
			_ = json.Unmarshal(res.Payload, &claims)
			want := map[string]any{"iss": did, "jti": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
				"nbf": float64(1704067200), "sub": "did:example:learner", "exp": float64(1893456000)}
			for k, v := range want {
				if claims[k] != v {
					t.Errorf("%s: claim %s = %v, want %v", name, k, claims[k], v)
				}
			}
		}
	}
}

func TestSignJWTRefuses(t *testing.T) {
	ctx := context.Background()
	k := testKeys[KeyEd25519]
	did, vm := identity(t, k)
	other, _ := identity(t, testKeys[KeyP256])
	tests := []struct {
		cred []byte
		opts JWTOptions
		want error
		why  string
	}{
		{obCredential(other, ""), JWTOptions{KeyID: vm}, errIssuerKeyMismatch, "kid of another DID than the issuer"},
		{obCredential(did, `"iss": "x",`), JWTOptions{KeyID: vm}, errMalformedJWT, "credential already has a claim"},
		{[]byte(`{"issuer":"` + did + `","validFrom":"2024-01-01T00:00:00Z"}`), JWTOptions{KeyID: vm}, errMissingClaim, "no id for jti"},
		{[]byte(`{"id":"urn:x","issuer":"` + did + `"}`), JWTOptions{KeyID: vm}, errMissingClaim, "no validFrom for nbf"},
		{[]byte(`{"id":"urn:x","issuer":"` + did + `","validFrom":"yesterday"}`), JWTOptions{KeyID: vm}, errMalformedJWT, "validFrom not a dateTime"},
		{[]byte(`[1]`), JWTOptions{KeyID: vm}, errMalformedJWT, "not an object"},
		{[]byte(`{"id":"a","id":"b"}`), JWTOptions{KeyID: vm}, errMalformedJWT, "duplicate member"},
		{obCredential(did, ""), JWTOptions{KeyID: vm, Algorithm: "ES256"}, errAlgorithmKeyMismatch, "ES256 with an Ed25519 key"},
		{obCredential(did, ""), JWTOptions{KeyID: vm, Algorithm: "HS256"}, errHMACAlgorithm, "HMAC"},
		{obCredential(did, ""), JWTOptions{KeyID: vm, Algorithm: "none"}, errAlgNone, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := SignJWT(ctx, tt.cred, k, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("%s: SignJWT error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
}

// craft builds a compact JWS from any header and payload, signing with
// alg through the same adapter SignJWT uses (or HMAC with secret), so
// tests can make tokens the library itself would never produce.
func craft(t *testing.T, header map[string]any, payload []byte, k crypto.Signer, hmacSecret []byte) string {
	t.Helper()
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(payload)
	var sig []byte
	switch {
	case hmacSecret != nil:
		m := hmac.New(sha256.New, hmacSecret)
		m.Write([]byte(input))
		sig = m.Sum(nil)
	case k != nil:
		alg, _ := header["alg"].(string)
		sig, err = opaqueSigner{signer: k, alg: alg}.SignPayload([]byte(input), jose_alg(alg))
		if err != nil {
			t.Fatal(err)
		}
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// obPayload is a valid OB VC-JWT payload for issuer, with claims replaced
// or removed (nil) as given.
func obPayload(t *testing.T, issuer string, credExtra string, claims map[string]any) []byte {
	t.Helper()
	members, err := splitObject(obCredential(issuer, credExtra))
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]any{"iss": issuer, "jti": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
		"nbf": 1704067200, "sub": "did:example:learner"}
	for k, v := range claims {
		if v == nil {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	for k, v := range base {
		b, _ := json.Marshal(v)
		members = append(members, rawMember{name: k, rawKey: quoteJSON(k), rawValue: b})
	}
	return joinObject(members)
}

func TestVerifyJWTRejects(t *testing.T) {
	ctx := context.Background()
	ed := testKeys[KeyEd25519]
	edDID, edVM := identity(t, ed)
	p256 := testKeys[KeyP256]
	p256DID, p256VM := identity(t, p256)
	rsaKey := testKeys[KeyRSA]
	rsaDID, rsaVM := identity(t, rsaKey)
	rsaJWK, _ := marshalPublicJWK(rsaKey.Public())
	privJWK, _ := MarshalJWK(ed)
	edJWK, _ := marshalPublicJWK(ed.Public())
	p384 := testKeys[KeyP384]
	ok := obPayload(t, edDID, "", nil)
	hdr := func(alg, kid string) map[string]any { return map[string]any{"alg": alg, "kid": kid, "typ": "JWT"} }
	rsaDER := x509.MarshalPKCS1PublicKey(rsaKey.Public().(*rsa.PublicKey))

	tests := []struct {
		token string
		opts  jwtChecks
		want  error
		why   string
	}{
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil), jwtChecks{}, nil, "control: a valid token verifies"},
		{craft(t, hdr("none", edVM), ok, nil, nil), jwtChecks{}, errAlgNone, "alg none"},
		{craft(t, hdr("none", edVM), ok, nil, nil), jwtChecks{Algorithms: []string{"none"}}, errAlgNone, "alg none even if allowlisted"},
		{craft(t, map[string]any{"typ": "JWT"}, ok, nil, nil), jwtChecks{}, errAlgNone, "no alg at all"},
		{craft(t, hdr("HS256", rsaVM), obPayload(t, rsaDID, "", nil), nil, rsaDER), jwtChecks{}, errHMACAlgorithm,
			"HS256 keyed with the issuer's RSA public key (key confusion)"},
		{craft(t, hdr("HS256", rsaVM), obPayload(t, rsaDID, "", nil), nil, rsaDER), jwtChecks{Algorithms: []string{"HS256"}}, errHMACAlgorithm,
			"HS256 even if allowlisted"},
		{craft(t, hdr("ES256", edVM), ok, p256, nil), jwtChecks{}, errAlgorithmKeyMismatch, "ES256 header, kid is an Ed25519 key"},
		{craft(t, hdr("ES384", p256VM), obPayload(t, p256DID, "", nil), p256, nil), jwtChecks{}, errAlgorithmKeyMismatch,
			"ES384 with a P-256 key"},
		{craft(t, map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(rsaJWK)}, ok, ed, nil), jwtChecks{TrustEmbeddedJWK: true},
			errAlgorithmKeyMismatch, "EdDSA with an RSA jwk header"},
		{craft(t, map[string]any{"alg": "ES384", "jwk": json.RawMessage(edJWK)}, ok, p384, nil), jwtChecks{TrustEmbeddedJWK: true},
			errAlgorithmKeyMismatch, "ES384 with an OKP jwk header"},
		{craft(t, map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(privJWK)}, ok, ed, nil), jwtChecks{TrustEmbeddedJWK: true},
			ErrInvalidKey, "jwk header with the private key"},
		{craft(t, hdr("PS256", rsaVM), obPayload(t, rsaDID, "", nil), rsaKey, nil), jwtChecks{}, errAlgorithmNotAllowed,
			"PS256 is not in the default allowlist"},
		{craft(t, hdr("PS256", rsaVM), obPayload(t, rsaDID, "", nil), rsaKey, nil), jwtChecks{Algorithms: []string{"PS256"}}, nil,
			"PS256 when the host allows it"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil), jwtChecks{Algorithms: []string{"ES256"}}, errAlgorithmNotAllowed,
			"EdDSA outside a narrowed allowlist"},
		{craft(t, hdr("EdDSA", edVM), ok, testKeys[KeyP256], nil)[:10] + "x", jwtChecks{}, errMalformedJWT, "truncated"},
		{craft(t, hdr("EdDSA", p256VM), ok, ed, nil), jwtChecks{}, errAlgorithmKeyMismatch, "kid names a different key type"},
		{craft(t, hdr("EdDSA", edVM+"x"), ok, ed, nil), jwtChecks{}, errVerificationMethodNotFound, "kid fragment names no key"},
		{craft(t, map[string]any{"alg": "EdDSA"}, ok, ed, nil), jwtChecks{}, errNoKey, "neither kid nor jwk"},
		{craft(t, map[string]any{"alg": "EdDSA", "kid": edVM, "jwk": json.RawMessage(rsaJWK)}, ok, ed, nil), jwtChecks{}, errNoKey,
			"kid and jwk disagree"},
		{craft(t, map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(edJWK)}, obPayload(t, "https://example.edu/issuer", "", nil), ed, nil),
			jwtChecks{}, errEmbeddedJWKUntrusted, "embedded key, https issuer"},
		{craft(t, map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(edJWK)}, obPayload(t, "https://example.edu/issuer", "", nil), ed, nil),
			jwtChecks{TrustEmbeddedJWK: true}, nil, "embedded key trusted by the host"},
		{craft(t, map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(edJWK)}, ok, ed, nil), jwtChecks{}, nil,
			"embedded key whose did:key is the issuer"},
		{craft(t, hdr("ES256", p256VM), obPayload(t, edDID, "", nil), p256, nil), jwtChecks{}, errIssuerKeyMismatch,
			"signed by someone else's did:key"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"iss": "did:example:mallory"}), ed, nil), jwtChecks{},
			errClaimMismatch, "iss disagrees with issuer.id"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"sub": "did:example:other"}), ed, nil), jwtChecks{},
			errClaimMismatch, "sub disagrees with credentialSubject.id"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"jti": "urn:uuid:other"}), ed, nil), jwtChecks{},
			errClaimMismatch, "jti disagrees with id"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"nbf": 1704067201}), ed, nil), jwtChecks{},
			errClaimMismatch, "nbf disagrees with validFrom"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, `"validUntil": "2030-01-01T00:00:00Z",`, map[string]any{"exp": 1893456001}), ed, nil),
			jwtChecks{}, errClaimMismatch, "exp disagrees with validUntil"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, `"validUntil": "2030-01-01T00:00:00Z",`, nil), ed, nil), jwtChecks{},
			errMissingClaim, "validUntil without exp"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"nbf": nil}), ed, nil), jwtChecks{}, errMissingClaim, "no nbf"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"iss": nil}), ed, nil), jwtChecks{}, errMissingClaim, "no iss"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"jti": nil}), ed, nil), jwtChecks{}, errMissingClaim, "no jti"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"sub": nil}), ed, nil), jwtChecks{}, nil,
			"no sub: a warning, as the 1EdTech validator accepts it"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"nbf": "2024-01-01"}), ed, nil), jwtChecks{},
			errMalformedJWT, "nbf not a NumericDate"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, `"validUntil": "2024-02-01T00:00:00Z",`, map[string]any{"exp": 1706745600}), ed, nil),
			jwtChecks{Now: jan2024}, ErrExpired, "expired"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, `"validUntil": "2024-02-01T00:00:00Z",`, map[string]any{"exp": 1706745600}), ed, nil),
			jwtChecks{Now: func() time.Time { return time.Unix(1706745600-1, 0) }, ClockSkew: -1}, nil, "one second before expiry"},
		{craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, `"validUntil": "2024-02-01T00:00:00Z",`, map[string]any{"exp": 1706745600}), ed, nil),
			jwtChecks{Now: func() time.Time { return time.Unix(1706745600, 0) }, ClockSkew: -1}, ErrExpired, "exactly at expiry"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil), jwtChecks{Now: func() time.Time { return time.Unix(1704067200-600, 0) }},
			ErrNotYetValid, "ten minutes before nbf"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil), jwtChecks{Now: func() time.Time { return time.Unix(1704067200-60, 0) }},
			nil, "a minute before nbf, within DefaultClockSkew"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil),
			jwtChecks{Now: func() time.Time { return time.Unix(1704067200-60, 0) }, ClockSkew: -1}, ErrNotYetValid,
			"a minute before nbf with no skew allowed"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil),
			jwtChecks{Now: func() time.Time { return time.Unix(1704067200-600, 0) }, ClockSkew: 11 * time.Minute}, nil,
			"ten minutes before nbf, within a wider skew"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil), jwtChecks{MaxJWTBytes: 100}, errJWTTooLarge, "over the size limit"},
		{craft(t, map[string]any{"alg": "EdDSA", "kid": edVM, "crit": []string{"exp"}}, ok, ed, nil), jwtChecks{}, errMalformedJWT,
			"crit header"},
		{craft(t, map[string]any{"alg": "EdDSA", "kid": edVM, "typ": "vp+jwt"}, ok, ed, nil), jwtChecks{}, errBadMediaType,
			"a presentation given to VerifyJWT"},
		{craft(t, map[string]any{"alg": "EdDSA", "kid": edVM, "typ": "at+jwt"}, ok, ed, nil), jwtChecks{}, errBadMediaType,
			"an access token"},
		{craft(t, hdr("EdDSA", edVM), []byte(`{"iss":"a","iss":"b"}`), ed, nil), jwtChecks{}, errMalformedJWT, "duplicate claim"},
		{craft(t, hdr("EdDSA", edVM), []byte(`[]`), ed, nil), jwtChecks{}, errMalformedJWT, "payload not an object"},
		{craft(t, hdr("EdDSA", edVM), []byte(`{"vp":{}}`), ed, nil), jwtChecks{}, errMalformedJWT, "vp claim in a credential JWT"},
		{"eyJhbGciOiJFZERTQSJ9.e30=.AAAA", jwtChecks{}, errMalformedJWT, "padded base64"},
		{"eyJhbGciOiJFZERTQSJ9.e30.AA+/", jwtChecks{}, errMalformedJWT, "standard base64 alphabet"},
		{"bm90IGpzb24.e30.AAAA", jwtChecks{}, errMalformedJWT, "header not JSON"},
		{craft(t, hdr("EdDSA", edVM), ok, ed, nil)[:20] + "\r\n" + craft(t, hdr("EdDSA", edVM), ok, ed, nil)[20:], jwtChecks{}, errMalformedJWT,
			"CR LF inside a part (encoding/base64 would skip them)"},
		{"a.b", jwtChecks{}, errMalformedJWT, "two parts"},
		{"a.b.c.d.e", jwtChecks{}, errUnsupportedFormat, "JWE"},
		{"", jwtChecks{}, errMalformedJWT, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			_, err := verifyJWTChecked(ctx, tt.token, tt.opts)
			if tt.want == nil && err != nil || !errors.Is(err, tt.want) {
				t.Errorf("%s: VerifyJWT error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
	// The mismatch error says which claim.
	_, err := verifyJWTChecked(ctx, craft(t, hdr("EdDSA", edVM), obPayload(t, edDID, "", map[string]any{"sub": "did:example:other"}), ed, nil), jwtChecks{})
	var cm *ClaimMismatchError
	if !errors.As(err, &cm) || cm.Claim != "sub" || cm.JWT != "did:example:other" {
		t.Errorf("ClaimMismatchError = %#v", cm)
	}
}

// TestJWTTamper changes every character of a signed token in turn; each
// change must fail verification.
func TestJWTTamper(t *testing.T) {
	ctx := context.Background()
	k := testKeys[KeyEd25519]
	did, vm := identity(t, k)
	tok, err := SignJWT(ctx, obCredential(did, ""), k, JWTOptions{KeyID: vm})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifyJWTChecked(ctx, tok, jwtChecks{}); err != nil {
		t.Fatal(err)
	}
	for i := range len(tok) {
		c := tok[i]
		for _, r := range []byte{'A', 'g', '_', '.'} {
			if r == c {
				continue
			}
			bad := tok[:i] + string(r) + tok[i+1:]
			if _, err := verifyJWTChecked(ctx, bad, jwtChecks{}); err == nil {
				t.Fatalf("changing byte %d from %q to %q still verifies", i, c, r)
			}
		}
	}
}

// TestJWTKeyPurpose: a did:jwk whose JWK says "use":"enc" is a key
// agreement key; it must not verify credentials or presentations.
func TestJWTKeyPurpose(t *testing.T) {
	ctx := context.Background()
	k := testKeys[KeyP256]
	jwk, _ := marshalPublicJWK(k.Public())
	var m map[string]any
	_ = json.Unmarshal(jwk, &m)
	m["use"] = "enc"
	enc, _ := json.Marshal(m)
	did := "did:jwk:" + base64.RawURLEncoding.EncodeToString(enc)
	tok := craft(t, map[string]any{"alg": "ES256", "kid": did + "#0"}, obPayload(t, did, "", nil), k, nil)
	if _, err := verifyJWTChecked(ctx, tok, jwtChecks{}); !errors.Is(err, errNotAuthorized) {
		t.Errorf("credential signed with an encryption key: error = %v, want errNotAuthorized", err)
	}
	vp := craft(t, map[string]any{"alg": "ES256", "kid": did + "#0", "typ": "vp+jwt"}, []byte(`{"holder":"`+did+`"}`), k, nil)
	if _, _, err := verifyPresentationJWTChecked(ctx, vp, jwtChecks{}); !errors.Is(err, errNotAuthorized) {
		t.Errorf("presentation signed with an encryption key: error = %v, want errNotAuthorized", err)
	}
}
