package cohort

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/microcred/microcred/pathway"
)

// ErrInput is wrapped by the errors of Summarize about its arguments (an
// invalid definition, negative limits).
var ErrInput = errors.New("cohort: bad input")

// Defaults of Options.
const (
	DefaultMaxDays       = 3650
	DefaultMaxFailures   = 10
	DefaultProgressEvery = 1000
	// DefaultStallAfterDays is the default of Options.StallAfter.
	DefaultStallAfterDays = 90
)

// Options tune Summarize. The zero Options is safe: it evaluates with
// pathway's default limits on GOMAXPROCS workers.
type Options struct {
	// Eval are the options of every learner's evaluation (the definition
	// is prepared once with them, see pathway.Prepare); its limits bound
	// the work of each learner. VerdictOnly, AssignmentsOnly, StatesOnly
	// and FirstStepOnly are ignored: Summarize always evaluates with
	// StatesOnly and FirstStepOnly, which keep exactly what the summary
	// counts.
	Eval pathway.Options
	// Workers is the number of learners evaluated at once. Zero means
	// GOMAXPROCS; more than GOMAXPROCS is capped to it. The Summary does
	// not depend on it.
	Workers int
	// StallAfter is how long a started, incomplete learner may go without a
	// step that counts before they are stalled. Zero means
	// DefaultStallAfterDays days.
	StallAfter pathway.Duration
	// MaxDays caps the day counts of the time distributions (see Days).
	// Zero means DefaultMaxDays (ten years).
	MaxDays int
	// MaxFailures bounds Summary.Failures. Zero means DefaultMaxFailures.
	MaxFailures int
	// Progress, when set, is told how many learners are done every
	// ProgressEvery learners (zero: DefaultProgressEvery) and once at the
	// end. Calls never overlap and their counts increase.
	Progress      func(done int)
	ProgressEvery int
	// Release, when set, is given each learner's credentials once their
	// evaluation is over and Summarize reads them no more, so that the
	// producer may reuse the slice for a later learner (as
	// cohorttest.LearnersReusing does): in a long run the credentials are
	// most of the bytes allocated per learner, and so decide how often
	// the garbage collector runs. It is called from the workers,
	// concurrently. Learners a cancelled run never evaluated are not
	// released.
	Release func(earned []pathway.Earned)

	// fullEval evaluates with the words (tests: the fast path must give
	// the same Summary).
	fullEval bool
}

type job struct {
	id     string
	earned []pathway.Earned
}

// batchSize is how many learners travel to a worker together: enough
// that handing over a batch (a channel send, perhaps waking a worker)
// costs nothing next to evaluating it, few enough that the learners in
// flight stay about a hundred (each holds its credentials).
const batchSize = 16

