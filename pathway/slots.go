package pathway

// The slot bound. An N-of-M pool is bounded by a matching (poolBound), but
// nested groups competing for the same achievements are not: every pair of
// "12 pairs, 5 required, 4 achievements" looks satisfiable on its own. For
// a subtree where each component appears once and nothing is judged on
// holdings or dates (no not, no time rules, no reuse), progress is
// Lipschitz in the number of fills: one more filled component raises a
// node's progress by at most gain(node) (1 for a component, the largest
// child gain divided by the items counted for allOf and nOf, the largest
// child gain for anyOf, the largest credential worth over the threshold for
// credits and points). So no completion can exceed the progress with the
// decided fills plus (fills still possible) × gain, where the fills still
// possible are a maximum matching of the undecided components beneath to
// free achievements. The bound is applied at the top-most such subtrees.

type slotNode struct {
	comps []int
	gain  float64
}

// findSlots records the top-most qualifying subtrees under root; each
// evaluation adds their gains, which depend on the candidates.
func (pe *Evaluator) findSlots(root *Node) {
	if root == nil {
		return
	}
	switch root.Kind {
	case KindAllOf, KindAnyOf, KindNOf, KindCredits, KindPoints:
		if comps, ok := pe.slotQualifies(root); ok && len(comps) >= 2 {
			pe.slotted[root] = comps
			return
		}
	}
	for _, c := range root.Items {
		pe.findSlots(c)
	}
}

// slotQualifies reports whether every component beneath n appears once and
// no not, time rule or reuse component is beneath, and lists the components.
func (pe *Evaluator) slotQualifies(n *Node) ([]int, bool) {
	var comps []int
	seen := map[int]bool{}
	ok := true
	n.walk(1, func(m *Node, _ int) bool {
		switch {
		case m.Kind == KindNot || m.Within != nil || m.Window != nil:
			ok = false
		case m.Kind == KindComponent:
			ci, known := pe.compIdx[m.Component]
			if !known || seen[ci] || pe.def.Components[ci].Reuse {
				ok = false
			} else {
				seen[ci] = true
				comps = append(comps, ci)
			}
		}
		return ok
	})
	return comps, ok
}

// gain is the most one additional filled component can raise n's progress.
func (ev *evaluator) gain(n *Node) float64 {
	maxChild := func() float64 {
		g := 0.0
		for _, c := range n.Items {
			g = max(g, ev.gain(c))
		}
		return g
	}
	switch n.Kind {
	case KindComponent:
		return 1
	case KindAllOf:
		if len(n.Items) == 0 {
			return 0
		}
		return maxChild() / float64(len(n.Items))
	case KindAnyOf:
		return maxChild()
	case KindNOf:
		if n.Min == 0 {
			return 0
		}
		return maxChild() / float64(n.Min)
	case KindCredits, KindPoints:
		need := n.Points
		if n.Kind == KindCredits {
			need = n.Credits.Value
		}
		if need <= 0 {
			return 0
		}
		worth := 0.0
		for _, ci := range ev.compsUnder(n) {
			for _, k := range ev.cands[ci] {
				if n.Kind == KindPoints {
					worth = max(worth, ev.def.Components[ci].Points)
				} else {
					worth = max(worth, ev.creditsFor(ci, k, n.Credits.Unit))
				}
			}
		}
		return min(1, worth/need)
	}
	return 1
}

// slotCap tightens the optimistic value v of a slot subtree with m, the
// matching kept for its components.
func (ev *evaluator) slotCap(id int32, sn slotNode, m *incMatch, s *state, v val) val {
	base := ev.evalNode(id, s, false)
	limit := base.prog + float64(m.size)*sn.gain
	if limit < v.prog {
		v.prog = limit
	}
	if limit < 1-eps {
		v.sat = false
	}
	return v
}
