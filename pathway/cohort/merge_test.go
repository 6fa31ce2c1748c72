package cohort

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// Merge of the parts' summaries equals the summary of the whole, for
// random splits into random numbers of parts (empty parts included), with
// every part passed through JSON as it would be between machines.
func TestMergeEqualsWhole(t *testing.T) {
	for _, tc := range []struct {
		name   string
		groups int
		n      int
		opts   Options
		reason string
	}{
		{"electives", 3, 400, Options{}, "in-progress nodes, stalls and day histograms in every component"},
		{"capped days", 2, 300, Options{MaxDays: 10}, "capped counts add up and quantiles land on MaxDays"},
		{"failures", 2, 300, Options{Eval: pathway.Options{MaxCredentials: 12}}, "the failure sample of the union is the smallest ids of both samples"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def := cohorttest.Pathway(tc.groups)
			ls := generate(tc.groups, tc.n, 7)
			whole, err := Summarize(context.Background(), def, seq(ls), asOf, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(uint64(tc.n), 3))
			for trial := range 8 {
				k := 1 + r.IntN(5)
				parts := make([][]learner, k)
				for _, l := range ls {
					i := r.IntN(k)
					parts[i] = append(parts[i], l)
				}
				var merged *Summary
				for _, part := range parts {
					s, err := Summarize(context.Background(), def, seq(part), asOf, tc.opts)
					if err != nil {
						t.Fatal(err)
					}
					s = viaJSON(t, s)
					if merged == nil {
						merged = s
						continue
					}
					// Alternate the sides: Merge is commutative.
					if trial%2 == 0 {
						merged, err = Merge(merged, s)
					} else {
						merged, err = Merge(s, merged)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				if d := gocmp.Diff(viaJSON(t, whole), merged); d != "" {
					t.Fatalf("trial %d, %d parts: merged summary differs from the whole (%s) (-whole +merged):\n%s", trial, k, tc.reason, d)
				}
			}
			switch tc.name {
			case "failures":
				if whole.Failed <= DefaultMaxFailures {
					t.Errorf("only %d failures: the sample is never cut", whole.Failed)
				}
			case "capped days":
				if whole.BetweenSteps.Capped == 0 {
					t.Errorf("no day count was capped")
				}
			default:
				if whole.Stalled == 0 || len(whole.BetweenSteps.Histogram) < 3 {
					t.Errorf("degenerate cohort: stalled %d, %d histogram entries", whole.Stalled, len(whole.BetweenSteps.Histogram))
				}
			}
		})
	}
}

func viaJSON(t *testing.T, s *Summary) *Summary {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out Summary
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func TestMergeRefusesUnlike(t *testing.T) {
	def := cohorttest.Pathway(2)
	ls := generate(2, 20, 1)
	base, err := Summarize(context.Background(), def, seq(ls), asOf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := func(f func(s *Summary)) *Summary {
		s := viaJSON(t, base)
		f(s)
		return s
	}
	for _, tc := range []struct {
		name string
		b    *Summary
		why  string
	}{
		{"nil", nil, "nothing to merge"},
		{"version", other(func(s *Summary) { s.Version = "2" }), "another version of the pathway"},
		{"time", other(func(s *Summary) { s.AsOf = asOf.Add(24 * time.Hour) }), "states and stalls depend on the time"},
		{"max days", other(func(s *Summary) { s.MaxDays = 10 }), "histograms capped differently"},
		{"failure limit", other(func(s *Summary) { s.FailureLimit = 3 }), "samples cut differently"},
		{"components", other(func(s *Summary) { s.Components = s.Components[1:] }), "another shape"},
		{"node", other(func(s *Summary) { s.Nodes[1].Path = "requirement.items[9]" }), "another tree"},
	} {
		if _, err := Merge(base, tc.b); !errors.Is(err, ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput (%s)", tc.name, err, tc.why)
		}
	}
}
