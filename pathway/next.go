package pathway

import (
	"cmp"
	"slices"
)

// plan is a set of components still to earn (sorted, distinct), or
// impossible when earning more cannot satisfy the rule.
type plan struct {
	comps      []int
	impossible bool
}

var never = plan{impossible: true}

func (p plan) size() int {
	if p.impossible {
		return infinite
	}
	return len(p.comps)
}

// union merges two plans; shared components (a prerequisite of two
// courses, a component referenced twice) are counted once.
func union(a, b plan) plan { return unionIn(a, b, nil) }

// union is union with the merged slice from the evaluation's scratch:
// ranking next steps merges plans for every component it forces, and no
// plan outlives the evaluation.
func (ev *evaluator) union(a, b plan) plan { return unionIn(a, b, &ev.sc.ints) }

// unionIn is union with a new slice taken from mem (nil: the heap).
func unionIn(a, b plan, mem *arena[int]) plan {
	if a.impossible || b.impossible {
		return never
	}
	// Plans are never modified once built, so one side can be shared.
	switch {
	case len(a.comps) == 0:
		return b
	case len(b.comps) == 0:
		return a
	}
	// Merging a plan into one that already holds it (the same
	// prerequisite chain reached twice, a group's plan into the tree's) is
	// common while ranking and needs no new slice.
	if subset(b.comps, a.comps) {
		return a
	}
	if subset(a.comps, b.comps) {
		return b
	}
	var out []int
	if mem != nil {
		out = mem.take(len(a.comps) + len(b.comps))[:0]
	} else {
		out = make([]int, 0, len(a.comps)+len(b.comps))
	}
	i, j := 0, 0
	for i < len(a.comps) || j < len(b.comps) {
		switch {
		case j == len(b.comps) || (i < len(a.comps) && a.comps[i] < b.comps[j]):
			out = append(out, a.comps[i])
			i++
		case i == len(a.comps) || b.comps[j] < a.comps[i]:
			out = append(out, b.comps[j])
			j++
		default:
			out = append(out, a.comps[i])
			i, j = i+1, j+1
		}
	}
	return plan{comps: out}
}

// subset reports whether sorted x is contained in sorted y.
func subset(x, y []int) bool {
	if len(x) > len(y) {
		return false
	}
	j := 0
	for _, v := range x {
		for j < len(y) && y[j] < v {
			j++
		}
		if j == len(y) || y[j] != v {
			return false
		}
		j++
	}
	return true
}

// maxRankWork bounds the work of ranking next steps, see nextSteps.
const maxRankWork = 1 << 21

// infinite is the size of an impossible plan.
const infinite = 1 << 30

// cost returns how many more components must be filled for n to hold, given
// the assignment and one extra component (forced) assumed filled.
func (ev *evaluator) cost(n *Node, s *state, forced int) int {
	return ev.planAt(ev.node(n), s, forced).size()
}

// planFor finds a small set of components whose earning satisfies n. It is
// a heuristic, not an optimum: alternatives are chosen one rule at a time
// (smallest first) and credit gaps are covered greedily by the components
// declaring the most.
//
// Ranking forces each unfilled component in turn, yet forcing changes the
// plans only of the nodes above the forced component or above a component
// needing it: every other node's plan is its unforced one, memoised, so a
// ranking costs the paths to each forced component rather than the whole
// tree each time.
func (ev *evaluator) planFor(n *Node, s *state, forced int) plan {
	return ev.planAt(ev.node(n), s, forced)
}

// planAt is planFor on the compiled tree; its memos are slices by node
// number, allocated from the scratch on first use.
func (ev *evaluator) planAt(id int32, s *state, forced int) plan {
	if ev.noPlanMemo {
		return ev.computePlan(id, s, forced)
	}
	if forced >= 0 && !ev.reaches(id, forced) {
		return ev.planAt(id, s, -1)
	}
	if forced < 0 && ev.basePlans != nil && ev.basePlans[id].known {
		return ev.basePlans[id].p
	}
	p := ev.computePlan(id, s, forced)
	if forced < 0 {
		if ev.basePlans == nil {
			ev.basePlans = ev.sc.plans.take(len(ev.nodes))
		}
		ev.basePlans[id] = memoPlan{p, true}
	}
	return p
}

