package pathway

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// EquivalenceStep records one equivalence used to let a credential fill a
// component, with the provenance the definition gave it.
type EquivalenceStep struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Kind   string `json:"kind,omitempty"`
	Source string `json:"source,omitempty"`
}

// cand is one credential that can fill one component.
type cand struct {
	cred  int // index into the evaluator's sorted credentials
	group int // achievement group: credentials for the same achievement
	via   []EquivalenceStep
}

// miss is a credential that would fill a component but for one reason.
type miss struct {
	cred    int
	reason  string // what the component asks that the credential lacks; see invalid
	expired bool
	// invalid: the credential would count but is not valid at asOf or was
	// earned after it, and reason is empty. The words are written only
	// for the misses an evaluation tells (appendMiss): most are never
	// read, and each would be an allocation.
	invalid bool
}

// appendMiss appends why m's credential does not fill the component.
func (ev *evaluator) appendMiss(b []byte, m miss) []byte {
	if !m.invalid {
		return append(b, m.reason...)
	}
	e := ev.earned[m.cred]
	if k := e.validAt(ev.asOf); k != valid {
		return e.appendValidity(b, k)
	}
	return appendDay(append(b, "earned after "...), ev.asOf)
}

type eqEdge struct {
	to   string
	step EquivalenceStep
	win  *Window
}

// equivGraph returns the definition's equivalences as sorted adjacency
// lists, both directions for mutual ones.
func equivGraph(def *Definition) map[string][]eqEdge {
	g := map[string][]eqEdge{}
	for _, e := range def.Equivalences {
		if e.From == "" || e.To == "" || e.From == e.To {
			continue
		}
		g[e.From] = append(g[e.From], eqEdge{e.To, EquivalenceStep{e.From, e.To, e.Kind, e.Source}, e.Applies})
		if e.Mutual {
			g[e.To] = append(g[e.To], eqEdge{e.From, EquivalenceStep{e.To, e.From, e.Kind, e.Source}, e.Applies})
		}
	}
	for k := range g {
		slices.SortFunc(g[k], func(a, b eqEdge) int {
			return strings.Compare(a.to+"\x00"+a.step.Source, b.to+"\x00"+b.step.Source)
		})
	}
	return g
}

// reachable returns every achievement id a credential counts as, with the
// shortest chain of equivalences that gets there (breadth first over sorted
// edges, so the chain chosen is deterministic). An equivalence restricted to
// a window applies only to credentials earned inside it.
func (ev *evaluator) reachable(e *Earned) (out map[string][]EquivalenceStep) {
	out = map[string][]EquivalenceStep{e.AchievementID: nil}
	if len(ev.equiv) == 0 && (!ev.opts.AcceptDeclaredEquivalents || len(e.Equivalents) == 0) {
		return out
	}
	declared := ev.opts.AcceptDeclaredEquivalents && len(e.Equivalents) > 0
	key := reachKey{ach: e.AchievementID}
	if ev.windowed {
		key.at = e.EarnedAt
	}
	if !declared {
		if r, ok := ev.reachMemo[key]; ok {
			return r
		}
		defer func() {
			if ev.reachMemo == nil {
				ev.reachMemo = map[reachKey]map[string][]EquivalenceStep{}
			}
			ev.reachMemo[key] = out
		}()
	}
	frontier := []string{e.AchievementID}
	if ev.opts.AcceptDeclaredEquivalents {
		for _, id := range e.Equivalents {
			if _, ok := out[id]; !ok && id != "" {
				out[id] = []EquivalenceStep{{From: e.AchievementID, To: id, Kind: "declared", Source: "credential " + ev.credName(e)}}
				frontier = append(frontier, id)
			}
		}
	}
	for depth := 0; depth < ev.opts.maxChain() && len(frontier) > 0; depth++ {
		var next []string
		for _, a := range frontier {
			for _, edge := range ev.equiv[a] {
				ev.matchWork++
				if _, seen := out[edge.to]; seen {
					continue
				}
				if edge.win != nil && (e.EarnedAt.IsZero() || !edge.win.Contains(e.EarnedAt)) {
					continue
				}
				out[edge.to] = append(slices.Clip(out[a]), edge.step)
				next = append(next, edge.to)
			}
		}
		frontier = next
	}
	return out
}

