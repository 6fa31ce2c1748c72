package pathway

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
)

// from makes an earned credential of an issuer, with a validFrom.
func from(issuer, id, achievement, validFrom string) Earned {
	e := earn(id, achievement, "2025-01-01")
	e.IssuerID = issuer
	if validFrom != "" {
		e.ValidFrom, e.EarnedAt = date(validFrom), date(validFrom)
	}
	return e
}

// permutations calls f with every order of es (the tables stay small).
func permutations(es []Earned, f func([]Earned)) {
	var rec func(k int)
	rec = func(k int) {
		if k == len(es) {
			f(append([]Earned(nil), es...))
			return
		}
		for i := k; i < len(es); i++ {
			es[k], es[i] = es[i], es[k]
			rec(k + 1)
			es[k], es[i] = es[i], es[k]
		}
	}
	rec(0)
}

// TestCredentialIdentity: credentials are identified by (issuer, id) as in
// OB 3.0 "Equality and comparison"; one id from two issuers is two
// credentials, and two copies of one credential count once.
func TestCredentialIdentity(t *testing.T) {
	const id = "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002" // the spec example id issuers copy
	// Two components accept the same achievement: a credential counted
	// twice would complete the pathway.
	twice := pathwayOf(All(C("a"), C("b")), comp("a", "urn:ach:x"), comp("b", "urn:ach:x"))
	twoAch := pathwayOf(All(C("a"), C("b")), comp("a", "urn:ach:a"), comp("b", "urn:ach:b"))
	tests := []struct {
		name     string
		reason   string
		def      *Definition
		earned   []Earned
		complete bool
		uses     int    // CredentialUse entries
		used     int    // of which Used
		kept     string // issuer|validFrom of the copy filling a, if checked
		reasonIn string // a CredentialUse reason must contain this
		explain  string // the explanation must contain this
	}{
		{name: "same id, two issuers, two achievements", reason: "ids are unique per issuer only; both count (acceptance bug 2)",
			def:      twoAch,
			earned:   []Earned{from("did:key:A", id, "urn:ach:a", "2024-01-01"), from("did:key:B", id, "urn:ach:b", "2024-01-01")},
			complete: true, uses: 2, used: 2,
			explain: "by credential " + id + " (issuer did:key:A)"},
		{name: "same id, two issuers, one achievement", reason: "two credentials, but one achievement still counts once; the reason names the issuer",
			def:      twice,
			earned:   []Earned{from("did:key:A", id, "urn:ach:x", ""), from("did:key:B", id, "urn:ach:x", "")},
			complete: false, uses: 2, used: 1,
			reasonIn: "the same achievement already counts through credential " + id + " (issuer did:key:A)"},
		{name: "same id, one issuer and none", reason: "a host record without issuer is not the issuer's credential",
			def:      twoAch,
			earned:   []Earned{from("did:key:A", id, "urn:ach:a", ""), from("", id, "urn:ach:b", "")},
			complete: true, uses: 2, used: 2, explain: id + " (no issuer)"},
		{name: "identical copies", reason: "the JSON and the baked copy of one credential count once, without error",
			def:      twice,
			earned:   []Earned{from("did:key:A", id, "urn:ach:x", "2024-01-01"), from("did:key:A", id, "urn:ach:x", "2024-01-01")},
			complete: false, uses: 2, used: 1, reasonIn: "another copy of credential " + id + " counts instead (same issuer, id and validFrom)"},
		{name: "re-issued copy", reason: "the later validFrom supersedes (badge.Supersedes)",
			def: twice,
			earned: []Earned{from("did:key:A", id, "urn:ach:x", "2024-01-01"), from("did:key:A", id, "urn:ach:x", "2024-06-01"),
				from("did:key:A", id, "urn:ach:x", "2023-01-01")},
			complete: false, uses: 3, used: 1, kept: "did:key:A|2024-06-01", reasonIn: "superseded by a copy of credential " + id + " with the later validFrom 2024-06-01"},
		{name: "normalised ids", reason: "equality unescapes percent-encoding and trims white space, as badge.SameCredential",
			def:      twice,
			earned:   []Earned{from("did:key:A", "urn:x:a b", "urn:ach:x", ""), from(" did:key:A", "urn:x:a%20b ", "urn:ach:x", "")},
			complete: false, uses: 2, used: 1, reasonIn: "another copy of credential urn:x:a b"},
		{name: "copies and another issuer", reason: "dedupe per issuer, then name the issuer because the id is shared",
			def: twoAch,
			earned: []Earned{from("did:key:A", id, "urn:ach:a", "2024-01-01"), from("did:key:A", id, "urn:ach:a", "2024-02-01"),
				from("did:key:B", id, "urn:ach:b", "2024-01-01")},
			complete: true, uses: 3, used: 2, kept: "did:key:A|2024-02-01",
			reasonIn: "superseded by a copy of credential " + id + " (issuer did:key:A)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var base string
			permutations(tc.earned, func(es []Earned) {
				p, err := Evaluate(tc.def, es, asOf, Options{})
				if err != nil {
					t.Fatalf("Evaluate: %v (%s)", err, tc.reason)
				}
				raw, _ := json.Marshal(p)
				if base == "" {
					base = string(raw)
				} else if string(raw) != base {
					t.Fatalf("output depends on credential order (%s)\n%s\n%s", tc.reason, base, raw)
				}
			})
			p := evaluate(t, tc.def, tc.earned, Options{})
			if p.Complete != tc.complete {
				t.Errorf("complete = %v, want %v (%s)\n%s", p.Complete, tc.complete, tc.reason, p.Explain())
			}
			used, reasons := 0, ""
			for _, u := range p.Credentials {
				if u.Used {
					used++
				}
				reasons += u.Reason + "\n"
			}
			if len(p.Credentials) != tc.uses || used != tc.used {
				t.Errorf("%d uses, %d used; want %d, %d (%s)\n%+v", len(p.Credentials), used, tc.uses, tc.used, tc.reason, p.Credentials)
			}
			if len(p.Assignments) != used {
				t.Errorf("%d assignments for %d used credentials", len(p.Assignments), used)
			}
			if tc.reasonIn != "" && !strings.Contains(reasons, tc.reasonIn) {
				t.Errorf("reasons %q lack %q (%s)", reasons, tc.reasonIn, tc.reason)
			}
			if tc.explain != "" && !strings.Contains(p.Explain(), tc.explain) {
				t.Errorf("explanation lacks %q (%s)\n%s", tc.explain, tc.reason, p.Explain())
			}
			if tc.kept != "" {
				// The copies differ in validFrom, hence in EarnedAt, which
				// the assignment carries.
				var got string
				for _, a := range p.Assignments {
					if a.Component == "a" {
						got = a.Issuer + "|" + day(a.EarnedAt)
					}
				}
				if got != tc.kept {
					t.Errorf("component a filled by the copy %q, want %q (%s)", got, tc.kept, tc.reason)
				}
			}
		})
	}
}

