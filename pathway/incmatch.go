package pathway

// Incremental maximum matchings of components to achievement groups.
//
// The search bounds a partial assignment by how many of a set of undecided
// components can still be filled at once: a maximum bipartite matching of
// those components to the achievement groups no filled component uses.
// Computing that matching afresh at every search node costs O(n·E); here it
// is kept across nodes and repaired after each change. One search step
// changes the graph by at most one component and one group, and after the
// removal or return of one vertex a maximum matching stays maximum after
// at most one augmenting-path search from the vertex's old or new partner
// (an augmenting path that avoided it would have augmented the matching
// before the change). So a step costs at most one path search, O(E), per
// matching it touches, and usually far less: when the component is filled
// with the group it was matched to, removing both leaves the rest maximum
// with no search at all, and that is what the first descent does.

// incMatch is a maximum matching of one set of non-reuse components (the
// left side) to the groups their candidates belong to (the right side),
// over local indices so that its memory is that of its own edges.
type incMatch struct {
	comps  []int   // local component -> component
	groups []int   // local group -> achievement group
	adj    csr     // local component -> local groups of its candidates
	radj   csr     // local group -> local components
	mateC  []int32 // local component -> local group, or -1
	mateG  []int32 // local group -> local component, or -1
	active []bool  // local component is undecided with no prerequisite left unfilled
	visitC []uint32
	visitG []uint32
	stamp  uint32
	size   int
	used   []int // the search's state.used: a group is free when used[g] == 0
	work   *int  // the evaluation's work counter
}

// csr is an adjacency list in one allocation: the neighbours of i are
// to[at[i]:at[i+1]].
type csr struct {
	at []int32
	to []int32
}

func (c *csr) of(i int32) []int32 { return c.to[c.at[i]:c.at[i+1]] }

// matchRef names a vertex of one matching.
type matchRef struct {
	m     *incMatch
	local int32
}

// newMatch builds a maximum matching of comps (reuse components are left
// out: they do not compete) under s, registering its vertices in s so that
// the search's changes reach it. It returns nil when building it would take
// the evaluation over its work budget; callers then bound without it.
func (ev *evaluator) newMatch(comps []int, s *state) *incMatch {
	sc := ev.sc
	m := &sc.matches.take(1)[0]
	m.used, m.work = s.used, &ev.work
	// ev.local maps a group to its local index + 1 while this matching
	// is built, and is cleared again below: no map, no per-build size.
	if len(ev.local) < ev.ngroups {
		ev.local = sc.int32s.take(ev.ngroups)
	}
	edges, nc := 0, 0
	for _, ci := range comps {
		if !ev.def.Components[ci].Reuse {
			nc++
			edges += len(ev.cands[ci])
		}
	}
	m.comps = sc.ints.take(nc)[:0]
	for _, ci := range comps {
		if !ev.def.Components[ci].Reuse {
			m.comps = append(m.comps, ci)
		}
	}
	m.groups = sc.ints.take(min(edges, ev.ngroups))[:0]
	deg := sc.int32s.take(min(edges, ev.ngroups))[:0]
	last := sc.int32s.take(min(edges, ev.ngroups))[:0] // per local group: the last component + 1
	ev.work += edges + len(comps)
	m.adj.at = sc.int32s.take(len(m.comps) + 1)
	m.adj.to = sc.int32s.take(edges)[:0]
	for lc, ci := range m.comps {
		for _, k := range ev.cands[ci] {
			lg := ev.local[k.group] - 1
			if lg < 0 {
				lg = int32(len(m.groups))
				ev.local[k.group] = lg + 1
				m.groups = append(m.groups, k.group)
				deg, last = append(deg, 0), append(last, 0)
			}
			// A group can repeat among a component's candidates (they
			// are sorted by chain length first); an edge once is enough.
			if last[lg] == int32(lc)+1 {
				continue
			}
			last[lg] = int32(lc) + 1
			m.adj.to = append(m.adj.to, lg)
			deg[lg]++
		}
		m.adj.at[lc+1] = int32(len(m.adj.to))
	}
	for _, g := range m.groups {
		ev.local[g] = 0
	}
	m.radj.at = sc.int32s.take(len(m.groups) + 1)
	for lg, d := range deg {
		m.radj.at[lg+1] = m.radj.at[lg] + d
	}
	m.radj.to = sc.int32s.take(len(m.adj.to))
	fill := sc.int32s.take(len(m.groups))
	copy(fill, m.radj.at)
	for lc := range m.comps {
		for _, lg := range m.adj.of(int32(lc)) {
			m.radj.to[fill[lg]] = int32(lc)
			fill[lg]++
		}
	}
	if ev.overBudget() {
		return nil
	}
	m.mateC = sc.int32s.takeFilled(len(m.comps), -1)
	m.mateG = sc.int32s.takeFilled(len(m.groups), -1)
	m.active = sc.bools.take(len(m.comps))
	m.visitC = sc.uint32s.take(len(m.comps))
	m.visitG = sc.uint32s.take(len(m.groups))
	for lc, ci := range m.comps {
		m.active[lc] = s.assign[ci] == undecided && s.blocked[ci] == 0
	}
	// Greedy first, then augmenting paths for what greedy left over: most
	// components find a free group at once.
	for lc := range m.comps {
		if !m.active[lc] {
			continue
		}
		for _, lg := range m.adj.of(int32(lc)) {
			ev.work++
			if m.mateG[lg] < 0 && m.free(lg) {
				m.mateC[lc], m.mateG[lg] = lg, int32(lc)
				m.size++
				break
			}
		}
	}
	// A failed search leaves the matching as it was, so the groups it
	// visited still lead to no free group: later searches skip them until
	// one succeeds. A run of failures then costs O(E) in all.
	m.stamp++
	for lc := range m.comps {
		if m.active[lc] && m.mateC[lc] < 0 {
			if m.augment(int32(lc)) {
				m.size++
				m.stamp++
			}
			if ev.overBudget() {
				return nil
			}
		}
	}
	if s.matches == nil {
		// At most one matching per compiled node, and the global one.
		s.matches = sc.matchp.take(len(ev.nodes) + 1)[:0]
	}
	s.matches = append(s.matches, m)
	return m
}

