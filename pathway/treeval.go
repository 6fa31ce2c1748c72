package pathway

import (
	"slices"
	"time"
)

// Assignment states of a component during the search.
const (
	undecided = -2
	unfilled  = -1
)

// state is a partial assignment: for every component, undecided, unfilled,
// or the index of the candidate filling it.
type state struct {
	assign []int
	used   []int // per achievement group: how many non-reuse slots use it
	// Kept by the search only (nil elsewhere): per component, the
	// candidates whose group is free and the prerequisites left unfilled,
	// so that fillable costs O(1); the matchings that bound pools, slots
	// and the whole search, and which of their vertices each component
	// and group is.
	free    []int
	blocked []int
	match   []*incMatch // per compiled node (see compile.go), nil outside the search
	matches []*incMatch
	ctxOf   refs             // per component
	gctx    refs             // per group
	owner   []int            // group -> component + 1, for explanations (see owners)
	closed  map[*Node]string // memo of windowClosed
}

// matchOf returns the matching kept for compiled node id, or nil.
func (s *state) matchOf(id int32) *incMatch {
	if int(id) < len(s.match) {
		return s.match[id]
	}
	return nil
}

// val is the value of a node under a (partial) assignment.
type val struct {
	sat  bool
	prog float64 // 0..1
}

const eps = 1e-9

// eval values node n. With optimistic set, every undecided component that
// still has a usable candidate counts as filled and time rules look only at
// decided credentials, which bounds from above what any completion of the
// assignment can reach; without it, undecided components count as unfilled
// and a time rule with undecided components beneath counts as broken, which
// bounds from below. On a complete assignment both agree.
//
// NOT does not look at the assignment: "not X" asks whether the learner
// holds credentials for X at all (see holds), so the search cannot satisfy
// it by leaving a credential unused.
func (ev *evaluator) eval(n *Node, s *state, optimistic bool) val {
	return ev.evalNode(ev.node(n), s, optimistic)
}

// evalNode is eval on the compiled tree (compile.go).
func (ev *evaluator) evalNode(id int32, s *state, optimistic bool) val {
	ev.work++
	c := &ev.nodes[id]
	var v val
	switch c.kind {
	case KindComponent:
		ci := int(c.comp)
		a := s.assign[ci]
		if a >= 0 || (a == undecided && optimistic && ev.fillable(ci, s)) {
			return val{true, 1}
		}
		return val{false, 0}
	case KindAllOf, KindAnyOf, KindNOf:
		if c.pool != nil && optimistic {
			v = ev.poolBound(c, s.matchOf(id), s)
		} else {
			v = ev.group(c, s, optimistic)
		}
	case KindNot:
		if !ev.holds(c.n.Items[0]) {
			v = val{true, 1}
		}
	case KindCredits, KindPoints:
		need := c.threshold
		have := ev.sumNode(id, s, optimistic)
		if need <= 0 {
			v = val{true, 1}
		} else {
			v = val{have >= need-eps, min(1, have/need)}
		}
	}
	if c.slot >= 0 && optimistic {
		if m := s.matchOf(id); m != nil {
			v = ev.slotCap(id, ev.slots[c.slot], m, s, v)
		}
	}
	if c.timed && ev.timeBroken(c.n, s, optimistic) {
		// A broken time rule fails the group; its progress stays below
		// complete so that an assignment that keeps the rule wins.
		v.sat = false
		v.prog = min(v.prog, 0.99)
	}
	return v
}

// group values an allOf, anyOf or nOf node from its items.
func (ev *evaluator) group(c *cnode, s *state, optimistic bool) val {
	m := len(c.items)
	if c.kind == KindAnyOf && m == 0 {
		return val{false, 0}
	}
	need := c.need
	if need == 0 {
		return val{true, 1}
	}
	ev.work += m
	// The children's progress goes on the evaluator's scratch stack; each
	// call pops what it pushed, so recursion shares one buffer.
	base := len(ev.fbuf)
	k, ones, whole := 0, 0, true
	for _, it := range c.items {
		cv := ev.evalNode(it, s, optimistic)
		if cv.sat {
			k++
		}
		switch cv.prog {
		case 1:
			ones++
		case 0:
		default:
			whole = false
		}
		ev.fbuf = append(ev.fbuf, cv.prog)
	}
	if whole {
		// Every item is 0 or 1 (components, mostly): the best need of
		// them sum to min(ones, need) exactly, in any order, so the sort
		// below would give the same value.
		ev.fbuf = ev.fbuf[:base]
		return val{k >= need, float64(min(ones, need)) / float64(need)}
	}
	progs := ev.fbuf[base:]
	slices.SortFunc(progs, func(a, b float64) int { return cmpFloat(b, a) })
	sum := 0.0
	for _, p := range progs[:need] {
		sum += p
	}
	ev.fbuf = ev.fbuf[:base]
	return val{k >= need, sum / float64(need)}
}

