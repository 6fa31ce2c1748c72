//go:build race

package cohort

// raceEnabled: the race detector changes what allocates, so the allocation
// ceilings do not apply under it.
const raceEnabled = true