// TestAwardSharedID: evidence names a credential unambiguously, and the
// original credentials are found by CredentialKey when ids are shared.
func TestAwardSharedID(t *testing.T) {
	const id = "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002"
	def := pathwayOf(All(C("a"), C("b")), comp("a", "urn:ach:a"), comp("b", "urn:ach:b"))
	p := evaluate(t, def, []Earned{from("did:key:A", id, "urn:ach:a", ""), from("did:key:B", id, "urn:ach:b", "")}, Options{})
	cred := func(issuer string) badge.Credential {
		c := &badge.AchievementCredential{}
		c.ID, c.Issuer = id, &badge.Profile{ID: issuer}
		return c
	}
	a, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range a.Credential.Evidence {
		if !strings.Contains(ev.Narrative, "(issuer did:key:") {
			t.Errorf("evidence narrative %q does not name the issuer of a shared id", ev.Narrative)
		}
	}
	byKey := map[string]badge.Credential{CredentialKey("did:key:A", id): cred("did:key:A"), CredentialKey("did:key:B", id): cred("did:key:B")}
	if _, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1", Credentials: byKey}); err != nil {
		t.Errorf("credentials keyed by CredentialKey: %v", err)
	}
	// Keyed by the bare id, one issuer's credential would be bundled as
	// evidence for the other's assignment: refuse.
	byID := map[string]badge.Credential{id: cred("did:key:A")}
	if _, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1", Credentials: byID}); err == nil {
		t.Error("a credential of issuer A accepted for issuer B's assignment")
	}
}
