package cohort

import (
	"fmt"
	"slices"
)

// Merge returns the summary of the union of two disjoint cohorts from
// their summaries: exactly what Summarize gives for all their learners at
// once, quantiles included (they are recomputed from the day histograms),
// and the failure sample the smallest learner ids of both. So a host can
// split a cohort across processes or machines, summarise the parts with
// the same definition, time and Options, and combine them, through JSON
// if it likes. Merge is associative and commutative; it changes neither
// argument. Summaries of different pathways, versions, times, shapes or
// limits are an ErrInput: their union means nothing.
func Merge(a, b *Summary) (*Summary, error) {
	if err := compatible(a, b); err != nil {
		return nil, err
	}
	s := &Summary{PathwayID: a.PathwayID, Version: a.Version, Name: a.Name, AsOf: a.AsOf,
		Learners: a.Learners + b.Learners, Failed: a.Failed + b.Failed,
		Complete: a.Complete + b.Complete, Started: a.Started + b.Started, Stalled: a.Stalled + b.Stalled,
		NotOptimal: a.NotOptimal + b.NotOptimal, FailureLimit: a.FailureLimit, MaxDays: a.MaxDays,
		BetweenSteps: mergeDays(a.BetweenSteps, b.BetweenSteps), ToComplete: mergeDays(a.ToComplete, b.ToComplete),
		Components: slices.Clone(a.Components), Nodes: slices.Clone(a.Nodes)}
	s.Failures = slices.Concat(a.Failures, b.Failures)
	slices.SortFunc(s.Failures, cmpFailure)
	s.Failures = slices.Clip(s.Failures[:min(len(s.Failures), s.FailureLimit)])
	if len(s.Failures) == 0 {
		s.Failures = nil
	}
	for i := range s.Components {
		c, o := &s.Components[i], &b.Components[i]
		c.States.merge(o.States)
		c.Next += o.Next
		c.Stalled += o.Stalled
		c.FromPrevious = mergeDays(c.FromPrevious, o.FromPrevious)
		if c.Stalled > 0 {
			s.Stalls = append(s.Stalls, Stall{Component: c.ID, Name: c.Name, Stalled: c.Stalled})
		}
	}
	for i := range s.Nodes {
		s.Nodes[i].States.merge(b.Nodes[i].States)
		s.Nodes[i].Stalled += b.Nodes[i].Stalled
	}
	rankStalls(s)
	return s, nil
}

// compatible says why a and b cannot be merged, if they cannot.
func compatible(a, b *Summary) error {
	switch {
	case a == nil || b == nil:
		return fmt.Errorf("%w: merging a nil summary", ErrInput)
	case a.PathwayID != b.PathwayID || a.Version != b.Version:
		return fmt.Errorf("%w: summaries of %s version %s and %s version %s; merge summaries of one pathway version",
			ErrInput, a.PathwayID, a.Version, b.PathwayID, b.Version)
	case !a.AsOf.Equal(b.AsOf):
		return fmt.Errorf("%w: summaries as of %s and %s; summarise every part at the same time", ErrInput, a.AsOf, b.AsOf)
	case a.FailureLimit != b.FailureLimit || a.MaxDays != b.MaxDays:
		return fmt.Errorf("%w: summaries made with different MaxFailures or MaxDays; use the same Options for every part", ErrInput)
	case len(a.Components) != len(b.Components) || len(a.Nodes) != len(b.Nodes):
		return fmt.Errorf("%w: summaries of differently shaped definitions", ErrInput)
	}
	for i := range a.Components {
		if a.Components[i].ID != b.Components[i].ID {
			return fmt.Errorf("%w: component %d is %s in one summary and %s in the other", ErrInput, i, a.Components[i].ID, b.Components[i].ID)
		}
	}
	for i := range a.Nodes {
		if a.Nodes[i].Path != b.Nodes[i].Path || a.Nodes[i].Kind != b.Nodes[i].Kind || a.Nodes[i].Component != b.Nodes[i].Component {
			return fmt.Errorf("%w: requirement node %s differs between the summaries", ErrInput, a.Nodes[i].Path)
		}
	}
	return nil
}

// rankStalls orders Summary.Stalls, most first (ties in definition order),
// and sets their shares.
func rankStalls(s *Summary) {
	slices.SortStableFunc(s.Stalls, func(x, y Stall) int { return y.Stalled - x.Stalled })
	for i := range s.Stalls {
		s.Stalls[i].Share = float64(s.Stalls[i].Stalled*10000/max(s.Stalled, 1)) / 10000
	}
}
