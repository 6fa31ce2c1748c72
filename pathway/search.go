package pathway

import (
	"math"
	"slices"
	"time"
)

// objective ranks complete assignments: satisfied first, then progress,
// then the number of components filled (so a learner sees every credential
// that can count, even beyond what completion needs).
type objective struct {
	sat    bool
	prog   float64
	filled int
}

// workPerStep units of work cost one search step.
const workPerStep = 1000

// better reports whether a is strictly better than b.
func better(a, b objective) bool {
	if a.sat != b.sat {
		return a.sat
	}
	if math.Abs(a.prog-b.prog) > eps {
		return a.prog > b.prog
	}
	return a.filled > b.filled
}

// search is a branch-and-bound over the components in topological order of
// their prerequisites: each component is filled with one of its candidates
// or left unfilled. The bound is the optimistic evaluation of the tree
// (admissible: it never underestimates what a completion can reach), and the
// first descent follows a maximum bipartite matching of components to
// achievement groups, so when slots do not conflict the first complete
// assignment already meets the bound and the search ends there. The
// matchings behind the bounds are kept across nodes (see incmatch.go).
//
// The search is exact unless its budget runs out: Options.MaxSearchSteps
// for this search, or Options.MaxWork for the whole evaluation, checked at
// every node. The best assignment found so far is then returned and
// reported as not proven optimal; when none was found yet, the current
// partial assignment is completed greedily, in linear time, so that a cut
// search always returns a valid, complete assignment.
type search struct {
	ev       *evaluator
	root     *Node
	order    []int
	hint     []int
	s        state
	global   *incMatch // the matching of all of order, for the filled count
	best     []int
	bestObj  objective
	haveBest bool
	ceiling  objective
	nodes    int
	work0    int // ev.work when the search started
	limit    int
	stop     bool
	cut      bool // the budget ended the search
}

func (ev *evaluator) solve(root *Node, relevant []int) (assign []int, obj objective, optimal bool, steps int) {
	sr := ev.newSearch(root, relevant)
	sr.ceiling = sr.bound()
	sr.dfs(0)
	return sr.best, sr.bestObj, !sr.cut, sr.steps()
}

// newSearch sets up the state of a search: nothing decided but the
// components outside relevant (unfilled), the matchings built, the hints
// taken from the matching of all of relevant.
func (ev *evaluator) newSearch(root *Node, relevant []int) *search {
	n := len(ev.def.Components)
	// The scratch's search: solve runs one search at a time and keeps
	// only its result, from the arenas.
	sr := &ev.sc.search
	*sr = search{ev: ev, root: root, order: relevant, limit: ev.opts.maxSteps(), work0: ev.work}
	s := &sr.s
	sc := ev.sc
	s.assign = sc.ints.takeFilled(n, unfilled)
	for _, ci := range relevant {
		s.assign[ci] = undecided
	}
	s.used = sc.ints.take(ev.ngroups)
	s.free = sc.ints.take(n)
	s.blocked = sc.ints.take(n)
	for ci := range n {
		s.free[ci] = len(ev.cands[ci])
		for _, p := range ev.def.Components[ci].Prerequisites {
			if s.assign[ev.compIdx[p]] == unfilled {
				s.blocked[ci]++
			}
		}
	}
	ev.work += n
	s.match = sc.matchp.take(len(ev.nodes))
	if !ev.overBudget() {
		sr.global = ev.newMatch(relevant, s)
	}
	sr.matchNodes(root)
	s.index(sc, n, ev.ngroups)
	sr.hint = sc.ints.takeFilled(n, -1)
	for _, ci := range relevant {
		if len(ev.cands[ci]) > 0 {
			sr.hint[ci] = 0
		}
	}
	if sr.global != nil {
		for lc := range sr.global.comps {
			sr.hint[sr.global.comps[lc]] = sr.global.hintOf(ev, int32(lc))
		}
	}
	return sr
}

// matchNodes builds the matchings of the pools and slot subtrees under n,
// in tree order, while the budget allows; a node without one is bounded
// less tightly.
func (sr *search) matchNodes(n *Node) {
	sr.matchUnder(sr.ev.node(n))
}

// matchUnder is matchNodes on the compiled tree; it reports false once
// the budget has run out.
func (sr *search) matchUnder(id int32) bool {
	ev := sr.ev
	if ev.overBudget() {
		return false
	}
	c := &ev.nodes[id]
	comps := c.pool
	if comps == nil && c.slot >= 0 {
		comps = c.slotComps
	}
	if comps != nil {
		if sr.global != nil && sameComps(ev, comps, sr.global) {
			sr.s.match[id] = sr.global
		} else if mt := ev.newMatch(comps, &sr.s); mt != nil {
			sr.s.match[id] = mt
		}
	}
	for _, it := range c.items {
		if !sr.matchUnder(it) {
			return false
		}
	}
	return true
}

