package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/jsonld"
)

// signedCorpus is every credential the verify tests use: the 1EdTech
// validator fixtures and signed test vectors of internal/fixtures, and the interop
// corpus of package internal/interop signed here with a fresh key (its
// "$SIGNED:NAME" placeholders become signed nested credentials).
func signedCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pat := range []string{"1edtech/validator/*/*.json", "1edtech/validator/*/*/*.json", "1edtech/testvectors/*-signed.json"} {
		for _, p := range fixtures.Glob(t, pat) {
			out[p] = fixtures.Read(t, p)
		}
	}
	iss := newIssuer(t)
	corpusDir := filepath.Join("..", "internal", "interop", "testdata", "corpus")
	var sign func(raw []byte) []byte
	sign = func(raw []byte) []byte {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		var walk func(any) any
		walk = func(x any) any {
			switch x := x.(type) {
			case map[string]any:
				for k, e := range x {
					x[k] = walk(e)
				}
			case []any:
				for i, e := range x {
					x[i] = walk(e)
				}
			case string:
				if name, ok := strings.CutPrefix(x, "$SIGNED:"); ok {
					var signed any
					_ = json.Unmarshal(sign(readFile(t, filepath.Join(corpusDir, name))), &signed)
					return signed
				}
			}
			return x
		}
		v = walk(v)
		if m, ok := v.(map[string]any); ok {
			if is, ok := m["issuer"].(map[string]any); ok {
				is["id"] = iss.did
			} else if _, ok := m["issuer"].(string); ok {
				m["issuer"] = iss.did
			}
		}
		b, _ := json.Marshal(v)
		return signDI(t, b, iss, credential.SignOptions{})
	}
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "[0-9]*.json"))
	for _, p := range paths {
		out[p] = sign(readFile(t, p))
	}
	return out
}

// allReports lists r and every report nested in it (endorsements, CLR).
func allReports(r *Report) []*Report {
	out := []*Report{r}
	for _, e := range r.Endorsements {
		out = append(out, allReports(e)...)
	}
	for _, n := range r.Nested {
		out = append(out, allReports(n)...)
	}
	return out
}

// view is what a check, badge's typed view or pathway reads from a
// credential, reduced to strings so two readings compare with cmp.
type view struct {
	ID, Issuer                                              string
	ValidFrom, ValidUntil, IssuanceDate, ExpirationDate     string
	AwardedDate                                             string
	Status, Subjects, Achievements, Schemas, Refresh, Types []string
	Endorsements                                            int
}

// signedView reads the properties from the expanded document, by IRI: the
// data an RDF proof covers. It is written apart from checkSigned's shapes
// on purpose, so that the two can disagree.
func signedView(t *testing.T, exp []any) view {
	t.Helper()
	if len(exp) != 1 {
		t.Fatalf("%d top-level nodes", len(exp))
	}
	top := exp[0].(map[string]any)
	var v view
	v.ID, _ = top["@id"].(string)
	lit := func(m map[string]any, iri string) string {
		a, _ := m[iri].([]any)
		if len(a) == 0 {
			return ""
		}
		s, _ := a[0].(map[string]any)["@value"].(string)
		return s
	}
	ids := func(m map[string]any, match func(string) bool) []string {
		var out []string
		for k, x := range m {
			if !match(k) {
				continue
			}
			for _, n := range x.([]any) {
				id, _ := n.(map[string]any)["@id"].(string)
				out = append(out, id)
			}
		}
		return out
	}
	is := func(iri string) func(string) bool { return func(k string) bool { return k == iri } }
	cred := "https://www.w3.org/2018/credentials#"
	v.ValidFrom, v.ValidUntil = lit(top, cred+"validFrom"), lit(top, cred+"validUntil")
	v.IssuanceDate, v.ExpirationDate = lit(top, cred+"issuanceDate"), lit(top, cred+"expirationDate")
	for k := range top {
		if strings.HasSuffix(k, "#awardedDate") {
			v.AwardedDate = lit(top, k)
		}
	}
	if iss := ids(top, is(cred+"issuer")); len(iss) > 0 {
		v.Issuer = iss[0]
	}
	v.Status = ids(top, is(cred+"credentialStatus"))
	v.Schemas = ids(top, is(cred+"credentialSchema"))
	v.Refresh = ids(top, is(cred+"refreshService"))
	for _, x := range top["@type"].([]any) {
		s := x.(string)
		v.Types = append(v.Types, s[strings.LastIndexAny(s, "#/")+1:])
	}
	subjects, _ := top[cred+"credentialSubject"].([]any)
	for _, s := range subjects {
		sm := s.(map[string]any)
		id, _ := sm["@id"].(string)
		v.Subjects = append(v.Subjects, id)
		v.Achievements = append(v.Achievements, ids(sm, func(k string) bool {
			l := strings.ToLower(k[strings.LastIndexAny(k, "#/")+1:])
			return l == "achievement" || l == "achievement-0"
		})...)
	}
	var count func(x any)
	count = func(x any) {
		switch x := x.(type) {
		case []any:
			for _, e := range x {
				count(e)
			}
		case map[string]any:
			if _, ok := x["@value"]; ok {
				return
			}
			for k, e := range x {
				switch l := k[strings.LastIndexAny(k, "#/")+1:]; {
				case l == "endorsement" || l == "endorsementJwt":
					v.Endorsements += len(e.([]any))
				case l == "proof" || l == "verifiableCredential":
				default:
					count(e)
				}
			}
		}
	}
	count(top)
	return v
}