// refs indexes the vertices of the matchings in s, per component and per
// group, so that each change of the search reaches the matchings it
// concerns; one allocation per side.
func (s *state) index(sc *scratch, ncomps, ngroups int) {
	s.ctxOf.at = sc.int32s.take(ncomps + 1)
	s.gctx.at = sc.int32s.take(ngroups + 1)
	for _, m := range s.matches {
		for _, ci := range m.comps {
			s.ctxOf.at[ci+1]++
		}
		for _, g := range m.groups {
			s.gctx.at[g+1]++
		}
	}
	for i := range ncomps {
		s.ctxOf.at[i+1] += s.ctxOf.at[i]
	}
	for i := range ngroups {
		s.gctx.at[i+1] += s.gctx.at[i]
	}
	s.ctxOf.to = sc.refs.take(int(s.ctxOf.at[ncomps]))
	s.gctx.to = sc.refs.take(int(s.gctx.at[ngroups]))
	cfill := sc.int32s.take(ncomps)
	copy(cfill, s.ctxOf.at)
	gfill := sc.int32s.take(ngroups)
	copy(gfill, s.gctx.at)
	for _, m := range s.matches {
		for lc, ci := range m.comps {
			s.ctxOf.to[cfill[ci]] = matchRef{m, int32(lc)}
			cfill[ci]++
		}
		for lg, g := range m.groups {
			s.gctx.to[gfill[g]] = matchRef{m, int32(lg)}
			gfill[g]++
		}
	}
}

// refs lists matching vertices per component or group, like csr.
type refs struct {
	at []int32
	to []matchRef
}

func (r *refs) of(i int) []matchRef {
	if r.at == nil {
		return nil
	}
	return r.to[r.at[i]:r.at[i+1]]
}

func (m *incMatch) free(lg int32) bool { return m.used[m.groups[lg]] == 0 }

// augment looks for an alternating path from the unmatched component lc to
// a free, unmatched group, and flips it.
func (m *incMatch) augment(lc int32) bool {
	for _, lg := range m.adj.of(int32(lc)) {
		*m.work++
		if m.visitG[lg] == m.stamp || !m.free(lg) {
			continue
		}
		m.visitG[lg] = m.stamp
		if u := m.mateG[lg]; u < 0 || m.augment(u) {
			m.mateC[lc], m.mateG[lg] = lg, lc
			return true
		}
	}
	return false
}

// augmentGroup looks for an alternating path from the free, unmatched
// group lg to an active, unmatched component, and flips it.
func (m *incMatch) augmentGroup(lg int32) bool {
	for _, lc := range m.radj.of(lg) {
		*m.work++
		if m.visitC[lc] == m.stamp || !m.active[lc] {
			continue
		}
		m.visitC[lc] = m.stamp
		if h := m.mateC[lc]; h < 0 || m.augmentGroup(h) {
			m.mateC[lc], m.mateG[lg] = lg, lc
			return true
		}
	}
	return false
}

// groupTaken repairs the matching after group lg stopped being free because
// component taker (a global index) was filled from it.
func (m *incMatch) groupTaken(lg int32, taker int) {
	u := m.mateG[lg]
	if u < 0 {
		return
	}
	m.mateG[lg], m.mateC[u] = -1, -1
	m.size--
	if m.comps[u] == taker {
		// The component leaves with the group it was matched to: the rest
		// of the matching is maximum as it is.
		return
	}
	m.stamp++
	if m.augment(u) {
		m.size++
	}
}

// groupFreed repairs the matching after group lg became free again.
func (m *incMatch) groupFreed(lg int32) {
	m.stamp++
	if m.augmentGroup(lg) {
		m.size++
	}
}

// compLeft repairs the matching after component lc stopped being active.
func (m *incMatch) compLeft(lc int32) {
	m.active[lc] = false
	lg := m.mateC[lc]
	if lg < 0 {
		return
	}
	m.mateC[lc], m.mateG[lg] = -1, -1
	m.size--
	m.stamp++
	if m.augmentGroup(lg) {
		m.size++
	}
}

// compBack repairs the matching after component lc became active again.
func (m *incMatch) compBack(lc int32) {
	m.active[lc] = true
	m.stamp++
	if m.augment(lc) {
		m.size++
	}
}

// hintOf returns the candidate of global component ci that m matches it
// to, or -1.
func (m *incMatch) hintOf(ev *evaluator, lc int32) int {
	lg := m.mateC[lc]
	if lg < 0 {
		return -1
	}
	g := m.groups[lg]
	for k, c := range ev.cands[m.comps[lc]] {
		if c.group == g {
			return k
		}
	}
	return -1
}
