package pathway

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Options tune an evaluation. The zero Options is safe for untrusted input.
type Options struct {
	// AcceptDeclaredEquivalents lets Earned.Equivalents (equivalences a
	// credential declares about itself) count. Off by default: only the
	// pathway's own Equivalences are trusted.
	AcceptDeclaredEquivalents bool
	// AllowUndatedOrder lets an undated credential satisfy required
	// ordering (prerequisites). Off by default: an order that cannot be
	// shown from dates is not assumed.
	AllowUndatedOrder bool
	// MaxCredentials bounds the credentials one evaluation accepts.
	// Default DefaultMaxCredentials.
	MaxCredentials int
	// MaxSearchSteps bounds each assignment search (the destination's and
	// each milestone's). A step is one node of the branch-and-bound or
	// 1,000 candidate visits by its bounds. The first complete assignment
	// (one descent, a step per component) is always found; when the
	// budget then runs out, the best assignment found is returned with
	// Progress.Optimal false. Default DefaultMaxSearchSteps.
	MaxSearchSteps int
	// MaxEquivalenceChain bounds how many equivalences may be chained to
	// let one credential count as another achievement. Default
	// DefaultMaxEquivalenceChain.
	MaxEquivalenceChain int
	// MaxMatchWork bounds the work of matching credentials to components
	// in one evaluation: equivalence edges followed (reachability is
	// memoised per achievement, but windowed equivalences make each earned
	// date count) plus checks of components that match on properties
	// alone (each looks at every credential). Exceeding it is ErrLimit.
	// Default DefaultMaxMatchWork.
	MaxMatchWork int
	// Limits are applied when validating the definition.
	Limits Limits
}

// Default evaluation limits, see Options.
const (
	DefaultMaxCredentials      = 100000
	DefaultMaxSearchSteps      = 200000
	DefaultMaxEquivalenceChain = 8
	DefaultMaxMatchWork        = 1 << 22
)

func (o Options) maxSteps() int {
	if o.MaxSearchSteps <= 0 {
		return DefaultMaxSearchSteps
	}
	return o.MaxSearchSteps
}

func (o Options) maxMatchWork() int {
	if o.MaxMatchWork <= 0 {
		return DefaultMaxMatchWork
	}
	return o.MaxMatchWork
}

func (o Options) maxChain() int {
	if o.MaxEquivalenceChain <= 0 {
		return DefaultMaxEquivalenceChain
	}
	return o.MaxEquivalenceChain
}

type evaluator struct {
	def     *Definition
	opts    Options
	asOf    time.Time
	earned  []Earned // sorted by ID
	compIdx map[string]int
	topo    []int // components, prerequisites first
	equiv   map[string][]eqEdge
	cands   [][]cand
	misses  [][]miss
	groupOf []int
	ngroups int
	beneath map[*Node][]int    // components under nodes with time rules
	pools   map[*Node][]int    // groups over distinct components, see poolBound
	slots   map[*Node]slotNode // subtrees bounded by fills, see slots.go
	matcher matchScratch
	// scratch for sum, see contrib
	seen     []int
	seenMark int
	// satisfaction of nodes under the final assignment, for next steps
	work int // candidate visits since the search last charged them
	// equivalence reachability: memo, whether windows make dates matter,
	// and the matching work so far (bounded by Options.MaxMatchWork)
	reachMemo map[reachKey]map[string][]EquivalenceStep
	windowed  bool
	matchWork int
	satCache  map[*Node]bool
	under     map[*Node][]int
	timeIdx   map[int][]*Node
	prePlan   map[int]plan // compPlan memo for unforced components
}

// Evaluate computes a learner's progress on a pathway at asOf from the
// credentials the host has verified.
//
// Each component is filled by at most one credential and each credential
// (and each achievement, however often it was earned) fills at most one
// component, except through components marked Reuse. Among all such
// assignments Evaluate returns one that satisfies the requirement if any
// does, else one with the most progress, then the most components filled;
// see Progress.Optimal for the one case where this is not proven. Credentials
// that are revoked, suspended, expired or not yet valid at asOf, or earned
// after asOf, count for nothing, so re-evaluating after a part expires
// removes completion.
//
// The result does not depend on the order of earned: credentials are sorted
// by ID first, and every choice is made in a canonical order. Each Earned
// needs a distinct, non-empty ID.
func Evaluate(def *Definition, earned []Earned, asOf time.Time, opts Options) (*Progress, error) {
	ev, err := newEvaluator(def, earned, asOf, opts)
	if err != nil {
		return nil, err
	}
	return ev.run(), nil
}

