package cohorttest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

func ExampleLearners() {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	def := cohorttest.Pathway(2)
	fmt.Println(len(def.Components), "components, valid:", pathway.Validate(def) == nil)
	for id, earned := range cohorttest.Learners(2, 3, 1, asOf) {
		p, err := pathway.Evaluate(def, earned, asOf, pathway.Options{})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d credentials, %.0f%%\n", id, len(earned), p.Percent)
	}
	// Output:
	// 20 components, valid: true
	// urn:cohort:learner:0000000: 16 credentials, 50%
	// urn:cohort:learner:0000001: 15 credentials, 0%
	// urn:cohort:learner:0000002: 17 credentials, 100%
}

// A long run hands each learner's credentials back once they are
// evaluated, and the generator fills them again for later learners.
func ExampleLearnersReusing() {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	learners, release := cohorttest.LearnersReusing(5, 1000, 1, asOf)
	s, err := cohort.Summarize(context.Background(), cohorttest.Pathway(5), learners, asOf,
		cohort.Options{Release: release})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d learners, %d complete, %d stalled\n", s.Learners, s.Complete, s.Stalled)
	// Output:
	// 1000 learners, 131 complete, 416 stalled
}
