package pathway

import (
	"math"
	"time"
)

// State is the state of a component or a requirement node.
type State string

// States. Components are complete, available, locked or expired; groups
// are complete, in progress, available or locked.
const (
	// StateComplete: satisfied now.
	StateComplete State = "complete"
	// StateInProgress: a group with some progress that is not satisfied.
	StateInProgress State = "in-progress"
	// StateAvailable: can be earned now.
	StateAvailable State = "available"
	// StateLocked: cannot count yet or any more; Reason says why (a
	// prerequisite, an order broken by dates, a time window closed).
	StateLocked State = "locked"
	// StateExpired: a credential that filled it is no longer valid.
	StateExpired State = "expired"
)

// Progress is the result of Evaluate: where a learner stands on one version
// of a pathway at one time, and why. It marshals to JSON as a decision record.
type Progress struct {
	PathwayID string    `json:"pathwayId"`
	Version   string    `json:"version"`
	Name      string    `json:"name,omitempty"`
	AsOf      time.Time `json:"asOf"`
	// Complete is true when the destination's requirement is satisfied.
	Complete bool `json:"complete"`
	// Percent is the progress toward the destination, 0 to 100, rounded
	// to one decimal; it reads 100 only when Complete (an incomplete
	// destination that would round up reads 99.9). See the package
	// documentation for how groups count.
	Percent float64 `json:"percent"`
	// Credits tallies every credit and point threshold of the requirement.
	Credits []CreditTally `json:"credits,omitempty"`
	// TotalCredits sums, per unit, what the credentials counted are worth
	// (their own credits, else the component's declared credits).
	TotalCredits []Quantity `json:"totalCredits,omitempty"`
	// Root is the explanation tree of the requirement.
	Root *NodeProgress `json:"requirement"`
	// Components lists every component in definition order.
	Components []ComponentProgress `json:"components"`
	// Milestones lists every milestone in definition order.
	Milestones []MilestoneProgress `json:"milestones,omitempty"`
	// Assignments says which credential fills which component.
	Assignments []Assignment `json:"assignments"`
	// Credentials says, for every credential given, whether and where it
	// counts, and if not, why not.
	Credentials []CredentialUse `json:"credentials"`
	// Missing says in plain words what is still needed.
	Missing []string `json:"missing,omitempty"`
	// NextSteps ranks the components worth earning next.
	NextSteps []NextStep `json:"nextSteps,omitempty"`
	// Optimal is false only when a search budget (Options.MaxSearchSteps
	// or Options.MaxWork) ran out before the assignment was proven best;
	// the result is then the best found, still a valid assignment.
	Optimal     bool `json:"optimal"`
	SearchSteps int  `json:"searchSteps"`
}

// NodeProgress explains one requirement node.
type NodeProgress struct {
	ID        string `json:"id,omitempty"`
	Name      string `json:"name,omitempty"`
	Kind      Kind   `json:"kind"`
	Component string `json:"component,omitempty"`
	State     State  `json:"state"`
	Satisfied bool   `json:"satisfied"`
	// Percent is this node's progress, 0 to 100; 100 only when Satisfied.
	Percent float64 `json:"percent"`
	// Have and Need count satisfied items of allOf, anyOf and nOf nodes.
	Have int `json:"have,omitempty"`
	Need int `json:"need,omitempty"`
	// Credits is set on credits and points nodes.
	Credits *CreditTally `json:"credits,omitempty"`
	// Explanation says in plain words what holds and what is missing.
	Explanation string          `json:"explanation"`
	Items       []*NodeProgress `json:"items,omitempty"`
	// again is the guidance of a broken time rule on this node, which
	// Missing keeps when it lists the node's items instead of the node.
	again string
}

// ComponentProgress is the state of one component.
type ComponentProgress struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	State State  `json:"state"`
	// Reason explains a state other than complete, or notes how a
	// complete component was filled.
	Reason string `json:"reason,omitempty"`
	// Credential is the id of the credential filling the component,
	// CredentialIssuer its issuer id: ids are unique per issuer only.
	Credential       string            `json:"credential,omitempty"`
	CredentialIssuer string            `json:"credentialIssuer,omitempty"`
	Via              []EquivalenceStep `json:"via,omitempty"`
}

// Assignment records that a credential fills a component, and through which
// equivalences.
type Assignment struct {
	Component  string `json:"component"`
	Credential string `json:"credential"`
	// Issuer is the issuer id of the credential: with Credential it names
	// the credential unambiguously (OB 3.0 ids are unique per issuer only).
	Issuer      string            `json:"issuer,omitempty"`
	Achievement string            `json:"achievement"`
	EarnedAt    time.Time         `json:"earnedAt,omitzero"`
	ValidUntil  time.Time         `json:"validUntil,omitzero"`
	Via         []EquivalenceStep `json:"via,omitempty"`
}

// CredentialUse says what became of one credential.
type CredentialUse struct {
	ID          string   `json:"id"`
	Issuer      string   `json:"issuer,omitempty"`
	Achievement string   `json:"achievement"`
	Used        bool     `json:"used"`
	Components  []string `json:"components,omitempty"`
	Reason      string   `json:"reason,omitempty"`
}

// CreditTally is the state of one credit or point threshold.
type CreditTally struct {
	Node     string  `json:"node,omitempty"`
	Name     string  `json:"name,omitempty"`
	Unit     string  `json:"unit"`
	Earned   float64 `json:"earned"`
	Required float64 `json:"required"`
}

