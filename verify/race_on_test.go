//go:build race

package verify

// raceEnabled: the race detector changes what allocates, so the allocation
// ceiling does not apply under it.
const raceEnabled = true
