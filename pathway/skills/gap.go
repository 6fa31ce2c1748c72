package skills

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// Defaults of GapOptions.
const (
	DefaultMaxCatalogue    = 10000
	DefaultMaxExactChecks  = 2000
	DefaultMaxExactSubsets = 1 << 20
	DefaultMaxClosers      = 10
)

// GapOptions tune Analyze. The zero GapOptions is safe for untrusted input.
type GapOptions struct {
	// Eval is passed to every pathway.Evaluate call.
	Eval pathway.Options
	// MaxCatalogue bounds the catalogue. Default DefaultMaxCatalogue.
	MaxCatalogue int
	// MaxExactChecks bounds the evaluations the exact search may make to
	// confirm candidate plans, and MaxExactSubsets the candidate sets it may
	// enumerate (each a cheap bit-set test). When either runs out the greedy
	// plan is returned with Gap.Exact false. Defaults DefaultMaxExactChecks
	// and DefaultMaxExactSubsets; a negative MaxExactChecks skips the exact
	// search.
	MaxExactChecks  int
	MaxExactSubsets int
	// MaxClosers bounds the closers listed per gap (Missing.More counts the
	// rest). Default DefaultMaxClosers.
	MaxClosers int
}

// A Gap is a learner's standing against a role, and the fewest catalogue
// achievements that would close what is missing.
type Gap struct {
	Role    string    `json:"role"`           // the role's id
	Name    string    `json:"name,omitempty"` // the role's name, for people
	AsOf    time.Time `json:"asOf"`           // the time the learner was evaluated at
	Met     bool      `json:"met"`            // the learner meets the role now
	Percent float64   `json:"percent"`        // how much of the role is met, as pathway.Progress.Percent
	// Have lists the requirements (components) the learner meets.
	Have []Held `json:"have"`
	// Missing lists the requirements not met, each with the catalogue
	// achievements that would meet it.
	Missing []Missing `json:"missing"`
	// Plan is the smallest set of catalogue achievements found whose
	// earning would meet the role, most gaps closed first.
	Plan []Suggestion `json:"plan,omitempty"`
	// Closes is true when earning the whole Plan meets the role (checked
	// by evaluating it); false when the catalogue cannot close every gap,
	// and Plan is then the greedy plan that closes the most.
	Closes bool `json:"closes"`
	// Exact is true when Plan is proven minimal: no smaller set of
	// catalogue achievements meets the role. Method says how it was found.
	Exact bool `json:"exact"`
	// Method says, for people, how Plan was found: the exact search, or a
	// greedy cover and why the exact search was not used.
	Method string `json:"method"`
}

// Held is a requirement met and the credential meeting it.
type Held struct {
	Component   string `json:"component"`      // the requirement's component id
	Name        string `json:"name,omitempty"` // its name, for people
	Credential  string `json:"credential"`     // the id of the credential meeting it
	Achievement string `json:"achievement"`    // the achievement that credential asserts
}

// Missing is a requirement not met.
type Missing struct {
	Component string        `json:"component"`        // the requirement's component id
	Name      string        `json:"name,omitempty"`   // its name, for people
	State     pathway.State `json:"state"`            // where the learner stands on it
	Reason    string        `json:"reason,omitempty"` // why it is not met, in plain words
	// Closers are catalogue achievements that would meet this requirement:
	// those in the plan first, then those meeting the most gaps.
	Closers []Closer `json:"closers,omitempty"`
	// More counts closers beyond GapOptions.MaxClosers.
	More int `json:"more,omitempty"`
}

// Closer is a catalogue achievement that would meet a requirement.
type Closer struct {
	Achievement string `json:"achievement"`      // the catalogue achievement's id
	Name        string `json:"name,omitempty"`   // its name, for people
	InPlan      bool   `json:"inPlan,omitempty"` // it is part of Gap.Plan
}

// Suggestion is one achievement of the plan and the requirements it meets.
type Suggestion struct {
	Achievement string   `json:"achievement"`    // the catalogue achievement's id
	Name        string   `json:"name,omitempty"` // its name, for people
	Closes      []string `json:"closes"`         // the component ids it would meet
}

// catalogueID prefixes the ids of the credentials Analyze imagines.
const catalogueID = "urn:microcred:skills:catalogue:"

