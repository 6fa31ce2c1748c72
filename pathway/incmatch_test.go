package pathway

import (
	"math/rand/v2"
	"testing"
)

// The matchings the search keeps are maximum after every change: random
// walks of fills, unfills and their undoing, in the stack order the search
// uses, on the random overlapping instances of the property tests, checked
// against matchings computed afresh, together with the per-component
// counts of free candidates and unfilled prerequisites.
func TestIncrementalMatchingStaysMaximum(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	checked := 0
	for range 3000 {
		def, earned := randomInstance(r, false)
		pe, err := Prepare(def, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ev, err := pe.newEvaluator(earned, asOf)
		if err != nil {
			t.Fatal(err)
		}
		sr := ev.newSearch(def.Requirement, ev.topo)
		type op struct{ ci, g int } // g < 0: left unfilled
		var stack []op
		for range 40 {
			s := &sr.s
			if len(stack) > 0 && r.IntN(3) == 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				s.assign[o.ci] = undecided
				reuse := def.Components[o.ci].Reuse
				if o.g >= 0 {
					sr.give(o.ci, o.g, reuse)
				} else {
					sr.unleave(o.ci)
				}
			} else {
				var open []int
				for _, ci := range ev.topo {
					if s.assign[ci] == undecided {
						open = append(open, ci)
					}
				}
				if len(open) == 0 {
					continue
				}
				ci := open[r.IntN(len(open))]
				reuse := def.Components[ci].Reuse
				var ks []int
				for k, c := range ev.cands[ci] {
					if reuse || s.used[c.group] == 0 {
						ks = append(ks, k)
					}
				}
				if len(ks) == 0 || r.IntN(3) == 0 {
					s.assign[ci] = unfilled
					sr.leave(ci)
					stack = append(stack, op{ci, -1})
				} else {
					k := ks[r.IntN(len(ks))]
					g := ev.cands[ci][k].group
					s.assign[ci] = k
					sr.take(ci, g, reuse)
					stack = append(stack, op{ci, g})
				}
			}
			checkMatchings(t, ev, &sr.s)
			checked++
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d states checked", checked)
	}
}

func checkMatchings(t *testing.T, ev *evaluator, s *state) {
	t.Helper()
	for ci := range ev.def.Components {
		free, blocked := 0, 0
		for _, c := range ev.cands[ci] {
			if s.used[c.group] == 0 {
				free++
			}
		}
		for _, p := range ev.def.Components[ci].Prerequisites {
			if s.assign[ev.compIdx[p]] == unfilled {
				blocked++
			}
		}
		if s.free[ci] != free || s.blocked[ci] != blocked {
			t.Fatalf("component %d: free %d blocked %d, want %d %d", ci, s.free[ci], s.blocked[ci], free, blocked)
		}
	}
	for _, m := range s.matches {
		if want := freshMatching(ev, m, s); m.size != want {
			t.Fatalf("matching of %v: size %d, a fresh maximum matching has %d", m.comps, m.size, want)
		}
		for lc, lg := range m.mateC {
			ci := m.comps[lc]
			active := s.assign[ci] == undecided && s.blocked[ci] == 0
			if m.active[lc] != active {
				t.Fatalf("component %d: active %v, want %v", ci, m.active[lc], active)
			}
			if lg >= 0 && (!active || s.used[m.groups[lg]] != 0 || m.mateG[lg] != int32(lc)) {
				t.Fatalf("component %d matched to group %d, which it cannot hold", ci, m.groups[lg])
			}
		}
	}
}

// freshMatching computes, with plain augmenting paths from scratch, the
// size of a maximum matching of m's active components to free groups.
func freshMatching(ev *evaluator, m *incMatch, s *state) int {
	owner := map[int]int{}
	var try func(ci int, seen map[int]bool) bool
	try = func(ci int, seen map[int]bool) bool {
		for _, c := range ev.cands[ci] {
			if s.used[c.group] != 0 || seen[c.group] {
				continue
			}
			seen[c.group] = true
			if o, ok := owner[c.group]; !ok || try(o, seen) {
				owner[c.group] = ci
				return true
			}
		}
		return false
	}
	n := 0
	for _, ci := range m.comps {
		if s.assign[ci] == undecided && s.blocked[ci] == 0 && try(ci, map[int]bool{}) {
			n++
		}
	}
	return n
}
