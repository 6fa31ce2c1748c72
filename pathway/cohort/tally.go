package cohort

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/pathway"
)

// acc is one worker's tally.
type acc struct {
	sh                           *shape
	learners, failed, complete   int
	started, stalled, notOptimal int
	failures                     []Failure
	comps                        []Component
	fromPrev                     []hist
	nodes                        []States
	nodeStalled                  []int
	between, toComplete          hist
	steps                        []step // scratch
}

type step struct {
	comp int
	at   time.Time
}

func (sh *shape) newAcc() *acc {
	a := &acc{sh: sh, comps: make([]Component, len(sh.def.Components)), fromPrev: make([]hist, len(sh.def.Components)),
		nodes: make([]States, len(sh.nodes)), nodeStalled: make([]int, len(sh.nodes))}
	for i, c := range sh.def.Components {
		a.comps[i].ID, a.comps[i].Name = c.ID, c.Name
	}
	return a
}

func (a *acc) add(id string, p *pathway.Progress, err error) {
	a.learners++
	if err != nil {
		a.failed++
		a.fail(Failure{id, err.Error()})
		return
	}
	if p.Complete {
		a.complete++
	}
	if !p.Optimal {
		a.notOptimal++
	}
	for i := range p.Components {
		if i < len(a.comps) {
			a.comps[i].States.add(p.Components[i].State)
		}
	}
	a.walk(p.Root, a.sh.def.Requirement, 0)

	// The learner's path: the credentials the evaluator counted, in the
	// order they were earned (undated ones show no time).
	a.steps = a.steps[:0]
	var last time.Time
	next := 0 // where the next assignment's component is looked for first
	for _, as := range p.Assignments {
		ci, ok := a.sh.index(as.Component, next)
		if !ok || as.EarnedAt.IsZero() {
			continue
		}
		next = ci + 1
		a.steps = append(a.steps, step{ci, as.EarnedAt})
		if as.EarnedAt.After(last) {
			last = as.EarnedAt
		}
	}
	slices.SortFunc(a.steps, func(x, y step) int { return cmp.Or(x.at.Compare(y.at), x.comp-y.comp) })
	for i := 1; i < len(a.steps); i++ {
		d := wholeDays(a.steps[i].at.Sub(a.steps[i-1].at))
		a.fromPrev[a.steps[i].comp].add(d, a.sh.maxDays)
		a.between.add(d, a.sh.maxDays)
	}
	started := len(p.Assignments) > 0
	if started {
		a.started++
	}
	if p.Complete {
		if len(a.steps) > 0 {
			a.toComplete.add(wholeDays(a.steps[len(a.steps)-1].at.Sub(a.steps[0].at)), a.sh.maxDays)
		}
		return
	}
	stalled := started && (last.IsZero() || last.Before(a.sh.stallBefore))
	if stalled {
		a.stalled++
	}
	if ci := a.nextStep(p); ci >= 0 {
		a.comps[ci].Next++
		if stalled {
			a.comps[ci].Stalled++
			for _, k := range a.sh.under[ci] {
				a.nodeStalled[k]++
			}
		}
	}
}

// walk counts the states of np, the progress of node n at pre-order index
// k, and of its items, and returns the index after n's subtree.
func (a *acc) walk(np *pathway.NodeProgress, n *pathway.Node, k int) int {
	if n == nil {
		return k
	}
	if np == nil || k >= len(a.nodes) {
		return k + countNodes(n) // keep the pre-order index in step
	}
	a.nodes[k].add(np.State)
	k++
	for i, it := range n.Items {
		if i < len(np.Items) {
			k = a.walk(np.Items[i], it, k)
		} else {
			k += countNodes(it)
		}
	}
	return k
}

// index is the definition index of component id, looked for from next
// on before the map: Progress lists assignments in definition order, so
// scanning on from the previous one costs one pass over the components
// per learner, less than hashing every id.
func (sh *shape) index(id string, next int) (int, bool) {
	for i := next; i < len(sh.def.Components); i++ {
		if sh.def.Components[i].ID == id {
			return i, true
		}
	}
	ci, ok := sh.compIdx[id]
	return ci, ok
}

// nextStep is the component an incomplete learner would earn next: the
// first of pathway's ranked next steps, which puts the steps that can be
// earned now first (including expired components that can be earned
// again); else none (-1).
func (a *acc) nextStep(p *pathway.Progress) int {
	if len(p.NextSteps) > 0 {
		if ci, ok := a.sh.compIdx[p.NextSteps[0].Component]; ok {
			return ci
		}
	}
	return -1
}

func countNodes(n *pathway.Node) int {
	if n == nil {
		return 0
	}
	c := 1
	for _, it := range n.Items {
		c += countNodes(it)
	}
	return c
}

// fail keeps the failures of the smallest learner ids, so the sample does
// not depend on which worker saw which learner.
func (a *acc) fail(f Failure) {
	i, _ := slices.BinarySearchFunc(a.failures, f, cmpFailure)
	if i >= a.sh.maxFailures {
		return
	}
	a.failures = slices.Insert(a.failures, i, f)
	if len(a.failures) > a.sh.maxFailures {
		a.failures = a.failures[:a.sh.maxFailures]
	}
}

func cmpFailure(x, y Failure) int {
	return cmp.Or(strings.Compare(x.Learner, y.Learner), strings.Compare(x.Error, y.Error))
}

func (a *acc) merge(o *acc) {
	a.learners += o.learners
	a.failed += o.failed
	a.complete += o.complete
	a.started += o.started
	a.stalled += o.stalled
	a.notOptimal += o.notOptimal
	for _, f := range o.failures {
		a.fail(f)
	}
	for i := range a.comps {
		a.comps[i].States.merge(o.comps[i].States)
		a.comps[i].Next += o.comps[i].Next
		a.comps[i].Stalled += o.comps[i].Stalled
		a.fromPrev[i].merge(&o.fromPrev[i])
	}
	for i := range a.nodes {
		a.nodes[i].merge(o.nodes[i])
		a.nodeStalled[i] += o.nodeStalled[i]
	}
	a.between.merge(&o.between)
	a.toComplete.merge(&o.toComplete)
}

func (a *acc) summary() *Summary {
	def := a.sh.def
	s := &Summary{PathwayID: def.ID, Version: def.Version, Name: def.Name, AsOf: a.sh.asOf,
		Learners: a.learners, Failed: a.failed, Failures: a.failures, Complete: a.complete, Started: a.started,
		Stalled: a.stalled, NotOptimal: a.notOptimal, FailureLimit: a.sh.maxFailures, MaxDays: a.sh.maxDays, BetweenSteps: a.between.days(), ToComplete: a.toComplete.days(),
		Components: a.comps, Nodes: slices.Clone(a.sh.nodes)}
	for i := range s.Components {
		s.Components[i].FromPrevious = a.fromPrev[i].days()
		if n := s.Components[i].Stalled; n > 0 {
			s.Stalls = append(s.Stalls, Stall{Component: s.Components[i].ID, Name: s.Components[i].Name, Stalled: n})
		}
	}
	for i := range s.Nodes {
		s.Nodes[i].States = a.nodes[i]
		s.Nodes[i].Stalled = a.nodeStalled[i]
	}
	rankStalls(s)
	return s
}
