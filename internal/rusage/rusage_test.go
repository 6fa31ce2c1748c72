package rusage

import (
	"runtime"
	"testing"
)

// TestCPUAdvances: spinning for a while shows up as CPU time where the
// platform reports it.
func TestCPUAdvances(t *testing.T) {
	before, ok := CPU()
	if !ok {
		if runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1" {
			t.Fatalf("no CPU time on %s", runtime.GOOS)
		}
		t.Skipf("no getrusage on %s", runtime.GOOS)
	}
	x := 0
	for i := range 50_000_000 {
		x += i ^ x
	}
	after, _ := CPU()
	if after <= before {
		t.Errorf("CPU time did not advance over a busy loop: %v then %v (x=%d)", before, after, x)
	}
}