// reachOrder lists the ids of reach shortest chain first, then by id, so
// that a component reachable both directly and through an equivalence
// records the direct match. Like reachable, it is memoised per achievement
// (and earned time, when windows make it count).
func (ev *evaluator) reachOrder(e *Earned, reach map[string][]EquivalenceStep) []string {
	declared := ev.opts.AcceptDeclaredEquivalents && len(e.Equivalents) > 0
	key := reachKey{ach: e.AchievementID}
	if ev.windowed {
		key.at = e.EarnedAt
	}
	if ids, ok := ev.orderMemo[key]; ok && !declared {
		return ids
	}
	ids := make([]string, 0, len(reach))
	for id := range reach {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if d := len(reach[a]) - len(reach[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	ev.matchWork += len(ids)
	if !declared {
		if ev.orderMemo == nil {
			ev.orderMemo = map[reachKey][]string{}
		}
		ev.orderMemo[key] = ids
	}
	return ids
}

// reachKey memoises reachable: credentials for the same achievement reach
// the same ids, unless windowed equivalences make the earned time matter.
type reachKey struct {
	ach string
	at  time.Time
}

// check applies everything in a component's Match except the achievement
// id, plus the pathway's issuer trust; it returns why the credential does
// not qualify, or "".
func (ev *evaluator) check(c *Component, e *Earned) string {
	m := &c.Match
	if len(ev.def.TrustedIssuers) > 0 && !slices.Contains(ev.def.TrustedIssuers, e.IssuerID) {
		return fmt.Sprintf("issuer %q is not trusted by this pathway", e.IssuerID)
	}
	if len(m.Issuers) > 0 && !slices.Contains(m.Issuers, e.IssuerID) {
		return fmt.Sprintf("issuer %q is not accepted for this component", e.IssuerID)
	}
	if !typeOK(m, e) {
		return fmt.Sprintf("achievement type %q is not one of %s", e.AchievementType, strings.Join(m.AchievementTypes, ", "))
	}
	if !alignmentOK(m, e) {
		return "no alignment to the required target"
	}
	if r := m.Result; r != nil {
		if why := resultMiss(r, e.Results); why != "" {
			return why
		}
	}
	if q := m.MinCredits; q != nil {
		if e.Credits < q.Value || (q.Unit != "" && !unitEqual(q.Unit, e.CreditUnit)) {
			return fmt.Sprintf("%g %s earned, %g %s required", e.Credits, e.CreditUnit, q.Value, q.Unit)
		}
	}
	if em := m.Evidence; em != nil {
		n := 0
		for _, x := range e.Evidence {
			if em.Genre == "" || strings.EqualFold(em.Genre, x.Genre) {
				n++
			}
		}
		if need := max(em.Min, 1); n < need {
			return fmt.Sprintf("%d evidence entries, %d required", n, need)
		}
	}
	if d := m.EarnedWithin; d != nil {
		if e.EarnedAt.IsZero() {
			return "undated, but must have been earned within " + d.String()
		}
		if e.EarnedAt.Before(d.SubtractFrom(ev.asOf)) {
			return fmt.Sprintf("earned %s, more than %s before %s", day(e.EarnedAt), d, day(ev.asOf))
		}
	}
	if w := m.EarnedBetween; w != nil && (e.EarnedAt.IsZero() || !w.Contains(e.EarnedAt)) {
		return "not earned within the accepted dates"
	}
	return ""
}

func typeOK(m *Match, e *Earned) bool {
	return len(m.AchievementTypes) == 0 ||
		slices.ContainsFunc(m.AchievementTypes, func(s string) bool { return strings.EqualFold(s, e.AchievementType) })
}

func alignmentOK(m *Match, e *Earned) bool {
	a := m.Alignment
	return a == nil || slices.ContainsFunc(e.Alignments, func(x Alignment) bool {
		return (a.TargetURL == "" || a.TargetURL == x.TargetURL) &&
			(a.TargetCode == "" || a.TargetCode == x.TargetCode) &&
			(a.Framework == "" || a.Framework == x.TargetFramework)
	})
}

// about reports whether a credential is about what a component that names
// no achievements asks for: it has the component's alignment and
// achievement type, or, when the component asks for neither, comes from
// one of its issuers (any credential, when it names none). Such a
// credential that fails the component's other tests (a level too low, a
// wrong issuer, an expiry) is a near miss worth explaining; any other is
// unrelated to the component and is not mentioned there, or every badge a
// learner holds would be a miss of every alignment component.
func about(m *Match, e *Earned) bool {
	if m.Alignment == nil && len(m.AchievementTypes) == 0 {
		return len(m.Issuers) == 0 || slices.Contains(m.Issuers, e.IssuerID)
	}
	return typeOK(m, e) && alignmentOK(m, e)
}

// resultMiss returns why no result meets r, naming the first result's
// problem, or "" when one does.
func resultMiss(r *ResultMatch, results []Result) string {
	if len(results) == 0 {
		return "no result, a result is required"
	}
	why := ""
	for i := range results {
		w := r.miss(&results[i])
		if w == "" {
			return ""
		}
		why = first(why, w)
	}
	return why
}

// miss returns why one result does not meet r, or "".
func (r *ResultMatch) miss(x *Result) string {
	if r.Type != "" && !strings.EqualFold(r.Type, x.Type) {
		return fmt.Sprintf("no result of type %s", r.Type)
	}
	if r.ResultDescription != "" && r.ResultDescription != x.Description {
		return fmt.Sprintf("no result for %s", r.ResultDescription)
	}
	if r.Status != "" && !strings.EqualFold(r.Status, x.Status) {
		return fmt.Sprintf("result status %q, %s required", x.Status, r.Status)
	}
	if len(r.Values) > 0 && !slices.Contains(r.Values, x.Value) {
		return fmt.Sprintf("result %q is not one of %s", x.Value, strings.Join(r.Values, ", "))
	}
	if len(r.Levels) > 0 && !slices.Contains(r.Levels, x.Level) {
		return fmt.Sprintf("level %q is not an accepted level", x.Level)
	}
	if r.MinLevel != "" {
		k := r.place(x)
		switch {
		case k < 0:
			return fmt.Sprintf("result %q is not on the scale %s", cmp.Or(x.Level, x.Value), strings.Join(r.Scale, ", "))
		case k < slices.Index(r.Scale, r.MinLevel):
			return fmt.Sprintf("level %q is below the required %q", r.Scale[k], r.MinLevel)
		}
	}
	if r.MinValue != nil {
		v, ok := decimalValue(x.Value)
		if !ok {
			return fmt.Sprintf("result %q is not a number", x.Value)
		}
		if v < *r.MinValue {
			return fmt.Sprintf("result %g is below the required %g", v, *r.MinValue)
		}
	}
	return ""
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// index finds, for every component, the credentials that can fill it and
// those that nearly can: for components that list achievements, credentials
// for one of them (or an equivalent); for the others, credentials that are
// about what the component asks for (see about). Components that list
// achievements are reached through a map from achievement id, so the work
// is linear in credentials; only components that match on other properties
// alone look at every credential.
func (ev *evaluator) index() error {
	n := len(ev.def.Components)
	sc := ev.sc
	if len(sc.cands) < n {
		sc.cands, sc.misses = make([][]cand, n), make([][]miss, n)
	}
	ev.cands, ev.misses = sc.cands[:n], sc.misses[:n]
	byAch, scan := ev.byAch, ev.scan
	groups := sc.groups                  // achievement groups of ids the pathway does not name
	achGroup := sc.ints.take(len(byAch)) // per achEntry.idx: its group + 1
	ngroups := 0
	ev.groupOf = sc.ints.take(len(ev.earned))
	seen := sc.ints.take(n) // seen[comp] == ci+1: credential ci was considered for comp
	for ci := range ev.earned {
		if lim := ev.opts.maxMatchWork(); ev.matchWork > lim {
			return fmt.Errorf("%w: matching %d credentials took more than %d steps (Options.MaxMatchWork); shorten the equivalence graph or name achievements in the components' matchers", ErrLimit, len(ev.earned), lim)
		}
		e := ev.earned[ci]
		// Groups are numbered in order of first appearance.
		ach, named := byAch[e.AchievementID]
		var g int
		if named {
			if g = achGroup[ach.idx] - 1; g < 0 {
				g, achGroup[ach.idx] = ngroups, ngroups+1
				ngroups++
			}
		} else {
			var ok bool
			if g, ok = groups[e.AchievementID]; !ok {
				g, groups[e.AchievementID] = ngroups, ngroups
				ngroups++
			}
		}
		ev.groupOf[ci] = g
		validity := e.validAt(ev.asOf)
		invalid := validity != valid || !e.EarnedAt.IsZero() && e.EarnedAt.After(ev.asOf)
		expired := validity == invalidExpired
		consider := func(comp int, via []EquivalenceStep, recordMiss bool) {
			ev.matchWork++
			c := &ev.def.Components[comp]
			why := ev.check(c, e)
			switch {
			case why == "" && !invalid:
				ev.cands[comp] = append(ev.cands[comp], cand{ci, g, via})
			case why == "" && recordMiss:
				ev.misses[comp] = append(ev.misses[comp], miss{cred: ci, expired: expired, invalid: true})
			case recordMiss:
				ev.misses[comp] = append(ev.misses[comp], miss{cred: ci, reason: why})
			}
		}
		if len(ev.equiv) == 0 && (!ev.opts.AcceptDeclaredEquivalents || len(e.Equivalents) == 0) {
			// No equivalences: the achievement id is the only key.
			for _, comp := range ach.comps {
				consider(comp, nil, true)
			}
		} else {
			reach := ev.reachable(e)
			ids := ev.reachOrder(e, reach)
			ev.matchWork += len(ids)
			for _, id := range ids {
				for _, comp := range byAch[id].comps {
					ev.matchWork++
					if seen[comp] != ci+1 {
						seen[comp] = ci + 1
						consider(comp, reach[id], true)
					}
				}
			}
		}
		for _, comp := range scan {
			consider(comp, nil, about(&ev.def.Components[comp].Match, e))
		}
	}
	ev.ngroups = ngroups
	for i, cs := range ev.cands {
		if len(cs) > 1 { // most components have one candidate or none
			slices.SortStableFunc(cs, func(a, b cand) int { return ev.candCmp(a, b) })
			ev.cands[i] = ev.dedupe(cs)
		}
	}
	return nil
}

// dedupe drops candidates that no rule can tell from a better one before
// them: same achievement group, same equivalence chain length, same earned
// time and credits. The same badge issued a thousand times is one choice.
//
// cs is sorted by candCmp, so candidates that agree on chain length,
// credits and earned time are adjacent; only within such a run do group
// and credit unit need comparing, which costs no map for the short runs
// real credentials make.
func (ev *evaluator) dedupe(cs []cand) []cand {
	type key struct {
		group int
		unit  string
	}
	out := cs[:0]
	var seen map[key]bool
	for lo := 0; lo < len(cs); {
		a := ev.earned[cs[lo].cred]
		hi := lo + 1
		for hi < len(cs) {
			b := ev.earned[cs[hi].cred]
			if len(cs[hi].via) != len(cs[lo].via) || b.Credits != a.Credits || cmpDate(a.EarnedAt, b.EarnedAt) != 0 {
				break
			}
			hi++
		}
		start := len(out)
		if hi-lo > 16 {
			clear(seen)
			if seen == nil {
				seen = map[key]bool{}
			}
		}
		for _, c := range cs[lo:hi] {
			k := key{c.group, ev.earned[c.cred].CreditUnit}
			dup := false
			if hi-lo > 16 {
				dup = seen[k]
				seen[k] = true
			} else {
				for _, o := range out[start:] {
					if o.group == k.group && ev.earned[o.cred].CreditUnit == k.unit {
						dup = true
						break
					}
				}
			}
			if !dup {
				out = append(out, c)
			}
		}
		lo = hi
	}
	return out
}

// candCmp orders the candidates of a component best first: direct matches
// before equivalences, more credits, earlier earned, then credential id.
func (ev *evaluator) candCmp(a, b cand) int {
	if d := len(a.via) - len(b.via); d != 0 {
		return d
	}
	ea, eb := ev.earned[a.cred], ev.earned[b.cred]
	if ea.Credits != eb.Credits {
		if ea.Credits > eb.Credits {
			return -1
		}
		return 1
	}
	if c := cmpDate(ea.EarnedAt, eb.EarnedAt); c != 0 {
		return c
	}
	return a.cred - b.cred // ev.earned is in identity order, see cmpKeyed
}

// cmpDate orders dated before undated, then by time.
func cmpDate(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// creditsFor is what a credential filling component c is worth toward a
// threshold in unit; see creditWorth.
func (ev *evaluator) creditsFor(comp int, k cand, unit string) float64 {
	v, _ := creditWorth(ev.def, &ev.def.Components[comp], ev.earned[k.cred], unit)
	return v
}
