package pathway_test

import (
	"fmt"

	"github.com/microcred/microcred/pathway"
)

// A host that reports each learner's next step, many learners at a time,
// asks for the first step alone: the same step a full ranking puts first,
// found without ranking the rest.
func ExampleOptions_firstStepOnly() {
	def, err := pathway.Parse([]byte(webDeveloper))
	if err != nil {
		panic(err)
	}
	pe, err := pathway.Prepare(def, pathway.Options{StatesOnly: true, FirstStepOnly: true})
	if err != nil {
		panic(err)
	}
	earned := []pathway.Earned{{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")}}
	p, err := pe.Evaluate(earned, day("2025-06-01"))
	if err != nil {
		panic(err)
	}
	for _, s := range p.NextSteps {
		fmt.Printf("%s (%s), %d more after it\n", s.Name, s.State, s.Remaining)
	}
	// Output:
	// CSS (available), 1 more after it
}