func newEvaluator(def *Definition, earned []Earned, asOf time.Time, opts Options) (*evaluator, error) {
	if def == nil {
		return nil, fmt.Errorf("%w: nil definition", ErrInput)
	}
	if err := ValidateWith(def, opts.Limits); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("%w: asOf time is zero; pass the evaluation time explicitly", ErrInput)
	}
	maxCred := opts.MaxCredentials
	if maxCred <= 0 {
		maxCred = DefaultMaxCredentials
	}
	if len(earned) > maxCred {
		return nil, fmt.Errorf("%w: %d credentials, limit is %d (Options.MaxCredentials)", ErrLimit, len(earned), maxCred)
	}
	ev := &evaluator{def: def, opts: opts, asOf: asOf, compIdx: map[string]int{}, beneath: map[*Node][]int{}, pools: map[*Node][]int{}}
	ev.earned = slices.Clone(earned)
	slices.SortFunc(ev.earned, func(a, b Earned) int { return strings.Compare(a.ID, b.ID) })
	for i, e := range ev.earned {
		if e.ID == "" {
			return nil, fmt.Errorf("%w: an earned credential has no ID", ErrInput)
		}
		if i > 0 && ev.earned[i-1].ID == e.ID {
			return nil, fmt.Errorf("%w: two earned credentials share the ID %q", ErrInput, e.ID)
		}
	}
	for i, c := range def.Components {
		ev.compIdx[c.ID] = i
	}
	ev.topo = topoOrder(def, ev.compIdx)
	ev.equiv = equivGraph(def)
	mark := func(root *Node) {
		root.walk(1, func(n *Node, _ int) bool {
			if n.Within != nil || n.Window != nil {
				ev.beneath[n] = componentsBeneath(n, ev.compIdx)
			}
			return true
		})
	}
	mark(def.Requirement)
	poolsOf(def.Requirement, ev.compIdx, ev.pools)
	for _, m := range def.Milestones {
		mark(m.Requirement)
		poolsOf(m.Requirement, ev.compIdx, ev.pools)
	}
	for _, e := range def.Equivalences {
		ev.windowed = ev.windowed || e.Applies != nil
	}
	if err := ev.index(); err != nil {
		return nil, err
	}
	ev.slots = map[*Node]slotNode{}
	ev.prepareSlots(def.Requirement)
	for _, m := range def.Milestones {
		ev.prepareSlots(m.Requirement)
	}
	return ev, nil
}

// topoOrder lists components with every prerequisite before the components
// that need it, otherwise in definition order.
func topoOrder(def *Definition, idx map[string]int) []int {
	done := make([]bool, len(def.Components))
	var out []int
	var visit func(i int)
	visit = func(i int) {
		if done[i] {
			return
		}
		done[i] = true // Validate rejected cycles.
		for _, p := range def.Components[i].Prerequisites {
			visit(idx[p])
		}
		out = append(out, i)
	}
	for i := range def.Components {
		visit(i)
	}
	return out
}

// relevantTo returns the components under root and, transitively, their
// prerequisites, in topological order.
func (ev *evaluator) relevantTo(root *Node) []int {
	want := make([]bool, len(ev.def.Components))
	var add func(i int)
	add = func(i int) {
		if want[i] {
			return
		}
		want[i] = true
		for _, p := range ev.def.Components[i].Prerequisites {
			add(ev.compIdx[p])
		}
	}
	for _, ci := range componentsBeneath(root, ev.compIdx) {
		add(ci)
	}
	var out []int
	for _, ci := range ev.topo {
		if want[ci] {
			out = append(out, ci)
		}
	}
	return out
}

func (ev *evaluator) compName(ci int) string {
	c := &ev.def.Components[ci]
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}
