package pathway

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
)

func withScale(c Component, minLevel string, scale ...string) Component {
	c.Match.Result = &ResultMatch{MinLevel: minLevel, Scale: scale}
	return c
}

// The unreachable warning names the component as people know it, and by
// the id tools use.
func TestLintUnreachableNamesComponent(t *testing.T) {
	named := comp("db", "urn:db")
	named.Name = "Databases"
	for _, tc := range []struct {
		c    Component
		want string
		why  string
	}{
		{named, `component "Databases" (db) is not referenced`, "a named component is called by its name, its id in brackets"},
		{Component{ID: "x", Match: Match{Achievements: []string{"urn:x"}}}, `component "x" is not referenced`, "a component without a name is called by its id"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			var msg string
			for _, f := range Lint(pathwayOf(C("a"), comp("a", "urn:a"), tc.c)) {
				if f.Code == "unreachable" {
					msg = f.Message
				}
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("unreachable %s: %q, want %q (%s)", tc.c.ID, msg, tc.want, tc.why)
			}
		})
	}
}

func TestLint(t *testing.T) {
	ab := []Component{comp("a", "urn:a"), comp("b", "urn:b")}
	withPre := func(c Component, p ...string) Component { c.Prerequisites = p; return c }
	withPrec := func(c Component, p ...string) Component { c.Precedes = p; return c }
	tests := []struct {
		name string
		why  string
		def  *Definition
		code string
		sev  badge.Severity
	}{
		{"empty allOf", "vacuous truth is legal but suspicious", pathwayOf(All(), ab...), "empty-group", badge.SeverityWarning},
		{"vacuous root", "completes with no credentials", pathwayOf(All(), ab...), "vacuous", badge.SeverityWarning},
		{"empty anyOf nested", "never satisfied, but an alternative exists", pathwayOf(Any(Any(), C("a")), ab...), "empty-group", badge.SeverityWarning},
		{"empty anyOf alone", "can never complete", pathwayOf(Any(), ab...), "unsatisfiable", badge.SeverityError},
		{"nOf min 0", "vacuous", pathwayOf(NOf(0, C("a")), ab...), "empty-group", badge.SeverityWarning},
		{"N > M", "3 of 2", pathwayOf(NOf(3, C("a"), C("b")), ab...), "n-greater-than-m", badge.SeverityError},
		{"unreachable", "b is never referenced", pathwayOf(C("a"), ab...), "unreachable", badge.SeverityWarning},
		{"dangling", "no component z", pathwayOf(C("z"), ab...), "dangling", badge.SeverityError},
		{"duplicate component", "two a", pathwayOf(C("a"), ab[0], ab[0]), "duplicate-id", badge.SeverityError},
		{"duplicate node id", "two nodes named g",
			pathwayOf(All(&Node{Kind: KindAllOf, ID: "g", Items: []*Node{C("a")}}, &Node{Kind: KindAllOf, ID: "g", Items: []*Node{C("b")}}), ab...), "duplicate-id", badge.SeverityError},
		{"prerequisite cycle", "a needs b needs a", pathwayOf(All(C("a"), C("b")), withPre(ab[0], "b"), withPre(ab[1], "a")), "cycle", badge.SeverityError},
		{"self prerequisite", "a needs a", pathwayOf(C("a"), withPre(ab[0], "a")), "cycle", badge.SeverityError},
		{"dangling prerequisite", "a needs z", pathwayOf(C("a"), withPre(ab[0], "z")), "dangling", badge.SeverityError},
		{"suggested cycle", "a precedes b precedes a", pathwayOf(All(C("a"), C("b")), withPrec(ab[0], "b"), withPrec(ab[1], "a")), "cycle", badge.SeverityWarning},
		{"order conflict", "a is suggested before b but requires b first",
			pathwayOf(All(C("a"), C("b")), withPrec(withPre(ab[0], "b"), "b"), ab[1]), "order-conflict", badge.SeverityWarning},
		{"vacuous milestone node", "a milestone on an empty group would award at once",
			func() *Definition {
				d := pathwayOf(All(C("a"), &Node{Kind: KindAllOf, ID: "empty"}), ab...)
				d.Milestones = []Milestone{{ID: "m", Node: "empty", Achievement: AchievementRef{ID: "urn:m"}}}
				return d
			}(), "vacuous", badge.SeverityWarning},
		{"contradiction", "a and not a", pathwayOf(All(C("a"), Not(C("a"))), ab...), "unsatisfiable", badge.SeverityError},
		{"not warns", "non-monotonic", pathwayOf(All(C("a"), Not(C("b"))), ab...), "non-monotonic", badge.SeverityWarning},
		{"credits above declared", "needs 10, components declare 6",
			pathwayOf(Cred(10, "ECTS", C("a"), C("b")), Component{ID: "a", Match: Match{Achievements: []string{"urn:a"}}, Credits: &Quantity{3, "ECTS"}},
				Component{ID: "b", Match: Match{Achievements: []string{"urn:b"}}, Credits: &Quantity{3, "ECTS"}}), "threshold-above-declared", badge.SeverityWarning},
		{"matches anything", "an empty matcher", pathwayOf(C("a"), Component{ID: "a"}), "matches-anything", badge.SeverityWarning},
		{"empty window", "ends before it starts",
			pathwayOf(&Node{Kind: KindAllOf, Items: []*Node{C("a")}, Window: &Window{From: date("2025-01-01"), Until: date("2024-01-01")}}, ab...), "empty-window", badge.SeverityError},
		{"unknown kind", "closed set", pathwayOf(&Node{Kind: "xor"}, ab...), "unknown-kind", badge.SeverityError},
		{"time rule under not", "not judges what is held, not what is chosen",
			pathwayOf(All(C("a"), Not(&Node{Kind: KindAllOf, Items: []*Node{C("b")}, Within: &Duration{Years: 1}})), ab...), "misplaced", badge.SeverityError},
		{"milestone awards destination", "it would be awarded twice",
			func() *Definition {
				d := pathwayOf(C("a"), ab...)
				d.Milestones = []Milestone{{ID: "m", Achievement: AchievementRef{ID: d.Destination.ID}, Requirement: C("b")}}
				return d
			}(), "duplicate-id", badge.SeverityError},
		{"milestone both forms", "node and requirement", func() *Definition {
			d := pathwayOf(&Node{Kind: KindAllOf, ID: "g", Items: []*Node{C("a")}}, ab...)
			d.Milestones = []Milestone{{ID: "m", Achievement: AchievementRef{ID: "urn:m"}, Node: "g", Requirement: C("b")}}
			return d
		}(), "milestone-rule", badge.SeverityError},
		{"missing header", "no id, version, destination", &Definition{Format: FormatV1, Components: ab, Requirement: C("a")}, "missing", badge.SeverityError},
		{"too many components", "over Limits.MaxComponents", func() *Definition {
			d := pathwayOf(C("a"), ab...)
			for i := range DefaultMaxComponents {
				d.Components = append(d.Components, comp(strings.Repeat("x", 1+i%5)+string(rune('A'+i%26))+strings.Repeat("y", i/130), "urn:x"))
			}
			return d
		}(), "limit-components", badge.SeverityError},
		{"scale without minLevel", "an ordered scale with no threshold on it means nothing",
			pathwayOf(C("a"), withScale(ab[0], "", "C", "B", "A"), ab[1]), "bad-scale", badge.SeverityError},
		{"minLevel off the scale", "the threshold must be one of the levels",
			pathwayOf(C("a"), withScale(ab[0], "A+", "C", "B", "A"), ab[1]), "bad-scale", badge.SeverityError},
		{"minLevel without a scale", "no order to compare with",
			pathwayOf(C("a"), withScale(ab[0], "B"), ab[1]), "bad-scale", badge.SeverityError},
		{"repeated level", "a level twice makes the order ambiguous",
			pathwayOf(C("a"), withScale(ab[0], "B", "C", "B", "C"), ab[1]), "bad-scale", badge.SeverityError},
		{"scale too long", "over Limits.MaxScale",
			pathwayOf(C("a"), withScale(ab[0], "l0", func() []string {
				var l []string
				for i := range DefaultMaxScale + 1 {
					l = append(l, fmt.Sprintf("l%d", i))
				}
				return l
			}()...), ab[1]), "limit-scale", badge.SeverityError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := Lint(tt.def)
			for _, f := range found {
				if f.Code == tt.code && f.Severity == tt.sev {
					if f.Message == "" || (f.Pointer != "" && !strings.HasPrefix(f.Pointer, "/")) {
						t.Errorf("finding without message or JSON Pointer: %+v", f)
					}
					err := Validate(tt.def)
					if (err != nil) != (tt.sev == badge.SeverityError) {
						t.Errorf("Validate = %v for a %s finding", err, tt.sev)
					}
					if err != nil && !errors.Is(err, ErrInvalid) {
						t.Errorf("Validate error does not wrap ErrInvalid: %v", err)
					}
					return
				}
			}
			t.Errorf("%s: no %s %q among %v", tt.why, tt.sev, tt.code, found)
		})
	}
}

