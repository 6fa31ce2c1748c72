package verify

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

// endorsement returns an EndorsementCredential by endorser about subject,
// itself carrying inner endorsements.
func endorsement(t *testing.T, endorser testIssuer, subject string, inner ...[]byte) map[string]any {
	m := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":        "urn:uuid:" + strings.ToLower(endorser.did[len(endorser.did)-12:]),
		"type":      []any{"VerifiableCredential", "EndorsementCredential"},
		"issuer":    map[string]any{"id": endorser.did, "type": []any{"Profile"}, "name": "Accreditor"},
		"validFrom": "2010-01-01T00:00:00Z",
		"name":      "Endorsement",
		"credentialSubject": map[string]any{
			"id": subject, "type": []any{"EndorsementSubject"}, "endorsementComment": "in good standing",
		},
	}
	for _, e := range inner {
		var x map[string]any
		_ = json.Unmarshal(e, &x)
		m["issuer"].(map[string]any)["endorsement"] = append(anySlice(m["issuer"].(map[string]any)["endorsement"]), x)
	}
	b, _ := json.Marshal(m)
	signed := signDI(t, b, endorser, credential.SignOptions{})
	var out map[string]any
	_ = json.Unmarshal(signed, &out)
	return out
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func TestEndorsements(t *testing.T) {
	iss, a, b, c := newIssuer(t), newIssuer(t), newIssuer(t), newIssuer(t)
	withEndorsements := func(es ...map[string]any) []byte {
		return issue(t, iss, func(m map[string]any) {
			var list []any
			for _, e := range es {
				list = append(list, e)
			}
			m["endorsement"] = list
		})
	}
	v := offlineVerifier(t, Config{})

	r := mustVerify(t, v, withEndorsements(endorsement(t, a, iss.did)))
	if r.Verdict != Verified || len(r.Endorsements) != 1 || r.Check(CheckEndorsements).Outcome != Pass {
		t.Fatalf("one good endorsement:\n%s", r)
	}

	// The host's trust policy concerns the issuer, not the endorsers.
	trusting := offlineVerifier(t, Config{Trust: Allowlist{iss.did}})
	if r := mustVerify(t, trusting, withEndorsements(endorsement(t, a, iss.did))); r.Verdict != Verified ||
		r.Check(CheckTrust).Outcome != Pass || r.Endorsements[0].Check(CheckTrust).Outcome != Skipped {
		t.Fatalf("trust policy and endorsers:\n%s", r)
	}

	// An endorsement whose signature was made by someone else fails in its
	// own report. Under the default policy the endorsed credential stands,
	// with a warning marked StrictFail; under PolicyStrict it fails
	// (issue 10 § 3).
	forged := endorsement(t, a, iss.did)
	forged["issuer"].(map[string]any)["id"] = b.did // re-attributed after signing
	r = mustVerify(t, v, withEndorsements(forged))
	if c := r.Check(CheckEndorsements); r.Verdict != VerifiedWithWarnings || c.Outcome != Warn || !c.StrictFail ||
		r.Endorsements[0].Verdict != Failed || r.Err() != nil {
		t.Fatalf("default policy, forged endorsement:\n%s", r)
	}
	r = mustVerify(t, offlineVerifier(t, Config{Policy: PolicyStrict}), withEndorsements(forged))
	expectFail(t, r, CheckEndorsements, ErrEndorsement)
	if r.Endorsements[0].Verdict != Failed {
		t.Fatalf("nested report:\n%s", r)
	}

	// Endorsements of endorsements, three deep: the cap stops the recursion
	// with a warning instead of unbounded work.
	deepest, _ := json.Marshal(endorsement(t, c, b.did))
	middle, _ := json.Marshal(endorsement(t, b, a.did, deepest))
	top := endorsement(t, a, iss.did, middle)
	capped := offlineVerifier(t, Config{Limits: Limits{MaxEndorsementDepth: 1}})
	r = mustVerify(t, capped, withEndorsements(top))
	if r.Verdict != VerifiedWithWarnings || r.Endorsements[0].Check(CheckEndorsements).Outcome != Warn {
		t.Fatalf("depth cap:\n%s", r)
	}
	deeper := offlineVerifier(t, Config{Limits: Limits{MaxEndorsementDepth: 5}})
	if r := mustVerify(t, deeper, withEndorsements(top)); r.Verdict != Verified || len(r.Endorsements[0].Endorsements[0].Endorsements) != 1 {
		t.Fatalf("within a depth of 5, all three levels verify:\n%s", r)
	}

	// Too many endorsements.
	var many []map[string]any
	for range DefaultMaxEndorsements + 1 {
		many = append(many, endorsement(t, a, iss.did))
	}
	expectFail(t, mustVerify(t, v, withEndorsements(many...)), CheckEndorsements, ErrLimit)
}
