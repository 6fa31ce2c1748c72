package pathwaytest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microcred/microcred/pathway"
)

// Default bounds of Explore, see ExploreOptions.
const (
	DefaultMaxWays    = 200
	DefaultMaxClosest = 20
	DefaultMaxNodes   = 200000
)

// ExploreOptions bound an exploration. The zero value is safe for any
// definition: the work is bounded by MaxNodes and MaxWays.
type ExploreOptions struct {
	// MaxWays bounds the minimal completing sets returned. Default
	// DefaultMaxWays.
	MaxWays int
	// MaxClosest bounds the near misses returned. Default
	// DefaultMaxClosest.
	MaxClosest int
	// MaxNodes bounds the search: each set built while combining the
	// requirement tree, and each credit subset tried, counts one. When a
	// pass runs out before finding any candidate, at most two narrower
	// passes follow, each with the same budget. Default DefaultMaxNodes.
	// Confirming candidates costs up to |set|² evaluations per way on
	// top, bounded by MaxWays.
	MaxNodes int
	// AsOf is the evaluation time used to confirm sets with
	// pathway.Evaluate. Zero means 2030-01-01, or later if the
	// definition's windows need it.
	AsOf time.Time
}

// A Way is a set of components, each filled by one credential.
type Way struct {
	// Components are component ids in definition order.
	Components []string `json:"components"`
	// Achievements are the achievement ids of the synthetic credentials
	// used, one per component, in the same order.
	Achievements []string `json:"achievements"`
	// Percent is pathway.Evaluate's progress for this set.
	Percent float64 `json:"percent"`
	// Missing is what pathway.Evaluate says is still needed (near misses
	// only).
	Missing []string `json:"missing,omitempty"`
}

// Exploration is the result of Explore.
type Exploration struct {
	// Ways are the minimal completing sets: every one completes the
	// destination under pathway.Evaluate and none does without any one of
	// its components. Smallest first, then in definition order.
	Ways []Way `json:"ways"`
	// Closest are near misses: the sets one component short of a way
	// (by minimality none of them completes), most progress first. When
	// there is no way at all, Closest holds the set of every component.
	Closest []Way `json:"closest,omitempty"`
	// Truncated is true when a bound (MaxWays or MaxNodes) stopped the
	// search: Ways and Closest are then correct but may be incomplete.
	Truncated bool `json:"truncated"`
	// Nodes is the search work done, comparable to MaxNodes.
	Nodes int `json:"nodes"`
	// Rejected counts candidate sets that pathway.Evaluate did not
	// confirm (a NOT rule, a time rule, achievements shared between
	// components), with the first reasons in Notes.
	Rejected int      `json:"rejected,omitempty"`
	Notes    []string `json:"notes,omitempty"`
}

// ErrExplore wraps the errors of Explore: the definition is invalid.
var ErrExplore = errors.New("pathwaytest: cannot explore")

// Explore lists every minimal set of components whose filling completes
// the pathway's destination, and the sets that come closest without
// completing.
//
// Candidates come from the requirement tree: a component needs itself and
// its prerequisites; allOf combines its items' sets; anyOf takes any
// item's; nOf takes any Min of its items; credits and points nodes take
// the minimal subsets of the components beneath them whose declared
// Credits (in the node's unit) or Points reach the threshold. A NOT rule
// asks for nothing: it can only be broken by holding more, so candidates
// are built without it and then checked. Every candidate is confirmed with
// pathway.Evaluate over synthetic credentials (one per component, earned
// the same day, matching the component's Match), and its minimality by
// evaluating it without each component in turn. Whatever Evaluate
// rejects (a NOT rule broken, a window no date fits, two components
// accepting only the same achievement) is counted in Rejected, so the
// result never lists a set that does not complete.
func Explore(def *pathway.Definition, opts ExploreOptions) (*Exploration, error) {
	if def == nil {
		return nil, fmt.Errorf("%w: nil definition", ErrExplore)
	}
	if err := pathway.Validate(def); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrExplore, err)
	}
	x := &explorer{def: def, opts: opts, idx: map[string]int{}, out: &Exploration{}}
	for i, c := range def.Components {
		x.idx[c.ID] = i
	}
	x.asOf, x.when = x.dates()
	// When the budget runs out before any candidate is complete, search
	// again keeping fewer sets per group (a narrower beam), so a large
	// pathway still shows some ways; Truncated stays set.
	var cands []set
	for _, beam := range []int{4 * x.maxWays(), 8, 1} {
		x.beam, x.stopped, x.out.Nodes = beam, false, 0
		if cands = x.family(def.Requirement); len(cands) > 0 {
			break
		}
		if !x.out.Truncated {
			break // nothing to widen: the tree has no way at all
		}
	}
	x.confirm(cands)
	return x.out, nil
}

