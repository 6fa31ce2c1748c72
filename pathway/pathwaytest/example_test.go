package pathwaytest_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/pathwaytest"
)

// printTB prints failures, standing in for *testing.T in an example.
type printTB struct{}

func (printTB) Helper() {}
func (printTB) Errorf(format string, args ...any) {
	fmt.Println(strings.SplitN(fmt.Sprintf(format, args...), "\nexplanation:", 2)[0])
}

func examplePathway() *pathway.Definition {
	course := func(id string) pathway.Component {
		return pathway.Component{ID: id, Name: strings.ToUpper(id), Match: pathway.Match{Achievements: []string{"urn:ach:" + id}}}
	}
	leaf := func(id string) *pathway.Node { return &pathway.Node{Kind: pathway.KindComponent, Component: id} }
	return &pathway.Definition{
		Format: pathway.FormatV1, ID: "urn:example:web", Version: "1", Name: "Web developer",
		Destination: pathway.AchievementRef{ID: "urn:example:web-dev", Name: "Web developer", IssuerID: "urn:example:school"},
		Components:  []pathway.Component{course("html"), course("css"), course("js")},
		Requirement: &pathway.Node{Kind: pathway.KindAllOf, Items: []*pathway.Node{
			leaf("html"),
			{Kind: pathway.KindAnyOf, Items: []*pathway.Node{leaf("css"), leaf("js")}},
		}},
	}
}

func ExampleRun() {
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	html := pathway.Earned{ID: "cred-1", AchievementID: "urn:ach:html", EarnedAt: asOf.AddDate(0, -2, 0)}
	pathwaytest.Run(printTB{}, examplePathway(), []pathwaytest.Scenario{
		{Name: "html alone is not enough", AsOf: asOf, Earned: []pathway.Earned{html},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), NextSteps: []string{"css"}}},
		{Name: "a wrong expectation", AsOf: asOf, Earned: []pathway.Earned{html},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true)}},
	})
	// Output:
	// scenario a wrong expectation (as of 2026-01-01T00:00:00Z):
	//   - complete = false, want true
}

func ExampleExplore() {
	x, err := pathwaytest.Explore(examplePathway(), pathwaytest.ExploreOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range x.Ways {
		fmt.Println("way:", strings.Join(w.Components, " + "))
	}
	for _, w := range x.Closest {
		fmt.Printf("close: %s (%.0f%%)\n", strings.Join(w.Components, " + "), w.Percent)
	}
	// Output:
	// way: html + css
	// way: html + js
	// close: css (50%)
	// close: html (50%)
	// close: js (50%)
}
