package pathway

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// runCounted evaluates like Evaluate and also returns the work the
// evaluation counted: matching (bounded by Options.MaxMatchWork) and the
// searches (bounded by Options.MaxWork).
func runCounted(t testing.TB, def *Definition, earned []Earned, opts Options) (p *Progress, ev *evaluator, err error) {
	t.Helper()
	pe, err := Prepare(def, opts)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	ev, err = pe.newEvaluator(earned, asOf)
	if err != nil {
		return nil, ev, err
	}
	return ev.run(), ev, nil
}

// workCeiling is what the budget promises: MaxWork, plus what a search
// may spend after it is exhausted (one node, whose bound visits the tree,
// the candidates and each matching's edges once, and the greedy completion
// of the assignment, which visits each candidate once), for every search.
func workCeiling(ev *evaluator) int {
	tree := 0
	roots := []*Node{ev.def.Requirement}
	for _, m := range ev.def.Milestones {
		if m.Requirement != nil {
			roots = append(roots, m.Requirement)
		}
	}
	for _, r := range roots {
		r.walk(1, func(*Node, int) bool { tree++; return true })
	}
	edges, prereqs := 0, 0
	for ci := range ev.cands {
		edges += len(ev.cands[ci])
		prereqs += len(ev.def.Components[ci].Prerequisites)
	}
	matchings := 1 + len(ev.pools) + len(ev.slots)
	perSearch := 4 * (tree + len(ev.cands) + prereqs*(1+edges) + edges*(2+matchings))
	return ev.opts.maxWork() + (1+len(ev.def.Milestones))*perSearch
}

// The hostile shapes of issue 15 §3, each of which ran for minutes or
// took hundreds of megabytes, now finish within the default budget: exact
// where the budget suffices, else the best found with Optimal false, or a
// limit error naming the limit.
func TestHostileShapesBounded(t *testing.T) {
	for _, tc := range []struct {
		name     string
		build    func() (*Definition, []Earned)
		complete bool
		optimal  bool   // the budget suffices to prove the result best
		limit    string // a limit error naming this option is the expected outcome
		reason   string
	}{
		{"issuer pool 800/400", func() (*Definition, []Earned) { return shapeIssuerPool(800, 400, 400) }, true, true, "",
			"every component competes for every credential; the first descent follows a maximum matching and meets the bound"},
		{"issuer pool short", func() (*Definition, []Earned) { return shapeIssuerPool(800, 401, 400) }, false, true, "",
			"one credential too few: the matching bound proves at the root that 400 of 401 is the best"},
		{"2,000 interchangeable", func() (*Definition, []Earned) { return shapeInterchangeable(2000) }, true, true, "",
			"four million candidate edges, kept in incremental matchings instead of re-matched at every node"},
		{"2,000-step chain, one missing", func() (*Definition, []Earned) {
			return shapeChain(2000, func(i int) bool { return i == 1999 })
		}, false, true, "", "the recursion is 2,000 deep and the bound visits every prerequisite"},
		{"2,000-step chain, every third missing", func() (*Definition, []Earned) {
			return shapeChain(2000, func(i int) bool { return i%3 == 2 })
		}, false, true, "", "unfilled prerequisites block their dependents, counted per component, not rescanned"},
		{"chain under a time rule", func() (*Definition, []Earned) {
			d, e := shapeChain(2000, func(i int) bool { return i%3 == 2 })
			d.Requirement.Within = &Duration{Years: 1}
			return d, e
		}, false, true, "", "a time rule switches the slot bound off"},
		{"equivalence star, small", func() (*Definition, []Earned) { return shapeStar(200, 400, 300) }, true, true, "",
			"every credential reaches every component through the hub"},
		{"equivalence star, large", func() (*Definition, []Earned) { return shapeStar(2000, 2000, 1000) }, false, false, "MaxMatchWork",
			"two million reachable (credential, achievement) pairs exceed the matching budget: a limit error, quickly"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def, earned := tc.build()
			start := time.Now()
			p, ev, err := runCounted(t, def, earned, Options{})
			// Logged for the record, never asserted: the assertions are
			// on counted work.
			t.Logf("%d components, %d credentials: %v, search work %d, matching work %d",
				len(def.Components), len(earned), time.Since(start), ev.work, ev.matchWork)
			if tc.limit != "" {
				if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tc.limit) {
					t.Fatalf("err = %v, want ErrLimit naming %s (%s)", err, tc.limit, tc.reason)
				}
				if ev.matchWork > 2*DefaultMaxMatchWork {
					t.Errorf("matching work %d before the limit error, limit %d", ev.matchWork, DefaultMaxMatchWork)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v (%s)", err, tc.reason)
			}
			if p.Complete != tc.complete || p.Optimal != tc.optimal {
				t.Errorf("complete=%v optimal=%v, want %v %v (%s)", p.Complete, p.Optimal, tc.complete, tc.optimal, tc.reason)
			}
			if ceil := workCeiling(ev); ev.work > ceil {
				t.Errorf("search work %d, ceiling %d (%s)", ev.work, ceil, tc.reason)
			}
			if ev.matchWork > DefaultMaxMatchWork+len(def.Components) {
				t.Errorf("matching work %d over its limit", ev.matchWork)
			}
			checkAssignment(t, def, p)
		})
	}
}

