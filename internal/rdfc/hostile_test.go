package rdfc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestHostileShapes feeds datasets whose blank nodes look alike, the case
// that makes RDFC-1.0 expensive. Each must end, with a result or with
// ErrWorkLimit; without the work limit several would run for hours.
func TestHostileShapes(t *testing.T) {
	var (
		clique strings.Builder // every node linked to every other
		ring   strings.Builder // one long cycle
		star   strings.Builder // a hub with many identical leaves
		pairs  strings.Builder // many identical disconnected pairs
	)
	for i := range 12 {
		for j := range 12 {
			fmt.Fprintf(&clique, "_:n%d <a:p> _:n%d .\n", i, j)
		}
	}
	for i := range 3000 {
		fmt.Fprintf(&ring, "_:r%d <a:next> _:r%d .\n", i, (i+1)%3000)
	}
	for i := range 5000 {
		fmt.Fprintf(&star, "_:hub <a:p> _:leaf%d .\n", i)
	}
	for i := range 2000 {
		fmt.Fprintf(&pairs, "_:a%d <a:p> _:b%d .\n", i, i)
	}
	tests := []struct {
		name string
		doc  string
	}{
		{"12-clique", clique.String()},
		{"3000-ring", ring.String()},
		{"5000-star", star.String()},
		{"2000-pairs", pairs.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := CanonicalizeNQuads([]byte(tt.doc), nil)
			if err != nil && !errors.Is(err, ErrWorkLimit) {
				t.Fatal(err)
			}
			t.Logf("%v after %v", err, time.Since(start))
		})
	}
}
