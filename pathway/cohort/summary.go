package cohort

import (
	"time"

	"github.com/microcred/microcred/pathway"
)

// A Summary is what Summarize learns about a cohort on one pathway. Every
// count is of learners. It marshals to JSON; WriteCSV writes a sheet.
type Summary struct {
	PathwayID string    `json:"pathwayId"`
	Version   string    `json:"version"`
	Name      string    `json:"name,omitempty"`
	AsOf      time.Time `json:"asOf"`
	// Learners counts the learners evaluated, Failed those whose
	// evaluation returned an error (they count nowhere else); Failures
	// lists the first few by learner id.
	Learners int       `json:"learners"`
	Failed   int       `json:"failed"`
	Failures []Failure `json:"failures,omitempty"`
	// FailureLimit and MaxDays are the Options.MaxFailures and
	// Options.MaxDays the summary was made with; Merge needs equal ones.
	FailureLimit int `json:"failureLimit"`
	MaxDays      int `json:"maxDays"`
	// Complete learners satisfy the pathway; Started ones fill at least one
	// component; Stalled ones are started, incomplete, and have earned
	// nothing that counts for Options.StallAfter (see Component.Stalled).
	Complete int `json:"complete"`
	Started  int `json:"started"`
	Stalled  int `json:"stalled"`
	// NotOptimal counts evaluations whose search ran out of its budget,
	// pathway.Options.MaxSearchSteps or MaxWork (their progress is a lower
	// bound).
	NotOptimal int `json:"notOptimal,omitempty"`
	// BetweenSteps is the distribution of days between consecutive steps
	// of every learner; ToComplete, of days from the first to the last
	// step of complete learners.
	BetweenSteps Days `json:"daysBetweenSteps"`
	ToComplete   Days `json:"daysToComplete"`
	// Components in definition order; Nodes in pre-order of the
	// requirement tree.
	Components []Component `json:"components"`
	Nodes      []Node      `json:"nodes"`
	// Stalls ranks the components where stalled learners stand, most
	// first (ties by definition order); components where none stall are
	// left out.
	Stalls []Stall `json:"stalls,omitempty"`
}

// Failure is a learner whose evaluation failed.
type Failure struct {
	Learner string `json:"learner"`
	Error   string `json:"error"`
}

// States counts learners by the state pathway.Evaluate gave a component or
// a node. Components are never in progress; nodes are never expired.
type States struct {
	Complete   int `json:"complete"`
	InProgress int `json:"inProgress"`
	Available  int `json:"available"`
	Locked     int `json:"locked"`
	Expired    int `json:"expired"`
}

func (s *States) add(st pathway.State) {
	switch st {
	case pathway.StateComplete:
		s.Complete++
	case pathway.StateInProgress:
		s.InProgress++
	case pathway.StateAvailable:
		s.Available++
	case pathway.StateLocked:
		s.Locked++
	case pathway.StateExpired:
		s.Expired++
	}
}

func (s *States) merge(o States) {
	s.Complete += o.Complete
	s.InProgress += o.InProgress
	s.Available += o.Available
	s.Locked += o.Locked
	s.Expired += o.Expired
}

// Component is the cohort's standing on one component.
type Component struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	States
	// Next counts incomplete learners whose next step is this component:
	// the first of pathway.Progress.NextSteps, which ranks the steps that
	// can be earned now (available, or expired with their prerequisites
	// filled) first. Stalled counts those of them who are stalled:
	// started, with no step that counts for Options.StallAfter. "Where
	// learners stall" is Stalled: the first open step on their path that
	// stays unearned.
	Next    int `json:"next"`
	Stalled int `json:"stalled"`
	// FromPrevious is the distribution of days between the learner's
	// previous step and the step that filled this component, over learners
	// for whom it was not the first step.
	FromPrevious Days `json:"daysFromPrevious"`
}

// Node is the cohort's standing on one requirement node.
type Node struct {
	// Path locates the node: "requirement", "requirement.items[2]"...
	Path      string       `json:"path"`
	ID        string       `json:"id,omitempty"`
	Name      string       `json:"name,omitempty"`
	Kind      pathway.Kind `json:"kind"`
	Component string       `json:"component,omitempty"`
	States
	// Stalled counts stalled learners whose next step (see
	// Component.Next) lies under this node: where in the requirement
	// learners stall, whichever elective they would take next.
	Stalled int `json:"stalled"`
}

// Stall is one entry of Summary.Stalls.
type Stall struct {
	Component string `json:"component"`
	Name      string `json:"name,omitempty"`
	Stalled   int    `json:"stalled"`
	// Share is Stalled over Summary.Stalled, 0 to 1, to four places.
	Share float64 `json:"share"`
}

// Days summarises a distribution of whole days. The quantiles are exact
// over the values as counted: days are floored to whole days, and values
// above Options.MaxDays are counted as MaxDays (Capped says how many), so
// a quantile equal to MaxDays means "MaxDays or more". A quantile is the
// smallest value with at least that share of the values at or below it
// (so Median is the lower median). With Count 0 every quantile is -1.
type Days struct {
	Count  int `json:"count"`
	Median int `json:"median"`
	P25    int `json:"p25"`
	P75    int `json:"p75"`
	P90    int `json:"p90"`
	Max    int `json:"max"`
	Capped int `json:"capped,omitempty"`
	// Histogram counts the values by day, ascending, days with none left
	// out: at most MaxDays+1 entries whatever the cohort's size. It is what
	// lets Merge compute the quantiles of a union exactly.
	Histogram []DayCount `json:"histogram,omitempty"`
}

// DayCount is one entry of Days.Histogram.
type DayCount struct {
	Days  int `json:"days"`
	Count int `json:"count"`
}
