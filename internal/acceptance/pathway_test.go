package acceptance

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

// TestPathwayFromForeignCredentials: three parts earned from three issuers
// in three shapes — a VC 1.1 credential with issuanceDate in a -05:00 offset,
// a VC 1.1 JWT whose vc claim leaves issuer, id, issuanceDate and subject to
// the JWT claims, and a baked PNG whose subject is known only by a hashed
// e-mail — verified, turned into Earned by pathway.FromReport, evaluated.
func TestPathwayFromForeignCredentials(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	withAch := func(c obj, id, name string) obj {
		a := c["credentialSubject"].(obj)["achievement"].(obj)
		a["id"], a["name"] = id, name
		return c
	}
	html := withAch(vc11Credential(ctxVC1, ctxOB301, ctxDIv1), "https://example.edu/achievements/html", "HTML")
	html["id"] = "urn:uuid:00000000-0000-4000-8000-00000000a001"
	html["issuanceDate"] = "2024-01-10T00:00:00-05:00"
	html["expirationDate"] = "2026-01-01T00:00:00Z"
	js := withAch(vc11Credential(ctxVC1, ctxOB303), "https://example.edu/achievements/js", "JavaScript")
	js["id"] = "urn:uuid:00000000-0000-4000-8000-00000000a002"
	js["issuanceDate"] = "2024-03-01T00:00:00Z"
	capstone := withAch(baseCredential(), "https://example.edu/achievements/capstone", "Capstone")
	capstone["id"] = "urn:uuid:00000000-0000-4000-8000-00000000a003"
	capstone["validFrom"] = "2024-06-01T00:00:00Z"
	subj := capstone["credentialSubject"].(obj)
	delete(subj, "id")
	h := badge.HashedEmail(learnerEmail, learnerSalt)
	subj["identifier"] = arr{obj{"type": "IdentityObject", "hashed": true, "identityHash": h.IdentityHash, "identityType": "emailAddress", "salt": learnerSalt}}

	res := s.batch(t, []job{
		{"name": "html", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": strings.Repeat("01", 32), "doc": html, "diContext": ctxDIv1, "date": "2024-01-10T00:00:00Z"},
		{"name": "js", "op": "jwt", "form": "vc11", "alg": "ES256", "header": "kid", "strip": true, "doc": js},
		{"name": "capstone", "op": "sign", "suite": "ecdsa-rdfc-2019-p384", "doc": capstone, "date": "2024-06-01T00:00:00Z"},
	})
	var inputs [][]byte
	for _, n := range []string{"html", "js", "capstone"} {
		if res[n].Error != "" {
			t.Fatalf("reference stack, %s: %s", n, res[n].Error)
		}
		b := []byte(res[n].OK)
		if n == "js" {
			var tok string
			json.Unmarshal(b, &tok)
			b = []byte(tok)
		}
		if n == "capstone" {
			b = bakeBoth(t, b)[verify.FormatPNG]
		}
		inputs = append(inputs, b)
	}
	def := loadPathway(t)

	evaluate := func(t *testing.T, now string) *pathway.Progress {
		t.Helper()
		v := newVerifier(t, verify.Config{Clock: at(now)})
		var earned []pathway.Earned
		for i, in := range inputs {
			rep := runVerify(t, v, in)
			if !rep.OK() && i != 0 {
				t.Fatalf("input %d does not verify: %s", i, describe(rep))
			}
			e, err := pathway.FromReport(rep)
			// pathway.FromReport doc: an expired credential is refused with its Earned kept for explanations.
			var nc *pathway.NotCountedError
			if errors.As(err, &nc) {
				e, err = nc.Earned, nil
			}
			if err != nil {
				t.Fatalf("FromReport(input %d, %s): %v", i, rep.Verdict, err)
			}
			earned = append(earned, e...)
		}
		// The inputs name the learner by a DID and by a hashed e-mail; the
		// host knows both (pathway.Options.RecipientsBound doc).
		p, err := pathway.Evaluate(def, earned, at(now)(), pathway.Options{RecipientsBound: true})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("earned-dates", func(t *testing.T) {
		v := newVerifier(t, verify.Config{Clock: at("2024-07-01T00:00:00Z")})
		want := map[string]time.Time{
			// VC 1.1 §4.7: issuanceDate is when the credential became valid (OB: validFrom's VC 1.1 name).
			"https://example.edu/achievements/html":     time.Date(2024, 1, 10, 5, 0, 0, 0, time.UTC),
			"https://example.edu/achievements/js":       time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			"https://example.edu/achievements/capstone": time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC),
		}
		ids := map[string]bool{}
		for i, in := range inputs {
			rep := runVerify(t, v, in)
			es, err := pathway.FromReport(rep)
			if err != nil || len(es) != 1 {
				t.Fatalf("FromReport(input %d): %v, %d earned (%s)", i, err, len(es), describe(rep))
			}
			e := es[0]
			if !e.EarnedAt.Equal(want[e.AchievementID]) {
				t.Errorf("%s: EarnedAt %v, want %v", e.AchievementID, e.EarnedAt, want[e.AchievementID])
			}
			if e.ID == "" || ids[e.ID] {
				t.Errorf("%s: Earned.ID %q is empty or repeated (the package doc requires distinct ids)", e.AchievementID, e.ID)
			}
			ids[e.ID] = true
			if !strings.HasPrefix(e.IssuerID, "did:key:") {
				t.Errorf("%s: IssuerID %q, want the signer's did:key", e.AchievementID, e.IssuerID)
			}
		}
	})
	t.Run("complete", func(t *testing.T) {
		p := evaluate(t, "2024-07-01T00:00:00Z")
		if !p.Complete {
			t.Errorf("not complete: %s", p.Missing)
		}
	})
	t.Run("after-expirationDate", func(t *testing.T) {
		// VC 1.1 expirationDate 2026-01-01: the HTML part no longer counts (pathway doc: expired credentials count for nothing).
		p := evaluate(t, "2026-02-01T00:00:00Z")
		if p.Complete {
			t.Error("complete although the HTML credential expired")
		}
	})
}

func loadPathway(t *testing.T) *pathway.Definition {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pathway.json"))
	if err != nil {
		t.Fatal(err)
	}
	def, err := pathway.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// ourSigned signs doc with a fresh Ed25519 key whose did:key becomes the issuer.
func ourSigned(t *testing.T, doc obj) []byte {
	t.Helper()
	key, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	d := jsonClone(doc).(map[string]any)
	if iss, ok := d["issuer"].(map[string]any); ok {
		iss["id"] = did
	} else {
		d["issuer"] = did
	}
	out, err := credential.AddProof(context.Background(), mustJSON(t, d), credential.SignOptions{Signer: key, VerificationMethod: vm,
		Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPathwaySameIDDifferentIssuers: OB 3.0 "Equality and comparison": two
// credentials are the same only if issuer id AND credential id are equal.
// Two issuers that happen to use the same id (spec-example ids are copied
// widely) issue two different credentials; both must count.
func TestPathwaySameIDDifferentIssuers(t *testing.T) {
	t.Parallel()
	html := baseCredential()
	html["credentialSubject"].(obj)["achievement"].(obj)["id"] = "https://example.edu/achievements/html"
	js := baseCredential() // same "id" as html, another issuer
	js["credentialSubject"].(obj)["achievement"].(obj)["id"] = "https://example.edu/achievements/js"
	v := newVerifier(t, verify.Config{})
	var earned []pathway.Earned
	for _, doc := range []obj{html, js} {
		rep := runVerify(t, v, ourSigned(t, doc))
		es, err := pathway.FromReport(rep)
		if err != nil {
			t.Fatal(err)
		}
		earned = append(earned, es...)
	}
	def := loadPathway(t)
	p, err := pathway.Evaluate(def, earned, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), pathway.Options{})
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	if len(p.Assignments) != 2 {
		t.Errorf("both credentials should fill a component: %+v", p.Assignments)
	}
}
