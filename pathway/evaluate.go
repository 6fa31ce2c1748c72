package pathway

import "time"

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
	// 1,000 units of the work its bounds and matchings do (see MaxWork).
	// It is checked at every node, the first descent's included; when it
	// runs out, the best assignment found is returned (before the first
	// complete one, the partial assignment completed greedily) with
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
	// MaxWork bounds the work of the searches of one evaluation together
	// (the destination's and every milestone's), with the bounds and
	// matchings they compute; matching credentials to components is
	// bounded by MaxMatchWork. A unit is about one candidate, matching
	// edge or requirement node visited. When it runs out, each search
	// still unfinished returns the best assignment it found (or, before it
	// found one, its partial assignment completed greedily in linear time)
	// with Progress.Optimal false. Default DefaultMaxWork, under a second
	// on one core.
	MaxWork int
	// Limits are applied when validating the definition.
	Limits Limits
	// RecipientsBound says the host has established that every credential
	// passed belongs to the learner being evaluated, so credentials naming
	// different recipients (an id here, a hashed e-mail there) are
	// accepted. Off by default: they are refused with ErrRecipient.
	RecipientsBound bool
	// VerdictOnly leaves out the guidance: Progress.Root, Missing,
	// NextSteps and Credits, and each milestone's Root, stay empty, and
	// Progress.Explain has no tree to render. The verdict (Complete,
	// Percent, Optimal, SearchSteps), Assignments, Components,
	// Credentials, TotalCredits and the milestones' verdicts and
	// assignments are those of a full evaluation. Ranking next steps and
	// wording the explanation cost most of an evaluation, so a host that
	// only records verdicts (a transcript service, a cohort report) sets
	// it. Off by default.
	VerdictOnly bool
	// StatesOnly keeps the verdict, the state of every requirement node
	// and the ranked next steps, and leaves out the wording: each
	// NodeProgress of Progress.Root (and of the milestones' Roots) has
	// its ID, Name, Kind, Component, Satisfied, Percent, State, Have, Need
	// and Items as in a full evaluation but no Explanation or Credits,
	// Progress.Missing and Credits stay empty, and Progress.Explain has
	// no words to render. NextSteps, Assignments, Components,
	// Credentials and TotalCredits are those of a full evaluation.
	// Wording the explanation costs about half of an evaluation, so a
	// host that counts states over many learners (package cohort) sets
	// it. VerdictOnly, when also set, wins. Off by default.
	StatesOnly bool
	// FirstStepOnly keeps only the first of Progress.NextSteps, the step
	// a full evaluation ranks first, and finds it without ranking the
	// others (for definitions of up to 64 components without time rules;
	// others are ranked in full and cut). A host that reads only the top
	// step of many learners (package cohort) sets it. Off by default.
	FirstStepOnly bool

	// AssignmentsOnly is VerdictOnly without the states and reasons:
	// Progress.Components and Credentials stay empty as well as what
	// VerdictOnly leaves out. Complete, Percent, Optimal, SearchSteps,
	// Assignments, TotalCredits and the milestones' verdicts and
	// assignments are those of a full evaluation. Wording why each
	// component and credential stands where it does is about a third of
	// a verdict, so a host that records only who completed what with
	// which credentials (a transcript, an award run over a cohort) sets
	// it. It implies VerdictOnly. Off by default.
	AssignmentsOnly bool
}

// Default evaluation limits, see Options.
const (
	DefaultMaxCredentials      = 100000
	DefaultMaxSearchSteps      = 200000
	DefaultMaxEquivalenceChain = 8
	DefaultMaxMatchWork        = 1 << 22
	DefaultMaxWork             = 50_000_000
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

func (o Options) maxWork() int {
	if o.MaxWork <= 0 {
		return DefaultMaxWork
	}
	return o.MaxWork
}

func (o Options) maxChain() int {
	if o.MaxEquivalenceChain <= 0 {
		return DefaultMaxEquivalenceChain
	}
	return o.MaxEquivalenceChain
}

// evaluator is one evaluation: the prepared definition (shared, read-only)
// and what this learner's credentials make of it.
type evaluator struct {
	*Evaluator
	sc      *scratch // working memory, see scratch.go
	asOf    time.Time
	earned  []*Earned       // one copy per (issuer, id), in cmpKeyed order; the host's
	dups    []duplicate     // copies set aside, reported in CredentialUse
	shared  map[string]bool // ids held by more than one issuer, see credName
	cands   [][]cand
	misses  [][]miss
	groupOf []int
	ngroups int
	slots   []slotNode // subtrees bounded by fills (slots.go), by cnode.slot
	// groupComps lists, per achievement group, the component of every
	// candidate in it, for state.free.
	groupComps [][]int32
	local      []int32   // scratch of newMatch, all zero between builds
	fbuf       []float64 // a stack of scratch for group and contrib
	// scratch for sum, see contrib
	seen     []int
	seenMark int
	work     int // units of work since matching, bounded by Options.MaxWork
	// equivalence reachability memo and the matching work so far
	// (bounded by Options.MaxMatchWork)
	reachMemo map[reachKey]map[string][]EquivalenceStep
	orderMemo map[reachKey][]string
	matchWork int
	// memos of next-step ranking under the final assignment
	satCache []int8     // satUnder memo by node number
	prePlan  []memoPlan // compPlan memo for unforced components
	// planFor memo for unforced nodes; like prePlan it holds for the one
	// state next steps are ranked under
	basePlans []memoPlan // by node number
	// the component states of the destination's assignment, which the
	// explanation reads again for every component node
	states     []ComponentProgress
	statesOf   *state
	noPlanMemo bool // tests only: plan every node afresh, see TestPlanMemo
	// blocks the explanation trees are carved from, see newNodeProgress
	npBlock   []NodeProgress
	itemBlock []*NodeProgress
	// transient: the Progress is read only during EvaluateFunc's
	// callback, so it is carved from the scratch (see scratch.progress)
	transient bool
	renew     map[renewKey]renewalMemo
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
//
// Evaluate validates def on every call; to evaluate many learners against
// one definition, Prepare it once and call the Evaluator's Evaluate.
func Evaluate(def *Definition, earned []Earned, asOf time.Time, opts Options) (*Progress, error) {
	pe, err := Prepare(def, opts)
	if err != nil {
		return nil, err
	}
	return pe.Evaluate(earned, asOf)
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
	for _, ci := range ev.compsUnder(root) {
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

// overBudget reports whether the evaluation has used up Options.MaxWork.
func (ev *evaluator) overBudget() bool { return ev.work > ev.opts.maxWork() }

func (ev *evaluator) compName(ci int) string {
	c := &ev.def.Components[ci]
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}
