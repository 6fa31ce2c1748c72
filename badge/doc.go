// Package badge is the Open Badges 3.0 and CLR 2.0 data model: what a
// credential says, as Go types.
//
// (The full manual is being written; see the Example functions.)
package badge
