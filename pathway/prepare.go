package pathway

import (
	"fmt"
	"sync"
	"time"
)

// An Evaluator evaluates learners against one definition that was
// validated, and whose structure was indexed and compiled, once by
// Prepare. Nothing of it changes after Prepare but a pool of working
// memory that evaluations borrow and return, so one Evaluator is safe for
// concurrent use by any number of goroutines, and a cohort evaluated
// through it allocates little more than the Progress values it returns.
// It gives the same Progress as Evaluate with the same definition and
// options. The definition must not be modified while the Evaluator is in
// use, nor the credentials passed to Evaluate while it runs.
type Evaluator struct {
	def      *Definition
	opts     Options
	compIdx  map[string]int
	topo     []int // components, prerequisites first
	equiv    map[string][]eqEdge
	windowed bool            // some equivalence applies only in a window
	beneath  map[*Node][]int // components under nodes with time rules
	timeIdx  map[int][]*Node // nodes with time rules above each component
	pools    map[*Node][]int // groups over distinct components, see poolBound
	slotted  map[*Node][]int // subtrees bounded by fills, see slots.go
	byAch    map[string]achEntry
	scan     []int   // components that name no achievement
	deps     [][]int // per component, the components that list it as a prerequisite
	// under lists the distinct components beneath every node of the
	// requirement and of the milestones' own requirements, computed once
	// here because every evaluation asks for them many times.
	under map[*Node][]int
	// reach is, per node, the set (a bitset over component indexes) of
	// the components beneath it and their prerequisites, transitively:
	// every component a plan for the node can name. Forcing a component
	// outside it leaves the node's plan unchanged, see planFor.
	reach map[*Node][]uint64
	top   *topShape // Options.FirstStepOnly, see topstep.go

	// The compiled requirement trees, see compile.go: nodes by number,
	// the number of every node, and the numbers of the slot subtrees.
	nodes    []cnode
	nodeOf   map[*Node]int32
	slotList []int32
	itemIDs  []int32 // the children lists of nodes, one array
	// pool keeps the working memory of finished evaluations for the next
	// (see scratch); sync.Pool is safe for concurrent use, so the
	// Evaluator stays safe for it too.
	pool sync.Pool
}

// Prepare validates def with opts.Limits and indexes it for repeated
// evaluation with opts. Errors are those of Limits.Validate, wrapped as
// Evaluate wraps them.
func Prepare(def *Definition, opts Options) (*Evaluator, error) {
	if def == nil {
		return nil, fmt.Errorf("%w: nil definition", ErrInput)
	}
	if err := opts.Limits.Validate(def); err != nil {
		return nil, err
	}
	pe := &Evaluator{def: def, opts: opts, compIdx: map[string]int{}, beneath: map[*Node][]int{},
		timeIdx: map[int][]*Node{}, pools: map[*Node][]int{}, slotted: map[*Node][]int{}, byAch: map[string]achEntry{},
		under: map[*Node][]int{}, reach: map[*Node][]uint64{}}
	for i, c := range def.Components {
		pe.compIdx[c.ID] = i
	}
	pe.topo = topoOrder(def, pe.compIdx)
	pe.deps = make([][]int, len(def.Components))
	for i, c := range def.Components {
		for _, p := range c.Prerequisites {
			pe.deps[pe.compIdx[p]] = append(pe.deps[pe.compIdx[p]], i)
		}
	}
	pe.equiv = equivGraph(def)
	for _, e := range def.Equivalences {
		pe.windowed = pe.windowed || e.Applies != nil
	}
	roots := []*Node{def.Requirement}
	for _, m := range def.Milestones {
		if m.Requirement != nil {
			roots = append(roots, m.Requirement)
		}
	}
	for _, root := range roots {
		root.walk(1, func(n *Node, _ int) bool {
			if _, done := pe.beneath[n]; !done && (n.Within != nil || n.Window != nil) {
				pe.beneath[n] = componentsBeneath(n, pe.compIdx)
				for _, ci := range pe.beneath[n] {
					pe.timeIdx[ci] = append(pe.timeIdx[ci], n)
				}
			}
			return true
		})
		poolsOf(root, pe.compIdx, pe.pools)
		pe.findSlots(root)
		root.walk(1, func(n *Node, _ int) bool {
			if _, done := pe.under[n]; !done {
				pe.under[n] = componentsBeneath(n, pe.compIdx)
				pe.reach[n] = pe.closure(pe.under[n])
			}
			return true
		})
	}
	// Sized once: a one-shot Evaluate prepares for every call.
	size := 0
	for _, root := range roots {
		root.walk(1, func(n *Node, _ int) bool { size += 1 + len(n.Items); return true })
	}
	pe.nodeOf = make(map[*Node]int32, size)
	pe.nodes = make([]cnode, 0, size)
	pe.itemIDs = make([]int32, 0, size)
	for _, root := range roots {
		pe.compile(root)
	}
	for id := range pe.nodes {
		pe.nodes[id].reach = pe.reach[pe.nodes[id].n]
	}
	for i := range def.Components {
		m := &def.Components[i].Match
		if len(m.Achievements) == 0 {
			pe.scan = append(pe.scan, i)
			continue
		}
		for _, a := range m.Achievements {
			// i only grows, so a repeat can only be the last entry.
			ent, ok := pe.byAch[a]
			if !ok {
				ent.idx = len(pe.byAch)
			}
			if l := ent.comps; len(l) == 0 || l[len(l)-1] != i {
				ent.comps = append(ent.comps, i)
				pe.byAch[a] = ent
			}
		}
	}
	if opts.FirstStepOnly {
		pe.top = newTopShape(pe, def.Requirement)
	}
	return pe, nil
}

