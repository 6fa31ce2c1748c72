package pathway

import (
	"maps"
	"strings"
	"testing"
)

func withMatch(c Component, f func(m *Match)) Component { f(&c.Match); return c }

func TestRules(t *testing.T) {
	abc := []Component{comp("a", "urn:a"), comp("b", "urn:b"), comp("c", "urn:c")}
	iss := func(e Earned, issuer string) Earned { e.IssuerID = issuer; return e }
	credits := func(e Earned, v float64, unit string) Earned { e.Credits, e.CreditUnit = v, unit; return e }
	valid := func(e Earned, until string) Earned { e.ValidUntil = date(until); return e }
	status := func(e Earned, s Status) Earned { e.Status = s; return e }
	result := func(e Earned, r ...Result) Earned { e.Results = r; return e }
	withCredits := func(c Component, v float64) Component { c.Credits = &Quantity{v, "ECTS"}; return c }
	prereq := func(c Component, p ...string) Component { c.Prerequisites = p; return c }
	reuse := func(c Component) Component { c.Reuse = true; return c }
	within := func(n *Node, d string) *Node { x, _ := ParseDuration(d); n.Within = &x; return n }
	score := 70.0

	tests := []struct {
		name     string
		why      string
		def      *Definition
		earned   []Earned
		opts     Options
		complete bool
		percent  float64 // -1: not checked
		fills    map[string]string
		states   map[string]State
	}{
		// all-of
		{"allOf complete", "every item satisfied",
			pathwayOf(All(C("a"), C("b")), abc...), []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-02")}, Options{},
			true, 100, map[string]string{"a": "1", "b": "2"}, nil},
		{"allOf partial", "one of two: 50%, the other available",
			pathwayOf(All(C("a"), C("b")), abc...), []Earned{earn("1", "urn:a", "2025-01-01")}, Options{},
			false, 50, map[string]string{"a": "1"}, map[string]State{"a": StateComplete, "b": StateAvailable}},
		{"allOf empty", "an empty allOf is vacuously satisfied (documented; Lint warns, Award refuses)",
			pathwayOf(All(), abc...), nil, Options{}, true, 100, map[string]string{}, nil},
		// any-of
		{"anyOf empty", "an empty anyOf is never satisfied (alone it is rejected as unsatisfiable, see TestLint)",
			pathwayOf(Any(Any(), C("b")), abc...), []Earned{earn("1", "urn:a", "2025-01-01")}, Options{}, false, 0, nil, nil},
		{"anyOf one", "one item is enough",
			pathwayOf(Any(C("a"), C("b")), abc...), []Earned{earn("1", "urn:b", "2025-01-01")}, Options{}, true, 100, map[string]string{"b": "1"}, nil},
		// N-of-M
		{"nOf reached", "2 of 3",
			pathwayOf(NOf(2, C("a"), C("b"), C("c")), abc...), []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:c", "2025-01-01")}, Options{},
			true, 100, nil, nil},
		{"nOf short", "1 of the required 2: 50%",
			pathwayOf(NOf(2, C("a"), C("b"), C("c")), abc...), []Earned{earn("1", "urn:a", "2025-01-01")}, Options{}, false, 50, nil, nil},
		{"nOf min 0", "vacuous, like an empty allOf",
			pathwayOf(NOf(0, C("a")), abc...), nil, Options{}, true, 100, nil, nil},
		{"same badge earned twice", "two assertions of one achievement count once (Badgr counts twice)",
			pathwayOf(NOf(2, C("a"), C("b"), C("c")), abc...), []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:a", "2025-03-01")}, Options{},
			false, 50, map[string]string{"a": "1"}, nil},
		{"same badge twice into a pool", "two slots accepting the same achievement are not both filled by one achievement earned twice",
			pathwayOf(NOf(2, C("e1"), C("e2")), comp("e1", "urn:a", "urn:b"), comp("e2", "urn:a", "urn:b")),
			[]Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:a", "2025-03-01")}, Options{}, false, 50, nil, nil},
		// no double counting, optimal assignment
		{"one credential eligible for two groups", "X must go to the group only X can fill; a greedy first fit fails",
			pathwayOf(All(C("g1"), C("g2")), comp("g1", "urn:x", "urn:y"), comp("g2", "urn:x")),
			[]Earned{earn("x", "urn:x", "2025-01-01"), earn("y", "urn:y", "2025-01-01")}, Options{},
			true, 100, map[string]string{"g1": "y", "g2": "x"}, nil},
		{"one credential, two groups, no second", "without reuse one credential fills one slot",
			pathwayOf(All(C("g1"), C("g2")), comp("g1", "urn:x"), comp("g2", "urn:x")),
			[]Earned{earn("x", "urn:x", "2025-01-01")}, Options{}, false, 50, nil, map[string]State{"g1": StateComplete, "g2": StateAvailable}},
		{"reuse allowed", "a Reuse component lets its credential count again",
			pathwayOf(All(C("g1"), C("g2")), reuse(comp("g1", "urn:x")), comp("g2", "urn:x")),
			[]Earned{earn("x", "urn:x", "2025-01-01")}, Options{}, true, 100, map[string]string{"g1": "x", "g2": "x"}, nil},
		{"nested groups compete", "anyOf[allOf[p,q], r] with q and r both needing the same credential: the search finds p+q",
			pathwayOf(All(Any(All(C("p"), C("q")), C("r")), C("s")), comp("p", "urn:p"), comp("q", "urn:x"), comp("r", "urn:r"), comp("s", "urn:x", "urn:s")),
			[]Earned{earn("p", "urn:p", "2025-01-01"), earn("x", "urn:x", "2025-01-01"), earn("s", "urn:s", "2025-01-01")}, Options{},
			true, 100, map[string]string{"p": "p", "q": "x", "s": "s"}, nil},
		// NOT
		{"not satisfied", "the learner holds no B",
			pathwayOf(All(C("a"), Not(C("b"))), abc...), []Earned{earn("1", "urn:a", "2025-01-01")}, Options{}, true, 100, nil, nil},
		{"not violated", "holding B fails not(B) even though B need not be used",
			pathwayOf(All(C("a"), Not(C("b"))), abc...), []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-01")}, Options{}, false, 50, nil, nil},
		// credits and points
		{"credits reached", "3+3 ECTS declared by the components",
			pathwayOf(Cred(6, "ECTS", C("a"), C("b"), C("c")), withCredits(abc[0], 3), withCredits(abc[1], 3), withCredits(abc[2], 3)),
			[]Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:c", "2025-01-01")}, Options{}, true, 100, nil, nil},
		{"credits short", "3 of 6",
			pathwayOf(Cred(6, "ECTS", C("a"), C("b")), withCredits(abc[0], 3), withCredits(abc[1], 3)),
			[]Earned{earn("1", "urn:a", "2025-01-01")}, Options{}, false, 50, nil, nil},
		{"credential credits win", "creditsEarned 6 ECTS on the credential overrides the declared 3",
			pathwayOf(Cred(6, "ECTS", C("a"), C("b")), withCredits(abc[0], 3), withCredits(abc[1], 3)),
			[]Earned{credits(earn("1", "urn:a", "2025-01-01"), 6, "ects")}, Options{}, true, 100, nil, nil},
		{"credit unit mismatch", "10 CarnegieUnit do not count as ECTS; the declared 3 ECTS does",
			pathwayOf(Cred(6, "ECTS", C("a"), C("b")), withCredits(abc[0], 3), withCredits(abc[1], 3)),
			[]Earned{credits(earn("1", "urn:a", "2025-01-01"), 10, "CarnegieUnit")}, Options{}, false, 50, nil, nil},
		{"at most caps a sum", "nOf max 2 lets only the two best of three count toward 9 ECTS",
			pathwayOf(Cred(9, "ECTS", &Node{Kind: KindNOf, Min: 1, Max: 2, Items: []*Node{C("a"), C("b"), C("c")}}),
				withCredits(abc[0], 3), withCredits(abc[1], 3), withCredits(abc[2], 3)),
			[]Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-01"), earn("3", "urn:c", "2025-01-01")}, Options{},
			false, 66.7, nil, nil},
		{"at most ignores extras", "max 1 of 3 with two earned: complete, the extra is not a failure",
			pathwayOf(&Node{Kind: KindNOf, Min: 1, Max: 1, Items: []*Node{C("a"), C("b"), C("c")}}, abc...),
			[]Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-01")}, Options{}, true, 100, nil, nil},
		{"points", "5+5 points of 10",
			pathwayOf(Pts(10, C("a"), C("b")), Component{ID: "a", Match: Match{Achievements: []string{"urn:a"}}, Points: 5}, Component{ID: "b", Match: Match{Achievements: []string{"urn:b"}}, Points: 5}),
			[]Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-01")}, Options{}, true, 100, nil, nil},
		// attribute constraints and trust
		{"issuer allowlist", "a credential from another issuer does not fill the component",
			pathwayOf(C("a"), withMatch(abc[0], func(m *Match) { m.Issuers = []string{"urn:good"} })),
			[]Earned{iss(earn("1", "urn:a", "2025-01-01"), "urn:bad")}, Options{}, false, 0, nil, nil},
		{"pathway trust", "TrustedIssuers applies to every component",
			func() *Definition {
				d := pathwayOf(C("a"), abc[0])
				d.TrustedIssuers = []string{"urn:good"}
				return d
			}(),
			[]Earned{iss(earn("1", "urn:a", "2025-01-01"), "urn:bad"), iss(earn("2", "urn:a", "2025-02-01"), "urn:good")}, Options{},
			true, 100, map[string]string{"a": "2"}, nil},
		{"achievement type", "only Certification counts",
			pathwayOf(C("t"), Component{ID: "t", Match: Match{AchievementTypes: []string{"Certification"}}}),
			[]Earned{{ID: "1", AchievementID: "urn:z", AchievementType: "Badge"}, {ID: "2", AchievementID: "urn:y", AchievementType: "certification"}}, Options{},
			true, 100, map[string]string{"t": "2"}, nil},
		{"alignment", "a skill-aligned component accepts any achievement aligned to the skill",
			pathwayOf(C("s"), Component{ID: "s", Match: Match{Alignment: &AlignmentMatch{TargetCode: "SQL.1", Framework: "ESCO"}}}),
			[]Earned{{ID: "1", AchievementID: "urn:z", Alignments: []Alignment{{TargetCode: "SQL.1", TargetFramework: "other"}}},
				{ID: "2", AchievementID: "urn:y", Alignments: []Alignment{{TargetCode: "SQL.1", TargetFramework: "ESCO"}}}}, Options{},
			true, 100, map[string]string{"s": "2"}, nil},
		{"grade threshold", "65 is below 70; 85% passes",
			pathwayOf(All(C("a"), C("b")), withMatch(abc[0], func(m *Match) { m.Result = &ResultMatch{Type: "Percent", MinValue: &score} }),
				withMatch(abc[1], func(m *Match) { m.Result = &ResultMatch{Type: "Percent", MinValue: &score} })),
			[]Earned{result(earn("1", "urn:a", "2025-01-01"), Result{Type: "Percent", Value: "65"}), result(earn("2", "urn:b", "2025-01-01"), Result{Type: "Percent", Value: "85%"})}, Options{},
			false, 50, map[string]string{"b": "2"}, nil},
		{"required level", "a rubric level must be one of the accepted ones",
			pathwayOf(C("a"), withMatch(abc[0], func(m *Match) { m.Result = &ResultMatch{Levels: []string{"urn:level:proficient", "urn:level:expert"}} })),
			[]Earned{result(earn("1", "urn:a", "2025-01-01"), Result{Level: "urn:level:novice"}), result(earn("2", "urn:a", "2025-02-01"), Result{Level: "urn:level:expert"})}, Options{},
			true, 100, map[string]string{"a": "2"}, nil},
		{"evidence required", "a credential without evidence does not count",
			pathwayOf(C("a"), withMatch(abc[0], func(m *Match) { m.Evidence = &EvidenceMatch{} })),
			[]Earned{earn("1", "urn:a", "2025-01-01")}, Options{}, false, 0, nil, nil},
		{"freshness", "earned more than a year before as-of",
			pathwayOf(C("a"), withMatch(abc[0], func(m *Match) { d, _ := ParseDuration("P1Y"); m.EarnedWithin = &d })),
			[]Earned{earn("1", "urn:a", "2025-05-01")}, Options{}, false, 0, nil, nil},
		// validity
		{"expired part", "a credential past validUntil counts for nothing and the component is expired",
			pathwayOf(All(C("a"), C("b")), abc...), []Earned{valid(earn("1", "urn:a", "2024-01-01"), "2026-01-01"), earn("2", "urn:b", "2025-01-01")}, Options{},
			false, 50, nil, map[string]State{"a": StateExpired}},
		{"revoked part", "revoked credentials count for nothing",
			pathwayOf(C("a"), abc...), []Earned{status(earn("1", "urn:a", "2025-01-01"), StatusRevoked)}, Options{}, false, 0, nil, nil},
		{"earned after as-of", "a credential from the future does not count yet",
			pathwayOf(C("a"), abc...), []Earned{earn("1", "urn:a", "2027-01-01")}, Options{}, false, 0, nil, nil},
		// ordering
		{"prerequisite in order", "a earned before b",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-02-01")}, Options{},
			true, 100, nil, nil},
		{"prerequisite out of order", "b earned before a does not count; with a done, b can be earned again",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("1", "urn:a", "2025-03-01"), earn("2", "urn:b", "2025-02-01")}, Options{},
			false, 50, map[string]string{"a": "1"}, map[string]State{"b": StateAvailable}},
		{"prerequisite out of order, chain", "c needs b needs a; c earned first is locked while b is missing",
			pathwayOf(All(C("a"), C("b"), C("c")), abc[0], prereq(abc[1], "a"), prereq(abc[2], "b")),
			[]Earned{earn("1", "urn:a", "2025-03-01"), earn("3", "urn:c", "2025-02-01")}, Options{},
			false, 33.3, map[string]string{"a": "1"}, map[string]State{"b": StateAvailable, "c": StateLocked}},
		{"prerequisite same day", "the same UTC day counts as in order",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("1", "urn:a", "2025-03-01"), earn("2", "urn:b", "2025-03-01")}, Options{},
			true, 100, nil, nil},
		{"prerequisite re-earned", "b before the first a but after a re-earned a: the later a is chosen",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")),
			[]Earned{earn("1", "urn:a", "2025-03-01"), earn("3", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-02-01")}, Options{},
			true, 100, map[string]string{"a": "3", "b": "2"}, nil},
		{"prerequisite undated", "order cannot be shown from an undated credential",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("1", "urn:a", ""), earn("2", "urn:b", "2025-02-01")}, Options{},
			false, 50, nil, map[string]State{"b": StateLocked}},
		{"prerequisite undated allowed", "AllowUndatedOrder accepts it",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("1", "urn:a", ""), earn("2", "urn:b", "2025-02-01")}, Options{AllowUndatedOrder: true},
			true, 100, nil, nil},
		{"prerequisite missing", "b without a is locked",
			pathwayOf(All(C("a"), C("b")), abc[0], prereq(abc[1], "a")), []Earned{earn("2", "urn:b", "2025-02-01")}, Options{},
			false, 0, map[string]string{}, map[string]State{"b": StateLocked, "a": StateAvailable}},
		{"suggested order never blocks", "precedes is advice only",
			pathwayOf(All(C("a"), C("b")), Component{ID: "a", Match: Match{Achievements: []string{"urn:a"}}, Precedes: []string{"b"}}, abc[1]),
			[]Earned{earn("1", "urn:a", "2025-03-01"), earn("2", "urn:b", "2025-02-01")}, Options{}, true, 100, nil, nil},
		// time windows
		{"within kept", "13 months apart breaks P1Y",
			pathwayOf(within(All(C("a"), C("b")), "P1Y"), abc...), []Earned{earn("1", "urn:a", "2024-01-01"), earn("2", "urn:b", "2025-02-01")}, Options{},
			false, -1, nil, nil},
		{"within chooses the re-earned credential", "a earned twice: the 2025 one fits the year with b",
			pathwayOf(within(All(C("a"), C("b")), "P1Y"), abc...),
			[]Earned{earn("1", "urn:a", "2020-01-01"), earn("3", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-02-01")}, Options{},
			true, 100, map[string]string{"a": "3", "b": "2"}, nil},
		{"window", "everything inside 2025",
			pathwayOf(&Node{Kind: KindAllOf, Items: []*Node{C("a")}, Window: &Window{From: date("2025-01-01"), Until: date("2025-12-31")}}, abc...),
			[]Earned{earn("1", "urn:a", "2024-06-01")}, Options{}, false, -1, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := evaluate(t, tt.def, tt.earned, tt.opts)
			if p.Complete != tt.complete {
				t.Errorf("%s: complete = %v, want %v\n%s", tt.why, p.Complete, tt.complete, p.Explain())
			}
			if tt.percent >= 0 && p.Percent != tt.percent {
				t.Errorf("%s: percent = %v, want %v\n%s", tt.why, p.Percent, tt.percent, p.Explain())
			}
			if tt.fills != nil && !maps.Equal(filled(p), tt.fills) {
				t.Errorf("%s: assignment = %v, want %v", tt.why, filled(p), tt.fills)
			}
			for id, st := range tt.states {
				if got := stateOf(p, id); got.State != st {
					t.Errorf("%s: component %s state = %s (%s), want %s", tt.why, id, got.State, got.Reason, st)
				}
			}
			if !p.Optimal {
				t.Errorf("search was cut short on a tiny pathway")
			}
			// No credential fills two non-reuse components.
			seen := map[string]string{}
			for _, a := range p.Assignments {
				c := tt.def.Components[indexOf(tt.def, a.Component)]
				if c.Reuse {
					continue
				}
				if prev, dup := seen[a.Achievement]; dup {
					t.Errorf("achievement %s counted twice (%s and %s)", a.Achievement, prev, a.Component)
				}
				seen[a.Achievement] = a.Component
			}
			if p.Root == nil || strings.TrimSpace(p.Explain()) == "" {
				t.Errorf("no explanation")
			}
		})
	}
}

func indexOf(def *Definition, id string) int {
	for i, c := range def.Components {
		if c.ID == id {
			return i
		}
	}
	return -1
}
