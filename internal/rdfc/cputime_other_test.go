//go:build !unix

package rdfc

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
