//go:build !unix

package main

// peakRSS is unknown here: the platform has no getrusage.
func peakRSS() uint64 { return 0 }
