package skills

// The search behind Analyze: imagined credentials, the relaxed role, the
// optimistic test and the exact enumeration of covers.

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

type analysis struct {
	core   *pathway.Definition
	earned []pathway.Earned
	asOf   time.Time
	opts   GapOptions
	hyp    []pathway.Earned
	names  []string
}

func (a *analysis) eval(extra []pathway.Earned) (*pathway.Progress, error) {
	in := append(slices.Clip(a.earned), extra...)
	p, err := pathway.Evaluate(a.core, in, a.asOf, a.opts.Eval)
	if err != nil {
		return nil, fmt.Errorf("skills: evaluating the role: %w", err)
	}
	return p, nil
}

// exact enumerates sets of 1, 2, ... of the candidates (their coverage
// and imagined credential indexes) in lexicographic order and returns the
// first that meets the role, as candidate indexes.
func (a *analysis) exact(covers []bits, hyps []int, learner bits, tree *otree) ([]int, bool) {
	maxChecks := cmp.Or(a.opts.MaxExactChecks, DefaultMaxExactChecks)
	maxSubsets := cmp.Or(a.opts.MaxExactSubsets, DefaultMaxExactSubsets)
	n := len(covers)
	checks, subsets := 0, 0
	u := learner.clone()
	for k := 1; k <= n; k++ {
		set := make([]int, k)
		for i := range set {
			set[i] = i
		}
		for {
			subsets++
			if subsets > maxSubsets {
				return nil, false
			}
			copy(u, learner)
			for _, i := range set {
				u.or(covers[i])
			}
			if tree.possible(u) {
				checks++
				if checks > maxChecks {
					return nil, false
				}
				var extra []pathway.Earned
				for _, i := range set {
					extra = append(extra, a.hyp[hyps[i]])
				}
				if p, err := a.eval(extra); err == nil && p.Complete {
					return slices.Clone(set), true
				}
			}
			// Next combination in lexicographic order.
			i := k - 1
			for i >= 0 && set[i] == n-k+i {
				i--
			}
			if i < 0 {
				break
			}
			set[i]++
			for j := i + 1; j < k; j++ {
				set[j] = set[j-1] + 1
			}
		}
	}
	return nil, false
}

// otree is the requirement tree reduced to what the optimistic test needs,
// with component ids resolved once.
type otree struct {
	kind  pathway.Kind
	comp  int // KindComponent: index, or -1 when undefined
	need  int // anyOf 1, nOf Min
	items []*otree
	// monotone is false when the subtree holds a rule whose outcome
	// depends on more than which components are filled (credits, points,
	// not).
	monotone bool
}

func compile(n *pathway.Node, def *pathway.Definition) *otree {
	if n == nil {
		return &otree{kind: pathway.KindAllOf, monotone: true}
	}
	t := &otree{kind: n.Kind, comp: -1, need: 1, monotone: true}
	switch n.Kind {
	case pathway.KindComponent:
		t.comp = slices.IndexFunc(def.Components, func(c pathway.Component) bool { return c.ID == n.Component })
	case pathway.KindNOf:
		t.need = n.Min
	case pathway.KindAllOf, pathway.KindAnyOf:
	default:
		t.monotone = false
	}
	for _, it := range n.Items {
		c := compile(it, def)
		t.monotone = t.monotone && c.monotone
		t.items = append(t.items, c)
	}
	return t
}

// possible reports whether the tree could be satisfied when exactly the
// components in have are filled, counting threshold and not rules (whose
// outcome depends on more than which slots are filled) as satisfied. It
// over-approximates Evaluate, so a set it rejects cannot meet the role.
func (t *otree) possible(have bits) bool {
	switch t.kind {
	case pathway.KindComponent:
		return t.comp >= 0 && have.has(t.comp)
	case pathway.KindAllOf:
		for _, it := range t.items {
			if !it.possible(have) {
				return false
			}
		}
		return true
	case pathway.KindAnyOf, pathway.KindNOf:
		k := 0
		for _, it := range t.items {
			if it.possible(have) {
				if k++; k >= t.need {
					return true
				}
			}
		}
		return k >= t.need
	}
	return true
}

// dominated marks candidates whose coverage is contained in an earlier
// one's (candidates are sorted by coverage, largest first). Dropping them
// keeps a minimum cover only when a credential's worth is exactly the set
// of components it fills: every component reusable (one credential fills
// all it matches) and a tree of allOf, anyOf, nOf and components. Every
// imagined credential has the same date, so ordering and time rules treat
// them alike.
func dominated(covers []bits, tree *otree, def *pathway.Definition) []bool {
	out := make([]bool, len(covers))
	if !tree.monotone || slices.ContainsFunc(def.Components, func(c pathway.Component) bool { return !c.Reuse }) {
		return out
	}
	x := newBits(0)
	for i := range covers {
		for j := range i {
			if out[j] {
				continue
			}
			x = append(x[:0], covers[i]...)
			x.andNot(covers[j])
			if x.count() == 0 {
				out[i] = true
				break
			}
		}
	}
	return out
}

// variants returns the role without milestones (the gap is about the
// destination) and a relaxed copy without ordering or time rules, every
// slot reusable, to learn what a credential can meet at all.
func variants(role *pathway.Definition) (core, relaxed *pathway.Definition, err error) {
	if err := pathway.Validate(role); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	data, err := pathway.Marshal(role)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	clone := func() (*pathway.Definition, error) {
		return pathway.Limits{MaxDocumentBytes: len(data) + 1}.Parse(data)
	}
	if core, err = clone(); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	core.Milestones = nil
	if relaxed, err = clone(); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	relaxed.Milestones = nil
	for i := range relaxed.Components {
		relaxed.Components[i].Prerequisites = nil
		relaxed.Components[i].Precedes = nil
		relaxed.Components[i].Reuse = true
	}
	var strip func(*pathway.Node)
	strip = func(n *pathway.Node) {
		if n == nil {
			return
		}
		n.Within, n.Window = nil, nil
		for _, it := range n.Items {
			strip(it)
		}
	}
	strip(relaxed.Requirement)
	return core, relaxed, nil
}

// filled returns the components that the credentials fill in def.
func filled(def *pathway.Definition, earned []pathway.Earned, asOf time.Time, opts pathway.Options, n int) (bits, error) {
	b := newBits(n)
	p, err := pathway.Evaluate(def, earned, asOf, opts)
	if err != nil {
		return b, fmt.Errorf("skills: evaluating the role: %w", err)
	}
	for i, cp := range p.Components {
		if cp.State == pathway.StateComplete {
			b.set(i)
		}
	}
	return b, nil
}

// imagine is the credential earning a catalogue achievement would give.
func imagine(a *badge.Achievement, id string, asOf time.Time) pathway.Earned {
	e := pathway.Earned{ID: id, AchievementID: a.ID, AchievementName: a.Name, AchievementType: string(a.AchievementType),
		EarnedAt: asOf}
	if a.Creator != nil {
		e.IssuerID = a.Creator.ID
	}
	if a.CreditsAvailable != nil {
		e.Credits = *a.CreditsAvailable
	}
	for _, al := range a.Alignment {
		e.Alignments = append(e.Alignments, pathway.Alignment{TargetURL: al.TargetURL, TargetCode: al.TargetCode,
			TargetFramework: al.TargetFramework, TargetName: al.TargetName})
	}
	for _, rd := range a.ResultDescription {
		e.Results = append(e.Results, pathway.Result{Type: string(rd.ResultType), Level: rd.RequiredLevel,
			Value: rd.RequiredValue, Status: string(badge.ResultStatusCompleted)})
	}
	return e
}
