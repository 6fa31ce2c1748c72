// Package allocs measures allocations for the ceiling tests (issue 13 §6).
//
// testing.AllocsPerRun counts every allocation in the process while it
// runs, so a goroutine an earlier test left behind (a timed-out search
// finishing its work, a server shutting down) inflates the figure. A real
// regression allocates more on every try; background noise does not recur
// on every one. Fewest therefore takes the smallest of a few measurements,
// which keeps the ceilings deterministic without loosening them.
package allocs

import "testing"

// Fewest returns the smallest testing.AllocsPerRun(runs, f) of tries
// measurements, stopping early at one at or under ceiling.
func Fewest(tries, runs int, ceiling float64, f func()) float64 {
	best := -1.0
	for range max(tries, 1) {
		got := testing.AllocsPerRun(runs, f)
		if best < 0 || got < best {
			best = got
		}
		if best <= ceiling {
			break
		}
	}
	return best
}