// sameComps reports whether m matches exactly the non-reuse comps.
func sameComps(ev *evaluator, comps []int, m *incMatch) bool {
	k := 0
	for _, ci := range comps {
		if ev.def.Components[ci].Reuse {
			continue
		}
		if k >= len(m.comps) || m.comps[k] != ci {
			return false
		}
		k++
	}
	return k == len(m.comps)
}

func (sr *search) steps() int { return sr.nodes + (sr.ev.work-sr.work0)/workPerStep }

func (sr *search) bound() objective {
	v := sr.ev.eval(sr.root, &sr.s, true)
	return objective{v.sat, v.prog, sr.ev.matchBound(sr.order, sr.global, &sr.s)}
}

func (sr *search) dfs(pos int) {
	if sr.stop {
		return
	}
	sr.nodes++
	if sr.steps() > sr.limit || sr.ev.overBudget() {
		sr.stop, sr.cut = true, true
		if !sr.haveBest {
			sr.finish(pos)
		}
		return
	}
	// Until the first complete assignment there is nothing to prune
	// against, so the first descent computes no bound on the way down:
	// when slots do not conflict, the search costs two evaluations of the
	// tree (the ceiling and the leaf), not one per component.
	if sr.haveBest {
		if hi := sr.bound(); !better(hi, sr.bestObj) {
			return
		}
	}
	if pos == len(sr.order) {
		hi := sr.bound()
		if sr.best == nil {
			sr.best = sr.ev.sc.ints.take(len(sr.s.assign))
		}
		copy(sr.best, sr.s.assign)
		sr.bestObj, sr.haveBest = hi, true
		if !better(sr.ceiling, hi) {
			sr.stop = true
		}
		return
	}
	ci := sr.order[pos]
	reuse := sr.ev.def.Components[ci].Reuse
	try := func(k int) {
		g := sr.ev.cands[ci][k].group
		if !reuse && sr.s.used[g] > 0 {
			return
		}
		sr.s.assign[ci] = k
		sr.take(ci, g, reuse)
		sr.dfs(pos + 1)
		if sr.stop {
			return // the state is done with: no repairs on the way out
		}
		sr.s.assign[ci] = undecided
		sr.give(ci, g, reuse)
	}
	cands := sr.ev.cands[ci]
	h := sr.hint[ci]
	if h >= 0 && sr.ev.inOrder(ci, h, &sr.s) {
		try(h)
	}
	for k := range cands {
		sr.ev.work++
		if k == h || sr.stop || !reuse && sr.s.used[cands[k].group] > 0 || !sr.ev.inOrder(ci, k, &sr.s) {
			continue
		}
		try(k)
	}
	if !sr.stop {
		sr.s.assign[ci] = unfilled
		sr.leave(ci)
		sr.dfs(pos + 1)
		if sr.stop {
			return
		}
		sr.s.assign[ci] = undecided
		sr.unleave(ci)
	}
	sr.s.assign[ci] = undecided
}

// take records that ci (now assigned) is filled from group g, and repairs
// the matchings: first the group leaves (its partner, unless ci, looks for
// another), then ci leaves.
func (sr *search) take(ci, g int, reuse bool) {
	s := &sr.s
	if !reuse {
		s.used[g]++
		if s.used[g] == 1 {
			sr.groupGone(g)
			for _, r := range s.gctx.of(g) {
				r.m.groupTaken(r.local, ci)
			}
		}
	}
	for _, r := range s.ctxOf.of(ci) {
		r.m.compLeft(r.local)
	}
}

// give undoes take once ci is undecided again.
func (sr *search) give(ci, g int, reuse bool) {
	s := &sr.s
	if s.blocked[ci] == 0 { // always, in the search: order needs prerequisites filled
		for _, r := range s.ctxOf.of(ci) {
			r.m.compBack(r.local)
		}
	}
	if !reuse {
		s.used[g]--
		if s.used[g] == 0 {
			sr.groupBack(g)
			for _, r := range s.gctx.of(g) {
				r.m.groupFreed(r.local)
			}
		}
	}
}

// groupGone and groupBack keep state.free: per component, how many of its
// candidates have a free group.
func (sr *search) groupGone(g int) {
	for _, ci := range sr.ev.groupComps[g] {
		sr.s.free[ci]--
	}
	sr.ev.work += len(sr.ev.groupComps[g])
}

func (sr *search) groupBack(g int) {
	for _, ci := range sr.ev.groupComps[g] {
		sr.s.free[ci]++
	}
	sr.ev.work += len(sr.ev.groupComps[g])
}

