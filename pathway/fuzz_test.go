package pathway

import (
	"fmt"
	"testing"
)

// FuzzEvaluate parses a definition and evaluates credentials derived from
// it: no panic, bounded work, and the invariants of a Progress hold.
func FuzzEvaluate(f *testing.F) {
	f.Add(mustRead(f, "webdev.json"), uint8(7))
	f.Add([]byte(`{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
		"components":[{"id":"a","match":{"achievements":["urn:a","urn:b"]}},{"id":"b","match":{"achievements":["urn:a"]},"prerequisites":["a"]}],
		"requirement":{"kind":"nOf","min":2,"within":"P1Y","items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}}`), uint8(3))
	f.Add([]byte(`{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
		"components":[{"id":"a","match":{"achievements":["urn:a"],"result":{"minLevel":"C","scale":["E","D","C","B","A"]}}},
		{"id":"b","match":{"alignment":{"targetUrl":"urn:s"},"result":{"minLevel":"B","scale":["D","C","B","A"],"levels":["B","A"]}}}],
		"requirement":{"kind":"anyOf","items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}}`), uint8(9))
	f.Add(mustRead(f, "webdev.json"), uint8(8)) // shared ids and copies
	f.Fuzz(func(t *testing.T, data []byte, seed uint8) {
		def, err := Parse(data)
		if err != nil {
			return
		}
		var achs []string
		for _, c := range def.Components {
			achs = append(achs, c.Match.Achievements...)
		}
		achs = append(achs, "urn:other")
		var earned []Earned
		for i := range int(seed % 12) {
			e := earn(fmt.Sprintf("e%d", i), achs[(i*int(seed+1))%len(achs)], "")
			if seed%4 == 0 {
				// Ids shared across issuers, and copies of one credential.
				e.ID = fmt.Sprintf("e%d", i%3)
				e.IssuerID = fmt.Sprintf("urn:issuer:%d", (i/3)%2)
				e.ValidFrom = date("2023-01-01").AddDate(0, 0, i%2)
			}
			if (i+int(seed))%5 != 0 {
				e.EarnedAt = date("2024-01-01").AddDate(0, 0, (i*37+int(seed))%900)
			}
			if (i+int(seed))%3 != 0 {
				g := string(rune('A' + (i+int(seed))%6))
				e.Results = []Result{{Value: g}, {Level: g}}
				e.Alignments = []Alignment{{TargetURL: "urn:s"}}
			}
			earned = append(earned, e)
		}
		opts := Options{MaxSearchSteps: 5000}
		p, err := Evaluate(def, earned, asOf, opts)
		if err != nil {
			t.Fatalf("valid definition failed to evaluate: %v", err)
		}
		if p.Percent < 0 || p.Percent > 100 || (p.Complete && p.Percent != 100) {
			t.Fatalf("percent %v complete %v", p.Percent, p.Complete)
		}
		if len(p.Credentials) != len(earned) {
			t.Fatalf("%d credentials in, %d accounted for", len(earned), len(p.Credentials))
		}
		counted := map[[2]string]bool{}
		for _, u := range p.Credentials {
			if k := [2]string{u.ID, u.Issuer}; u.Used {
				if counted[k] {
					t.Fatalf("credential %v counted twice", k)
				}
				counted[k] = true
			}
		}
		used := map[string]string{}
		for _, a := range p.Assignments {
			c := def.Components[indexOf(def, a.Component)]
			if prev, dup := used[a.Achievement]; dup && !c.Reuse && !def.Components[indexOf(def, prev)].Reuse {
				t.Fatalf("achievement %s fills %s and %s", a.Achievement, prev, a.Component)
			}
			used[a.Achievement] = a.Component
		}
		_ = p.Explain()
	})
}
