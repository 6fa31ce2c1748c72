//go:build race

package jsonld

// raceEnabled: the race detector changes what allocates, so the allocation
// ceilings do not apply under it.
const raceEnabled = true
