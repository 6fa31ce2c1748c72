// Package pathwaytest lets a host test its pathway definitions in its own
// `go test` suite, and shows a designer every way through a pathway before
// learners find them.
//
// # Scenarios
//
// A Scenario is a learner situation and its expected outcome: these
// credentials, evaluated at this time, give this state, this award and these
// next steps. Write them as Go tables and check them with Run, or as JSON
// files checked with RunFiles:
//
//	func TestPathway(t *testing.T) {
//		def := mustParse(t, "pathway.json")
//		pathwaytest.Run(t, def, []pathwaytest.Scenario{{
//			Name: "both courses", AsOf: asOf,
//			Earned: []pathway.Earned{...},
//			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true)},
//		}})
//		pathwaytest.RunFiles(t, def, "testdata/scenarios/*.json")
//	}
//
// A scenario file holds one scenario object or an array of them:
//
//	{"name": "html then js", "asOf": "2026-01-01T00:00:00Z",
//	 "earned": [{"id": "c1", "achievementId": "urn:ach:html", "earnedAt": "2025-01-01T00:00:00Z"}],
//	 "want": {"complete": false, "components": {"html": "complete"},
//	          "nextSteps": ["js"], "award": {"made": false}}}
//
// The fields of "earned" are those of pathway.Earned, "options" those of
// pathway.Options, "want" those of Want. Files are decoded strictly: an
// unknown field is an error, so a misspelt expectation cannot pass by
// checking nothing. Only the expectations a scenario sets are checked.
//
// A failing scenario is reported through TB.Errorf with every difference
// and the evaluation's explanation tree (pathway.Progress.Explain), so the
// failure says why. TB is the part of testing.TB used, so the package can be
// tested with a fake that records failures; a scenario without AsOf, an
// empty scenario list and a glob matching no file are failures too.
//
// # Exploring
//
// Explore lists every minimal set of components whose filling completes
// the destination, and the near misses: the sets one component short of a
// way, with their progress and what is missing. It works on the
// requirement tree (minimal sets for allOf, anyOf, nOf, credit and point
// thresholds, with prerequisites added) and confirms every candidate with
// pathway.Evaluate over synthetic credentials, so NOT rules, time rules
// and achievements shared between components are judged by the evaluator
// itself; see Explore for details. The search is bounded (ExploreOptions:
// MaxWays, MaxNodes, MaxClosest); Exploration.Truncated says when a bound
// cut it short.
package pathwaytest
