package cohorttest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/rusage"
)

// TestCohortUnchanged: the generator may get faster, never different, so
// that figures measured on its cohorts stay comparable across versions.
// The digest is of the JSON of the first 2,000 learners of the
// 50-component cohort, as the fmt-based generator of v0.1.0 made them.
func TestCohortUnchanged(t *testing.T) {
	const want = "1564de0662be3607ef8258ac9e05b059339ac8a478f05c790b3b4e7e67604dbb"
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	h := sha256.New()
	enc := json.NewEncoder(h)
	for id, earned := range Learners(5, 2000, 1, asOf) {
		if err := enc.Encode(id); err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(earned); err != nil {
			t.Fatal(err)
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("the generated cohort changed: digest %s, want %s", got, want)
	}
}

// BenchmarkLearners measures generation alone, so that a cohort
// benchmark's or the example's figures can be split into generating the
// learners and evaluating them.
func BenchmarkLearners(b *testing.B) {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	creds := 0
	cpu := cpuTime()
	for b.Loop() {
		for _, earned := range Learners(5, 1000, 1, asOf) {
			creds += len(earned)
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