// leave records that ci (now unfilled) is out of the matchings, and so are
// the undecided components that need it first.
func (sr *search) leave(ci int) {
	s := &sr.s
	for _, r := range s.ctxOf.of(ci) {
		r.m.compLeft(r.local)
	}
	for _, d := range sr.ev.deps[ci] {
		s.blocked[d]++
		if s.blocked[d] == 1 && s.assign[d] == undecided {
			for _, r := range s.ctxOf.of(d) {
				r.m.compLeft(r.local)
			}
		}
	}
	sr.ev.work += len(sr.ev.deps[ci])
}

// unleave undoes leave once ci is undecided again.
func (sr *search) unleave(ci int) {
	s := &sr.s
	for _, d := range sr.ev.deps[ci] {
		s.blocked[d]--
		if s.blocked[d] == 0 && s.assign[d] == undecided {
			for _, r := range s.ctxOf.of(d) {
				r.m.compBack(r.local)
			}
		}
	}
	sr.ev.work += len(sr.ev.deps[ci])
	if s.blocked[ci] == 0 {
		for _, r := range s.ctxOf.of(ci) {
			r.m.compBack(r.local)
		}
	}
}

// finish completes the partial assignment at pos greedily when the budget
// ran out before the first complete one: each remaining component takes
// its hint, else its first candidate whose group is free and whose order
// holds, else stays unfilled. It looks at each candidate once.
func (sr *search) finish(pos int) {
	ev := sr.ev
	assign := slices.Clone(sr.s.assign)
	used := slices.Clone(sr.s.used)
	ok := func(ci, k int) bool {
		ev.work++
		return ev.def.Components[ci].Reuse || used[ev.cands[ci][k].group] == 0
	}
	for _, ci := range sr.order[pos:] {
		pick := -1
		if h := sr.hint[ci]; h >= 0 && ok(ci, h) && ev.orderProblem(ci, h, assign) == "" {
			pick = h
		}
		for k := 0; pick < 0 && k < len(ev.cands[ci]); k++ {
			if ok(ci, k) && ev.orderProblem(ci, k, assign) == "" {
				pick = k
			}
		}
		assign[ci] = pick // unfilled when -1
		if pick >= 0 && !ev.def.Components[ci].Reuse {
			used[ev.cands[ci][pick].group]++
		}
	}
	st := &state{assign: assign, used: used}
	v := ev.eval(sr.root, st, false)
	filled := 0
	for _, ci := range sr.order {
		if assign[ci] >= 0 {
			filled++
		}
	}
	sr.best, sr.bestObj, sr.haveBest = assign, objective{v.sat, v.prog, filled}, true
}

// inOrder checks required ordering: every prerequisite of ci is filled by
// a credential earned no later (by UTC day) than candidate k.
func (ev *evaluator) inOrder(ci, k int, s *state) bool {
	comp := &ev.def.Components[ci]
	ev.work += len(comp.Prerequisites)
	t := ev.earned[ev.cands[ci][k].cred].EarnedAt
	for _, p := range comp.Prerequisites {
		a := s.assign[ev.compIdx[p]]
		if a < 0 {
			return false
		}
		pt := ev.earned[ev.cands[ev.compIdx[p]][a].cred].EarnedAt
		if t.IsZero() || pt.IsZero() {
			if !ev.opts.AllowUndatedOrder {
				return false
			}
			continue
		}
		if dayNum(pt) > dayNum(t) {
			return false
		}
	}
	return true
}

// dayNum is the UTC calendar day of t as a number that orders like the
// days: comparing it costs no formatting.
func dayNum(t time.Time) int {
	y, m, d := t.UTC().Date()
	return (y*100+int(m))*100 + d
}

// orderProblem explains why candidate k of ci breaks required ordering
// under assign, or returns "".
func (ev *evaluator) orderProblem(ci, k int, assign []int) string {
	comp := &ev.def.Components[ci]
	ev.work += len(comp.Prerequisites)
	t := ev.earned[ev.cands[ci][k].cred].EarnedAt
	for _, p := range comp.Prerequisites {
		pi := ev.compIdx[p]
		a := assign[pi]
		name := ev.compName(pi)
		if a < 0 {
			return "requires " + name + " first"
		}
		pt := ev.earned[ev.cands[pi][a].cred].EarnedAt
		if t.IsZero() || pt.IsZero() {
			if !ev.opts.AllowUndatedOrder {
				return "cannot show that " + name + " was earned first: a credential is undated"
			}
			continue
		}
		if dayNum(pt) > dayNum(t) {
			return "earned " + day(t) + ", before its prerequisite " + name + " (" + day(pt) + ")"
		}
	}
	return ""
}