// MilestoneProgress is the state of one milestone, evaluated on its own.
type MilestoneProgress struct {
	ID          string         `json:"id"`
	Name        string         `json:"name,omitempty"`
	Achievement AchievementRef `json:"achievement"`
	Complete    bool           `json:"complete"`
	Percent     float64        `json:"percent"`
	Assignments []Assignment   `json:"assignments,omitempty"`
	Root        *NodeProgress  `json:"requirement"`
	Optimal     bool           `json:"optimal"`
}

// NextStep is a component worth earning next: earning it leaves fewer
// components to earn than now. Progress.NextSteps ranks them: steps that
// can be taken now (Now) first, then fewest Remaining, then suggested order
// (Precedes), then definition order.
type NextStep struct {
	Component string `json:"component"`
	Name      string `json:"name,omitempty"`
	State     State  `json:"state"`
	// Now is true when earning the component now would count: it is
	// available, or expired with every prerequisite filled. Steps that
	// can be taken now rank first.
	Now bool `json:"now"`
	// Achievements are the achievement ids that fill the component.
	Achievements []string `json:"achievements,omitempty"`
	// Remaining estimates how many more components are needed after this
	// one to complete the destination (0: this one finishes it).
	Remaining int    `json:"remaining"`
	Reason    string `json:"reason,omitempty"`
}

// percent rounds progress to one decimal, but never up to 100 while
// something is missing: 1,999 of 2,000 reads 99.9, not a completion.
func percent(p float64) float64 {
	r := math.Round(p*1000) / 10
	if r >= 100 && p < 1-eps {
		return 99.9
	}
	return r
}

func (ev *evaluator) run() *Progress {
	def := ev.def
	// Chosen before either is taken: &Progress{} assigned over would
	// still be allocated on every call.
	var p *Progress
	if ev.transient {
		p = &ev.sc.progress
	} else {
		p = new(Progress)
	}
	*p = Progress{PathwayID: def.ID, Version: def.Version, Name: def.Name, AsOf: ev.asOf}
	assign, obj, optimal, steps := ev.solve(def.Requirement, ev.topo)
	p.Complete, p.Percent, p.Optimal, p.SearchSteps = obj.sat, percent(obj.prog), optimal, steps
	s := &ev.sc.state // the final assignment's, read until run returns
	*s = state{assign: assign}
	guide := !ev.opts.VerdictOnly && !ev.opts.AssignmentsOnly
	if !ev.opts.AssignmentsOnly {
		p.Components = ev.componentStates(s)
		ev.states, ev.statesOf = p.Components, s
	}
	if guide {
		p.Root = ev.explain(def.Requirement, s)
	}
	p.Assignments = ev.assignments(assign)
	if !ev.opts.AssignmentsOnly {
		p.Credentials = ev.credentialUses(assign)
	}
	p.TotalCredits = ev.totalCredits(assign)
	if guide {
		if !ev.quiet() {
			p.Credits = collectCredits(p.Root)
			p.Missing = missing(p.Root)
		}
		if !p.Complete {
			p.NextSteps = ev.rankSteps(def.Requirement, s, p.Components)
		}
	}
	for _, m := range def.Milestones {
		root := m.Requirement
		if root == nil {
			root = def.Requirement.find(m.Node)
		}
		a, o, opt, st := ev.solve(root, ev.relevantTo(root))
		p.SearchSteps += st
		mp := MilestoneProgress{ID: m.ID, Name: m.Name, Achievement: m.Achievement,
			Complete: o.sat, Percent: percent(o.prog), Optimal: opt,
			Assignments: ev.assignments(a)}
		if guide {
			mp.Root = ev.explain(root, &state{assign: a})
		}
		p.Milestones = append(p.Milestones, mp)
		p.Optimal = p.Optimal && opt
	}
	return p
}

func (ev *evaluator) assignments(assign []int) []Assignment {
	n := 0
	for _, a := range assign {
		if a >= 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	var out []Assignment
	if ev.transient {
		out = ev.sc.outAssign.lend(n)[:0]
	} else {
		out = make([]Assignment, 0, n)
	}
	for ci, a := range assign {
		if a < 0 {
			continue
		}
		k := ev.cands[ci][a]
		e := ev.earned[k.cred]
		out = append(out, Assignment{ev.def.Components[ci].ID, e.ID, e.IssuerID, e.AchievementID, e.EarnedAt, e.ValidUntil, k.via})
	}
	return out
}

func (ev *evaluator) totalCredits(assign []int) []Quantity {
	var out []Quantity
	add := func(v float64, unit string) {
		for i := range out {
			if unitEqual(out[i].Unit, unit) {
				out[i].Value += v
				return
			}
		}
		out = append(out, Quantity{v, unit})
	}
	for ci, a := range assign {
		if a < 0 {
			continue
		}
		e := ev.earned[ev.cands[ci][a].cred]
		c := &ev.def.Components[ci]
		switch {
		case e.Credits > 0 && (e.CreditUnit != "" || c.Credits == nil):
			// A credential's credits are in its own unit; unitless ones
			// never take the component's unit (see creditWorth), so the
			// component's declared credits count instead.
			add(e.Credits, e.CreditUnit)
		case c.Credits != nil && c.Credits.Value > 0:
			add(c.Credits.Value, c.Credits.Unit)
		}
	}
	return out
}
