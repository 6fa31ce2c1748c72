package cohort

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// TestFastPathEqualsFull proves that evaluating without the words
// (pathway.Options.StatesOnly, what Summarize does) gives the Summary of
// full evaluations byte for byte in JSON, on random cohorts of random
// sizes, pathways and options, including an Eval that asks for
// VerdictOnly or AssignmentsOnly (which would leave the tally without
// node states).
func TestFastPathEqualsFull(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2))
	for trial := range 16 {
		groups := 1 + r.IntN(4)
		n := 1 + r.IntN(300)
		opts := Options{Workers: 1 + r.IntN(3), MaxDays: r.IntN(3) * 30}
		switch trial % 4 {
		case 1:
			opts.Eval = pathway.Options{VerdictOnly: true}
		case 2:
			opts.Eval = pathway.Options{MaxCredentials: 10 + r.IntN(20)}
		case 3:
			// AssignmentsOnly also leaves out the component states.
			opts.Eval = pathway.Options{AssignmentsOnly: true}
		}
		def := cohorttest.Pathway(groups)
		ls := generate(groups, n, r.Uint64())
		fast, err := Summarize(context.Background(), def, seq(ls), asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		full := opts
		full.Eval.VerdictOnly, full.Eval.AssignmentsOnly, full.fullEval = false, false, true
		want, err := Summarize(context.Background(), def, seq(ls), asOf, full)
		if err != nil {
			t.Fatal(err)
		}
		fj, _ := json.Marshal(fast)
		wj, _ := json.Marshal(want)
		if string(fj) != string(wj) {
			t.Fatalf("trial %d (%d groups, %d learners, %+v): fast summary differs from the full one:\nfast %s\nfull %s", trial, groups, n, opts.Eval, fj, wj)
		}
		if want.Learners-want.Failed > 0 && want.Started == 0 {
			t.Fatalf("trial %d: nobody started; the cohort exercises nothing", trial)
		}
	}
}
