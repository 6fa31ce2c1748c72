// Package cohort evaluates a whole cohort of learners against one pathway
// and says where they stand: how many completed each component and
// requirement node, how many have it available, locked or expired, how long
// learners take between steps, and where they stall.
//
// # Streaming
//
// Summarize reads learners from an iterator (iter.Seq2 of learner id and
// verified credentials), evaluates each with one pathway.Evaluator (the
// definition is validated and indexed once by pathway.Prepare, with
// pathway.Options.StatesOnly and FirstStepOnly, since the tally counts
// states and the first next step but never reads the explanation's words
// or the other steps) on a pool of at most GOMAXPROCS workers, which
// receive the learners in batches of 16, folds each Progress into a
// per-worker tally and drops it: the Progress is lent
// (pathway.Evaluator.EvaluateFunc), so its memory serves the worker's next
// learner instead of becoming garbage. A producer that sets
// Options.Release is given each learner's credentials back once they are
// read no more, to generate or decode later learners into
// (cohorttest.LearnersReusing). Memory is bounded by the pathway (a few counters per
// component and node, and a day histogram of at most Options.MaxDays+1
// entries per component), not by the cohort: a million learners need no
// more than a thousand. BenchmarkCohort (10,000 and 100,000 learners)
// and TestMemoryDoesNotGrow measure it, BenchmarkLearners of package
// cohorttest the cost of generating the learners alone; figures are in
// BENCHMARKS.md in this directory.
//
// # Definitions
//
// Component and node states are those pathway.Evaluate reports (complete,
// in progress, available, locked, expired). A learner's steps are the
// credentials the evaluator counted, in the order they were earned; the
// time between steps is in whole days, and its quantiles are exact over
// per-component histograms (see Days). A learner stalls when they have
// started (a credential counts), are not complete, and nothing that counts
// was earned within Options.StallAfter (default 90 days); they stall at
// their next step (see Component.Next), and Summary.Stalls ranks the
// components where most learners stall.
//
// # Determinism
//
// Every tally is a sum of integers and the failure sample keeps the
// smallest learner ids, so the summary is the same for any worker count and
// any order of learners; TestDeterministic checks it.
//
// # Splitting a cohort
//
// A Summary carries its day histograms (Days.Histogram, at most MaxDays+1
// entries each) and the limits it was made with, so Merge combines the
// summaries of disjoint parts of a cohort into exactly the summary of the
// whole: a host can split a cohort across processes or machines, with
// whatever engine it runs, send the parts' summaries as JSON, and merge
// them in any order. TestMergeEqualsWhole checks it on random splits.
//
// # Output
//
// A Summary marshals to JSON for hosts; WriteCSV writes one sheet
// (encoding/csv) that spreadsheets open, with cells that would read as
// formulas defused. Package cohorttest generates pathways and cohorts of any
// size in constant memory for tests, benchmarks and demonstrations.
package cohort
