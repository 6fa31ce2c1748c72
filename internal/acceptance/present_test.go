package acceptance

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/verify"
)

// TestReferencePresentations: Verifiable Presentations made by
// @digitalbazaar/vc (createPresentation + signPresentation, eddsa-rdfc-2022,
// proofPurpose authentication), as a wallet sends them.
func TestReferencePresentations(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	const challenge, domain = "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", "https://verifier.example"
	sign := func(name, suite string, doc obj) job {
		return job{"name": name, "op": "sign", "suite": suite, "doc": doc, "seed": issuerSeed, "date": "2024-01-01T00:00:00Z"}
	}
	vp := func(name string, creds ...string) job {
		c := arr{}
		for _, s := range creds {
			c = append(c, s)
		}
		return job{"name": name, "op": "present", "seed": "55" + "66666666666666666666666666666666666666666666666666666666666666",
			"credentials": c, "challenge": challenge, "domain": domain}
	}
	vc11 := vp("vp11", "$job:c11")
	vc11["v1"] = true
	res := s.batch(t, []job{
		sign("c1", "eddsa-rdfc-2022", baseCredential()),
		sign("c2", "ecdsa-rdfc-2019-p384", func() obj { c := baseCredential(); c["issuer"] = richIssuer(); return c }()),
		{"name": "c11", "op": "sign", "suite": "Ed25519Signature2020", "seed": issuerSeed, "date": "2024-01-01T00:00:00Z",
			"doc": vc11Credential(ctxVC1, ctxOB303)},
		vp("vp2", "$job:c1", "$job:c2"),
		vp("vpTampered", "$job:c1", "$tampered:c2"),
		vc11,
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	v := newVerifier(t, verify.Config{})
	present := func(t *testing.T, name string, o verify.PresentationOptions) *verify.Report {
		t.Helper()
		rep, err := v.VerifyPresentation(t.Context(), res[name].OK, o)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	ok := verify.PresentationOptions{Challenge: challenge, Domain: domain}
	t.Run("vc2-two-credentials", func(t *testing.T) {
		rep := present(t, "vp2", ok)
		wantVerdict(t, rep, verify.Verified)
		if len(rep.Nested) != 2 {
			t.Errorf("%d nested reports, want 2", len(rep.Nested))
		}
	})
	t.Run("vc11", func(t *testing.T) {
		rep := present(t, "vp11", ok)
		wantVerdict(t, rep, verify.VerifiedWithWarnings)
	})
	t.Run("wrong-challenge", func(t *testing.T) {
		// VC-DI §2.1 challenge / domain: a proof for another request must fail.
		rep := present(t, "vp2", verify.PresentationOptions{Challenge: "another", Domain: domain})
		if rep.OK() || !errIs(rep.Err(), verify.ErrPresentation) {
			t.Errorf("%s", describe(rep))
		}
	})
	t.Run("wrong-domain", func(t *testing.T) {
		rep := present(t, "vp2", verify.PresentationOptions{Challenge: challenge, Domain: "https://evil.example"})
		if rep.OK() || !errIs(rep.Err(), verify.ErrPresentation) {
			t.Errorf("%s", describe(rep))
		}
	})
	t.Run("tampered-credential-inside", func(t *testing.T) {
		// The holder's proof is valid, the issuer's is not: the presentation must not verify.
		rep := present(t, "vpTampered", ok)
		if rep.OK() {
			t.Errorf("%s", describe(rep))
		}
		if len(rep.Nested) == 2 && rep.Nested[0].Verdict != verify.Verified {
			t.Errorf("the untouched credential: %s", describe(rep.Nested[0]))
		}
	})
	t.Run("credential-not-presentation", func(t *testing.T) {
		// A bare credential handed to VerifyPresentation is not a presentation.
		rep, _ := v.VerifyPresentation(t.Context(), res["c1"].OK, ok)
		if rep.OK() {
			t.Errorf("a credential verified as a presentation: %s", describe(rep))
		}
	})
}

// TestEnvelopedPresentations: VC 2.0 §4.13 enveloped credentials — a VC-JWT
// carried as "data:application/vc+jwt,<token>" — inside a vp+jwt made by
// jose (VC-JOSE-COSE §3.2, nonce and aud carrying challenge and domain), and
// inside a Data Integrity presentation from @digitalbazaar/vc.
func TestEnvelopedPresentations(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	const challenge, domain = "9f7a1c2e-0d1b-4c3a-8e5f-6a7b8c9d0e1f", "https://verifier.example"
	first := s.batch(t, []job{{"name": "vcjwt", "op": "jwt", "form": "vcjose", "alg": "ES256", "header": "kid", "doc": baseCredential()}})
	if first["vcjwt"].Error != "" {
		t.Fatal(first["vcjwt"].Error)
	}
	var token string
	json.Unmarshal(first["vcjwt"].OK, &token)
	enveloped := obj{"@context": ctxVC2, "id": "data:application/vc+jwt," + token, "type": "EnvelopedVerifiableCredential"}
	vpDoc := obj{"@context": arr{ctxVC2}, "type": arr{"VerifiablePresentation"}, "verifiableCredential": arr{enveloped}}
	res := s.batch(t, []job{
		{"name": "vpjwt", "op": "jwt", "form": "vpjose", "alg": "EdDSA", "header": "kid", "seed": strings.Repeat("77", 32), "doc": vpDoc,
			"override": obj{"nonce": challenge, "aud": domain}},
		{"name": "vpdi", "op": "present", "seed": strings.Repeat("77", 32), "challenge": challenge, "domain": domain, "presentation": vpDoc},
	})
	v := newVerifier(t, verify.Config{})
	for _, name := range []string{"vpjwt", "vpdi"} {
		t.Run(name, func(t *testing.T) {
			r := res[name]
			if r.Error != "" {
				t.Fatalf("reference stack: %s", r.Error)
			}
			in := []byte(r.OK)
			if name == "vpjwt" {
				var tok string
				json.Unmarshal(r.OK, &tok)
				in = []byte(tok)
			}
			rep, err := v.VerifyPresentation(t.Context(), in, verify.PresentationOptions{Challenge: challenge, Domain: domain})
			if err != nil {
				t.Fatal(err)
			}
			wantVerdict(t, rep, verify.Verified)
			if len(rep.Nested) != 1 || rep.Nested[0].Verdict != verify.Verified {
				t.Errorf("the enveloped credential must be verified on its own: %d nested", len(rep.Nested))
			}
			rep, _ = v.VerifyPresentation(t.Context(), in, verify.PresentationOptions{Challenge: "other", Domain: domain})
			if rep.OK() {
				t.Errorf("wrong challenge accepted")
			}
		})
	}
}
