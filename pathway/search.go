package pathway

import "math"

// objective ranks complete assignments: satisfied first, then progress,
// then the number of components filled (so a learner sees every credential
// that can count, even beyond what completion needs).
type objective struct {
	sat    bool
	prog   float64
	filled int
}

// workPerStep candidate visits cost one search step.
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
// assignment already meets the bound and the search ends there. The search
// is exact unless Options.MaxSearchSteps is exhausted, in which case the best
// assignment found so far is returned and reported as not proven optimal.
type search struct {
	ev       *evaluator
	root     *Node
	order    []int
	hint     []int
	s        state
	best     []int
	bestObj  objective
	haveBest bool
	ceiling  objective
	steps    int
	limit    int
	stop     bool
	cut      bool // the step limit ended the search
}

func (ev *evaluator) solve(root *Node, relevant []int) (assign []int, obj objective, optimal bool, steps int) {
	n := len(ev.def.Components)
	sr := &search{ev: ev, root: root, order: relevant, limit: ev.opts.maxSteps()}
	sr.s.assign = make([]int, n)
	for i := range sr.s.assign {
		sr.s.assign[i] = unfilled
	}
	for _, ci := range relevant {
		sr.s.assign[ci] = undecided
	}
	sr.s.used = make([]int, ev.ngroups)
	sr.hint = ev.matching(relevant)
	sr.ceiling = sr.bound()
	sr.dfs(0)
	return sr.best, sr.bestObj, !sr.cut, sr.steps
}

func (sr *search) bound() objective {
	v := sr.ev.eval(sr.root, &sr.s, true)
	return objective{v.sat, v.prog, sr.ev.matchBound(sr.order, &sr.s)}
}

func (sr *search) dfs(pos int) {
	if sr.stop {
		return
	}
	sr.steps++
	hi := sr.bound()
	// Steps are also charged for the candidates the bound visited, so
	// the budget bounds work, not only nodes.
	sr.steps += sr.ev.work / workPerStep
	sr.ev.work %= workPerStep
	// The budget applies once a complete assignment exists: the first
	// descent (one node per component) always finishes.
	if sr.haveBest && sr.steps > sr.limit {
		sr.stop, sr.cut = true, true
		return
	}
	if sr.haveBest && !better(hi, sr.bestObj) {
		return
	}
	if pos == len(sr.order) {
		sr.best = append(sr.best[:0], sr.s.assign...)
		sr.bestObj, sr.haveBest = hi, true
		if !better(sr.ceiling, hi) {
			sr.stop = true
		}
		return
	}
	ci := sr.order[pos]
	comp := &sr.ev.def.Components[ci]
	try := func(k int) {
		g := sr.ev.cands[ci][k].group
		if !comp.Reuse {
			if sr.s.used[g] > 0 {
				return
			}
			sr.s.used[g]++
		}
		sr.s.assign[ci] = k
		sr.dfs(pos + 1)
		if !comp.Reuse {
			sr.s.used[g]--
		}
	}
	cands := sr.ev.cands[ci]
	h := sr.hint[ci]
	if h >= 0 && sr.ev.inOrder(ci, h, &sr.s) {
		try(h)
	}
	for k := range cands {
		if k == h || sr.stop || !sr.ev.inOrder(ci, k, &sr.s) {
			continue
		}
		try(k)
	}
	if !sr.stop {
		sr.s.assign[ci] = unfilled
		sr.dfs(pos + 1)
	}
	sr.s.assign[ci] = undecided
}

// inOrder checks required ordering: every prerequisite of ci is filled by
// a credential earned no later (by UTC day) than candidate k.
func (ev *evaluator) inOrder(ci, k int, s *state) bool {
	return ev.orderProblem(ci, k, s.assign) == ""
}

// orderProblem explains why candidate k of ci breaks required ordering
// under assign, or returns "".
func (ev *evaluator) orderProblem(ci, k int, assign []int) string {
	comp := &ev.def.Components[ci]
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
		if day(pt) > day(t) {
			return "earned " + day(t) + ", before its prerequisite " + name + " (" + day(pt) + ")"
		}
	}
	return ""
}

// matching computes a maximum matching of the relevant non-reuse components
// to achievement groups (Kuhn's augmenting paths, in component order, so the
// result is deterministic) and returns, per component, the candidate to try
// first. Reuse components take their first candidate.
func (ev *evaluator) matching(relevant []int) []int {
	hint := make([]int, len(ev.def.Components))
	for i := range hint {
		hint[i] = -1
	}
	owner := make([]int, ev.ngroups) // group -> component, or -1
	for i := range owner {
		owner[i] = -1
	}
	var visited []bool
	var augment func(ci int) bool
	augment = func(ci int) bool {
		for k, c := range ev.cands[ci] {
			if visited[c.group] {
				continue
			}
			visited[c.group] = true
			if owner[c.group] < 0 || augment(owner[c.group]) {
				owner[c.group] = ci
				hint[ci] = k
				return true
			}
		}
		return false
	}
	for _, ci := range relevant {
		if ev.def.Components[ci].Reuse {
			if len(ev.cands[ci]) > 0 {
				hint[ci] = 0
			}
			continue
		}
		visited = make([]bool, ev.ngroups)
		augment(ci)
	}
	// The augmenting paths may have moved a component off the group its
	// hint names; keep only hints that agree with the final owner.
	for _, ci := range relevant {
		if h := hint[ci]; h >= 0 && !ev.def.Components[ci].Reuse && owner[ev.cands[ci][h].group] != ci {
			hint[ci] = -1
		}
	}
	return hint
}
