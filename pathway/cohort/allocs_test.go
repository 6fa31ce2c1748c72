package cohort

import (
	"context"
	"testing"

	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// TestSummarizeAllocs is an allocation ceiling on the cohort pipeline
// (issue 13 §6): a regression fails here deterministically, not in a
// benchmark run. One worker, so the figure does not depend on scheduling;
// the learners are generated before counting. The ceiling is per learner,
// what the pipeline allocates today plus a margin: lower it when the code
// gets leaner.
func TestSummarizeAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	if raceEnabled {
		t.Skip("the race detector changes what allocates; the ceiling holds for ordinary builds")
	}
	const n = 2000
	def, ls := cohorttest.Pathway(5), generate(5, n, 1)
	const ceiling = 4.0 // 3.1 at the time of writing (19.5 in v0.2.0); 26.2 with Evaluate in place of EvaluateFunc
	got := testing.AllocsPerRun(3, func() {
		s, err := Summarize(context.Background(), def, seq(ls), asOf, Options{Workers: 1})
		if err != nil || s.Learners != n {
			t.Fatalf("Summarize: %v, %d learners", err, s.Learners)
		}
	}) / n
	t.Logf("%.1f allocations per learner", got)
	if got > ceiling {
		t.Errorf("%.1f allocations per learner, ceiling %.0f: the evaluations lend their Progress "+
			"(pathway.Evaluator.EvaluateFunc) and reuse their working memory, and the component and credential "+
			"reasons are each one string, so what is left is those two strings", got, ceiling)
	}
}