// Summarize evaluates every learner of a cohort against one pathway at
// asOf and summarises the results. learners yields each learner's id and
// verified credentials (Earned, as for pathway.Evaluate). A yielded slice
// is evaluated by a worker, possibly after later yields: yield a fresh
// slice for each learner and do not modify it afterwards, or reuse it only
// once Options.Release has handed it back.
//
// The cohort is streamed: learners are read one at a time, handed in
// batches of 16 to a pool of at most GOMAXPROCS workers (Options.Workers)
// through a channel of twice as many batches, evaluated and folded into
// per-worker tallies that are merged at the end. Memory is bounded by the
// learners in flight (at most 16 × (3 × workers + 1)) and by the tallies, whose size depends on the pathway (states
// per component and node, and day histograms of at most Options.MaxDays+1
// entries per component), never on the number of learners. Every tally is
// a sum of integers, so the summary is the same for any number of workers
// and any order of learners.
//
// A learner whose evaluation fails is counted in Summary.Failed and
// otherwise skipped; Summarize itself fails only for an invalid definition
// or a cancelled context.
func Summarize(ctx context.Context, def *pathway.Definition, learners iter.Seq2[string, []pathway.Earned], asOf time.Time, opts Options) (*Summary, error) {
	if def == nil || learners == nil {
		return nil, fmt.Errorf("%w: a definition and a learner sequence are required", ErrInput)
	}
	// The tally reads the verdict, the assignments, the component and
	// node states and the first next step, never the words nor the other
	// steps, so the evaluations leave those out
	// (pathway.Options.StatesOnly, FirstStepOnly): the same Summary at a
	// fraction of the cost per learner.
	eval := opts.Eval
	eval.VerdictOnly, eval.AssignmentsOnly = false, false
	eval.StatesOnly, eval.FirstStepOnly = !opts.fullEval, !opts.fullEval
	// Validated and indexed once, then shared by the workers.
	pe, err := pathway.Prepare(def, eval)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	if opts.Workers < 0 || opts.MaxDays < 0 || opts.MaxFailures < 0 || opts.ProgressEvery < 0 {
		return nil, fmt.Errorf("%w: negative option", ErrInput)
	}
	sh := newShape(def, asOf, opts)
	workers := min(cmp.Or(opts.Workers, runtime.GOMAXPROCS(0)), runtime.GOMAXPROCS(0))
	every := cmp.Or(opts.ProgressEvery, DefaultProgressEvery)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan []job, 2*workers)
	// Batches go back to the feeder once evaluated, so the cohort
	// allocates 3×workers+1 of them whatever its size.
	free := make(chan []job, 3*workers+1)
	accs := make([]*acc, workers)
	var (
		wg       sync.WaitGroup
		done     atomic.Int64
		mu       sync.Mutex
		reported int
	)
	report := func(n int) {
		mu.Lock()
		defer mu.Unlock()
		if n > reported {
			reported = n
			opts.Progress(n)
		}
	}
	for w := range accs {
		a := sh.newAcc()
		accs[w] = a
		wg.Go(func() {
			// The tally reads each Progress once and keeps only counts
			// (and a failure's text), so the evaluations lend it
			// (EvaluateFunc) rather than allocate one per learner.
			var id string
			tally := func(p *pathway.Progress, err error) { a.add(id, p, err) }
			for batch := range jobs {
				for i := range batch {
					if ctx.Err() != nil {
						break // drain, so the feeder never blocks
					}
					id = batch[i].id
					pe.EvaluateFunc(batch[i].earned, asOf, tally)
					if opts.Release != nil {
						opts.Release(batch[i].earned)
					}
					batch[i] = job{} // the learner's credentials may go
					if n := int(done.Add(1)); opts.Progress != nil && n%every == 0 {
						report(n)
					}
				}
				select {
				case free <- batch[:0]:
				default:
				}
			}
		})
	}
	var batch []job
	send := func() bool {
		select {
		case jobs <- batch:
		case <-ctx.Done():
			return false
		}
		select {
		case batch = <-free:
		default:
			batch = make([]job, 0, batchSize)
		}
		return true
	}
	batch = make([]job, 0, batchSize)
	for id, earned := range learners {
		// A cancelled run stops reading at once, not at the end of a
		// batch (an atomic load, cheap next to an evaluation).
		if ctx.Err() != nil {
			break
		}
		if batch = append(batch, job{id, earned}); len(batch) == batchSize && !send() {
			break
		}
	}
	if len(batch) > 0 && ctx.Err() == nil {
		send()
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cohort: %w", err)
	}
	total := accs[0]
	for _, a := range accs[1:] {
		total.merge(a)
	}
	if opts.Progress != nil {
		report(int(done.Load()))
	}
	return total.summary(), nil
}

// shape is what every tally needs to know about the pathway.
type shape struct {
	def         *pathway.Definition
	asOf        time.Time
	stallBefore time.Time
	maxDays     int
	maxFailures int
	compIdx     map[string]int
	nodes       []Node // paths, ids, kinds; States zero
	// under lists, per component, the nodes (pre-order indexes) it lies
	// under, itself included, once each.
	under [][]int
}

func newShape(def *pathway.Definition, asOf time.Time, opts Options) *shape {
	stall := opts.StallAfter
	if stall.IsZero() {
		stall = pathway.Duration{Days: DefaultStallAfterDays}
	}
	sh := &shape{def: def, asOf: asOf, stallBefore: stall.SubtractFrom(asOf),
		maxDays: cmp.Or(opts.MaxDays, DefaultMaxDays), maxFailures: cmp.Or(opts.MaxFailures, DefaultMaxFailures),
		compIdx: map[string]int{}}
	for i, c := range def.Components {
		sh.compIdx[c.ID] = i
	}
	sh.under = make([][]int, len(def.Components))
	seen := map[[2]int]bool{}
	var anc []int
	var walk func(n *pathway.Node, path string)
	walk = func(n *pathway.Node, path string) {
		if n == nil {
			return
		}
		name := n.Name
		ci, isComp := sh.compIdx[n.Component]
		isComp = isComp && n.Kind == pathway.KindComponent
		if isComp && name == "" {
			name = def.Components[ci].Name
		}
		anc = append(anc, len(sh.nodes))
		sh.nodes = append(sh.nodes, Node{Path: path, ID: n.ID, Name: name, Kind: n.Kind, Component: n.Component})
		if isComp {
			for _, k := range anc {
				if !seen[[2]int{ci, k}] {
					seen[[2]int{ci, k}] = true
					sh.under[ci] = append(sh.under[ci], k)
				}
			}
		}
		for i, it := range n.Items {
			walk(it, fmt.Sprintf("%s.items[%d]", path, i))
		}
		anc = anc[:len(anc)-1]
	}
	walk(def.Requirement, "requirement")
	return sh
}
