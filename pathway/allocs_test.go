package pathway

import "testing"

// Allocation ceilings on the evaluation's hot paths (issue 13 §6): a
// regression fails here deterministically, not in a benchmark run. The
// figures are the 50-component benchmark pathway against 40 credentials;
// each ceiling is what the code allocates today plus a margin for
// harmless change, so lower them when the code gets leaner.
func TestEvaluateAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	if raceEnabled {
		t.Skip("the race detector changes what allocates; the ceilings hold for ordinary builds")
	}
	pe, err := Prepare(benchPathway(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	brief, err := Prepare(benchPathway(), Options{VerdictOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := Prepare(benchPathway(), Options{AssignmentsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	cohort, err := Prepare(benchPathway(), Options{StatesOnly: true, FirstStepOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tally := func(p *Progress, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	earned := benchEarned(40)
	for _, tc := range []struct {
		name    string
		ceiling float64
		run     func()
		reason  string
	}{
		{"whole evaluation", 165, func() {
			if _, err := pe.Evaluate(earned, asOf); err != nil {
				t.Fatal(err)
			}
		}, "search, explanation, component states, credential uses and next steps"},
		{"verdict only", 10, func() {
			if _, err := brief.Evaluate(earned, asOf); err != nil {
				t.Fatal(err)
			}
		}, "search, assignments, component states and credential uses, no explanation or next steps (Options.VerdictOnly)"},
		{"assignments only", 5, func() {
			if _, err := bare.Evaluate(earned, asOf); err != nil {
				t.Fatal(err)
			}
		}, "search and assignments (Options.AssignmentsOnly); the working memory comes from the Evaluator's pool"},
		{"states and first step", 12, func() {
			if _, err := cohort.Evaluate(earned, asOf); err != nil {
				t.Fatal(err)
			}
		}, "search, component states, the unworded tree, credential uses and the first step (StatesOnly, FirstStepOnly: package cohort's options)"},
		{"states and first step, lent", 4, func() {
			cohort.EvaluateFunc(earned, asOf, tally)
		}, "as above with the Progress carved from pooled memory (EvaluateFunc): what is left is the reasons' text"},
		{"matching and search", 2, func() {
			ev, err := pe.newEvaluator(earned, asOf)
			if err != nil {
				t.Fatal(err)
			}
			ev.solve(pe.def.Requirement, ev.topo)
			pe.putScratch(ev.sc)
		}, "indexing the credentials, the matchings, and a search of one descent, in pooled working memory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := testing.AllocsPerRun(50, tc.run)
			if got > tc.ceiling {
				t.Errorf("%s: %.0f allocations per evaluation, ceiling %.0f (%s)", tc.name, got, tc.ceiling, tc.reason)
			}
			t.Logf("%s: %.0f allocations", tc.name, got)
		})
	}
}