// checkAssignment checks what every result, cut or not, must be: each
// achievement fills one non-reuse component, prerequisites are filled,
// and the percentage reads 100 exactly when the destination is complete.
func checkAssignment(t *testing.T, def *Definition, p *Progress) {
	t.Helper()
	if p.Complete != (p.Percent == 100) {
		t.Errorf("complete=%v but percent=%v", p.Complete, p.Percent)
	}
	byComp := map[string]bool{}
	used := map[string]string{}
	for _, a := range p.Assignments {
		c := def.Components[indexOf(def, a.Component)]
		byComp[a.Component] = true
		if prev, dup := used[a.Achievement]; dup && !c.Reuse && !def.Components[indexOf(def, prev)].Reuse {
			t.Fatalf("achievement %s fills %s and %s", a.Achievement, prev, a.Component)
		}
		used[a.Achievement] = a.Component
	}
	for _, a := range p.Assignments {
		for _, pre := range def.Components[indexOf(def, a.Component)].Prerequisites {
			if !byComp[pre] {
				t.Fatalf("%s filled without its prerequisite %s", a.Component, pre)
			}
		}
	}
}

// A budget that runs out during the first descent still yields a valid,
// complete assignment, completed greedily, reported as not optimal; the
// work stays within the budget plus one node and the completion.
func TestBudgetCutsFirstDescent(t *testing.T) {
	for _, tc := range []struct {
		name   string
		build  func() (*Definition, []Earned)
		budget int
		reason string
	}{
		{"pool", func() (*Definition, []Earned) { return shapeIssuerPool(300, 150, 200) }, 5000,
			"the matchings do not fit the budget: the search bounds without them"},
		{"pool, cut halfway", func() (*Definition, []Earned) { return shapeIssuerPool(300, 150, 200) }, -1,
			"half the work the whole search needs (-1: measured)"},
		{"chain", func() (*Definition, []Earned) { return shapeChain(500, func(i int) bool { return i%7 == 6 }) }, 20000,
			"the greedy completion keeps the order of prerequisites"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def, earned := tc.build()
			if tc.budget < 0 {
				_, ev, err := runCounted(t, def, earned, Options{})
				if err != nil {
					t.Fatal(err)
				}
				tc.budget = ev.work / 2
			}
			p, ev, err := runCounted(t, def, earned, Options{MaxWork: tc.budget})
			if err != nil {
				t.Fatal(err)
			}
			if p.Optimal {
				t.Errorf("optimal with a budget of %d (%s)", tc.budget, tc.reason)
			}
			if len(p.Assignments) == 0 {
				t.Errorf("a cut search returned no assignment (%s)", tc.reason)
			}
			if ceil := workCeiling(ev); ev.work > ceil {
				t.Errorf("work %d, ceiling %d (%s)", ev.work, ceil, tc.reason)
			}
			checkAssignment(t, def, p)
			full := evaluate(t, def, earned, Options{})
			if p.Percent > full.Percent {
				t.Errorf("cut search %v%% beats the exact %v%%", p.Percent, full.Percent)
			}
		})
	}
}

// A percentage never reads 100 while the destination is incomplete.
func TestPercentNeverRoundsToComplete(t *testing.T) {
	for _, tc := range []struct {
		prog float64
		want float64
		why  string
	}{
		{1, 100, "complete"},
		{1999.0 / 2000, 99.9, "one of 2,000 missing rounds to 100.0 without the cap"},
		{0.9996, 99.9, "above the rounding threshold"},
		{0.9994, 99.9, "rounds down by itself"},
		{0.5, 50, "ordinary rounding"},
		{0.00049, 0, "rounds to zero"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if got := percent(tc.prog); got != tc.want {
				t.Errorf("percent(%v) = %v, want %v (%s)", tc.prog, got, tc.want, tc.why)
			}
		})
	}
	def, earned := shapeChain(2000, func(i int) bool { return i == 1999 })
	p := evaluate(t, def, earned, Options{})
	if p.Complete || p.Percent != 99.9 || len(p.Assignments) != 1999 {
		t.Errorf("1,999 of 2,000: complete=%v percent=%v with %d assignments", p.Complete, p.Percent, len(p.Assignments))
	}
	if p.Root.Percent != 99.9 || p.Root.Satisfied {
		t.Errorf("root node: percent=%v satisfied=%v", p.Root.Percent, p.Root.Satisfied)
	}
}

