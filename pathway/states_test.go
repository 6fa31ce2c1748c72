package pathway

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// unworded clears what Options.StatesOnly leaves out of a node tree.
func unworded(n *NodeProgress) *NodeProgress {
	if n == nil {
		return nil
	}
	c := *n
	c.Explanation, c.Credits = "", nil
	c.Items = nil
	for _, it := range n.Items {
		c.Items = append(c.Items, unworded(it))
	}
	return &c
}

// TestStatesOnlyMatchesFull proves that Options.StatesOnly leaves out only
// the words: on random pathways (with not, nesting, credits, time rules
// and milestones) and on the benchmark pathway, its Progress equals the
// full one with every node's Explanation and Credits, Missing and Credits
// cleared — node states, next steps and the verdict untouched.
func TestStatesOnlyMatchesFull(t *testing.T) {
	type instance struct {
		name   string
		def    *Definition
		earned []Earned
	}
	var cases []instance
	r := rand.New(rand.NewPCG(13, 3))
	for range 200 {
		def, earned := randomInstance(r, true)
		cases = append(cases, instance{"random", def, earned})
		def, earned = randomNested(r)
		cases = append(cases, instance{"nested", def, earned})
	}
	for _, n := range []int{0, 10, 40, 100} {
		cases = append(cases, instance{"bench", benchPathway(), benchEarned(n)})
	}
	stepped, locked := 0, 0
	for i, tc := range cases {
		full := evaluate(t, tc.def, tc.earned, Options{})
		quiet := evaluate(t, tc.def, tc.earned, Options{StatesOnly: true})
		if quiet.Missing != nil || quiet.Credits != nil {
			t.Fatalf("%s %d: states-only progress carries Missing or Credits", tc.name, i)
		}
		if len(full.NextSteps) > 0 {
			stepped++
		}
		if hasState(full.Root, StateLocked) {
			locked++
		}
		want := *full
		want.Missing, want.Credits = nil, nil
		want.Root = unworded(full.Root)
		want.Milestones = nil
		for _, m := range full.Milestones {
			m.Root = unworded(m.Root)
			want.Milestones = append(want.Milestones, m)
		}
		if d := cmp.Diff(&want, quiet, cmpopts.IgnoreUnexported(NodeProgress{})); d != "" {
			t.Fatalf("%s %d: states-only differs from the full evaluation (-full +states-only):\n%s", tc.name, i, d)
		}
		// VerdictOnly wins when both are set.
		both := evaluate(t, tc.def, tc.earned, Options{StatesOnly: true, VerdictOnly: true})
		if both.Root != nil || both.NextSteps != nil {
			t.Fatalf("%s %d: VerdictOnly with StatesOnly still carries guidance", tc.name, i)
		}
	}
	if stepped < len(cases)/4 {
		t.Fatalf("only %d of %d instances had next steps; the generator no longer exercises the option", stepped, len(cases))
	}
	t.Logf("%d of %d instances with next steps, %d with a locked node", stepped, len(cases), locked)
}

func hasState(n *NodeProgress, st State) bool {
	if n == nil {
		return false
	}
	if n.State == st {
		return true
	}
	for _, it := range n.Items {
		if hasState(it, st) {
			return true
		}
	}
	return false
}
