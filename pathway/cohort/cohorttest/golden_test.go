package cohorttest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"iter"
	"reflect"
	"testing"
	"time"

	"github.com/microcred/microcred/pathway"

	"github.com/microcred/microcred/internal/rusage"
)

// TestCohortUnchanged: the generator may get faster, never different, so
// that figures measured on its cohorts stay comparable across versions.
// The digest is of the JSON of the first 2,000 learners of the
// 50-component cohort, as the fmt-based generator of v0.1.0 made them.
func TestCohortUnchanged(t *testing.T) {
	const want = "1564de0662be3607ef8258ac9e05b059339ac8a478f05c790b3b4e7e67604dbb"
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	reusing, release := LearnersReusing(5, 2000, 1, asOf)
	for _, tc := range []struct {
		name     string
		learners iter.Seq2[string, []pathway.Earned]
		release  func([]pathway.Earned)
		why      string
	}{
		{"Learners", Learners(5, 2000, 1, asOf), func([]pathway.Earned) {}, "the cohort every figure is measured on"},
		{"LearnersReusing", reusing, release, "slices are recycled at once, so a stale credential would show"},
		{"LearnersReusing, not released", reusing, func([]pathway.Earned) {}, "the release is a hint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := sha256.New()
			enc := json.NewEncoder(h)
			for id, earned := range tc.learners {
				if err := enc.Encode(id); err != nil {
					t.Fatal(err)
				}
				if err := enc.Encode(earned); err != nil {
					t.Fatal(err)
				}
				tc.release(earned)
			}
			if got := hex.EncodeToString(h.Sum(nil)); got != want {
				t.Errorf("the generated cohort changed (%s): digest %s, want %s", tc.why, got, want)
			}
		})
	}
}

// TestReusingHoldsNothingBack: a slice not yet released is never handed
// out again, whatever was released before, so learners in flight keep
// their credentials.
func TestReusingHoldsNothingBack(t *testing.T) {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	learners, release := LearnersReusing(5, 500, 1, asOf)
	want := map[string][]pathway.Earned{}
	for id, earned := range Learners(5, 500, 1, asOf) {
		want[id] = earned
	}
	var held [][]pathway.Earned
	ids := map[*pathway.Earned]string{}
	for id, earned := range learners {
		if len(earned) == 0 {
			continue
		}
		if other, ok := ids[&earned[0]]; ok {
			t.Fatalf("learner %s was given the slice %s still holds", id, other)
		}
		ids[&earned[0]] = id
		held = append(held, earned)
		// Every other learner is released at once, the rest held to the end.
		if len(held)%2 == 0 {
			release(earned)
			delete(ids, &earned[0])
			held = held[:len(held)-1]
		}
	}
	for _, earned := range held {
		id := ids[&earned[0]]
		if !reflect.DeepEqual(earned, want[id]) {
			t.Errorf("learner %s: a held slice was overwritten", id)
		}
	}
}

// TestReusingAllocs: recycled, a learner's credentials cost no
// allocation; what is left is the one string of the learner's ids.
func TestReusingAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	const n = 5000 // the generator's own setup is a few dozen allocations a run
	learners, release := LearnersReusing(5, n, 1, asOf)
	got := testing.AllocsPerRun(3, func() {
		for _, earned := range learners {
			release(earned)
		}
	}) / n
	t.Logf("%.2f allocations per learner", got)
	if got > 1.1 {
		t.Errorf("%.2f allocations per learner, want at most 1.1: the credentials' slice is reused and their ids are cut from one string", got)
	}
}

// BenchmarkLearners measures generation alone, so that a cohort
// benchmark's or the example's figures can be split into generating the
// learners and evaluating them.
func BenchmarkLearners(b *testing.B) {
	b.Run("fresh", func(b *testing.B) { benchmarkLearners(b, false) })
	b.Run("reusing", func(b *testing.B) { benchmarkLearners(b, true) })
}

func benchmarkLearners(b *testing.B, reuse bool) {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	creds := 0
	cpu := cpuTime()
	learners, release := Learners(5, 1000, 1, asOf), func([]pathway.Earned) {}
	if reuse {
		learners, release = LearnersReusing(5, 1000, 1, asOf)
	}
	for b.Loop() {
		for _, earned := range learners {
			creds += len(earned)
			release(earned)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/learner")
	b.ReportMetric(float64(creds)/float64(b.N*1000), "credentials/learner")
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*1000), "cpu-ns/learner")
	}
}

// cpuTime is the process's CPU time, 0 where the platform cannot say.
func cpuTime() time.Duration {
	d, _ := rusage.CPU()
	return d
}