// FuzzEvaluateWork searches random definitions for shapes that escape the
// budget: every input must stay within the work ceiling (counted, not
// timed), return a valid assignment, and finish within a generous wall
// clock bound that only an unbounded loop could break.
func FuzzEvaluateWork(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 1 << 40} {
		f.Add(seed, uint16(300), uint8(3))
	}
	f.Fuzz(func(t *testing.T, seed uint64, size uint16, shape uint8) {
		r := rand.New(rand.NewPCG(seed, uint64(size)<<8|uint64(shape)))
		def, earned := randomLarge(r, 2+int(size%400), shape)
		if Validate(def) != nil {
			return
		}
		opts := Options{MaxWork: 200000}
		start := time.Now()
		p, ev, err := runCounted(t, def, earned, opts)
		if err != nil {
			if !errors.Is(err, ErrLimit) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		if ceil := workCeiling(ev); ev.work > ceil {
			t.Fatalf("work %d, ceiling %d", ev.work, ceil)
		}
		checkAssignment(t, def, p)
		if d := time.Since(start); d > 20*time.Second {
			t.Fatalf("%d components, %d credentials took %v", len(def.Components), len(earned), d)
		}
	})
}

// randomLarge builds a random pathway of n components that compete for
// few achievements and issuers: pools, nested groups, thresholds,
// prerequisites, time rules, reuse and equivalences, the ingredients of
// slow searches.
func randomLarge(r *rand.Rand, n int, shape uint8) (*Definition, []Earned) {
	nach := 1 + r.IntN(max(1, n/(1+int(shape%4))))
	ach := func() string { return fmt.Sprintf("urn:a%d", r.IntN(nach)) }
	var comps []Component
	for i := range n {
		c := Component{ID: fmt.Sprintf("c%d", i), Credits: &Quantity{float64(1 + r.IntN(5)), "ECTS"}}
		switch r.IntN(4) {
		case 0:
			c.Match.Issuers = []string{fmt.Sprintf("urn:issuer:%d", r.IntN(2))}
		default:
			for range 1 + r.IntN(4) {
				c.Match.Achievements = append(c.Match.Achievements, ach())
			}
		}
		c.Reuse = r.IntN(20) == 0
		if i > 0 && r.IntN(4) == 0 {
			c.Prerequisites = []string{fmt.Sprintf("c%d", r.IntN(i))}
		}
		comps = append(comps, c)
	}
	var gen func(depth int, lo, hi int) *Node
	gen = func(depth, lo, hi int) *Node {
		if depth >= 4 || hi-lo <= 1 || r.IntN(6) == 0 {
			return C(fmt.Sprintf("c%d", lo+r.IntN(max(1, hi-lo))))
		}
		var items []*Node
		parts := 2 + r.IntN(min(8, hi-lo))
		if shape%3 == 0 {
			// A flat pool over the whole range.
			for i := lo; i < hi; i++ {
				items = append(items, C(fmt.Sprintf("c%d", i)))
			}
		} else {
			step := max(1, (hi-lo)/parts)
			for a := lo; a < hi; a += step {
				items = append(items, gen(depth+1, a, min(hi, a+step)))
			}
		}
		var node *Node
		switch k := r.IntN(10); {
		case k < 3:
			node = All(items...)
		case k < 5:
			node = Any(items...)
		case k < 8:
			node = NOf(r.IntN(len(items)+1), items...)
		default:
			node = Cred(float64(1+r.IntN(3*len(items))), "ECTS", items...)
		}
		if r.IntN(8) == 0 {
			node.Within = &Duration{Years: 1}
		}
		return node
	}
	def := pathwayOf(gen(0, 0, n), comps...)
	for i := range r.IntN(3) {
		def.Milestones = append(def.Milestones, Milestone{ID: fmt.Sprintf("m%d", i),
			Achievement: AchievementRef{ID: fmt.Sprintf("urn:m%d", i)}, Requirement: gen(1, 0, n)})
	}
	if shape%5 == 1 {
		for i := range nach {
			def.Equivalences = append(def.Equivalences, Equivalence{From: fmt.Sprintf("urn:a%d", i), To: "urn:hub", Mutual: true, Source: "fuzz"})
		}
	}
	var earned []Earned
	for i := range r.IntN(2 * n) {
		e := earn(fmt.Sprintf("e%d", i), ach(), "")
		e.IssuerID = fmt.Sprintf("urn:issuer:%d", r.IntN(2))
		e.EarnedAt = date("2024-01-01").AddDate(0, 0, r.IntN(800))
		earned = append(earned, e)
	}
	return def, earned
}
