package pathway

import (
	"cmp"
	"math/bits"
	"slices"
)

// This file finds the first next step alone (Options.FirstStepOnly): the
// step nextSteps ranks first, without building and sorting the others.
//
// Ranking costs one plan of the requirement per unfilled component, and
// a plan is a set of components: with the sets as sorted slices and the
// memos as maps (next.go) that is most of an evaluation's allocations. A
// host that reads only the top step (package cohort, once per learner)
// gets the same answer here from the same rules with plans as bitsets of
// one word, memoised in a table indexed by pre-order position, so ranking
// allocates nothing per component. Definitions the table does not cover
// (more than 64 components, time rules, whose plans depend on renewals)
// are ranked by nextSteps and cut to its first step.
// TestFirstStepMatchesNextSteps holds the two together.

// rankSteps is the NextSteps of an incomplete evaluation under the
// final assignment s.
func (ev *evaluator) rankSteps(root *Node, s *state, states []ComponentProgress) []NextStep {
	if !ev.opts.FirstStepOnly {
		return ev.nextSteps(root, s, states)
	}
	sh := ev.top
	if sh == nil || root != ev.def.Requirement {
		sh = newTopShape(ev.Evaluator, root)
	}
	if !sh.ok {
		steps := ev.nextSteps(root, s, states)
		return steps[:min(1, len(steps))]
	}
	// The table's slices are the scratch's, kept for the next learner.
	// (The stack holds at most one plan per node, so it never grows.)
	t := topTable{topShape: sh, stack: slices.Grow(ev.sc.topStack[:0], len(sh.nodes)), worth: ev.sc.topWorth[:0]}
	t.fill(ev, s)
	steps := t.first(ev, s, states)
	ev.sc.topVal, ev.sc.topStack, ev.sc.topWorth = t.val, t.stack[:0], t.worth[:0]
	return steps
}

// bplan is a plan (see plan) as a bitset over component indexes.
type bplan struct {
	set   uint64
	never bool
}

func (p bplan) size() int {
	if p.never {
		return infinite
	}
	return bits.OnesCount64(p.set)
}

func bunion(a, b bplan) bplan {
	if a.never || b.never {
		return bplan{never: true}
	}
	return bplan{set: a.set | b.set}
}

func bit(ci int) uint64 { return 1 << uint(ci) }

// topShape is what the table knows of a requirement before any learner:
// built once by Prepare (Options.FirstStepOnly) and read-only after.
type topShape struct {
	ok       bool      // the definition is one the table covers
	nodes    []topNode // pre-order: every item after its parent
	kids     []int
	closure  [64]uint64 // each component and its prerequisites, transitively
	pre      [][]int    // each component's prerequisites
	precedes [][]int    // each component's Precedes
}

// topNode is one requirement node.
type topNode struct {
	n          *Node
	kids, nkid int    // kids[kids:kids+nkid] are the items' positions
	ci         int    // the component of a component node, else -1
	under      uint64 // components beneath
	reach      uint64 // components a plan for the node can name, see Evaluator.reach
}

func newTopShape(pe *Evaluator, root *Node) *topShape {
	sh := &topShape{}
	if len(pe.def.Components) > 64 || root == nil {
		return sh
	}
	sh.pre = make([][]int, len(pe.def.Components))
	sh.precedes = make([][]int, len(pe.def.Components))
	for ci, c := range pe.def.Components {
		for _, p := range c.Prerequisites {
			sh.pre[ci] = append(sh.pre[ci], pe.compIdx[p])
		}
		for _, q := range c.Precedes {
			sh.precedes[ci] = append(sh.precedes[ci], pe.compIdx[q])
		}
	}
	for _, ci := range pe.topo { // prerequisites first
		sh.closure[ci] = bit(ci)
		for _, p := range sh.pre[ci] {
			sh.closure[ci] |= sh.closure[p]
		}
	}
	_, sh.ok = sh.add(pe, root)
	return sh
}