// Hostile definitions built in Go (not through Parse) are caught too.
func TestHostileDefinitions(t *testing.T) {
	deep := C("a")
	for range 200 {
		deep = All(deep)
	}
	if err := Validate(pathwayOf(deep, comp("a", "urn:a"))); !errors.Is(err, ErrLimit) {
		t.Errorf("deep tree: err = %v, want ErrLimit", err)
	}
	wide := NOf(1 << 40)
	if err := Validate(pathwayOf(wide, comp("a", "urn:a"))); !errors.Is(err, ErrInvalid) {
		t.Errorf("huge N: err = %v", err)
	}
	if _, err := Evaluate(nil, nil, asOf, Options{}); !errors.Is(err, ErrInput) {
		t.Errorf("nil definition: err = %v", err)
	}
	d := pathwayOf(C("a"), comp("a", "urn:a"))
	// Two copies of one credential are no longer an input error: see
	// TestCredentialIdentity.
	if _, err := Evaluate(d, []Earned{earn(" ", "urn:a", "")}, asOf, Options{}); !errors.Is(err, ErrInput) {
		t.Errorf("blank credential id: err = %v", err)
	}
	if _, err := Evaluate(d, make([]Earned, 11), asOf, Options{MaxCredentials: 10}); !errors.Is(err, ErrLimit) {
		t.Errorf("too many credentials: err = %v", err)
	}
}

