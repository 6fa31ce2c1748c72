package pathway

import (
	"fmt"
	"slices"
	"testing"
)

// stepsOf renders next steps as "id state remaining" for comparison.
func stepsOf(p *Progress) []string {
	var out []string
	for _, s := range p.NextSteps {
		now := ""
		if s.Now {
			now = " now"
		}
		out = append(out, fmt.Sprintf("%s %s%s %d", s.Component, s.State, now, s.Remaining))
	}
	return out
}

// chain returns a core sequence c0 → c1 → … → c(n-1), each requiring the
// previous one, all required by an allOf.
func chain(n int) *Definition {
	var comps []Component
	var items []*Node
	for i := range n {
		c := comp(fmt.Sprintf("c%d", i), fmt.Sprintf("urn:ach:c%d", i))
		if i > 0 {
			c.Prerequisites = []string{fmt.Sprintf("c%d", i-1)}
		}
		comps = append(comps, c)
		items = append(items, C(c.ID))
	}
	return pathwayOf(All(items...), comps...)
}

// The ranking rule: what can be earned now (available, or expired with
// its prerequisites filled) before the rest, then fewest remaining
// after the step, then suggested order, then definition order.
func TestNextStepsRanking(t *testing.T) {
	chainDef := chain(10)
	var chainHeld []Earned
	for i := range 4 {
		chainHeld = append(chainHeld, earn(fmt.Sprintf("k%d", i), fmt.Sprintf("urn:ach:c%d", i), fmt.Sprintf("2025-0%d-01", i+1)))
	}

	ordered := pathwayOf(All(C("x"), C("a")), comp("a", "urn:ach:a"),
		Component{ID: "x", Name: "x", Match: Match{Achievements: []string{"urn:ach:x"}}, Prerequisites: []string{"a"}})

	short := pathwayOf(Any(All(C("p1"), C("p2")), C("q")),
		comp("p1", "urn:ach:p1"), comp("p2", "urn:ach:p2"), comp("q", "urn:ach:q"))

	lapse := func(e Earned) Earned { e.ValidUntil = date("2026-01-01"); return e }
	three := chain(3)
	k0, k1 := earn("k0", "urn:ach:c0", "2025-01-01"), earn("k1", "urn:ach:c1", "2025-02-01")

	suggested := pathwayOf(All(C("p"), C("q")), comp("p", "urn:ach:p"), comp("q", "urn:ach:q"))
	suggested.Components[1].Precedes = []string{"p"}

	for _, tc := range []struct {
		name   string
		def    *Definition
		earned []Earned
		want   []string
		why    string
	}{
		{"chain from the start", chainDef, nil,
			[]string{"c0 available now 9", "c1 locked 9", "c2 locked 9", "c3 locked 9", "c4 locked 9", "c5 locked 9", "c6 locked 9", "c7 locked 9", "c8 locked 9", "c9 locked 9"},
			"only the first link can be earned now; every link leaves the other nine"},
		{"chain part done", chainDef, chainHeld,
			[]string{"c4 available now 5", "c5 locked 5", "c6 locked 5", "c7 locked 5", "c8 locked 5", "c9 locked 5"},
			"the next link is available and leaves 5; a later link needs every link before it, so it is locked and leaves as many (cohort learner 3 of seed 1)"},
		{"available before locked", ordered, nil,
			[]string{"a available now 1", "x locked 1"},
			"x needs a first: both leave one, but a can be earned now (x is defined first)"},
		{"fewest remaining", short, nil,
			[]string{"q available now 0"},
			"q alone finishes; p1 or p2 still leaves one to earn, no closer than now, so neither is a step"},
		{"expired first link", three, []Earned{lapse(k0)},
			[]string{"c0 expired now 2", "c1 locked 2", "c2 locked 2"},
			"c0's credential lapsed; it has no prerequisite, so earning it again now counts"},
		{"expired link after a filled one", three, []Earned{k0, lapse(k1)},
			[]string{"c1 expired now 1", "c2 locked 1"},
			"c1's credential lapsed and c0 still holds, so c1 can be earned again now"},
		{"expired link after an expired one", three, []Earned{lapse(k0), lapse(k1)},
			[]string{"c0 expired now 2", "c1 expired 2", "c2 locked 2"},
			"c1 lapsed but needs c0 again first, so only c0 is a step for now"},
		{"suggested order breaks ties", suggested, nil,
			[]string{"q available now 1", "p available now 1"},
			"q precedes p, so q comes first though p is defined first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Validate(tc.def); err != nil {
				t.Fatal(err)
			}
			got := stepsOf(evaluate(t, tc.def, tc.earned, Options{}))
			if !slices.Equal(got, tc.want) {
				t.Errorf("next steps = %q, want %q (%s)", got, tc.want, tc.why)
			}
		})
	}
}
