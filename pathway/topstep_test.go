package pathway

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// randomWide builds pathways of up to 64 components with prerequisite
// chains, suggested order, credits, points and negation, where components
// are named by several rules at once and nodes repeat, so plans overlap
// and forcing one component changes several of them; a tenth of them
// carry a time rule (FirstStepOnly then ranks in full). A few are large
// enough that nextSteps ranks only the components of one plan.
func randomWide(r *rand.Rand) (*Definition, []Earned) {
	for {
		nc := 1 + r.IntN(64)
		nach := 1 + nc/2
		ach := func() string { return fmt.Sprintf("urn:a%d", r.IntN(nach)) }
		var comps []Component
		for i := range nc {
			c := Component{ID: fmt.Sprintf("c%d", i), Match: Match{Achievements: []string{ach()}},
				Points: float64(r.IntN(4))}
			if r.IntN(3) > 0 {
				c.Credits = &Quantity{float64(1 + r.IntN(4)), "ECTS"}
			}
			if i > 0 && r.IntN(3) == 0 {
				c.Prerequisites = []string{fmt.Sprintf("c%d", r.IntN(i))}
			}
			if i+1 < nc && r.IntN(4) == 0 {
				c.Precedes = []string{fmt.Sprintf("c%d", i+1+r.IntN(nc-i-1))}
			}
			comps = append(comps, c)
		}
		// About two thousand nodes of mostly allOf over 50 or more
		// components, most unearned: nextSteps ranks only one plan's.
		big := nc >= 50 && r.IntN(4) == 0
		var gen func(depth int) *Node
		gen = func(depth int) *Node {
			if depth >= 3 || (!big && r.IntN(3) == 0) {
				return C(fmt.Sprintf("c%d", r.IntN(nc)))
			}
			var items []*Node
			width := 1 + r.IntN(5)
			if big {
				width = 11 + r.IntN(3)
			}
			for range width {
				items = append(items, gen(depth+1))
			}
			if big && r.IntN(4) > 0 {
				return All(items...)
			}
			switch k := r.IntN(12); {
			case k < 3:
				return All(items...)
			case k < 5:
				return Any(items...)
			case k < 8:
				return NOf(r.IntN(len(items)+1), items...)
			case k < 9:
				return Cred(float64(1+r.IntN(8)), "ECTS", items...)
			case k < 10:
				return Pts(float64(1+r.IntN(8)), items...)
			case k < 11 && !big:
				return Not(items[0])
			default:
				return All(items...)
			}
		}
		root := gen(0)
		if root.Kind != KindComponent && r.IntN(10) == 0 {
			d, _ := ParseDuration("P1Y")
			root.Within = &d
		}
		def := pathwayOf(root, comps...)
		if Validate(def) != nil {
			continue
		}
		var earned []Earned
		n := r.IntN(min(nc, 24) + 1) // the search is not what is tested
		if big {
			n = r.IntN(8)
		}
		for i := range n {
			e := earn(fmt.Sprintf("e%d", i), ach(), "")
			e.EarnedAt = date("2024-01-01").AddDate(0, 0, r.IntN(800))
			if r.IntN(6) == 0 {
				e.ValidUntil = date("2025-06-01") // expired by asOf
			}
			if r.IntN(5) == 0 {
				e.Credits, e.CreditUnit = float64(r.IntN(4)), "ECTS"
			}
			earned = append(earned, e)
		}
		return def, earned
	}
}