// jsonView reads the same properties as the checks do: from the decoded
// JSON for verify's checks, and from badge's typed view for what pathway
// reads through Report.Parsed.
func jsonView(t *testing.T, raw []byte) view {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var v view
	v.ID, _ = doc["id"].(string)
	v.Issuer = idOf(doc["issuer"])
	v.ValidFrom, v.ValidUntil = str(doc, "validFrom"), str(doc, "validUntil")
	v.IssuanceDate, v.ExpirationDate = str(doc, "issuanceDate"), str(doc, "expirationDate")
	v.AwardedDate = str(doc, "awardedDate")
	for _, e := range objects(doc["credentialStatus"]) {
		v.Status = append(v.Status, idOf(e))
	}
	for _, e := range objects(doc["credentialSchema"]) {
		v.Schemas = append(v.Schemas, idOf(e))
	}
	for _, e := range objects(doc["refreshService"]) {
		v.Refresh = append(v.Refresh, idOf(e))
	}
	for _, ty := range stringList(doc["type"]) {
		if ty == "AchievementCredential" {
			// The Open Badges contexts define it as OpenBadgeCredential,
			// and the checks accept both.
			ty = "OpenBadgeCredential"
		}
		v.Types = append(v.Types, ty)
	}
	for _, s := range objects(doc["credentialSubject"]) {
		v.Subjects = append(v.Subjects, idOf(s))
		for _, a := range asList(s["achievement"]) {
			if a != nil {
				v.Achievements = append(v.Achievements, idOf(a))
			}
		}
	}
	var found []any
	endorsementsIn(doc, &found, 1<<20)
	v.Endorsements = len(found)

	// The typed view must read the same values.
	c, err := badge.Parse(raw)
	if err != nil {
		return v
	}
	b := c.Base()
	typed := view{ID: b.ID, ValidFrom: string(b.ValidFrom), ValidUntil: string(b.ValidUntil),
		IssuanceDate: string(b.IssuanceDate), ExpirationDate: string(b.ExpirationDate), AwardedDate: string(b.AwardedDate)}
	if b.Issuer != nil {
		typed.Issuer = b.Issuer.ID
	}
	if diff := cmp.Diff(view{ID: v.ID, Issuer: v.Issuer, ValidFrom: v.ValidFrom, ValidUntil: v.ValidUntil,
		IssuanceDate: v.IssuanceDate, ExpirationDate: v.ExpirationDate, AwardedDate: v.AwardedDate}, typed); diff != "" {
		t.Errorf("badge's typed view reads other values than the JSON (-json +typed):\n%s", diff)
	}
	if ac, ok := c.(*badge.AchievementCredential); ok && ac.CredentialSubject != nil && ac.CredentialSubject.Achievement != nil {
		if len(v.Achievements) != 1 || v.Achievements[0] != ac.CredentialSubject.Achievement.ID {
			t.Errorf("typed achievement id %q, JSON %q", ac.CredentialSubject.Achievement.ID, v.Achievements)
		}
	}
	return v
}

// TestSignedViewAgrees is the differential test of issue 15 §1: for every
// credential of the corpus that verifies, and every credential nested in
// it, what the checks read from the JSON is what the expanded (signed)
// data holds; and checkSigned agrees with no finding.
func TestSignedViewAgrees(t *testing.T) {
	// The validator fixtures' configuration (see TestValidatorFixtures), so
	// that as many of them as possible verify.
	v, err := New(Config{Clock: fixedClock, HTTPClient: &http.Client{Transport: fixtureNetwork(t)},
		UnsafeTrustEmbeddedJWK: true, UnsafeTrustFragmentKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	corpus := signedCorpus(t)
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	sort.Strings(names)
	compared, ok := 0, 0
	for _, name := range names {
		top, err := v.Verify(context.Background(), corpus[name])
		if err != nil {
			t.Fatal(err)
		}
		if top.OK() {
			ok++
		}
		for i, r := range allReports(top) {
			if r.Format != FormatJSON || r.Check(CheckProof) == nil || r.Check(CheckProof).Outcome != Pass && r.Check(CheckProof).Outcome != Warn {
				continue
			}
			var doc map[string]any
			dec := json.NewDecoder(bytes.NewReader(r.Credential))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil || !coversRDF(doc["proof"]) {
				continue
			}
			exp, err := jsonld.Expand(context.Background(), doc, nil)
			if err != nil {
				// As checkSigned does: an RDF proof signs the document
				// without its proofs.
				delete(doc, "proof")
				exp, err = jsonld.Expand(context.Background(), doc, nil)
			}
			if err != nil {
				t.Errorf("%s #%d: %v", name, i, err)
				continue
			}
			compared++
			if err := compareSigned(doc, exp, 1<<20); err != nil {
				t.Errorf("%s #%d: checkSigned finds %v", name, i, err)
			}
			signed, read := signedView(t, exp), jsonView(t, r.Credential)
			if diff := cmp.Diff(signed, read); diff != "" {
				t.Errorf("%s #%d: the checks read other values than the proof covers (-signed +read):\n%s", name, i, diff)
			}
		}
	}
	// Guard against a corpus that silently stopped verifying.
	if compared < 20 || ok < 10 {
		t.Fatalf("only %d credentials compared, %d verified: the corpus is not what this test expects", compared, ok)
	}
	t.Logf("%d credentials verified OK at the top level; %d RDF-signed credentials compared", ok, compared)
}
