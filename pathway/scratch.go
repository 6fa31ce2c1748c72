package pathway

// scratch is the working memory of one evaluation: the candidate lists,
// the search's state and its matchings. None of it reaches the Progress an
// evaluation returns (what does is allocated afresh), so an Evaluator keeps
// scratch in a sync.Pool and a cohort of learners evaluated one after the
// other allocates it once per goroutine rather than once per learner; at
// 50 components and 40 credentials this was most of a verdict's
// allocations and a third of its time in the garbage collector.
type scratch struct {
	kept    []*Earned
	order   []keyedEarned
	cands   [][]cand
	misses  [][]miss
	groups  map[string]int
	ints    arena[int]
	int32s  arena[int32]
	uint32s arena[uint32]
	bools   arena[bool]
	refs    arena[matchRef]
	matches arena[incMatch]
	slices  arena[[]int32]
	slots   arena[slotNode]
	plans   arena[memoPlan]
	int8s   arena[int8]
	matchp  arena[*incMatch]
	text    []byte    // reasons being written, see componentStates
	fbuf    []float64 // evaluator.fbuf
	// topTable's tables (topstep.go), free of pointers
	topVal   []topVal
	topStack []bplan
	topWorth []worthPlan
	// The Progress of EvaluateFunc and what it points to, which the host
	// reads only until its callback returns: carved here rather than
	// allocated, they are most of the bytes an evaluation allocates.
	progress  Progress
	outNodes  arena[NodeProgress]
	outItems  arena[*NodeProgress]
	outComps  arena[ComponentProgress]
	outAssign arena[Assignment]
	outUses   arena[CredentialUse]
	outIDs    arena[string]
	outSteps  arena[NextStep]
	ev        evaluator // the evaluation itself: nothing of it outlives run
	search    search    // solve's, one at a time
	state     state     // the final assignment's, see run
}

// reset empties s for the next evaluation, dropping the pointers it holds
// so that a pooled scratch keeps no learner's credentials alive.
func (s *scratch) reset() {
	clear(s.kept)
	s.kept = s.kept[:0]
	clear(s.order)
	s.order = s.order[:0]
	for i := range s.cands {
		clear(s.cands[i])
		s.cands[i] = s.cands[i][:0]
	}
	for i := range s.misses {
		s.misses[i] = s.misses[i][:0]
	}
	clear(s.groups)
	s.fbuf = s.ev.fbuf[:0] // keep what it grew to
	s.ev = evaluator{}
	s.search = search{}
	s.state = state{}
	s.ints.reset()
	s.int32s.reset()
	s.uint32s.reset()
	s.bools.reset()
	s.refs.release()
	s.matches.release()
	s.slices.release()
	s.slots.release()
	s.plans.release()
	s.int8s.reset()
	s.matchp.release()
	s.progress = Progress{}
	s.outNodes.release()
	s.outItems.release()
	s.outComps.release()
	s.outAssign.release()
	s.outUses.release()
	s.outIDs.release()
	s.outSteps.release()
}

// getScratch takes a scratch from the Evaluator's pool.
func (pe *Evaluator) getScratch() *scratch {
	if s, ok := pe.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{groups: map[string]int{}}
}

// putScratch returns s to the pool once nothing of the evaluation that
// used it is read any more.
func (pe *Evaluator) putScratch(s *scratch) {
	s.reset()
	pe.pool.Put(s)
}

// arena hands out zeroed slices carved from one buffer, which reset makes
// reusable. Each slice is capped at its length, so an append to it copies
// rather than writing into its neighbour. When the buffer runs out a
// larger one replaces it; the slices already handed out keep the old one
// alive until the evaluation ends, and the next evaluation fits in the new.
type arena[T any] struct {
	buf []T
	// zero: the buffer past len(buf) is all zero (fresh, or cleared by
	// release), so take need not clear it. Clearing memory that holds
	// pointers costs a write barrier per word while the collector runs.
	zero bool
}

func (a *arena[T]) take(n int) []T {
	if n > cap(a.buf)-len(a.buf) {
		// Small to start: a one-shot Evaluate uses a fresh scratch once.
		a.buf, a.zero = make([]T, 0, max(n, 2*cap(a.buf), 16)), true
	}
	lo := len(a.buf)
	a.buf = a.buf[:lo+n]
	s := a.buf[lo : lo+n : lo+n]
	if !a.zero {
		clear(s)
	}
	return s
}

// lend is take for what a lent Progress (EvaluateFunc) holds: like the
// make it stands in for, it never returns nil, which JSON would show.
func (a *arena[T]) lend(n int) []T {
	if n == 0 {
		return []T{} // no allocation: zero-sized
	}
	return a.take(n)
}

// takeFilled is take with every element set to v.
func (a *arena[T]) takeFilled(n int, v T) []T {
	s := a.take(n)
	for i := range s {
		s[i] = v
	}
	return s
}

// maxKept bounds the elements an arena keeps for the next evaluation: a
// hostile or huge learner may need more, but the pool should not pin it.
const maxKept = 1 << 16

// reset makes the whole buffer reusable; take clears what it hands out.
func (a *arena[T]) reset() {
	if cap(a.buf) > maxKept {
		a.buf = nil
	}
	a.buf, a.zero = a.buf[:0], false
}

// release is reset for arenas of pointers, which it also drops: a pooled
// scratch must not keep the last learner's evaluation alive.
func (a *arena[T]) release() {
	if cap(a.buf) > maxKept {
		a.buf = nil
	}
	clear(a.buf)
	a.buf, a.zero = a.buf[:0], true
}