// The search budget. Twelve pairs that must both be filled, five pairs
// required, and all 24 slots compete for four achievements: the slot bound
// proves at once that only two pairs fit. A time rule on the root switches
// that bound off (dates make progress non-Lipschitz in fills), and then the
// search is cut off by its budget, reported as not proven optimal, and
// still returns a valid assignment.
func TestSearchBudget(t *testing.T) {
	var comps []Component
	var pairs []*Node
	var earned []Earned
	for i := range 12 {
		a, b := fmt.Sprintf("p%da", i), fmt.Sprintf("p%db", i)
		comps = append(comps, comp(a, "urn:x1", "urn:x2", "urn:x3", "urn:x4"), comp(b, "urn:x1", "urn:x2", "urn:x3", "urn:x4"))
		pairs = append(pairs, All(C(a), C(b)))
	}
	for i := range 4 {
		earned = append(earned, earn(fmt.Sprint(i), fmt.Sprintf("urn:x%d", i+1), "2025-01-01"))
	}
	d := pathwayOf(NOf(5, pairs...), comps...)
	exact := evaluate(t, d, earned, Options{})
	if !exact.Optimal || exact.Percent != 40 || exact.SearchSteps > 200 {
		t.Errorf("slot bound: optimal=%v percent=%v steps=%d, want a quick proof of 40%%", exact.Optimal, exact.Percent, exact.SearchSteps)
	}
	d.Requirement.Within = &Duration{Years: 10}
	p := evaluate(t, d, earned, Options{MaxSearchSteps: 500})
	if p.Optimal || p.SearchSteps > 501+2*len(comps) {
		t.Errorf("budget not enforced: optimal=%v steps=%d", p.Optimal, p.SearchSteps)
	}
	if len(p.Assignments) > 4 || p.Complete {
		t.Errorf("invalid result under a cut search: %v", filled(p))
	}
	// Even a budget of one step yields a complete, valid assignment.
	tiny := evaluate(t, d, earned, Options{MaxSearchSteps: 1})
	if tiny.Optimal || len(tiny.Components) != len(comps) || len(tiny.Assignments) > 4 {
		t.Errorf("one-step budget: optimal=%v, %d assignments", tiny.Optimal, len(tiny.Assignments))
	}
	// The best found is still the best there is: two pairs of five.
	if p.Percent != 40 {
		t.Errorf("percent = %v, want 40\n%s", p.Percent, p.Explain())
	}
}