// add appends n and its subtree and returns n's position; false for a
// node the table does not cover.
func (sh *topShape) add(pe *Evaluator, n *Node) (int, bool) {
	if n.Within != nil || n.Window != nil {
		return 0, false
	}
	i := len(sh.nodes)
	sh.nodes = append(sh.nodes, topNode{n: n, kids: len(sh.kids), nkid: len(n.Items), ci: -1})
	sh.kids = append(sh.kids, make([]int, len(n.Items))...)
	var under, reach uint64
	for j, c := range n.Items {
		k, ok := sh.add(pe, c)
		if !ok {
			return 0, false
		}
		sh.kids[sh.nodes[i].kids+j] = k
		under |= sh.nodes[k].under
		reach |= sh.nodes[k].reach
	}
	if n.Kind == KindComponent {
		ci := pe.compIdx[n.Component]
		sh.nodes[i].ci = ci
		under, reach = bit(ci), sh.closure[ci]
	}
	sh.nodes[i].under, sh.nodes[i].reach = under, reach
	return i, true
}

// topTable is planFor's memo for one evaluation and one state.
type topTable struct {
	*topShape
	val      []topVal   // per node
	compBase [64]uint64 // basePlan of each component
	stack    []bplan    // scratch of nOf, a stack shared by the recursion
	worth    []worthPlan
}

// topVal is what a node is under the learner's final assignment.
type topVal struct {
	sat  bool
	have float64 // credits or points held, for those kinds
	base bplan   // the plan without forcing
}

type worthPlan struct {
	worth float64
	p     bplan
}

// fill computes every node's satisfaction and base plan under s, items
// before their parents (reverse pre-order, no recursion).
func (t *topTable) fill(ev *evaluator, s *state) {
	for _, ci := range ev.topo {
		if s.assign[ci] >= 0 {
			continue // filled: nothing to plan, prerequisites included
		}
		b := bit(ci)
		for _, p := range t.pre[ci] {
			b |= t.compBase[p]
		}
		t.compBase[ci] = b
	}
	t.val = slices.Grow(ev.sc.topVal[:0], len(t.nodes))[:len(t.nodes)]
	clear(t.val)
	for i := len(t.nodes) - 1; i >= 0; i-- {
		nd, v := &t.nodes[i], &t.val[i]
		k := 0 // items satisfied
		for _, c := range t.kids[nd.kids : nd.kids+nd.nkid] {
			if t.val[c].sat {
				k++
			}
		}
		// Satisfaction under the final assignment, as eval(n, s, false)
		// computes it for a tree without time rules.
		switch n := nd.n; n.Kind {
		case KindComponent:
			v.sat = s.assign[nd.ci] >= 0
		case KindAllOf:
			v.sat = k == len(n.Items)
		case KindAnyOf:
			v.sat = len(n.Items) > 0 && k > 0
		case KindNOf:
			v.sat = k >= n.Min
		case KindCredits, KindPoints:
			v.have = ev.sum(n, s, false)
			fallthrough
		default:
			v.sat = ev.eval(n, s, false).sat
		}
		v.base = t.compute(ev, i, s, -1)
	}
}

// plan is planFor: the node's base plan unless forcing changes it.
func (t *topTable) plan(ev *evaluator, i int, s *state, forced int) bplan {
	if forced < 0 || t.nodes[i].reach&bit(forced) == 0 {
		return t.val[i].base
	}
	return t.compute(ev, i, s, forced)
}

