package pathway

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestVerdictOnlyMatchesFull proves that Options.VerdictOnly leaves out
// only the guidance: on random pathways (with not, nesting, credits and
// milestones) and on the benchmark pathway, the verdict-only Progress
// equals the full one with Root, Missing, NextSteps, Credits and the
// milestones' Roots cleared.
func TestVerdictOnlyMatchesFull(t *testing.T) {
	type instance struct {
		name   string
		def    *Definition
		earned []Earned
	}
	var cases []instance
	r := rand.New(rand.NewPCG(13, 1))
	for range 200 {
		def, earned := randomInstance(r, true)
		cases = append(cases, instance{"random", def, earned})
		def, earned = randomNested(r)
		cases = append(cases, instance{"nested", def, earned})
	}
	for _, n := range []int{0, 10, 40, 100} {
		cases = append(cases, instance{"bench", benchPathway(), benchEarned(n)})
	}
	guided := 0
	for i, tc := range cases {
		full := evaluate(t, tc.def, tc.earned, Options{})
		brief := evaluate(t, tc.def, tc.earned, Options{VerdictOnly: true})
		if brief.Root != nil || brief.Missing != nil || brief.NextSteps != nil || brief.Credits != nil {
			t.Fatalf("%s %d: verdict-only progress carries guidance", tc.name, i)
		}
		if len(full.NextSteps) > 0 || len(full.Missing) > 0 {
			guided++ // the comparison below clears something real
		}
		want := *full
		want.Root, want.Missing, want.NextSteps, want.Credits = nil, nil, nil, nil
		want.Milestones = nil
		for _, m := range full.Milestones {
			m.Root = nil
			want.Milestones = append(want.Milestones, m)
		}
		if d := cmp.Diff(&want, brief, cmpopts.IgnoreUnexported(NodeProgress{})); d != "" {
			t.Fatalf("%s %d: verdict-only differs from the full evaluation (-full +verdict-only):\n%s", tc.name, i, d)
		}
	}
	if guided < len(cases)/4 {
		t.Fatalf("only %d of %d instances had guidance to leave out; the generator no longer exercises the option", guided, len(cases))
	}
}

// TestAssignmentsOnlyMatchesFull proves that Options.AssignmentsOnly keeps
// the verdict and the assignment exactly: on the instances of
// TestVerdictOnlyMatchesFull, its Progress equals the full one with the
// guidance, Components and Credentials cleared, whatever VerdictOnly and
// StatesOnly say besides.
func TestAssignmentsOnlyMatchesFull(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 1))
	type instance struct {
		def    *Definition
		earned []Earned
	}
	var cases []instance
	for range 200 {
		def, earned := randomInstance(r, true)
		cases = append(cases, instance{def, earned})
		def, earned = randomNested(r)
		cases = append(cases, instance{def, earned})
	}
	for _, n := range []int{0, 10, 40, 100} {
		cases = append(cases, instance{benchPathway(), benchEarned(n)})
	}
	incomplete, assigned := 0, 0
	for i, tc := range cases {
		full := evaluate(t, tc.def, tc.earned, Options{})
		// The other two options change nothing once AssignmentsOnly is set.
		opts := Options{AssignmentsOnly: true, VerdictOnly: i%3 == 1, StatesOnly: i%3 == 2}
		bare := evaluate(t, tc.def, tc.earned, opts)
		if bare.Components != nil || bare.Credentials != nil || bare.Root != nil || bare.Missing != nil || bare.NextSteps != nil || bare.Credits != nil {
			t.Fatalf("%d: assignments-only progress carries states or guidance", i)
		}
		if !full.Complete {
			incomplete++
		}
		if len(full.Assignments) > 0 {
			assigned++
		}
		want := *full
		want.Root, want.Missing, want.NextSteps, want.Credits = nil, nil, nil, nil
		want.Components, want.Credentials = nil, nil
		want.Milestones = nil
		for _, m := range full.Milestones {
			m.Root = nil
			want.Milestones = append(want.Milestones, m)
		}
		if d := cmp.Diff(&want, bare); d != "" {
			t.Fatalf("%d (%+v): assignments-only differs from the full evaluation (-full +assignments-only):\n%s", i, opts, d)
		}
	}
	if incomplete < len(cases)/4 || assigned < len(cases)/4 {
		t.Fatalf("%d incomplete and %d assigned of %d instances; the generator no longer exercises both verdicts", incomplete, assigned, len(cases))
	}
}

// TestPlanMemo proves that reusing unforced plans while ranking next steps
// (planFor's memo, keyed by which components each node can reach) ranks
// exactly as planning every node afresh for every forced component does:
// on random pathways with prerequisites, time rules, credits and not, and
// on the benchmark pathway.
func TestPlanMemo(t *testing.T) {
	type instance struct {
		def    *Definition
		earned []Earned
	}
	var cases []instance
	r := rand.New(rand.NewPCG(13, 2))
	for range 300 {
		def, earned := randomInstance(r, true)
		cases = append(cases, instance{def, earned})
		def, earned = randomNested(r)
		cases = append(cases, instance{def, earned})
	}
	for _, n := range []int{0, 10, 40} {
		cases = append(cases, instance{benchPathway(), benchEarned(n)})
	}
	ranked := 0
	for i, tc := range cases {
		pe, err := Prepare(tc.def, Options{})
		if err != nil {
			t.Fatal(err)
		}
		steps := func(memo bool) []NextStep {
			ev, err := pe.newEvaluator(tc.earned, asOf)
			if err != nil {
				t.Fatal(err)
			}
			ev.noPlanMemo = !memo
			assign, _, _, _ := ev.solve(tc.def.Requirement, ev.topo)
			s := &state{assign: assign}
			return ev.nextSteps(tc.def.Requirement, s, ev.componentStates(s))
		}
		want, got := steps(false), steps(true)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("instance %d: memoised planning ranks differently (-afresh +memoised):\n%s", i, d)
		}
		if len(want) > 1 {
			ranked++
		}
	}
	if ranked < len(cases)/4 {
		t.Fatalf("only %d of %d instances ranked more than one step; the generators no longer exercise ranking", ranked, len(cases))
	}
}

func TestUnion(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b, want []int
	}{
		{"disjoint", []int{1, 3}, []int{2, 4}, []int{1, 2, 3, 4}},
		{"b inside a", []int{1, 2, 3}, []int{2}, []int{1, 2, 3}},
		{"a inside b", []int{3}, []int{1, 3, 5}, []int{1, 3, 5}},
		{"equal", []int{1, 2}, []int{1, 2}, []int{1, 2}},
		{"overlap, neither inside", []int{1, 2}, []int{2, 3}, []int{1, 2, 3}},
		{"same length, different", []int{1, 4}, []int{1, 5}, []int{1, 4, 5}},
		{"larger element beyond the end", []int{1, 2}, []int{1, 9}, []int{1, 2, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := union(plan{comps: tc.a}, plan{comps: tc.b})
			if !slices.Equal(got.comps, tc.want) || got.impossible {
				t.Errorf("%s: union(%v, %v) = %+v, want %v", tc.name, tc.a, tc.b, got, tc.want)
			}
		})
	}
	if !union(plan{comps: []int{1}}, never).impossible {
		t.Error("union with an impossible plan is possible")
	}
}
