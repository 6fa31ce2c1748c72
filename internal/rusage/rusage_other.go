//go:build !unix

package rusage

import "time"

// CPU is unknown here: the platform has no getrusage.
func CPU() (time.Duration, bool) { return 0, false }
