//go:build race

package pathway

// raceEnabled: the race detector changes what allocates, so the allocation
// ceilings do not apply under it.
const raceEnabled = true