// memoPlan is a memoised plan; the zero value is not yet computed.
type memoPlan struct {
	p     plan
	known bool
}

func (ev *evaluator) computePlan(id int32, s *state, forced int) plan {
	if ev.satAt(id, s) {
		return plan{}
	}
	if c := &ev.nodes[id]; c.timed {
		// A broken time rule is mended by earning parts again, unless
		// its window has closed.
		return ev.renewalPlan(c.n, s, forced)
	}
	return ev.planKindAt(id, s, forced)
}

// planKind is planFor without n's own time rules.
func (ev *evaluator) planKind(n *Node, s *state, forced int) plan {
	return ev.planKindAt(ev.node(n), s, forced)
}

func (ev *evaluator) planKindAt(id int32, s *state, forced int) plan {
	c := &ev.nodes[id]
	n := c.n
	switch n.Kind {
	case KindComponent:
		return ev.compPlan(int(c.comp), s, forced)
	case KindAllOf:
		p := plan{}
		for _, it := range c.items {
			p = ev.union(p, ev.planAt(it, s, forced))
		}
		return p
	case KindAnyOf:
		best := never
		for _, it := range c.items {
			if q := ev.planAt(it, s, forced); q.size() < best.size() {
				best = q
			}
		}
		return best
	case KindNOf:
		plans := make([]plan, 0, len(c.items))
		for _, it := range c.items {
			plans = append(plans, ev.planAt(it, s, forced))
		}
		slices.SortStableFunc(plans, func(a, b plan) int { return cmp.Compare(a.size(), b.size()) })
		p := plan{}
		for _, q := range plans[:min(n.Min, len(plans))] {
			p = ev.union(p, q)
		}
		return p
	case KindNot:
		return never // unsatisfied, and earning more cannot help
	case KindCredits, KindPoints:
		need := thresholdNeed(n)
		have := ev.sumNode(id, s, false)
		type opt struct {
			worth float64
			p     plan
		}
		opts := make([]opt, 0, len(ev.compsUnder(n)))
		p := plan{}
		for _, ci := range ev.compsUnder(n) {
			if s.assign[ci] >= 0 {
				continue
			}
			w := plannedWorth(&ev.def.Components[ci], n)
			switch {
			case ci == forced:
				have += w
				p = ev.union(p, ev.compPlan(ci, s, forced))
			case w > 0:
				opts = append(opts, opt{w, ev.compPlan(ci, s, forced)})
			}
		}
		slices.SortStableFunc(opts, func(a, b opt) int { return cmp.Compare(b.worth, a.worth) })
		for _, o := range opts {
			if have >= need-eps {
				break
			}
			have += o.worth
			p = ev.union(p, o.p)
		}
		if have < need-eps {
			return never
		}
		return p
	}
	return never
}

// thresholdNeed is what a points or credits node asks for.
func thresholdNeed(n *Node) float64 {
	if n.Kind == KindCredits {
		return n.Credits.Value
	}
	return n.Points
}

// plannedWorth is what earning component c adds toward the points or
// credits node n in a next-step plan: its points, or its credits when they
// are in n's unit (plans count no conversions).
func plannedWorth(c *Component, n *Node) float64 {
	if n.Kind != KindCredits {
		return c.Points
	}
	if c.Credits != nil && unitEqual(c.Credits.Unit, n.Credits.Unit) {
		return c.Credits.Value
	}
	return 0
}

// compPlan is nothing for a filled component, else the component and the
// plans of its unfilled prerequisites, less the forced component (assumed
// just earned; it still needs its own prerequisites). The plan of a
// component without forcing is memoised, so long prerequisite chains cost
// linear time; forcing only removes the forced component from it, since a
// plan that contains the forced component also contains everything the
// forced component needs.
func (ev *evaluator) compPlan(ci int, s *state, forced int) plan {
	p := ev.basePlan(ci, s)
	if forced < 0 {
		return p
	}
	i, ok := slices.BinarySearch(p.comps, forced)
	if !ok {
		return p
	}
	out := ev.sc.ints.take(len(p.comps) - 1)[:0]
	out = append(append(out, p.comps[:i]...), p.comps[i+1:]...)
	return plan{comps: out}
}