// Analyze evaluates a learner's credentials against a role — any pathway
// definition, typically one compiled by Role.Definition — at asOf, and
// proposes the fewest achievements from catalogue that would meet it.
//
// Earning a catalogue achievement is imagined as a credential earned at
// asOf with the achievement's alignments, its creator as issuer, its
// creditsAvailable, and for each ResultDescription a Completed result at
// the description's requiredLevel or requiredValue: what earning it
// guarantees, no more.
//
// The plan is a minimum set cover. First, each catalogue achievement is
// evaluated alone against a relaxed copy of the role (no prerequisites or
// time rules, every slot reusable) to learn which requirements it can meet;
// those meeting none are dropped. Then sets of 1, 2, 3... achievements are
// enumerated in a fixed order; a set is evaluated against the real role
// only when, optimistically (threshold and not rules counted as met), the
// requirements it and the learner can meet satisfy the requirement tree.
// The first set that meets the role is minimal, since every smaller set
// was ruled out. When MaxExactChecks or MaxExactSubsets run out, the plan
// is greedy: repeatedly take the achievement meeting the most unmet
// requirements, then drop any whose removal still meets the role. For a
// role that is an allOf of requirements (what Role compiles to) this is the
// classic greedy set cover, at most H(m) ≈ 1 + ln m times the optimum for m
// missing requirements; for other trees no bound is claimed.
//
// Cost: two evaluations of the learner's credentials, one per catalogue
// achievement (against the relaxed role, with that credential alone), at
// most MaxExactChecks for the exact search, and one per plan entry for the
// greedy plan; the exact search also enumerates at most MaxExactSubsets
// sets as bit sets.
func Analyze(role *pathway.Definition, earned []pathway.Earned, asOf time.Time, catalogue []badge.Achievement, opts GapOptions) (*Gap, error) {
	if role == nil {
		return nil, fmt.Errorf("%w: no role", ErrInput)
	}
	if m := cmp.Or(opts.MaxCatalogue, DefaultMaxCatalogue); len(catalogue) > m {
		return nil, fmt.Errorf("%w: %d catalogue achievements, at most %d (GapOptions.MaxCatalogue)", ErrLimit, len(catalogue), m)
	}
	for _, e := range earned {
		if strings.HasPrefix(e.ID, catalogueID) {
			return nil, fmt.Errorf("%w: credential id %q uses the prefix reserved for imagined credentials", ErrInput, e.ID)
		}
	}
	core, relaxed, err := variants(role)
	if err != nil {
		return nil, err
	}
	a := &analysis{core: core, earned: earned, asOf: asOf, opts: opts}
	base, err := a.eval(nil)
	if err != nil {
		return nil, err
	}
	g := &Gap{Role: role.ID, Name: role.Name, AsOf: asOf, Met: base.Complete, Percent: base.Percent, Have: []Held{}, Missing: []Missing{}}
	byComp := map[string]pathway.Assignment{}
	for _, as := range base.Assignments {
		byComp[as.Component] = as
	}
	var gaps []int
	for i, cp := range base.Components {
		if cp.State == pathway.StateComplete {
			as := byComp[cp.ID]
			g.Have = append(g.Have, Held{cp.ID, cp.Name, as.Credential, as.Achievement})
		} else {
			gaps = append(gaps, i)
			// pathway explains the credentials that align to a
			// requirement but do not meet it (a level too low, an
			// issuer not accepted, an expiry).
			g.Missing = append(g.Missing, Missing{Component: cp.ID, Name: cp.Name, State: cp.State, Reason: cp.Reason})
		}
	}
	if base.Complete {
		g.Closes, g.Exact, g.Method = true, true, "already met"
		return g, nil
	}

	// What each catalogue achievement, and the learner, could meet.
	n := len(core.Components)
	a.hyp = make([]pathway.Earned, 0, len(catalogue))
	seen := map[string]bool{}
	for i := range catalogue {
		ach := &catalogue[i]
		if ach.ID == "" || seen[ach.ID] {
			continue
		}
		seen[ach.ID] = true
		a.hyp = append(a.hyp, imagine(ach, fmt.Sprintf("%s%d", catalogueID, i), asOf))
		a.names = append(a.names, ach.Name)
	}
	learner, err := filled(relaxed, earned, asOf, opts.Eval, n)
	if err != nil {
		return nil, err
	}
	isGap := newBits(n)
	for _, ci := range gaps {
		isGap.set(ci)
	}
	type cand struct {
		h      int
		covers bits // gaps it can meet
		count  int
	}
	var cands []cand
	for h := range a.hyp {
		b, err := filled(relaxed, a.hyp[h:h+1], asOf, opts.Eval, n)
		if err != nil {
			return nil, err
		}
		b.and(isGap)
		if c := b.count(); c > 0 {
			cands = append(cands, cand{h, b, c})
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int {
		return cmp.Or(y.count-x.count, strings.Compare(a.hyp[x.h].AchievementID, a.hyp[y.h].AchievementID))
	})

	var plan []int // indexes into cands
	tree := compile(core.Requirement, core)
	all := learner.clone()
	for _, c := range cands {
		all.or(c.covers)
	}
	possible := tree.possible(all)
	if possible && opts.MaxExactChecks >= 0 {
		var covers []bits
		var hyps, index []int
		drop := dominated(func() []bits {
			var cs []bits
			for _, c := range cands {
				cs = append(cs, c.covers)
			}
			return cs
		}(), tree, core)
		for i, c := range cands {
			if !drop[i] {
				covers, hyps, index = append(covers, c.covers), append(hyps, c.h), append(index, i)
			}
		}
		var set []int
		if set, g.Exact = a.exact(covers, hyps, learner, tree); g.Exact {
			for _, i := range set {
				plan = append(plan, index[i])
			}
			g.Method = fmt.Sprintf("exact: every smaller set of the %d relevant catalogue achievements (%d after dropping those another covers) was ruled out",
				len(cands), len(covers))
		}
	}
	if !g.Exact {
		// Greedy cover of the gaps, then drop what is not needed.
		covered := learner.clone()
		for {
			best, gain := -1, 0
			for i, c := range cands {
				if slices.Contains(plan, i) {
					continue
				}
				x := c.covers.clone()
				x.andNot(covered)
				if k := x.count(); k > gain {
					best, gain = i, k
				}
			}
			if best < 0 {
				break
			}
			plan = append(plan, best)
			covered.or(cands[best].covers)
		}
		hs := func(set []int) []pathway.Earned {
			var out []pathway.Earned
			for _, i := range set {
				out = append(out, a.hyp[cands[i].h])
			}
			return out
		}
		if p, err := a.eval(hs(plan)); err == nil && p.Complete {
			for i := 0; i < len(plan); {
				trial := slices.Delete(slices.Clone(plan), i, i+1)
				if p, err := a.eval(hs(trial)); err == nil && p.Complete {
					plan = trial
					continue
				}
				i++
			}
		}
		if !possible {
			g.Method = "greedy: the catalogue cannot meet every requirement; the plan meets as many as it can"
		} else {
			g.Method = "greedy set cover with redundant achievements removed: the exact search ran out of its bounds (GapOptions.MaxExactChecks, MaxExactSubsets); for an allOf role at most 1 + ln m times the minimum for m missing requirements"
		}
	}

	// Describe the plan and the closers of each gap.
	inPlan := map[int]bool{}
	var planned []pathway.Earned
	for _, i := range plan {
		inPlan[i] = true
		planned = append(planned, a.hyp[cands[i].h])
	}
	if p, err := a.eval(planned); err != nil {
		return nil, err
	} else {
		g.Closes = p.Complete
	}
	for _, i := range plan {
		c := cands[i]
		s := Suggestion{Achievement: a.hyp[c.h].AchievementID, Name: a.names[c.h], Closes: []string{}}
		for _, ci := range gaps {
			if c.covers.has(ci) {
				s.Closes = append(s.Closes, core.Components[ci].ID)
			}
		}
		g.Plan = append(g.Plan, s)
	}
	maxClosers := cmp.Or(opts.MaxClosers, DefaultMaxClosers)
	for gi, ci := range gaps {
		var cl []int
		for i, c := range cands {
			if c.covers.has(ci) {
				cl = append(cl, i)
			}
		}
		// cands are already sorted by coverage then id; stable-move
		// the planned ones first.
		slices.SortStableFunc(cl, func(x, y int) int {
			switch {
			case inPlan[x] == inPlan[y]:
				return 0
			case inPlan[x]:
				return -1
			}
			return 1
		})
		m := &g.Missing[gi]
		for k, i := range cl {
			if k == maxClosers {
				m.More = len(cl) - k
				break
			}
			h := cands[i].h
			m.Closers = append(m.Closers, Closer{a.hyp[h].AchievementID, a.names[h], inPlan[i]})
		}
	}
	return g, nil
}
