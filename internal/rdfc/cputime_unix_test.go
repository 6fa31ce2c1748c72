//go:build unix

package rdfc

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time this process has used. Benchmarks report
// it beside wall time because the machines they run on are shared: wall
// time then also counts the time other processes held the CPU.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