// Thousands of copies of one badge, all with different dates, are one
// achievement: evaluation stays fast and counts it once.
func TestManyCopiesOfOneBadge(t *testing.T) {
	d := pathwayOf(NOf(2, C("a"), C("b")), comp("a", "urn:x"), comp("b", "urn:x", "urn:y"))
	var earned []Earned
	for i := range 20000 {
		e := earn(fmt.Sprintf("c%05d", i), "urn:x", "")
		e.EarnedAt = date("2020-01-01").Add(time.Duration(i) * time.Minute)
		earned = append(earned, e)
	}
	p := evaluate(t, d, earned, Options{})
	if p.Complete || len(p.Assignments) != 1 || !p.Optimal {
		t.Fatalf("complete=%v assignments=%v optimal=%v", p.Complete, filled(p), p.Optimal)
	}
}

// Large hostile shapes within the limits finish: a chain of 1,500
// prerequisites, and time rules over every component.
func TestHostileShapesFinish(t *testing.T) {
	var comps []Component
	var items []*Node
	var earned []Earned
	for i := range 1500 {
		c := comp(fmt.Sprintf("c%04d", i), fmt.Sprintf("urn:a%d", i))
		if i > 0 {
			c.Prerequisites = []string{fmt.Sprintf("c%04d", i-1)}
		}
		comps = append(comps, c)
		items = append(items, C(c.ID))
		if i%3 != 2 {
			earned = append(earned, earn(fmt.Sprintf("e%04d", i), c.Match.Achievements[0], "2026-01-01"))
		}
	}
	root := All(&Node{Kind: KindAllOf, Items: items[:750], Within: &Duration{Years: 1}}, &Node{Kind: KindNOf, Min: 700, Items: items[750:], Window: &Window{Until: date("2027-01-01")}})
	d := pathwayOf(root, comps...)
	start := time.Now()
	p := evaluate(t, d, earned, Options{})
	if p.Complete || len(p.NextSteps) == 0 {
		t.Errorf("complete=%v, %d next steps", p.Complete, len(p.NextSteps))
	}
	t.Logf("1,500-component prerequisite chain: %v, %d steps", time.Since(start), p.SearchSteps)
}

// A dense equivalence graph: memoised when dates do not matter, and bounded
// (ErrLimit) when windowed equivalences make every credential's dates count.
func TestDenseEquivalences(t *testing.T) {
	d := pathwayOf(C("z"), comp("z", "urn:e0"))
	for i := range 100 {
		for j := i + 1; j < 100; j++ {
			d.Equivalences = append(d.Equivalences, Equivalence{From: fmt.Sprintf("urn:e%d", i), To: fmt.Sprintf("urn:e%d", j), Mutual: true, Source: "dense"})
		}
	}
	var earned []Earned
	for i := range 20000 {
		e := earn(fmt.Sprintf("c%05d", i), fmt.Sprintf("urn:e%d", 1+i%99), "")
		e.EarnedAt = date("2020-01-01").Add(time.Duration(i) * time.Minute)
		earned = append(earned, e)
	}
	p := evaluate(t, d, earned, Options{})
	if !p.Complete {
		t.Fatalf("not complete through one equivalence")
	}
	d.Equivalences[0].Applies = &Window{From: date("2000-01-01")}
	if _, err := Evaluate(d, earned, asOf, Options{}); !errors.Is(err, ErrLimit) {
		t.Fatalf("windowed dense graph: err = %v, want ErrLimit", err)
	}
}

// Components that match on properties alone look at every credential; the
// work is bounded by Options.MaxMatchWork.
func TestPropertyMatchersBounded(t *testing.T) {
	var comps []Component
	var items []*Node
	for i := range 50 {
		id := fmt.Sprintf("s%d", i)
		comps = append(comps, Component{ID: id, Match: Match{AchievementTypes: []string{"Course"}}})
		items = append(items, C(id))
	}
	d := pathwayOf(NOf(10, items...), comps...)
	var earned []Earned
	for i := range 2000 {
		earned = append(earned, Earned{ID: fmt.Sprintf("c%04d", i), AchievementID: fmt.Sprintf("urn:x%d", i), AchievementType: "Course"})
	}
	if p := evaluate(t, d, earned, Options{}); !p.Complete {
		t.Error("property matchers: not complete")
	}
	if _, err := Evaluate(d, earned, asOf, Options{MaxMatchWork: 10000}); !errors.Is(err, ErrLimit) {
		t.Errorf("err = %v, want ErrLimit", err)
	}
}