// basePlan is compPlan without forcing, memoised.
func (ev *evaluator) basePlan(ci int, s *state) plan {
	if s.assign[ci] >= 0 {
		return plan{}
	}
	if ev.prePlan != nil && ev.prePlan[ci].known {
		return ev.prePlan[ci].p
	}
	p := plan{comps: []int{ci}}
	for _, pre := range ev.def.Components[ci].Prerequisites {
		p = ev.union(p, ev.basePlan(ev.compIdx[pre], s))
	}
	if ev.prePlan == nil {
		ev.prePlan = ev.sc.plans.take(len(ev.def.Components))
	}
	ev.prePlan[ci] = memoPlan{p, true}
	return p
}

// satUnder memoises whether n is satisfied under the final assignment s,
// which does not change while next steps are ranked.
func (ev *evaluator) satUnder(n *Node, s *state) bool { return ev.satAt(ev.node(n), s) }

func (ev *evaluator) satAt(id int32, s *state) bool {
	if ev.satCache == nil {
		ev.satCache = ev.sc.int8s.take(len(ev.nodes)) // 0 unknown, 1 no, 2 yes
	}
	if v := ev.satCache[id]; v != 0 {
		return v == 2
	}
	v := ev.evalNode(id, s, false).sat
	ev.satCache[id] = 1
	if v {
		ev.satCache[id] = 2
	}
	return v
}

// nextSteps ranks the unfilled components whose earning leaves fewer
// components to earn than now: those that can be earned now (available, or
// expired with every prerequisite filled, so earning it again counts)
// before the rest, then fewest remaining after it, then suggested order
// (fewer unfilled components that precede it), then definition order.
//
// Ranking plans once per component costs components × tree size; above
// maxRankWork only the components of one cheapest plan are ranked, each
// with the plan's size less one remaining.
func (ev *evaluator) nextSteps(root *Node, s *state, states []ComponentProgress) []NextStep {
	basePlan := ev.planFor(root, s, -1)
	base := basePlan.size()
	if base == 0 || base >= infinite {
		return nil
	}
	size := 0
	root.walk(1, func(*Node, int) bool { size++; return true })
	// Each plan merges up to the base plan's size at every node.
	exact := len(ev.compsUnder(root))*size*(1+base) <= maxRankWork
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
	again := ev.renewReasons(root, s)
	for _, ci := range ev.compsUnder(root) {
		if s.assign[ci] >= 0 && again[ci] == "" {
			continue
		}
		var c int
		if exact {
			c = ev.cost(root, s, ci)
		} else if slices.Contains(basePlan.comps, ci) {
			c = base - 1
		} else {
			continue
		}
		if c >= base {
			continue
		}
		comp := &ev.def.Components[ci]
		step := NextStep{Component: comp.ID, Name: comp.Name, State: states[ci].State,
			Now: ev.earnableNow(ci, s, states[ci].State), Achievements: comp.Match.Achievements,
			Remaining: c, Reason: states[ci].Reason}
		if why := again[ci]; why != "" {
			// Filled, but by a credential outside a time rule: earning
			// it again is the step, and it can be taken now.
			step.State, step.Now, step.Reason = StateExpired, true, why
		}
		out = append(out, ranked{step, preceded[ci], ci})
	}
	later := func(st NextStep) int {
		if st.Now {
			return 0
		}
		return 1
	}
	slices.SortFunc(out, func(a, b ranked) int {
		return cmp.Or(
			cmp.Compare(later(a.step), later(b.step)),
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

// earnableNow reports whether earning component ci now would count: it is
// available, or a credential that filled it has expired and every
// prerequisite is filled.
func (ev *evaluator) earnableNow(ci int, s *state, st State) bool {
	switch st {
	case StateAvailable:
		return true
	case StateExpired:
		for _, p := range ev.def.Components[ci].Prerequisites {
			if s.assign[ev.compIdx[p]] < 0 {
				return false
			}
		}
		return true
	}
	return false
}
