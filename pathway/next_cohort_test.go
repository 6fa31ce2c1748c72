package pathway_test

import (
	"testing"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// A learner part way through a core sequence must be told to take the next
// module, which is available now; the engineers building package cohort
// saw only the last module of the sequence, locked.
func TestNextStepsCohortLearner(t *testing.T) {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	def := cohorttest.Pathway(1)
	_, earned := cohorttest.Learner(1, 3, 1, asOf)
	p, err := pathway.Evaluate(def, earned, asOf, pathway.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range p.Assignments {
		if want := cohorttest.ComponentID(0, i); a.Component != want {
			t.Fatalf("assignment %d fills %s; the generator changed, want modules 0.0-0.3 held", i, a.Component)
		}
	}
	if len(p.Assignments) != 4 || len(p.NextSteps) == 0 {
		t.Fatalf("%d assignments, next steps %+v; want 4 modules held and some next step", len(p.Assignments), p.NextSteps)
	}
	first := p.NextSteps[0]
	if first.Component != cohorttest.ComponentID(0, 4) || first.State != pathway.StateAvailable || first.Remaining != 5 {
		t.Errorf("first next step = %+v, want g0c4 available with 5 remaining", first)
	}
	for _, s := range p.NextSteps[1:] {
		if s.State == pathway.StateAvailable {
			t.Errorf("%s is available too, but every later module needs g0c4 first", s.Component)
		}
	}
}