// achEntry indexes one achievement the pathway names: the components
// naming it, and a number of its own (0 to len(byAch)-1) under which an
// evaluation keeps its achievement group, so that finding both costs one
// lookup per credential.
type achEntry struct {
	comps []int
	idx   int
}

// compsUnder lists the distinct components under n in a stable order. The
// slice is shared: callers must not modify it.
func (pe *Evaluator) compsUnder(n *Node) []int {
	if c, ok := pe.under[n]; ok {
		return c
	}
	return componentsBeneath(n, pe.compIdx) // a node outside the prepared trees
}

// closure returns comps and their prerequisites, transitively, as a bitset
// over component indexes.
func (pe *Evaluator) closure(comps []int) []uint64 {
	set := make([]uint64, (len(pe.def.Components)+63)/64)
	var add func(ci int)
	add = func(ci int) {
		if set[ci/64]&(1<<(ci%64)) != 0 {
			return
		}
		set[ci/64] |= 1 << (ci % 64)
		for _, p := range pe.def.Components[ci].Prerequisites {
			add(pe.compIdx[p])
		}
	}
	for _, ci := range comps {
		add(ci)
	}
	return set
}

// reaches reports whether a plan for n can name component ci; unknown
// nodes (outside the prepared trees) answer yes.
func (pe *Evaluator) reaches(id int32, ci int) bool {
	set := pe.nodes[id].reach
	return set == nil || set[ci/64]&(1<<(ci%64)) != 0
}

// Definition returns the definition the Evaluator was prepared for.
func (pe *Evaluator) Definition() *Definition { return pe.def }

// Evaluate computes a learner's progress at asOf; see the package-level
// Evaluate, which it matches for the prepared definition and options.
func (pe *Evaluator) Evaluate(earned []Earned, asOf time.Time) (*Progress, error) {
	ev, err := pe.newEvaluator(earned, asOf)
	if err != nil {
		if ev != nil {
			pe.putScratch(ev.sc)
		}
		return nil, err
	}
	p := ev.run()
	pe.putScratch(ev.sc)
	return p, nil
}

// EvaluateFunc is Evaluate with the result lent rather than given: it
// calls f once with what Evaluate would return, and p, with everything
// it points to, is valid only until f returns. Later evaluations
// reuse its memory, so f must copy what it keeps (the
// strings in it may be kept: they are never reused). A host that folds
// many learners into counts one after another (package cohort) uses it
// to allocate the Progress of its evaluations once per goroutine instead
// of once per learner; at 50 components that is most of the bytes a
// StatesOnly evaluation allocates.
func (pe *Evaluator) EvaluateFunc(earned []Earned, asOf time.Time, f func(p *Progress, err error)) {
	ev, err := pe.newEvaluator(earned, asOf)
	if err != nil {
		if ev != nil {
			pe.putScratch(ev.sc)
		}
		f(nil, err)
		return
	}
	ev.transient = true
	p := ev.run()
	// Returned to the pool only after f: the pool would hand it to
	// another goroutine's evaluation while f still reads it.
	defer pe.putScratch(ev.sc)
	f(p, nil)
}

func (pe *Evaluator) newEvaluator(earned []Earned, asOf time.Time) (*evaluator, error) {
	if pe == nil || pe.def == nil {
		return nil, fmt.Errorf("%w: an Evaluator must come from Prepare", ErrInput)
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("%w: asOf time is zero; pass the evaluation time explicitly", ErrInput)
	}
	maxCred := pe.opts.MaxCredentials
	if maxCred <= 0 {
		maxCred = DefaultMaxCredentials
	}
	if len(earned) > maxCred {
		return nil, fmt.Errorf("%w: %d credentials, limit is %d (Options.MaxCredentials)", ErrLimit, len(earned), maxCred)
	}
	sc := pe.getScratch()
	if err := keyCredentials(earned, sc); err != nil {
		pe.putScratch(sc)
		return nil, err
	}
	if err := checkRecipients(earned, pe.opts); err != nil {
		pe.putScratch(sc)
		return nil, err
	}
	ev := &sc.ev
	*ev = evaluator{Evaluator: pe, asOf: asOf, sc: sc, fbuf: sc.fbuf[:0]}
	ev.earned, ev.dups, ev.shared = dedupe(sc)
	if err := ev.index(); err != nil {
		return ev, err // ev for the work counted so far; callers drop it
	}
	// The lists share one slice of the scratch: count, then carve.
	ev.groupComps = ev.sc.slices.take(ev.ngroups)
	counts := ev.sc.ints.take(ev.ngroups)
	total := 0
	for _, cs := range ev.cands {
		for _, k := range cs {
			counts[k.group]++
			total++
		}
	}
	all := ev.sc.int32s.take(total)
	for g, n := range counts {
		ev.groupComps[g], all = all[:0:n], all[n:]
	}
	for ci, cs := range ev.cands {
		for _, k := range cs {
			ev.groupComps[k.group] = append(ev.groupComps[k.group], int32(ci))
		}
	}
	ev.slots = ev.sc.slots.take(len(pe.slotList))
	for i, id := range pe.slotList {
		c := &pe.nodes[id]
		ev.slots[i] = slotNode{c.slotComps, ev.gain(c.n)}
	}
	return ev, nil
}
