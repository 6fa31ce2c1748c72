package cohort

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/rusage"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// peakHeap runs Summarize over n generated learners of a pathway of the
// given groups and returns the summary and the largest live heap seen
// (runtime.MemStats.HeapAlloc, sampled every `every` learners, after a GC
// before the start).
func peakHeap(tb testing.TB, groups, n, every int) (*Summary, uint64) {
	tb.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak := ms.HeapAlloc
	// As examples/cohort does: the learners' credentials are recycled.
	learners, release := cohorttest.LearnersReusing(groups, n, 1, asOf)
	s, err := Summarize(context.Background(), cohorttest.Pathway(groups), learners, asOf,
		Options{Release: release, ProgressEvery: every, Progress: func(int) {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}})
	if err != nil {
		tb.Fatal(err)
	}
	if s.Learners != n {
		tb.Fatalf("%d learners summarised, want %d", s.Learners, n)
	}
	return s, peak
}

// TestMemoryDoesNotGrow: ten times the learners may not need more memory.
// The bound is loose (the heap between collections depends on GOGC and
// timing) but a tally that kept anything per learner would exceed it: 18,000
// more learners' results are tens of megabytes.
func TestMemoryDoesNotGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 22,000 learners")
	}
	_, small := peakHeap(t, 1, 2000, 100)
	_, large := peakHeap(t, 1, 20000, 100)
	t.Logf("peak heap: 2,000 learners %.1f MiB, 20,000 learners %.1f MiB", mib(small), mib(large))
	if large > small+8<<20 {
		t.Errorf("peak heap grew from %.1f MiB to %.1f MiB with ten times the learners", mib(small), mib(large))
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// BenchmarkCohort summarises generated cohorts against a 50-component
// pathway (cohorttest.Pathway(5)). One op is one whole cohort; ns/learner
// and the peak live heap are reported as metrics, and CPU time (user and
// system, all goroutines) per learner, which says what a learner costs on
// a shared machine when wall time does not. Run with -benchtime=1x:
// the 100,000-learner cohort takes about a minute of CPU.
func BenchmarkCohort(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("learners=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			cpu := cpuTime()
			for b.Loop() {
				_, p := peakHeap(b, 5, n, 1000)
				peak = max(peak, p)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/learner")
			b.ReportMetric(mib(peak), "peak-heap-MiB")
			if cpu := cpuTime() - cpu; cpu > 0 {
				// Generating the learners is included; BenchmarkLearners
				// of package cohorttest measures it alone.
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/learner")
			}
		})
	}
}

// BenchmarkSummarize is the pipeline a host runs, without generation:
// 2,000 learners of the 50-component pathway generated before the clock
// starts and summarised again in every op. Its figures per learner are
// BenchmarkCohort's less the cost of generating the learners.
func BenchmarkSummarize(b *testing.B) {
	const n = 2000
	def, ls := cohorttest.Pathway(5), generate(5, n, 1)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		s, err := Summarize(context.Background(), def, seq(ls), asOf, Options{})
		if err != nil || s.Learners != n {
			b.Fatalf("err=%v", err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/learner")
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/learner")
	}
}

// cpuTime is the process's CPU time, 0 where the platform cannot say.
func cpuTime() time.Duration {
	d, _ := rusage.CPU()
	return d
}
