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
	var t topTable
	if !t.build(ev, root, s) {
		steps := ev.nextSteps(root, s, states)
		return steps[:min(1, len(steps))]
	}
	return t.first(ev, s, states)
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

// topNode is one requirement node, in pre-order.
type topNode struct {
	n          *Node
	kids, nkid int // t.kids[kids:kids+nkid] are the items' positions
	ci         int // the component of a component node, else -1
	sat        bool
	have       float64 // credits or points held, for those kinds
	under      uint64  // components beneath
	reach      uint64  // components a plan for the node can name, see Evaluator.reach
	base       bplan   // the plan without forcing
}

// topTable is planFor's memo for one evaluation and one state.
type topTable struct {
	nodes    []topNode
	kids     []int
	compBase [64]uint64 // basePlan of each component
	closure  [64]uint64 // each component and its prerequisites, transitively
	stack    []bplan    // scratch of nOf, a stack shared by the recursion
	worth    []worthPlan
}

type worthPlan struct {
	worth float64
	p     bplan
}

// build fills the table for root under s; false when the definition is
// one the table does not cover.
func (t *topTable) build(ev *evaluator, root *Node, s *state) bool {
	if len(ev.def.Components) > 64 || root == nil {
		return false
	}
	for _, ci := range ev.topo { // prerequisites first
		c := bit(ci)
		var b uint64
		if s.assign[ci] < 0 {
			b = c
		}
		for _, p := range ev.def.Components[ci].Prerequisites {
			pi := ev.compIdx[p]
			c |= t.closure[pi]
			if s.assign[ci] < 0 {
				b |= t.compBase[pi]
			}
		}
		t.closure[ci], t.compBase[ci] = c, b
	}
	n := countTree(root)
	t.nodes, t.kids, t.stack = make([]topNode, 0, n), make([]int, 0, n), make([]bplan, 0, n)
	_, ok := t.add(ev, root, s)
	return ok
}

// countTree is the number of nodes of the tree, as walk visits them.
func countTree(n *Node) int {
	k := 1
	for _, c := range n.Items {
		k += countTree(c)
	}
	return k
}

// add appends n and its subtree, computing every node's base plan
// bottom-up, and returns n's position.
func (t *topTable) add(ev *evaluator, n *Node, s *state) (int, bool) {
	if n.Within != nil || n.Window != nil {
		return 0, false
	}
	i := len(t.nodes)
	t.nodes = append(t.nodes, topNode{n: n, kids: len(t.kids), nkid: len(n.Items), ci: -1})
	t.kids = append(t.kids, make([]int, len(n.Items))...)
	k := 0 // items satisfied
	var under, reach uint64
	for j, c := range n.Items {
		ci, ok := t.add(ev, c, s)
		if !ok {
			return 0, false
		}
		t.kids[t.nodes[i].kids+j] = ci
		under |= t.nodes[ci].under
		reach |= t.nodes[ci].reach
		if t.nodes[ci].sat {
			k++
		}
	}
	nd := &t.nodes[i]
	// Satisfaction under the final assignment, as eval(n, s, false)
	// computes it for a tree without time rules.
	switch n.Kind {
	case KindComponent:
		nd.ci = ev.compIdx[n.Component]
		under, reach = bit(nd.ci), t.closure[nd.ci]
		nd.sat = s.assign[nd.ci] >= 0
	case KindAllOf:
		nd.sat = k == len(n.Items)
	case KindAnyOf:
		nd.sat = len(n.Items) > 0 && k > 0
	case KindNOf:
		nd.sat = k >= n.Min
	case KindCredits, KindPoints:
		nd.have = ev.sum(n, s, false)
		fallthrough
	default:
		nd.sat = ev.eval(n, s, false).sat
	}
	nd.under, nd.reach = under, reach
	nd.base = t.compute(ev, i, s, -1)
	return i, true
}

// plan is planFor: the node's base plan unless forcing changes it.
func (t *topTable) plan(ev *evaluator, i int, s *state, forced int) bplan {
	nd := &t.nodes[i]
	if forced < 0 || nd.reach&bit(forced) == 0 {
		return nd.base
	}
	return t.compute(ev, i, s, forced)
}

// compute is computePlan and planKind for a node without time rules,
// with bitsets; the comments of planKind explain the rules.
func (t *topTable) compute(ev *evaluator, i int, s *state, forced int) bplan {
	nd := &t.nodes[i]
	if nd.sat {
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
		need := n.Points
		if n.Kind == KindCredits {
			need = n.Credits.Value
		}
		have := nd.have
		base := len(t.worth)
		p := bplan{}
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
	root := &t.nodes[0]
	base := root.base.size()
	if base == 0 || base >= infinite {
		return nil
	}
	exact := bits.OnesCount64(root.under)*len(t.nodes)*(1+base) <= maxRankWork
	var preceded [64]int
	for ci, c := range ev.def.Components {
		if s.assign[ci] >= 0 {
			continue
		}
		for _, q := range c.Precedes {
			preceded[ev.compIdx[q]]++
		}
	}
	type key struct{ later, remaining, order, ci int }
	best, found := key{}, false
	for set := root.under; set != 0; set &= set - 1 {
		ci := bits.TrailingZeros64(set)
		if s.assign[ci] >= 0 {
			continue // no time rules, so nothing filled is earned again
		}
		var c int
		switch {
		case exact:
			c = t.plan(ev, 0, s, ci).size()
		case root.base.set&bit(ci) != 0:
			c = base - 1
		default:
			continue
		}
		if c >= base {
			continue
		}
		k := key{1, c, preceded[ci], ci}
		if ev.earnableNow(ci, s, states[ci].State) {
			k.later = 0
		}
		if !found || cmp.Or(cmp.Compare(k.later, best.later), cmp.Compare(k.remaining, best.remaining),
			cmp.Compare(k.order, best.order), cmp.Compare(k.ci, best.ci)) < 0 {
			best, found = k, true
		}
	}
	if !found {
		return []NextStep{} // as nextSteps: ranked, and none helps
	}
	comp := &ev.def.Components[best.ci]
	st := states[best.ci]
	return []NextStep{{Component: comp.ID, Name: comp.Name, State: st.State, Now: best.later == 0,
		Achievements: comp.Match.Achievements, Remaining: best.remaining, Reason: st.Reason}}
}
