//go:build !race

package pathway

const raceEnabled = false
