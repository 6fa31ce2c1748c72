package cohorttest_test

import (
	"fmt"
	"time"

	"github.com/microcred/microcred/pathway"
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