type set []int // sorted component indices

type explorer struct {
	def        *pathway.Definition
	opts       ExploreOptions
	idx        map[string]int
	asOf, when time.Time
	out        *Exploration
	stopped    bool
	beam       int // sets kept per group
}

func (x *explorer) maxWays() int    { return orDefault(x.opts.MaxWays, DefaultMaxWays) }
func (x *explorer) maxClosest() int { return orDefault(x.opts.MaxClosest, DefaultMaxClosest) }
func (x *explorer) maxNodes() int   { return orDefault(x.opts.MaxNodes, DefaultMaxNodes) }

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// tick counts one unit of search and reports whether the budget allows it.
func (x *explorer) tick() bool {
	if x.stopped {
		return false
	}
	x.out.Nodes++
	if x.out.Nodes > x.maxNodes() {
		if !x.stopped {
			x.note("search stopped after %d nodes (MaxNodes)", x.maxNodes())
		}
		x.stopped, x.out.Truncated = true, true
		return false
	}
	return true
}

func (x *explorer) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	if len(x.out.Notes) < 20 && !slices.Contains(x.out.Notes, n) {
		x.out.Notes = append(x.out.Notes, n)
	}
}

// family lists candidate minimal sets satisfying n.
func (x *explorer) family(n *pathway.Node) []set {
	if x.stopped {
		return nil
	}
	switch n.Kind {
	case pathway.KindComponent:
		return []set{x.closure(x.idx[n.Component])}
	case pathway.KindAllOf:
		acc := []set{{}}
		for _, it := range n.Items {
			acc = x.product(acc, x.family(it))
		}
		return acc
	case pathway.KindAnyOf:
		var acc []set
		for _, it := range n.Items {
			acc = append(acc, x.family(it)...)
		}
		return x.minimize(acc)
	case pathway.KindNOf:
		// dp[j]: minimal sets satisfying j of the items seen so far.
		dp := make([][]set, n.Min+1)
		dp[0] = []set{{}}
		for _, it := range n.Items {
			f := x.family(it)
			for j := n.Min; j >= 1; j-- {
				if len(dp[j-1]) > 0 {
					dp[j] = x.minimize(append(dp[j], x.product(dp[j-1], f)...))
				}
			}
		}
		return dp[n.Min]
	case pathway.KindNot:
		return []set{{}}
	case pathway.KindCredits, pathway.KindPoints:
		return x.thresholdSets(n)
	}
	return nil
}