// compute is computePlan and planKind for a node without time rules,
// with bitsets; the comments of planKind explain the rules.
func (t *topTable) compute(ev *evaluator, i int, s *state, forced int) bplan {
	nd := &t.nodes[i]
	if t.val[i].sat {
		return bplan{}
	}
	kids := t.kids[nd.kids : nd.kids+nd.nkid]
	switch n := nd.n; n.Kind {
	case KindComponent:
		return t.compPlan(nd.ci, forced)
	case KindAllOf:
		p := bplan{}
		for _, c := range kids {
			p = bunion(p, t.plan(ev, c, s, forced))
		}
		return p
	case KindAnyOf:
		best := bplan{never: true}
		for _, c := range kids {
			if q := t.plan(ev, c, s, forced); q.size() < best.size() {
				best = q
			}
		}
		return best
	case KindNOf:
		base := len(t.stack)
		for _, c := range kids {
			t.stack = append(t.stack, t.plan(ev, c, s, forced))
		}
		plans := t.stack[base:]
		slices.SortStableFunc(plans, func(a, b bplan) int { return cmp.Compare(a.size(), b.size()) })
		p := bplan{}
		for _, q := range plans[:min(n.Min, len(plans))] {
			p = bunion(p, q)
		}
		t.stack = t.stack[:base]
		return p
	case KindCredits, KindPoints:
		need := thresholdNeed(n)
		have := t.val[i].have
		base := len(t.worth)
		p := bplan{}
		for _, ci := range ev.compsUnder(n) {
			if s.assign[ci] >= 0 {
				continue
			}
			w := plannedWorth(&ev.def.Components[ci], n)
			switch {
			case ci == forced:
				have += w
				p = bunion(p, t.compPlan(ci, forced))
			case w > 0:
				t.worth = append(t.worth, worthPlan{w, t.compPlan(ci, forced)})
			}
		}
		opts := t.worth[base:]
		slices.SortStableFunc(opts, func(a, b worthPlan) int { return cmp.Compare(b.worth, a.worth) })
		for _, o := range opts {
			if have >= need-eps {
				break
			}
			have += o.worth
			p = bunion(p, o.p)
		}
		t.worth = t.worth[:base]
		if have < need-eps {
			return bplan{never: true}
		}
		return p
	}
	return bplan{never: true} // KindNot: earning more cannot help
}

// compPlan is the component's base plan less the forced component.
func (t *topTable) compPlan(ci, forced int) bplan {
	p := bplan{set: t.compBase[ci]}
	if forced >= 0 {
		p.set &^= bit(forced)
	}
	return p
}

// first is nextSteps' first step: the same candidates, costs and order,
// keeping only the least.
func (t *topTable) first(ev *evaluator, s *state, states []ComponentProgress) []NextStep {
	root, rootPlan := &t.nodes[0], t.val[0].base
	base := rootPlan.size()
	if base == 0 || base >= infinite {
		return nil
	}
	exact := bits.OnesCount64(root.under)*len(t.nodes)*(1+base) <= maxRankWork
	var preceded [64]int
	for ci, qs := range t.precedes {
		if s.assign[ci] >= 0 {
			continue
		}
		for _, q := range qs {
			preceded[q]++
		}
	}
	// Steps that can be taken now rank before all others, so the others
	// are costed only when none of those helps.
	type key struct{ remaining, order, ci int }
	var best key
	found, now := false, false
	for later := 0; later < 2 && !found; later++ {
		for set := root.under; set != 0; set &= set - 1 {
			ci := bits.TrailingZeros64(set)
			if s.assign[ci] >= 0 {
				continue // no time rules, so nothing filled is earned again
			}
			if ev.earnableNow(ci, s, states[ci].State) != (later == 0) {
				continue
			}
			var c int
			switch {
			case exact:
				c = t.plan(ev, 0, s, ci).size()
			case rootPlan.set&bit(ci) != 0:
				c = base - 1
			default:
				continue
			}
			if c >= base {
				continue
			}
			k := key{c, preceded[ci], ci}
			if !found || cmp.Or(cmp.Compare(k.remaining, best.remaining), cmp.Compare(k.order, best.order)) < 0 {
				best, found = k, true // ties go to the smaller ci, met first
			}
		}
		if found {
			now = later == 0
		}
	}
	if !found {
		return []NextStep{} // as nextSteps: ranked, and none helps
	}
	comp := &ev.def.Components[best.ci]
	st := states[best.ci]
	step := NextStep{Component: comp.ID, Name: comp.Name, State: st.State, Now: now,
		Achievements: comp.Match.Achievements, Remaining: best.remaining, Reason: st.Reason}
	if ev.transient {
		steps := ev.sc.outSteps.lend(1)
		steps[0] = step
		return steps
	}
	return []NextStep{step}
}
