//go:build !unix

package cohort

import "time"

func cpuTime() time.Duration { return 0 }
