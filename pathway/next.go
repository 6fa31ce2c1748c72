package pathway

import (
	"cmp"
	"slices"
)

// infinite is the cost of a requirement that earning more cannot satisfy.
const infinite = 1 << 30

// cost estimates how many more components must be filled for n to hold,
// given the assignment and one extra component (forced) assumed filled. It
// is an estimate: a component shared by two branches may be counted twice,
// and credit gaps are covered greedily by the components declaring the most.
func (ev *evaluator) cost(n *Node, s *state, forced int) int {
	if ev.satUnder(n, s) {
		return 0
	}
	if (n.Within != nil || n.Window != nil) && ev.windowClosed(n, s) != "" {
		return infinite
	}
	switch n.Kind {
	case KindComponent:
		return ev.compCost(ev.compIdx[n.Component], s, forced)
	case KindAllOf:
		t := 0
		for _, c := range n.Items {
			t = min(infinite, t+ev.cost(c, s, forced))
		}
		return t
	case KindAnyOf:
		best := infinite
		for _, c := range n.Items {
			best = min(best, ev.cost(c, s, forced))
		}
		return best
	case KindNOf:
		costs := make([]int, 0, len(n.Items))
		for _, c := range n.Items {
			costs = append(costs, ev.cost(c, s, forced))
		}
		slices.Sort(costs)
		t := 0
		for _, c := range costs[:min(n.Min, len(costs))] {
			t = min(infinite, t+c)
		}
		return t
	case KindNot:
		return infinite // unsatisfied, and earning more cannot help
	case KindCredits, KindPoints:
		need := n.Points
		if n.Kind == KindCredits {
			need = n.Credits.Value
		}
		have := ev.sum(n, s, false)
		type opt struct {
			worth float64
			cost  int
		}
		var opts []opt
		extra := 0
		for _, ci := range ev.compsUnder(n) {
			if s.assign[ci] >= 0 {
				continue
			}
			comp := &ev.def.Components[ci]
			w := comp.Points
			if n.Kind == KindCredits {
				w = 0
				if comp.Credits != nil && unitEqual(comp.Credits.Unit, n.Credits.Unit) {
					w = comp.Credits.Value
				}
			}
			switch {
			case ci == forced:
				have += w
				extra = ev.compCost(ci, s, forced)
			case w > 0:
				opts = append(opts, opt{w, ev.compCost(ci, s, forced)})
			}
		}
		if have >= need-eps {
			return extra
		}
		slices.SortFunc(opts, func(a, b opt) int { return cmp.Compare(b.worth, a.worth) })
		t := extra
		for _, o := range opts {
			have += o.worth
			t = min(infinite, t+o.cost)
			if have >= need-eps {
				return t
			}
		}
		return infinite
	}
	return infinite
}

// satUnder memoises whether n is satisfied under the final assignment s,
// which does not change while next steps are ranked.
func (ev *evaluator) satUnder(n *Node, s *state) bool {
	if ev.satCache == nil {
		ev.satCache = map[*Node]bool{}
	}
	v, ok := ev.satCache[n]
	if !ok {
		v = ev.eval(n, s, false).sat
		ev.satCache[n] = v
	}
	return v
}

// compsUnder memoises componentsBeneath.
func (ev *evaluator) compsUnder(n *Node) []int {
	if ev.under == nil {
		ev.under = map[*Node][]int{}
	}
	c, ok := ev.under[n]
	if !ok {
		c = componentsBeneath(n, ev.compIdx)
		ev.under[n] = c
	}
	return c
}

// compCost is 0 for a filled (or forced) component, else 1 plus the cost
// of its unfilled prerequisites; a forced component still needs those.
func (ev *evaluator) compCost(ci int, s *state, forced int) int {
	if s.assign[ci] >= 0 {
		return 0
	}
	t := 1
	if ci == forced {
		t = 0
	}
	for _, p := range ev.def.Components[ci].Prerequisites {
		t = min(infinite, t+ev.compCost(ev.compIdx[p], s, -1))
	}
	return t
}

// nextSteps ranks the unfilled components whose earning brings the
// requirement closer: available before locked, then fewest remaining after
// it, then suggested order (fewer unfilled components that precede it),
// then definition order.
func (ev *evaluator) nextSteps(root *Node, s *state, states []ComponentProgress) []NextStep {
	base := ev.cost(root, s, -1)
	if base == 0 || base >= infinite {
		return nil
	}
	preceded := make([]int, len(ev.def.Components))
	for ci, c := range ev.def.Components {
		if s.assign[ci] >= 0 {
			continue
		}
		for _, q := range c.Precedes {
			preceded[ev.compIdx[q]]++
		}
	}
	type ranked struct {
		step  NextStep
		order int
		ci    int
	}
	var out []ranked
	for _, ci := range ev.compsUnder(root) {
		if s.assign[ci] >= 0 || states[ci].State == StateLocked && len(ev.cands[ci]) > 0 {
			continue
		}
		c := ev.cost(root, s, ci)
		if c >= base {
			continue
		}
		comp := &ev.def.Components[ci]
		out = append(out, ranked{NextStep{Component: comp.ID, Name: comp.Name, State: states[ci].State,
			Achievements: comp.Match.Achievements, Remaining: c, Reason: states[ci].Reason}, preceded[ci], ci})
	}
	stateRank := func(st State) int {
		if st == StateAvailable {
			return 0
		}
		return 1
	}
	slices.SortFunc(out, func(a, b ranked) int {
		return cmp.Or(
			cmp.Compare(stateRank(a.step.State), stateRank(b.step.State)),
			cmp.Compare(a.step.Remaining, b.step.Remaining),
			cmp.Compare(a.order, b.order),
			cmp.Compare(a.ci, b.ci))
	})
	steps := make([]NextStep, len(out))
	for i, r := range out {
		steps[i] = r.step
	}
	return steps
}
