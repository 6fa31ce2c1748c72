package pathway

import (
	"strings"
	"testing"
)

// Components matched by properties alone (an alignment and a result level
// here) explain the credentials that almost fill them, as components that
// list achievements always did; credentials about something else are not
// blamed on them.
func TestNearMissesWithoutAchievements(t *testing.T) {
	skill := Component{ID: "sql", Name: "SQL skill", Match: Match{
		Alignment: &AlignmentMatch{TargetURL: "https://skills.example/sql"},
		Issuers:   []string{"urn:test:issuer"},
		Result:    &ResultMatch{Levels: []string{"proficient", "expert"}},
	}}
	def := pathwayOf(All(C("sql")), skill)
	aligned := func(id, level string) Earned {
		e := earn(id, "urn:ach:"+id, "2025-01-01")
		e.Alignments = []Alignment{{TargetURL: "https://skills.example/sql"}}
		e.Results = []Result{{Level: level}}
		return e
	}
	low := aligned("low", "novice")
	foreign := aligned("foreign", "expert")
	foreign.IssuerID = "urn:other:issuer"
	lapsed := aligned("lapsed", "expert")
	lapsed.ValidUntil = date("2026-01-01")
	unrelated := earn("unrelated", "urn:ach:html", "2025-01-01")

	for _, tc := range []struct {
		name   string
		earned []Earned
		cred   string // the credential whose reason is checked
		reason string // a part of that credential's reason
		state  State  // the component's state
		comp   string // a part of the component's reason
	}{
		{"level too low", []Earned{low}, "low", `SQL skill: level "novice" is not an accepted level`, StateAvailable, "credential low does not count"},
		{"wrong issuer", []Earned{foreign}, "foreign", `SQL skill: issuer "urn:other:issuer" is not accepted`, StateAvailable, "credential foreign does not count"},
		{"expired", []Earned{lapsed}, "lapsed", "not valid at 2026-06-01", StateExpired, "credential lapsed expired on 2026-01-01"},
		{"unrelated", []Earned{unrelated}, "unrelated", "no component of this pathway accepts it", StateAvailable, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := evaluate(t, def, tc.earned, Options{})
			for _, u := range p.Credentials {
				if u.ID == tc.cred && !strings.Contains(u.Reason, tc.reason) {
					t.Errorf("credential %s: reason %q, want it to contain %q", u.ID, u.Reason, tc.reason)
				}
			}
			cs := stateOf(p, "sql")
			if cs.State != tc.state || !strings.Contains(cs.Reason, tc.comp) || (tc.comp == "" && cs.Reason != "") {
				t.Errorf("component: %s, %q; want %s with %q", cs.State, cs.Reason, tc.state, tc.comp)
			}
		})
	}
}
