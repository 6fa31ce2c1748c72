package cohort_test

import (
	"context"
	"fmt"
	"iter"
	"os"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

func ExampleSummarize() {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	def := cohorttest.Pathway(2) // a core sequence of 10 and 6 of 10 electives
	// Learners stream from an iterator; a host would read them from its
	// database one at a time.
	learners := cohorttest.Learners(2, 1000, 1, asOf)
	s, err := cohort.Summarize(context.Background(), def, learners, asOf, cohort.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d learners: %d complete, %d started, %d stalled\n", s.Learners, s.Complete, s.Started, s.Stalled)
	fmt.Printf("median days between steps: %d (90%% within %d)\n", s.BetweenSteps.Median, s.BetweenSteps.P90)
	for _, st := range s.Stalls[:3] {
		fmt.Printf("stalled at %s: %d (%.0f%%)\n", st.Name, st.Stalled, 100*st.Share)
	}
	// Output:
	// 1000 learners: 433 complete, 911 started, 286 stalled
	// median days between steps: 22 (90% within 37)
	// stalled at Module 0.4: 101 (35%)
	// stalled at Module 1.0: 54 (19%)
	// stalled at Module 0.0: 38 (13%)
}

func ExampleSummary_WriteCSV() {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	s, err := cohort.Summarize(context.Background(), cohorttest.Pathway(1), cohorttest.Learners(1, 200, 1, asOf), asOf, cohort.Options{})
	if err != nil {
		panic(err)
	}
	if err := s.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// scope,path,id,name,kind,learners,complete,in_progress,available,locked,expired,next_step,stalled,median_days,p25_days,p75_days,p90_days,timed_steps
	// pathway,,https://cohort.example/pathways/program,Program,,200,96,,,,,,49,22,12,31,37,1151
	// component,,g0c0,Module 0.0,component,200,170,0,12,0,18,30,0,,,,,0
	// component,,g0c1,Module 0.1,component,200,164,0,6,12,18,6,4,20,10,30,36,164
	// component,,g0c2,Module 0.2,component,200,159,0,5,20,16,5,2,20,12,29,36,159
	// component,,g0c3,Module 0.3,component,200,157,0,2,25,16,2,1,24,14,32,37,157
	// component,,g0c4,Module 0.4,component,200,129,0,28,29,14,28,26,24,13,33,37,129
	// component,,g0c5,Module 0.5,component,200,122,0,7,57,14,7,4,19,9,30,35,122
	// component,,g0c6,Module 0.6,component,200,113,0,9,67,11,9,5,22,12,31,35,113
	// component,,g0c7,Module 0.7,component,200,108,0,5,76,11,5,4,24,13,32,38,108
	// component,,g0c8,Module 0.8,component,200,103,0,5,81,11,5,1,21,10,32,37,103
	// component,,g0c9,Module 0.9,component,200,96,0,7,87,10,7,2,20,10,30,38,96
	// node,requirement,,Program,allOf,200,96,74,30,0,0,,49,,,,,
	// node,requirement.items[0],core,Core sequence,allOf,200,96,74,30,0,0,,49,,,,,
	// node,requirement.items[0].items[0],,Module 0.0,component,200,170,0,12,0,18,,0,,,,,
	// node,requirement.items[0].items[1],,Module 0.1,component,200,164,0,6,12,18,,4,,,,,
	// node,requirement.items[0].items[2],,Module 0.2,component,200,159,0,5,20,16,,2,,,,,
	// node,requirement.items[0].items[3],,Module 0.3,component,200,157,0,2,25,16,,1,,,,,
	// node,requirement.items[0].items[4],,Module 0.4,component,200,129,0,28,29,14,,26,,,,,
	// node,requirement.items[0].items[5],,Module 0.5,component,200,122,0,7,57,14,,4,,,,,
	// node,requirement.items[0].items[6],,Module 0.6,component,200,113,0,9,67,11,,5,,,,,
	// node,requirement.items[0].items[7],,Module 0.7,component,200,108,0,5,76,11,,4,,,,,
	// node,requirement.items[0].items[8],,Module 0.8,component,200,103,0,5,81,11,,1,,,,,
	// node,requirement.items[0].items[9],,Module 0.9,component,200,96,0,7,87,10,,2,,,,,
}

// Two machines each summarise half of a cohort; Merge combines the halves
// into exactly the summary of the whole, quantiles included.
func ExampleMerge() {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	def := cohorttest.Pathway(2)
	half := func(parity int) iter.Seq2[string, []pathway.Earned] {
		return func(yield func(string, []pathway.Earned) bool) {
			k := 0
			for id, earned := range cohorttest.Learners(2, 1000, 1, asOf) {
				if k++; k%2 == parity && !yield(id, earned) {
					return
				}
			}
		}
	}
	var parts []*cohort.Summary
	for parity := range 2 {
		s, err := cohort.Summarize(context.Background(), def, half(parity), asOf, cohort.Options{})
		if err != nil {
			panic(err)
		}
		parts = append(parts, s)
	}
	s, err := cohort.Merge(parts[0], parts[1])
	if err != nil {
		panic(err)
	}
	fmt.Printf("halves of %d and %d learners\n", parts[0].Learners, parts[1].Learners)
	fmt.Printf("%d learners: %d complete, %d started, %d stalled\n", s.Learners, s.Complete, s.Started, s.Stalled)
	fmt.Printf("median days between steps: %d (90%% within %d)\n", s.BetweenSteps.Median, s.BetweenSteps.P90)
	// Output:
	// halves of 500 and 500 learners
	// 1000 learners: 433 complete, 911 started, 286 stalled
	// median days between steps: 22 (90% within 37)
}