// TestFirstStepMatchesNextSteps: with FirstStepOnly the evaluation is the
// full one with NextSteps cut to its first step, on random pathways of
// every rule type, including ones the bitset table does not cover (more
// than 64 components, time rules), where the full ranking is cut.
func TestFirstStepMatchesNextSteps(t *testing.T) {
	type instance struct {
		name   string
		def    *Definition
		earned []Earned
	}
	var cases []instance
	r := rand.New(rand.NewPCG(13, 4))
	for range 200 {
		def, earned := randomInstance(r, true)
		cases = append(cases, instance{"random", def, earned})
		def, earned = randomNested(r)
		cases = append(cases, instance{"nested", def, earned})
		def, earned = randomWide(r)
		cases = append(cases, instance{"wide", def, earned})
	}
	for _, n := range []int{0, 10, 40, 100} {
		cases = append(cases, instance{"bench", benchPathway(), benchEarned(n)})
	}
	// 70 components: beyond one word, ranked in full and cut.
	wide := chain(70)
	cases = append(cases, instance{"chain70", wide, []Earned{earn("e0", "urn:ach:c0", "2024-01-01")}})

	tabled, inexact, stepped := 0, 0, 0
	for i, tc := range cases {
		for _, statesOnly := range []bool{false, true} {
			full := evaluate(t, tc.def, tc.earned, Options{StatesOnly: statesOnly})
			top := evaluate(t, tc.def, tc.earned, Options{StatesOnly: statesOnly, FirstStepOnly: true})
			want := *full
			if len(want.NextSteps) > 1 {
				want.NextSteps = want.NextSteps[:1]
			}
			if d := cmp.Diff(&want, top, cmpopts.IgnoreUnexported(NodeProgress{})); d != "" {
				t.Fatalf("%s %d (states only %v): FirstStepOnly differs from the first of the full ranking (-full +first):\n%s",
					tc.name, i, statesOnly, d)
			}
			if statesOnly {
				continue
			}
			if len(full.NextSteps) > 1 {
				stepped++
			}
			pe, err := Prepare(tc.def, Options{FirstStepOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			if pe.top == nil {
				t.Fatal("Prepare with FirstStepOnly left the table's shape out")
			}
			ev, err := pe.newEvaluator(tc.earned, asOf)
			if err != nil {
				t.Fatal(err)
			}
			assign, _, _, _ := ev.solve(tc.def.Requirement, ev.topo)
			if pe.top.ok {
				tabled++
				tt := topTable{topShape: pe.top}
				tt.fill(ev, &state{assign: assign})
				if b := tt.val[0].base.size(); b > 0 && b < infinite &&
					bitsCount(tt.nodes[0].under)*len(tt.nodes)*(1+b) > maxRankWork {
					inexact++
				}
			}
		}
	}
	t.Logf("%d instances, %d ranked by the table (%d of them beyond exact ranking), %d with more than one next step",
		len(cases), tabled, inexact, stepped)
	if tabled < len(cases)/2 || inexact == 0 || stepped < len(cases)/5 {
		t.Fatalf("the generators no longer exercise the table: %d tabled, %d inexact, %d stepped of %d", tabled, inexact, stepped, len(cases))
	}
}

func bitsCount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// The first step must not cost an allocation per component ranked.
func TestFirstStepAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	def := benchPathway()
	earned := benchEarned(10)
	allocs := func(o Options) float64 {
		pe, err := Prepare(def, o)
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(20, func() {
			if _, err := pe.Evaluate(earned, asOf); err != nil {
				t.Fatal(err)
			}
		})
	}
	all, first := allocs(Options{StatesOnly: true}), allocs(Options{StatesOnly: true, FirstStepOnly: true})
	t.Logf("allocations per evaluation: ranking all %.0f, first step only %.0f", all, first)
	// The table is a handful of slices; ranking all plans allocates per
	// component and per node.
	if first > all-50 {
		t.Errorf("FirstStepOnly allocates %.0f per evaluation, ranking all %.0f: the table should save at least 50", first, all)
	}
}

// BenchmarkFirstStep evaluates the benchmark pathway (50 components)
// against 40 credentials with a prepared evaluator and states only,
// ranking every next step or finding the first alone.
func BenchmarkFirstStep(b *testing.B) {
	def, earned := benchPathway(), benchEarned(40)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"all-steps", Options{StatesOnly: true}},
		{"first-step", Options{StatesOnly: true, FirstStepOnly: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			pe, err := Prepare(def, tc.opts)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if p, err := pe.Evaluate(earned, asOf); err != nil || len(p.NextSteps) == 0 {
					b.Fatalf("err=%v, next steps %v", err, p != nil && len(p.NextSteps) > 0)
				}
			}
		})
	}
}
