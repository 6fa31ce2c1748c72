package pathway

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestEvaluateFuncMatchesEvaluate: the Progress EvaluateFunc lends is the
// one Evaluate returns, for every option set, learner after learner on one
// Evaluator, so that memory reused from an earlier learner (a larger tree,
// more credentials, a next step) never shows through in a later one.
func TestEvaluateFuncMatchesEvaluate(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 6))
	type instance struct {
		def     *Definition
		learner [][]Earned
	}
	var cases []instance
	for range 12 {
		for _, gen := range []func(*rand.Rand) (*Definition, []Earned){
			func(r *rand.Rand) (*Definition, []Earned) { return randomInstance(r, true) }, randomNested, randomWide,
		} {
			def, earned := gen(r)
			in := instance{def: def, learner: [][]Earned{earned}}
			for range 3 {
				_, other := gen(r) // credentials of another definition: mostly near misses
				in.learner = append(in.learner, other, earned[:len(earned)/2])
			}
			cases = append(cases, in)
		}
	}
	bench := instance{def: benchPathway()}
	for _, n := range []int{40, 0, 100, 10, 40} {
		bench.learner = append(bench.learner, benchEarned(n))
	}
	cases = append(cases, bench)
	lent := 0
	for i, tc := range cases {
		for _, opts := range []Options{{}, {StatesOnly: true}, {StatesOnly: true, FirstStepOnly: true},
			{FirstStepOnly: true}, {VerdictOnly: true}, {AssignmentsOnly: true}} {
			pe, err := Prepare(tc.def, opts)
			if err != nil {
				t.Fatal(err)
			}
			for j, earned := range tc.learner {
				want, wantErr := pe.Evaluate(earned, asOf)
				calls := 0
				pe.EvaluateFunc(earned, asOf, func(got *Progress, err error) {
					calls++
					if !errors.Is(err, wantErr) || (err == nil) != (wantErr == nil) {
						t.Fatalf("case %d, %+v, learner %d: error %v, Evaluate's %v", i, opts, j, err, wantErr)
					}
					if d := cmp.Diff(want, got, cmpopts.IgnoreUnexported(NodeProgress{})); d != "" {
						t.Fatalf("case %d, %+v, learner %d: EvaluateFunc differs from Evaluate (-Evaluate +EvaluateFunc):\n%s", i, opts, j, d)
					}
					// nil and empty slices look alike to cmp; JSON tells them apart.
					a, _ := json.Marshal(want)
					b, _ := json.Marshal(got)
					if string(a) != string(b) {
						t.Fatalf("case %d, %+v, learner %d: JSON differs:\nEvaluate     %s\nEvaluateFunc %s", i, opts, j, a, b)
					}
					if got != nil {
						lent++
					}
				})
				if calls != 1 {
					t.Fatalf("case %d, %+v, learner %d: f called %d times, want once", i, opts, j, calls)
				}
			}
		}
	}
	if lent < len(cases)*10 {
		t.Fatalf("only %d evaluations lent a Progress: the generators no longer exercise EvaluateFunc", lent)
	}
}

// TestEvaluateFuncError: a refused learner reaches f once, as Evaluate's
// error and no Progress.
func TestEvaluateFuncError(t *testing.T) {
	pe, err := Prepare(benchPathway(), Options{MaxCredentials: 5, StatesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		earned []Earned
		asOf   time.Time
		want   error
	}{
		{"more credentials than MaxCredentials", benchEarned(40), asOf, ErrLimit},
		{"zero asOf", benchEarned(2), time.Time{}, ErrInput},
	} {
		calls := 0
		pe.EvaluateFunc(tc.earned, tc.asOf, func(p *Progress, err error) {
			calls++
			if p != nil || !errors.Is(err, tc.want) {
				t.Errorf("%s: got %v, %v; want no Progress and %v", tc.name, p, err, tc.want)
			}
		})
		if calls != 1 {
			t.Errorf("%s: f called %d times, want once", tc.name, calls)
		}
	}
}