// poolBound is the optimistic value of a group whose items are distinct
// components (an N-of-M pool): no more items can be filled than the
// decided ones plus a maximum matching m of the undecided ones to the
// achievement groups still free. This bound is what lets the search stop at
// once when overlapping slots cannot all be filled.
func (ev *evaluator) poolBound(c *cnode, m *incMatch, s *state) val {
	if c.kind == KindAnyOf && len(c.items) == 0 {
		return val{false, 0}
	}
	need := c.need
	if need == 0 {
		return val{true, 1}
	}
	k := ev.matchBound(c.pool, m, s)
	return val{k >= need, float64(min(k, need)) / float64(need)}
}

// matchBound returns the number of the given components that are filled
// plus the most undecided ones that can still be filled at once, which m,
// the matching kept for exactly these components, knows for those that
// compete. Without m it counts every fillable one, a weaker bound.
func (ev *evaluator) matchBound(comps []int, m *incMatch, s *state) int {
	filled := 0
	ev.work += len(comps)
	for _, ci := range comps {
		switch a := s.assign[ci]; {
		case a >= 0:
			filled++
		case a == undecided && (m == nil || ev.def.Components[ci].Reuse) && ev.fillable(ci, s):
			filled++ // reuse slots do not compete
		}
	}
	if m != nil {
		filled += m.size
	}
	return filled
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fillable reports whether an undecided component has a candidate whose
// achievement group is still free and no prerequisite already left unfilled.
func (ev *evaluator) fillable(ci int, s *state) bool {
	reuse := ev.def.Components[ci].Reuse
	if s.free != nil {
		return s.blocked[ci] == 0 && (s.free[ci] > 0 || reuse && len(ev.cands[ci]) > 0)
	}
	for _, p := range ev.def.Components[ci].Prerequisites {
		ev.work++
		if s.assign[ev.compIdx[p]] == unfilled {
			return false // required ordering can no longer be met
		}
	}
	for _, k := range ev.cands[ci] {
		ev.work++
		if reuse || s.used[k.group] == 0 {
			return true
		}
	}
	return false
}

// sum adds the credits (or points) of the distinct components filled
// beneath a threshold node, honouring nOf Max caps beneath it.
func (ev *evaluator) sum(n *Node, s *state, optimistic bool) float64 {
	return ev.sumNode(ev.node(n), s, optimistic)
}

func (ev *evaluator) sumNode(id int32, s *state, optimistic bool) float64 {
	if len(ev.seen) < len(ev.def.Components) {
		ev.seen = ev.sc.ints.take(len(ev.def.Components))
	}
	ev.seenMark++
	th := ev.nodes[id].n
	total := 0.0
	for _, it := range ev.nodes[id].items {
		total += ev.contrib(it, th, s, optimistic, ev.seenMark)
	}
	return total
}

// contrib adds what the components beneath node id are worth to threshold
// th; ev.seen[ci] == mark means component ci was already counted.
func (ev *evaluator) contrib(id int32, th *Node, s *state, optimistic bool, mark int) float64 {
	ev.work++
	c := &ev.nodes[id]
	switch c.kind {
	case KindComponent:
		ci := int(c.comp)
		if ev.seen[ci] == mark {
			return 0
		}
		ev.seen[ci] = mark
		return ev.worth(ci, th, s, optimistic)
	case KindNot:
		return 0
	case KindNOf:
		if c.n.Max > 0 {
			base := len(ev.fbuf)
			for _, it := range c.items {
				p := ev.contrib(it, th, s, optimistic, mark)
				ev.fbuf = append(ev.fbuf, p)
			}
			parts := ev.fbuf[base:]
			slices.SortFunc(parts, func(a, b float64) int { return cmpFloat(b, a) })
			t := 0.0
			for _, p := range parts[:min(c.n.Max, len(parts))] {
				t += p
			}
			ev.fbuf = ev.fbuf[:base]
			return t
		}
	}
	t := 0.0
	for _, it := range c.items {
		t += ev.contrib(it, th, s, optimistic, mark)
	}
	return t
}

// worth is what component ci contributes to threshold th: its filling
// credential's credits or the component's points; for an undecided
// component under optimism, the most any usable candidate is worth.
func (ev *evaluator) worth(ci int, th *Node, s *state, optimistic bool) float64 {
	comp := &ev.def.Components[ci]
	value := func(k cand) float64 {
		if th.Kind == KindPoints {
			return comp.Points
		}
		return ev.creditsFor(ci, k, th.Credits.Unit)
	}
	a := s.assign[ci]
	switch {
	case a >= 0:
		return value(ev.cands[ci][a])
	case a == undecided && optimistic:
		best := 0.0
		ev.work += len(ev.cands[ci])
		for _, k := range ev.cands[ci] {
			if comp.Reuse || s.used[k.group] == 0 {
				best = max(best, value(k))
			}
		}
		return best
	}
	return 0
}

// timeBroken checks a node's Within and Window rules against the dates of
// the credentials filling the components beneath it.
func (ev *evaluator) timeBroken(n *Node, s *state, optimistic bool) bool {
	var lo, hi time.Time
	ev.work += len(ev.beneath[n])
	for _, ci := range ev.beneath[n] {
		a := s.assign[ci]
		if a == undecided && !optimistic {
			return true
		}
		if a < 0 {
			continue
		}
		t := ev.earned[ev.cands[ci][a].cred].EarnedAt
		if t.IsZero() {
			return true
		}
		if n.Window != nil && !n.Window.Contains(t) {
			return true
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if hi.IsZero() || t.After(hi) {
			hi = t
		}
	}
	return n.Within != nil && !lo.IsZero() && hi.After(n.Within.AddTo(lo))
}

// componentsBeneath lists the distinct components under n in a stable order.
func componentsBeneath(n *Node, idx map[string]int) []int {
	var out []int
	seen := map[int]bool{}
	n.walk(1, func(m *Node, _ int) bool {
		if m.Kind == KindComponent {
			if ci, ok := idx[m.Component]; ok && !seen[ci] {
				seen[ci] = true
				out = append(out, ci)
			}
		}
		return true
	})
	return out
}

// holds reports whether the learner's credentials satisfy n when every
// component with a valid, matching credential counts as filled, regardless
// of conflicts between slots and of ordering. It is the meaning of the item
// of a NOT rule, and does not depend on the assignment.
func (ev *evaluator) holds(n *Node) bool {
	switch n.Kind {
	case KindComponent:
		return len(ev.cands[ev.compIdx[n.Component]]) > 0
	case KindAllOf:
		for _, c := range n.Items {
			if !ev.holds(c) {
				return false
			}
		}
		return true
	case KindAnyOf:
		for _, c := range n.Items {
			if ev.holds(c) {
				return true
			}
		}
		return false
	case KindNOf:
		k := 0
		for _, c := range n.Items {
			if ev.holds(c) {
				k++
			}
		}
		return k >= n.Min
	case KindNot:
		return !ev.holds(n.Items[0])
	case KindCredits, KindPoints:
		need := n.Points
		if n.Kind == KindCredits {
			need = n.Credits.Value
		}
		// Every component filled by its most valuable candidate.
		s := &state{assign: make([]int, len(ev.def.Components)), used: make([]int, ev.ngroups)}
		for i := range s.assign {
			s.assign[i] = undecided
		}
		return ev.sum(n, s, true) >= need-eps
	}
	return false
}

// poolsOf finds the allOf, anyOf and nOf nodes whose items are two or more
// distinct components, for poolBound.
func poolsOf(root *Node, idx map[string]int, pools map[*Node][]int) {
	root.walk(1, func(n *Node, _ int) bool {
		if n.Kind != KindAllOf && n.Kind != KindAnyOf && n.Kind != KindNOf || len(n.Items) < 2 {
			return true
		}
		var comps []int
		seen := map[int]bool{}
		for _, c := range n.Items {
			ci, ok := idx[c.Component]
			if c.Kind != KindComponent || !ok || seen[ci] {
				return true
			}
			seen[ci] = true
			comps = append(comps, ci)
		}
		pools[n] = comps
		return true
	})
}
