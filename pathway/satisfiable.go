package pathway

import (
	"strconv"
	"strings"

	"github.com/microcred/microcred/badge"
)

// satisfiability decides, ignoring which credentials exist, whether the tree
// is satisfied with no component filled (vacuous: warning) and whether some
// set of filled components satisfies it (if none: error). Credit and point
// thresholds are assumed reachable here and checked separately against the
// values the components declare.
func (l *linter) satisfiability(root *Node, path string) {
	var comps []string
	seen := map[string]bool{}
	hasNot := false
	root.walk(1, func(n *Node, _ int) bool {
		if n.Kind == KindComponent && !seen[n.Component] {
			seen[n.Component] = true
			comps = append(comps, n.Component)
		}
		hasNot = hasNot || n.Kind == KindNot
		return true
	})
	none := map[string]bool{}
	if structSat(root, none) {
		l.add(badge.SeverityWarning, "vacuous", path, "satisfied before any credential is earned; Award will refuse such a completion")
	}
	all := map[string]bool{}
	for _, c := range comps {
		all[c] = true
	}
	sat := structSat(root, all)
	if !sat && hasNot {
		// NOT breaks monotonicity: try every subset when that is cheap.
		// Bounded: at most 2^16 subsets and 2^22 node visits in all.
		const maxExhaustive, maxWork = 16, 1 << 22
		size := 0
		root.walk(1, func(*Node, int) bool { size++; return true })
		if len(comps) <= maxExhaustive && size<<len(comps) <= maxWork {
			for mask := 0; mask < 1<<len(comps) && !sat; mask++ {
				set := map[string]bool{}
				for i, c := range comps {
					if mask&(1<<i) != 0 {
						set[c] = true
					}
				}
				sat = structSat(root, set)
			}
		} else {
			l.add(badge.SeverityWarning, "undecided", path, "with not over %d components, satisfiability was not checked exhaustively", len(comps))
			sat = true
		}
	}
	if !sat {
		l.add(badge.SeverityError, "unsatisfiable", path, "no set of earned components can satisfy this requirement")
	}
	l.creditReach(root, path)
}

// structSat evaluates the tree with the given components filled, treating
// credit and point thresholds as met when anything is filled beneath them.
func structSat(n *Node, filled map[string]bool) bool {
	switch n.Kind {
	case KindComponent:
		return filled[n.Component]
	case KindAllOf:
		for _, c := range n.Items {
			if !structSat(c, filled) {
				return false
			}
		}
		return true
	case KindAnyOf:
		for _, c := range n.Items {
			if structSat(c, filled) {
				return true
			}
		}
		return false
	case KindNOf:
		k := 0
		for _, c := range n.Items {
			if structSat(c, filled) {
				k++
			}
		}
		return k >= n.Min
	case KindNot:
		return len(n.Items) == 1 && !structSat(n.Items[0], filled)
	case KindCredits, KindPoints:
		if (n.Kind == KindCredits && n.Credits != nil && n.Credits.Value == 0) || (n.Kind == KindPoints && n.Points == 0) {
			return true
		}
		found := false
		for _, c := range n.Items {
			c.walk(1, func(m *Node, _ int) bool {
				found = found || (m.Kind == KindComponent && filled[m.Component])
				return !found
			})
		}
		return found
	}
	return false
}

// creditReach warns when the components under a threshold declare less than
// it needs: completion then depends on credentials carrying more credits
// than the pathway expects.
func (l *linter) creditReach(root *Node, path string) {
	comps := map[string]*Component{}
	for i := range l.def.Components {
		comps[l.def.Components[i].ID] = &l.def.Components[i]
	}
	walkAt(root, path, func(n *Node, ptr string) {
		if n.Kind != KindCredits && n.Kind != KindPoints {
			return
		}
		var sum float64
		seen := map[string]bool{}
		n.walk(1, func(m *Node, _ int) bool {
			if m.Kind == KindComponent && !seen[m.Component] {
				seen[m.Component] = true
				c := comps[m.Component]
				if n.Kind == KindPoints {
					sum += c.Points
				} else if c.Credits != nil && n.Credits != nil && unitEqual(c.Credits.Unit, n.Credits.Unit) {
					sum += c.Credits.Value
				}
			}
			return true
		})
		need := n.Points
		unit := "points"
		if n.Kind == KindCredits && n.Credits != nil {
			need, unit = n.Credits.Value, n.Credits.Unit
		}
		if sum < need {
			l.add(badge.SeverityWarning, "threshold-above-declared", ptr,
				"needs %g %s but the components beneath declare only %g; it completes only if credentials carry more", need, unit, sum)
		}
	})
}

// walkAt calls f on n and every node beneath it with the node's JSON
// Pointer, ptr being n's. Lint calls it only on trees it found within
// Limits.MaxDepth, so the recursion is bounded.
func walkAt(n *Node, ptr string, f func(n *Node, ptr string)) {
	if n == nil {
		return
	}
	f(n, ptr)
	for i, c := range n.Items {
		walkAt(c, ptr+"/items/"+strconv.Itoa(i), f)
	}
}

func unitEqual(a, b string) bool {
	// Units are usually spelled alike; every credit summed compares one.
	return a == b || strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
