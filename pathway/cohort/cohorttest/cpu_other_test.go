//go:build !unix

package cohorttest

import "time"

func cpuTime() time.Duration { return 0 }
