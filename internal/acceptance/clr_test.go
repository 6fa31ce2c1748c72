package acceptance

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

const ctxCLR201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

func clrDoc(nested ...string) obj {
	vcs := arr{}
	for _, n := range nested {
		vcs = append(vcs, n)
	}
	return obj{
		"@context":  arr{ctxVC2, ctxCLR201, ctxOB303},
		"id":        "urn:uuid:00000000-0000-4000-8000-0000000c1a01",
		"type":      arr{"VerifiableCredential", "ClrCredential"},
		"issuer":    obj{"id": "https://registrar.example.edu", "type": arr{"Profile"}, "name": "Registrar"},
		"name":      "Transcript",
		"validFrom": "2024-07-01T00:00:00Z",
		"credentialSubject": obj{
			"id": learnerDID, "type": arr{"ClrSubject"},
			"verifiableCredential": vcs,
			"achievement": arr{obj{"id": "https://example.edu/achievements/program", "type": arr{"Achievement"},
				"name": "Program", "description": "The whole program.", "criteria": obj{"narrative": "All courses."}}},
			"association": arr{obj{"type": "Association", "associationType": "isChildOf",
				"sourceId": "https://example.edu/achievements/html", "targetId": "https://example.edu/achievements/program"}},
		},
	}
}

// TestReferenceCLR: a CLR 2.0 credential issued by a registrar bundling
// credentials from two other issuers, all signed by the reference stack;
// verified, baked (PNG keyword clrcredential), and fed to pathway.FromReport.
func TestReferenceCLR(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	html := baseCredential()
	html["id"] = "urn:uuid:00000000-0000-4000-8000-0000000c1a11"
	html["credentialSubject"].(obj)["achievement"].(obj)["id"] = "https://example.edu/achievements/html"
	js := baseCredential()
	js["id"] = "urn:uuid:00000000-0000-4000-8000-0000000c1a12"
	js["credentialSubject"].(obj)["achievement"].(obj)["id"] = "https://example.edu/achievements/js"
	res := s.batch(t, []job{
		{"name": "html", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": "aa" + issuerSeed[2:], "doc": html, "date": "2024-01-01T00:00:00Z"},
		{"name": "js", "op": "sign", "suite": "ecdsa-rdfc-2019-p256", "doc": js, "date": "2024-01-01T00:00:00Z"},
		{"name": "clr", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": clrDoc("$job:html", "$job:js"), "date": "2024-07-01T00:00:00Z"},
		{"name": "clrTampered", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": clrDoc("$job:html", "$tampered:js"), "date": "2024-07-01T00:00:00Z"},
		{"name": "clrJWT", "op": "jwt", "form": "ob", "alg": "ES256", "header": "kid", "doc": clrDoc("$job:html", "$job:js")},
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	v := newVerifier(t, verify.Config{})
	t.Run("verified", func(t *testing.T) {
		rep := runVerify(t, v, res["clr"].OK)
		wantVerdict(t, rep, verify.Verified)
		if len(rep.Nested) != 2 {
			t.Fatalf("%d nested reports, want 2", len(rep.Nested))
		}
		es, err := pathway.FromReport(rep)
		if err != nil || len(es) != 2 {
			t.Fatalf("FromReport: %v, %d earned", err, len(es))
		}
		p, err := pathway.Evaluate(loadPathway(t), es, at("2024-08-01T00:00:00Z")(), pathway.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Assignments) != 2 {
			t.Errorf("both bundled credentials should fill a component: %+v", p.Assignments)
		}
	})
	t.Run("nested-tampered", func(t *testing.T) {
		// CLR 2.0: every bundled credential keeps its own proof and its own verdict. Under the default
		// policy the CLR's verdict rests on its own checks and clr-nested warns; under the strict policy
		// a failing nested credential fails the CLR (issue 10 § 3).
		rep := runVerify(t, v, res["clrTampered"].OK)
		wantVerdict(t, rep, verify.VerifiedWithWarnings)
		if c := rep.Check(verify.CheckCLRNested); c == nil || !c.StrictFail || !slices.ContainsFunc(rep.Nested, func(n *verify.Report) bool { return n.Verdict == verify.Failed }) {
			t.Errorf("default policy, tampered nested credential: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Policy: verify.PolicyStrict}), res["clrTampered"].OK)
		if !errIs(rep.Err(), verify.ErrNested) {
			t.Errorf("%s", describe(rep))
		}
	})
	t.Run("baked", func(t *testing.T) {
		for format, img := range bakeBoth(t, res["clr"].OK) {
			b, err := bake.Extract(img)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if b.Kind != bake.KindCLR2 {
				t.Errorf("%s: baked kind %v, want CLR 2.0 (PNG keyword clrcredential / CLR namespace)", format, b.Kind)
			}
			rep := runVerify(t, v, img)
			wantVerdict(t, rep, verify.Verified)
		}
	})
	t.Run("clr-vc-jwt-baked", func(t *testing.T) {
		// A CLR as a VC-JWT, baked: the image must be recognised as a CLR (PNG keyword clrcredential,
		// SVG namespace .../clr/v2p0), which for a JWS means looking inside the payload.
		var token string
		json.Unmarshal(res["clrJWT"].OK, &token)
		wantVerdict(t, runVerify(t, v, []byte(token)), verify.Verified)
		for format, img := range bakeBoth(t, []byte(token)) {
			b, err := bake.Extract(img)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if b.Kind != bake.KindCLR2 {
				t.Errorf("%s: a CLR VC-JWT baked as kind %v, want CLR 2.0", format, b.Kind)
			}
			rep := runVerify(t, v, img)
			wantVerdict(t, rep, verify.Verified)
			if len(rep.Nested) != 2 {
				t.Errorf("%s: %d nested reports", format, len(rep.Nested))
			}
		}
	})
	t.Run("nested-ids", func(t *testing.T) {
		rep := runVerify(t, v, res["clr"].OK)
		var ids []string
		for _, n := range rep.Nested {
			ids = append(ids, n.CredentialID)
		}
		want, _ := json.Marshal([]string{"urn:uuid:00000000-0000-4000-8000-0000000c1a11", "urn:uuid:00000000-0000-4000-8000-0000000c1a12"})
		got, _ := json.Marshal(ids)
		if string(got) != string(want) {
			t.Errorf("nested credential ids %s, want %s in order", got, want)
		}
	})
}