// closure is a component with its prerequisites, transitively.
func (x *explorer) closure(ci int) set {
	seen := map[int]bool{}
	var visit func(int)
	visit = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, p := range x.def.Components[i].Prerequisites {
			if j, ok := x.idx[p]; ok {
				visit(j)
			}
		}
	}
	visit(ci)
	out := make(set, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// product combines every set of a with every set of b. It stops early
// once it has produced beam sets (a and b are smallest first, so the
// early ones are the small ones); the result then still holds only valid
// candidates, and Truncated says the list may be incomplete.
func (x *explorer) product(a, b []set) []set {
	var out []set
	limit := x.beam
	for _, s := range a {
		for _, t := range b {
			if !x.tick() {
				return x.minimize(out)
			}
			out = append(out, union(s, t))
		}
		if len(out) >= limit && len(b) > 0 {
			x.out.Truncated = true
			x.note("a combination has more than %d candidate sets; the first are kept", limit)
			break
		}
	}
	return x.minimize(out)
}

func union(a, b set) set {
	out := make(set, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

func subset(a, b set) bool { // a ⊆ b
	j := 0
	for _, v := range a {
		for j < len(b) && b[j] < v {
			j++
		}
		if j == len(b) || b[j] != v {
			return false
		}
	}
	return true
}

func cmpSet(a, b set) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return slices.Compare(a, b)
}

// minimize drops duplicates and supersets, smallest sets first, and keeps
// at most beam sets (the smallest; 4×MaxWays at first) so that combining
// stays bounded.
func (x *explorer) minimize(in []set) []set {
	slices.SortFunc(in, cmpSet)
	limit := x.beam
	var out []set
	for _, s := range in {
		if !slices.ContainsFunc(out, func(k set) bool { return subset(k, s) }) {
			if len(out) == limit {
				x.out.Truncated = true
				x.note("a group has more than %d minimal sets; the smallest are kept", limit)
				break
			}
			out = append(out, s)
		}
	}
	return out
}

// thresholdSets lists the minimal subsets of the components beneath a
// credits or points node whose declared values reach its threshold.
func (x *explorer) thresholdSets(n *pathway.Node) []set {
	var comps []int
	var worth []float64
	seen := map[int]bool{}
	var walk func(m *pathway.Node)
	walk = func(m *pathway.Node) {
		switch m.Kind {
		case pathway.KindNot:
			return // a NOT contributes nothing to a sum
		case pathway.KindComponent:
			ci := x.idx[m.Component]
			if seen[ci] {
				return
			}
			seen[ci] = true
			c := x.def.Components[ci]
			v := c.Points
			if n.Kind == pathway.KindCredits {
				v = 0
				if c.Credits != nil && strings.EqualFold(c.Credits.Unit, n.Credits.Unit) {
					v = c.Credits.Value
				}
			}
			if v > 0 {
				comps, worth = append(comps, ci), append(worth, v)
			}
		}
		for _, it := range m.Items {
			walk(it)
		}
	}
	for _, it := range n.Items {
		walk(it)
	}
	need := n.Points
	if n.Kind == pathway.KindCredits {
		need = n.Credits.Value
	}
	if need <= 0 {
		return []set{{}}
	}
	// Largest first, so the running bound prunes early.
	order := make([]int, len(comps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(worth[b], worth[a]) })
	rest := make([]float64, len(order)+1)
	for i := len(order) - 1; i >= 0; i-- {
		rest[i] = rest[i+1] + worth[order[i]]
	}
	var out []set
	var pick []int
	var dfs func(pos int, sum float64)
	dfs = func(pos int, sum float64) {
		if !x.tick() {
			return
		}
		if sum >= need {
			// Minimal: dropping the smallest value picked falls short.
			if sum-worth[pick[len(pick)-1]] < need {
				var s set
				for _, p := range pick {
					s = union(s, x.closure(comps[p]))
				}
				out = append(out, s)
			}
			return
		}
		if pos == len(order) || sum+rest[pos] < need {
			return
		}
		pick = append(pick, order[pos])
		dfs(pos+1, sum+worth[order[pos]])
		pick = pick[:len(pick)-1]
		dfs(pos+1, sum)
	}
	dfs(0, 0)
	return x.minimize(out)
}

// dates picks the evaluation time and the earned date of the synthetic
// credentials: inside every window of the requirement tree when they
// overlap (the same day satisfies every prerequisite and Within rule). A
// component whose own EarnedBetween excludes that day gets a day inside
// its window instead (see earned).
func (x *explorer) dates() (asOf, when time.Time) {
	from, until := time.Time{}, time.Time{}
	clip := func(w *pathway.Window) {
		if w == nil {
			return
		}
		if !w.From.IsZero() && w.From.After(from) {
			from = w.From
		}
		if !w.Until.IsZero() && (until.IsZero() || w.Until.Before(until)) {
			until = w.Until
		}
	}
	var walk func(n *pathway.Node)
	walk = func(n *pathway.Node) {
		clip(n.Window)
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(x.def.Requirement)
	asOf = x.opts.AsOf
	if asOf.IsZero() {
		asOf = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	when = asOf.AddDate(0, 0, -1)
	switch {
	case !until.IsZero():
		when = until
	case !from.IsZero() && when.Before(from):
		when = from
	}
	if x.opts.AsOf.IsZero() {
		for _, c := range x.def.Components {
			if w := c.Match.EarnedBetween; w != nil && !w.From.IsZero() && !w.From.Before(asOf) {
				asOf = w.From.AddDate(0, 0, 1)
			}
		}
		if !when.Before(asOf) {
			asOf = when.AddDate(0, 0, 1)
		}
	}
	return asOf, when
}

// earned makes one synthetic credential per component of s that passes
// the component's Match.
func (x *explorer) earned(s set) ([]pathway.Earned, []string) {
	taken := map[string]bool{}
	out := make([]pathway.Earned, 0, len(s))
	achs := make([]string, 0, len(s))
	for _, ci := range s {
		c := x.def.Components[ci]
		m := c.Match
		e := pathway.Earned{ID: "urn:explore:" + c.ID, EarnedAt: x.when, IssuerID: "urn:explore:issuer"}
		e.AchievementID = "urn:explore:achievement:" + c.ID
		for _, a := range m.Achievements {
			if !taken[a] {
				e.AchievementID = a
				break
			}
		}
		taken[e.AchievementID] = true
		switch {
		case len(m.Issuers) > 0 && len(x.def.TrustedIssuers) > 0:
			for _, is := range m.Issuers {
				if slices.Contains(x.def.TrustedIssuers, is) {
					e.IssuerID = is
					break
				}
			}
		case len(m.Issuers) > 0:
			e.IssuerID = m.Issuers[0]
		case len(x.def.TrustedIssuers) > 0:
			e.IssuerID = x.def.TrustedIssuers[0]
		}
		if len(m.AchievementTypes) > 0 {
			e.AchievementType = m.AchievementTypes[0]
		}
		if a := m.Alignment; a != nil {
			e.Alignments = []pathway.Alignment{{TargetURL: a.TargetURL, TargetCode: a.TargetCode, TargetFramework: a.Framework}}
		}
		if r := m.Result; r != nil {
			res := pathway.Result{Type: r.Type, Status: r.Status}
			switch {
			case len(r.Values) > 0:
				res.Value = r.Values[0]
			case r.MinValue != nil:
				res.Value = strconv.FormatFloat(*r.MinValue, 'f', -1, 64)
			}
			if len(r.Levels) > 0 {
				res.Level = r.Levels[0]
			}
			if res.Level == "" && r.MinLevel != "" {
				res.Level = r.MinLevel
			}
			e.Results = []pathway.Result{res}
		}
		if c.Credits != nil {
			e.Credits, e.CreditUnit = c.Credits.Value, c.Credits.Unit
		}
		if mc := m.MinCredits; mc != nil && e.Credits < mc.Value {
			e.Credits, e.CreditUnit = mc.Value, mc.Unit
		}
		if ev := m.Evidence; ev != nil {
			for i := range max(1, ev.Min) {
				e.Evidence = append(e.Evidence, pathway.Evidence{ID: fmt.Sprintf("urn:explore:evidence:%d", i), Genre: ev.Genre})
			}
		}
		if w := m.EarnedBetween; w != nil && !w.Contains(e.EarnedAt) {
			if !w.Until.IsZero() {
				e.EarnedAt = w.Until
			} else {
				e.EarnedAt = w.From
			}
		}
		if w := m.EarnedWithin; w != nil && w.AddTo(e.EarnedAt).Before(x.asOf) {
			e.EarnedAt = x.asOf.Add(-time.Hour)
		}
		out = append(out, e)
		achs = append(achs, e.AchievementID)
	}
	return out, achs
}

func (x *explorer) evaluate(s set) (*pathway.Progress, []string, error) {
	earned, achs := x.earned(s)
	p, err := pathway.Evaluate(x.def, earned, x.asOf, pathway.Options{})
	return p, achs, err
}

func (x *explorer) way(s set, achs []string, p *pathway.Progress) Way {
	w := Way{Components: make([]string, len(s)), Achievements: achs, Percent: p.Percent}
	for i, ci := range s {
		w.Components[i] = x.def.Components[ci].ID
	}
	if !p.Complete {
		w.Missing = p.Missing
	}
	return w
}

// confirm evaluates the candidates, keeps the completing minimal ones and
// collects their one-short subsets as near misses.
func (x *explorer) confirm(cands []set) {
	near := map[string]Way{}
	seen := map[string]bool{}
	for _, s := range cands {
		if len(x.out.Ways) == x.maxWays() {
			x.out.Truncated = true
			x.note("stopped at %d ways (MaxWays)", x.maxWays())
			break
		}
		p, achs, err := x.evaluate(s)
		if err != nil || !p.Complete {
			x.out.Rejected++
			why := "not complete"
			if err != nil {
				why = err.Error()
			} else if len(p.Missing) > 0 {
				why = strings.Join(p.Missing, "; ")
			}
			x.note("rejected %s: %s", x.names(s), why)
			continue
		}
		// Shrink to a minimal set: a candidate from a truncated search may
		// hold more than it needs. Drop any component the set completes
		// without, until none can go; the one-short sets of the result are
		// the near misses.
		var shorts []Way
		for shrunk := true; shrunk; {
			shrunk, shorts = false, shorts[:0]
			for i := range s {
				t := slices.Delete(slices.Clone(s), i, i+1)
				q, tachs, err := x.evaluate(t)
				if err != nil {
					continue
				}
				if q.Complete {
					s, p, achs, shrunk = t, q, tachs, true
					break
				}
				if len(t) > 0 {
					shorts = append(shorts, x.way(t, tachs, q))
				}
			}
		}
		key := x.names(s)
		if seen[key] {
			continue
		}
		seen[key] = true
		x.out.Ways = append(x.out.Ways, x.way(s, achs, p))
		for _, w := range shorts {
			near[strings.Join(w.Components, "\x00")] = w
		}
	}
	if len(x.out.Ways) == 0 {
		all := make(set, len(x.def.Components))
		for i := range all {
			all[i] = i
		}
		if p, achs, err := x.evaluate(all); err == nil && !p.Complete {
			near["all"] = x.way(all, achs, p)
			x.note("no set of components completes the pathway; even all of them reach %.1f%%", p.Percent)
		}
	}
	slices.SortStableFunc(x.out.Ways, func(a, b Way) int {
		if c := cmp.Compare(len(a.Components), len(b.Components)); c != 0 {
			return c
		}
		return slices.CompareFunc(a.Components, b.Components, func(p, q string) int { return cmp.Compare(x.idx[p], x.idx[q]) })
	})
	for _, w := range near {
		x.out.Closest = append(x.out.Closest, w)
	}
	slices.SortFunc(x.out.Closest, func(a, b Way) int {
		if c := cmp.Compare(b.Percent, a.Percent); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.Components), len(b.Components)); c != 0 {
			return c
		}
		return slices.Compare(a.Components, b.Components)
	})
	if len(x.out.Closest) > x.maxClosest() {
		x.out.Closest = x.out.Closest[:x.maxClosest()]
	}
}

func (x *explorer) names(s set) string {
	ids := make([]string, len(s))
	for i, ci := range s {
		ids[i] = x.def.Components[ci].ID
	}
	return "{" + strings.Join(ids, ", ") + "}"
}
