package acceptance

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/verify"
)

type jwtCase struct {
	name, reason string
	form         string // ob | vc11 | vcjose
	alg          string // EdDSA | ES256 | ES384
	header       string // kid | jwk
	strip        bool
	doc          obj
	want         []verify.Verdict
	bug          string
	check        func(t *testing.T, rep *verify.Report)
}

func jwtCases() []jwtCase {
	var cs []jwtCase
	for _, alg := range []string{"EdDSA", "ES256", "ES384"} {
		cs = append(cs,
			jwtCase{name: "ob-kid-" + alg, form: "ob", alg: alg, header: "kid", doc: baseCredential(), want: verified,
				reason: "OB 3.0 §8.2 VC-JWT: credential plus iss, jti, sub, nbf; kid a DID URL that dereferences to the key"},
			jwtCase{name: "vcjose-kid-" + alg, form: "vcjose", alg: alg, header: "kid", doc: baseCredential(), want: verified,
				reason: "VC-JOSE-COSE §3.1.1: application/vc+jwt, the payload is the credential"},
		)
	}
	cs = append(cs,
		jwtCase{name: "ob-jwk-ES256-didkey-issuer", form: "ob", alg: "ES256", header: "jwk", doc: baseCredential(), want: verified,
			reason: "OB 3.0 §8.2.3: jwk header instead of kid; the issuer is that key's own did:key, so the key is bound to the issuer"},
		jwtCase{name: "vc11-kid-EdDSA", form: "vc11", alg: "EdDSA", header: "kid", doc: vc11Credential(ctxVC1, ctxOB303), want: withWarnings,
			reason: "VC-JWT 1.1 §6.3.1: the credential in the vc claim (OB 3.0 accepts VC 1.1 credentials, with a warning)"},
		jwtCase{name: "vc11-kid-ES256-claims-only", form: "vc11", alg: "ES256", header: "kid", strip: true, doc: vc11Credential(ctxVC1, ctxOB303), want: withWarnings,
			reason: "VC-JWT 1.1 §6.3.1 decoding: iss → issuer, nbf → issuanceDate, jti → id, sub → credentialSubject.id",
			check: func(t *testing.T, rep *verify.Report) {
				if rep.CredentialID != "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002" {
					t.Errorf("CredentialID %q: jti must stand for id", rep.CredentialID)
				}
				if ok, err := rep.MatchRecipient("id", learnerDID); !ok || err != nil {
					t.Errorf("MatchRecipient(id, sub): %v, %v — sub must stand for credentialSubject.id", ok, err)
				}
			}},
		jwtCase{name: "vc11-ob300-kid-ES256", form: "vc11", alg: "ES256", header: "kid", doc: vc11Credential(ctxVC1, ctxOB300), want: withWarnings,
			reason: "the 1EdTech simple-jwt_v1 shape, with a did:key kid"},
	)
	{
		// The 1EdTech issuer certification awards to conformance@imsglobal.org: a subject known only by a
		// hashed e-mail, so the JWT has no sub (OB 3.0 §8.2: sub is credentialSubject.id, when there is one).
		c := baseCredential()
		s := c["credentialSubject"].(obj)
		delete(s, "id")
		h := badge.HashedEmail("conformance@imsglobal.org", "s4lt")
		s["identifier"] = arr{obj{"type": "IdentityObject", "hashed": true, "identityHash": h.IdentityHash, "identityType": "emailAddress", "salt": "s4lt"}}
		cs = append(cs, jwtCase{name: "ob-kid-EdDSA-email-recipient", form: "ob", alg: "EdDSA", header: "kid", doc: c, want: verified,
			reason: "no credentialSubject.id, so no sub claim",
			check: func(t *testing.T, rep *verify.Report) {
				if ok, err := rep.MatchRecipient("emailAddress", "Conformance@IMSGlobal.org"); !ok || err != nil {
					t.Errorf("MatchRecipient: %v, %v", ok, err)
				}
			}})
	}
	{
		c := baseCredential()
		c["issuer"] = richIssuer()
		c["credentialSubject"] = richSubject()
		cs = append(cs, jwtCase{name: "ob-kid-ES256-rich", form: "ob", alg: "ES256", header: "kid", doc: c, want: verified,
			reason: "a rich credential in a JWT"})
	}
	return cs
}

// TestReferenceSignedJWTs: VC-JWTs made by the jose npm package (the
// reference stack) in the three forms real issuers send, through
// verify.Verify, and baked into SVG and PNG.
func TestReferenceSignedJWTs(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	cases := jwtCases()
	var jobs []job
	for _, c := range cases {
		jobs = append(jobs, job{"name": c.name, "op": "jwt", "form": c.form, "alg": c.alg, "header": c.header,
			"strip": c.strip, "doc": c.doc, "seed": "11" + strings.Repeat("22", 31)})
	}
	results := s.batch(t, jobs)
	v := newVerifier(t, verify.Config{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.bug != "" {
				t.Skip("BUG: " + c.bug)
			}
			res := results[c.name]
			if res.Error != "" {
				t.Fatalf("reference stack: %s", res.Error)
			}
			var token string
			if err := json.Unmarshal(res.OK, &token); err != nil {
				t.Fatal(err)
			}
			rep := runVerify(t, v, []byte(token))
			wantVerdict(t, rep, c.want...)
			if rep.Format != verify.FormatJWT {
				t.Errorf("Format %q, want jwt", rep.Format)
			}
			if !rep.OK() {
				return
			}
			if c.check != nil {
				c.check(t, rep)
			}
			if !strings.HasPrefix(rep.Issuer, "did:key:") {
				t.Errorf("report issuer %q, want the signing key's did:key", rep.Issuer)
			}
			// The signature covers the payload (RFC 7515 §5.2): a changed claim fails.
			if trep := runVerify(t, v, []byte(tamperJWT(t, token))); trep.Verdict != verify.Failed || !errIs(trep.Err(), verify.ErrProof) {
				t.Errorf("tampered JWT: %s", describe(trep))
			}
			// OB 3.0 §5.3: a JWT is baked as the SVG verify attribute / PNG iTXt text.
			for format, img := range bakeBoth(t, []byte(token)) {
				brep := runVerify(t, v, img)
				if brep.Verdict != rep.Verdict || brep.Format != format {
					t.Errorf("baked %s: verdict %s format %q, unbaked %s: %s", format, brep.Verdict, brep.Format, rep.Verdict, describe(brep))
				}
			}
		})
	}
}

// tamperJWT changes the payload's name (top level, or inside vc) and keeps
// the signature.
func tamperJWT(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWS: %.60s", token)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	if vc, ok := m["vc"].(map[string]any); ok {
		vc["name"] = "tampered"
	} else {
		m["name"] = "tampered"
	}
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(mustJSON(t, m)) + "." + parts[2]
}
