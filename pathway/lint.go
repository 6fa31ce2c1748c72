package pathway

import (
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/badge"
)

// Validate checks a definition with the default Limits and returns a
// *ValidationError (wrapping ErrInvalid) listing every error finding, or nil.
// Evaluate and Award call it; call it yourself on definitions built in Go.
// [Limits.Validate] does the same within other limits.
func Validate(def *Definition) error { return Limits{}.Validate(def) }

// Validate is [Validate] within the limits lim (zero fields take their
// defaults).
func (lim Limits) Validate(def *Definition) error {
	if err := lim.check(); err != nil {
		return err
	}
	if errs := lintWith(def, lim).Errors(); len(errs) > 0 {
		return &ValidationError{Findings: errs}
	}
	return nil
}

// Lint returns every finding about a definition, errors and warnings, in a
// stable order. Errors are what Validate rejects: missing ids, duplicate
// ids, dangling references, unknown rule kinds, N greater than M, Max below
// Min, cycles of prerequisites, impossible windows, result scales without
// a minLevel on them, exceeded limits, and a
// requirement that no set of credentials can ever satisfy. Warnings are legal
// but suspicious: empty groups (allOf [] is vacuously true, anyOf [] is
// never true, nOf with Min 0 is vacuously true), a requirement satisfied by
// no credentials, unreachable components, components that match any
// credential, NOT rules, credit thresholds above what the components
// declare, and cycles of suggested ordering.
func Lint(def *Definition) badge.Findings { return lintWith(def, Limits{}) }

type linter struct {
	def   *Definition
	lim   Limits
	out   badge.Findings
	comps map[string]*Component
	at    map[string]int // component id -> index of its first definition
	nodes int
	ids   map[string]string // node id -> pointer
}

// add records a finding at ptr, an RFC 6901 JSON Pointer into the
// definition document as the JSON format writes it.
func (l *linter) add(sev badge.Severity, code, ptr, format string, args ...any) {
	l.out = append(l.out, badge.Finding{Pointer: ptr, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

func lintWith(def *Definition, lim Limits) badge.Findings {
	lim = lim.withDefaults()
	if def == nil {
		return badge.Findings{{Severity: badge.SeverityError, Code: "nil", Message: "definition is nil"}}
	}
	l := &linter{def: def, lim: lim, comps: map[string]*Component{}, at: map[string]int{}, ids: map[string]string{}}
	l.header()
	l.components()
	if def.Requirement == nil {
		l.add(badge.SeverityError, "missing", "/requirement", "a requirement tree is required")
	} else {
		l.tree(def.Requirement, "/requirement", 1)
	}
	l.milestones()
	l.equivalences()
	l.conversions()
	if l.nodes > lim.MaxNodes {
		l.add(badge.SeverityError, "limit-nodes", "", "%d requirement nodes, limit is %d (Limits.MaxNodes)", l.nodes, lim.MaxNodes)
	}
	l.prerequisites()
	l.reachability()
	if !l.hasErrors() && def.Requirement != nil {
		l.satisfiability(def.Requirement, "/requirement")
		for i, m := range def.Milestones {
			if m.Requirement != nil {
				l.satisfiability(m.Requirement, fmt.Sprintf("/milestones/%d/requirement", i))
			} else if n := def.Requirement.find(m.Node); n != nil && structSat(n, map[string]bool{}) {
				l.add(badge.SeverityWarning, "vacuous", fmt.Sprintf("/milestones/%d/node", i),
					"milestone %q is satisfied before any credential is earned; AwardMilestone will refuse it", m.ID)
			}
		}
	}
	// Errors first, each severity in the order found.
	slices.SortStableFunc(l.out, func(a, b badge.Finding) int {
		return severityRank(a.Severity) - severityRank(b.Severity)
	})
	return l.out
}

func (l *linter) hasErrors() bool {
	return l.out.HasErrors()
}

func severityRank(s badge.Severity) int {
	if s == badge.SeverityError {
		return 0
	}
	return 1
}

func (l *linter) header() {
	d := l.def
	if d.Format != FormatV1 {
		l.add(badge.SeverityError, "format", "/format", "format is %q, want %q", d.Format, FormatV1)
	}
	if strings.TrimSpace(d.ID) == "" {
		l.add(badge.SeverityError, "missing", "/id", "the pathway needs an id")
	}
	if strings.TrimSpace(d.Version) == "" {
		l.add(badge.SeverityError, "missing", "/version", "the pathway needs a version")
	}
	if strings.TrimSpace(d.Destination.ID) == "" {
		l.add(badge.SeverityError, "missing", "/destination/id", "the destination achievement needs an id")
	}
}

func (l *linter) components() {
	if len(l.def.Components) > l.lim.MaxComponents {
		l.add(badge.SeverityError, "limit-components", "/components", "%d components, limit is %d (Limits.MaxComponents)", len(l.def.Components), l.lim.MaxComponents)
	}
	for i := range l.def.Components {
		c := &l.def.Components[i]
		path := fmt.Sprintf("/components/%d", i)
		if strings.TrimSpace(c.ID) == "" {
			l.add(badge.SeverityError, "missing", path+"/id", "every component needs an id")
			continue
		}
		if first, dup := l.at[c.ID]; dup {
			l.add(badge.SeverityError, "duplicate-id", path+"/id", "component id %q is used twice (first at /components/%d)", c.ID, first)
			continue
		}
		l.comps[c.ID] = c
		l.at[c.ID] = i
		l.match(&c.Match, path+"/match")
		if c.Credits != nil && c.Credits.Value < 0 {
			l.add(badge.SeverityError, "negative", path+"/credits", "credits cannot be negative")
		}
		if c.Points < 0 {
			l.add(badge.SeverityError, "negative", path+"/points", "points cannot be negative")
		}
	}
}

func (l *linter) match(m *Match, path string) {
	if len(m.Achievements) == 0 && len(m.Issuers) == 0 && len(m.AchievementTypes) == 0 &&
		m.Alignment == nil && m.Result == nil && m.MinCredits == nil && m.Evidence == nil {
		l.add(badge.SeverityWarning, "matches-anything", path, "the component accepts any credential; list achievements, types, issuers or an alignment")
	}
	if slices.Contains(m.Achievements, "") {
		l.add(badge.SeverityError, "missing", path+"/achievements", "an achievement id is empty")
	}
	if a := m.Alignment; a != nil && a.TargetURL == "" && a.TargetCode == "" && a.Framework == "" {
		l.add(badge.SeverityError, "missing", path+"/alignment", "an alignment match needs targetUrl, targetCode or framework")
	}
	if r := m.Result; r != nil {
		l.scale(r, path+"/result")
	}
	if m.Evidence != nil && m.Evidence.Min < 0 {
		l.add(badge.SeverityError, "negative", path+"/evidence/min", "evidence min cannot be negative")
	}
	if m.MinCredits != nil && m.MinCredits.Value < 0 {
		l.add(badge.SeverityError, "negative", path+"/minCredits", "credits cannot be negative")
	}
	if w := m.EarnedBetween; w != nil {
		l.window(w, path+"/earnedBetween")
	}
}

func (l *linter) scale(r *ResultMatch, path string) {
	switch {
	case r.MinLevel == "" && len(r.Scale) > 0:
		l.add(badge.SeverityError, "bad-scale", path+"/scale", "a scale needs minLevel, the lowest level accepted")
	case r.MinLevel != "" && !slices.Contains(r.Scale, r.MinLevel):
		l.add(badge.SeverityError, "bad-scale", path+"/minLevel", "minLevel %q is not on the scale; list the levels lowest first in scale", r.MinLevel)
	}
	if len(r.Scale) > l.lim.MaxScale {
		l.add(badge.SeverityError, "limit-scale", path+"/scale", "%d levels, limit is %d (Limits.MaxScale)", len(r.Scale), l.lim.MaxScale)
		return
	}
	for i, v := range r.Scale {
		if v == "" || slices.Contains(r.Scale[:i], v) {
			l.add(badge.SeverityError, "bad-scale", fmt.Sprintf("%s/scale/%d", path, i), "scale entries must be distinct and not empty")
			break
		}
	}
}

func (l *linter) window(w *Window, path string) {
	if !w.From.IsZero() && !w.Until.IsZero() && w.Until.Before(w.From) {
		l.add(badge.SeverityError, "empty-window", path, "the window ends (%s) before it starts (%s)", w.Until.Format("2006-01-02"), w.From.Format("2006-01-02"))
	}
}

func (l *linter) tree(n *Node, path string, depth int) {
	l.nodes++
	if n == nil {
		l.add(badge.SeverityError, "missing", path, "a node is null")
		return
	}
	if depth > l.lim.MaxDepth {
		l.add(badge.SeverityError, "limit-depth", path, "requirement tree deeper than %d (Limits.MaxDepth)", l.lim.MaxDepth)
		return
	}
	if n.ID != "" {
		if prev, dup := l.ids[n.ID]; dup {
			l.add(badge.SeverityError, "duplicate-id", path, "node id %q is also used at %s", n.ID, prev)
		} else {
			l.ids[n.ID] = path
		}
	}
	if !n.Kind.known() {
		l.add(badge.SeverityError, "unknown-kind", path+"/kind", "unknown rule kind %q (known: component, allOf, anyOf, nOf, not, credits, points)", n.Kind)
		return
	}
	if n.Window != nil {
		l.window(n.Window, path+"/window")
	}
	if n.Kind == KindComponent {
		if len(n.Items) > 0 || n.Within != nil || n.Window != nil {
			l.add(badge.SeverityError, "misplaced", path, "a component node has no items or time rules; put them on a group")
		}
		if n.Component == "" {
			l.add(badge.SeverityError, "missing", path+"/component", "a component node names a component")
		} else if _, ok := l.comps[n.Component]; !ok {
			l.add(badge.SeverityError, "dangling", path+"/component", "component %q is not defined", n.Component)
		}
		return
	}
	if n.Component != "" {
		l.add(badge.SeverityError, "misplaced", path+"/component", "only a component node names a component")
	}
	if n.Kind != KindNOf && (n.Min != 0 || n.Max != 0) {
		l.add(badge.SeverityError, "misplaced", path, "min and max belong to nOf nodes")
	}
	if n.Kind != KindCredits && n.Credits != nil {
		l.add(badge.SeverityError, "misplaced", path+"/credits", "credits belong to credits nodes")
	}
	if n.Kind != KindPoints && n.Points != 0 {
		l.add(badge.SeverityError, "misplaced", path+"/points", "points belong to points nodes")
	}
	m := len(n.Items)
	switch n.Kind {
	case KindAllOf:
		if m == 0 {
			l.add(badge.SeverityWarning, "empty-group", path, "allOf with no items is always satisfied (vacuous truth)")
		}
	case KindAnyOf:
		if m == 0 {
			l.add(badge.SeverityWarning, "empty-group", path, "anyOf with no items can never be satisfied")
		}
	case KindNOf:
		switch {
		case n.Min < 0 || n.Max < 0:
			l.add(badge.SeverityError, "negative", path, "min and max cannot be negative")
		case n.Min > m:
			l.add(badge.SeverityError, "n-greater-than-m", path, "requires %d of only %d items", n.Min, m)
		case n.Max != 0 && n.Max < n.Min:
			l.add(badge.SeverityError, "max-below-min", path, "max %d is below min %d", n.Max, n.Min)
		case n.Min == 0:
			l.add(badge.SeverityWarning, "empty-group", path, "nOf with min 0 is always satisfied (vacuous truth)")
		}
	case KindNot:
		if m != 1 {
			l.add(badge.SeverityError, "not-arity", path, "not takes exactly one item, has %d", m)
		} else {
			l.add(badge.SeverityWarning, "non-monotonic", path, "not is non-monotonic: earning a credential can undo completion")
			n.Items[0].walk(1, func(m *Node, _ int) bool {
				if m != nil && (m.Within != nil || m.Window != nil) {
					l.add(badge.SeverityError, "misplaced", path, "time rules cannot be used beneath not: not asks what the learner holds, not which credentials are chosen")
					return false
				}
				return true
			})
		}
	case KindCredits:
		if n.Credits == nil || n.Credits.Value < 0 {
			l.add(badge.SeverityError, "missing", path+"/credits", "a credits node needs a non-negative credits threshold")
		} else if n.Credits.Value == 0 {
			l.add(badge.SeverityWarning, "empty-group", path, "a zero credit threshold is always met")
		}
		if m == 0 {
			l.add(badge.SeverityWarning, "empty-group", path, "a credits node with no items sums to zero")
		}
	case KindPoints:
		if n.Points < 0 {
			l.add(badge.SeverityError, "negative", path+"/points", "points cannot be negative")
		} else if n.Points == 0 {
			l.add(badge.SeverityWarning, "empty-group", path, "a zero point threshold is always met")
		}
	}
	for i, c := range n.Items {
		l.tree(c, fmt.Sprintf("%s/items/%d", path, i), depth+1)
	}
}

func (l *linter) milestones() {
	if len(l.def.Milestones) > l.lim.MaxMilestones {
		l.add(badge.SeverityError, "limit-milestones", "/milestones", "%d milestones, limit is %d (Limits.MaxMilestones)", len(l.def.Milestones), l.lim.MaxMilestones)
		return
	}
	seen := map[string]bool{}
	for i, m := range l.def.Milestones {
		path := fmt.Sprintf("/milestones/%d", i)
		switch {
		case m.ID == "":
			l.add(badge.SeverityError, "missing", path+"/id", "every milestone needs an id")
		case seen[m.ID]:
			l.add(badge.SeverityError, "duplicate-id", path+"/id", "milestone id %q is used twice", m.ID)
		}
		seen[m.ID] = true
		if m.Achievement.ID == "" {
			l.add(badge.SeverityError, "missing", path+"/achievement/id", "a milestone awards an achievement with an id")
		} else if m.Achievement.ID == l.def.Destination.ID {
			l.add(badge.SeverityError, "duplicate-id", path+"/achievement/id", "a milestone cannot award the destination achievement")
		}
		switch {
		case (m.Node == "") == (m.Requirement == nil):
			l.add(badge.SeverityError, "milestone-rule", path, "set exactly one of node and requirement")
		case m.Requirement != nil:
			l.tree(m.Requirement, path+"/requirement", 1)
		case l.def.Requirement == nil || l.def.Requirement.find(m.Node) == nil:
			l.add(badge.SeverityError, "dangling", path+"/node", "no requirement node has id %q", m.Node)
		}
	}
}

func (l *linter) equivalences() {
	if len(l.def.Equivalences) > l.lim.MaxEquivalences {
		l.add(badge.SeverityError, "limit-equivalences", "/equivalences", "%d equivalences, limit is %d (Limits.MaxEquivalences)", len(l.def.Equivalences), l.lim.MaxEquivalences)
		return
	}
	for i, e := range l.def.Equivalences {
		path := fmt.Sprintf("/equivalences/%d", i)
		if e.From == "" || e.To == "" {
			l.add(badge.SeverityError, "missing", path, "an equivalence needs from and to")
		} else if e.From == e.To {
			l.add(badge.SeverityWarning, "self-equivalence", path, "%q is declared equivalent to itself", e.From)
		}
		if e.Applies != nil {
			l.window(e.Applies, path+"/applies")
		}
	}
}

// prerequisites rejects dangling and cyclic required ordering and warns
// about cycles of suggested ordering (which then orders nothing).
func (l *linter) prerequisites() {
	ids := make([]string, 0, len(l.comps))
	for id := range l.comps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := l.comps[id]
		for _, p := range c.Prerequisites {
			if _, ok := l.comps[p]; !ok {
				l.add(badge.SeverityError, "dangling", fmt.Sprintf("/components/%d/prerequisites", l.at[id]), "prerequisite %q is not a component", p)
			}
		}
		for _, p := range c.Precedes {
			if _, ok := l.comps[p]; !ok {
				l.add(badge.SeverityError, "dangling", fmt.Sprintf("/components/%d/precedes", l.at[id]), "%q is not a component", p)
			}
		}
	}
	// Edges point from a component to the ones that must come before it.
	if cyc := findCycle(ids, func(id string) []string { return l.comps[id].Prerequisites }, l.comps); cyc != nil {
		l.add(badge.SeverityError, "cycle", "/components", "prerequisites form a cycle: %s; no learner could ever satisfy them", strings.Join(cyc, " → "))
	}
	if cyc := findCycle(ids, func(id string) []string { return l.comps[id].Precedes }, l.comps); cyc != nil {
		l.add(badge.SeverityWarning, "cycle", "/components", "suggested order (precedes) forms a cycle: %s", strings.Join(cyc, " → "))
	}
	// Suggested order that contradicts required order misleads learners.
	for _, id := range ids {
		for _, q := range l.comps[id].Precedes {
			if c, ok := l.comps[q]; ok && slices.Contains(l.comps[id].Prerequisites, q) {
				l.add(badge.SeverityWarning, "order-conflict", fmt.Sprintf("/components/%d/precedes", l.at[id]),
					"%q is suggested before %q but is required after it", id, c.ID)
			}
		}
	}
}

// findCycle returns one cycle in the graph as a path that starts and ends
// at the same node, or nil. Iterative, so deep graphs cannot overflow.
func findCycle(ids []string, next func(string) []string, known map[string]*Component) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	type frame struct {
		id string
		i  int
	}
	for _, start := range ids {
		if color[start] != white {
			continue
		}
		stack := []frame{{start, 0}}
		color[start] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			succ := next(top.id)
			if top.i == len(succ) {
				color[top.id] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := succ[top.i]
			top.i++
			if _, ok := known[s]; !ok {
				continue
			}
			switch color[s] {
			case grey:
				var cyc []string
				for j := len(stack) - 1; j >= 0; j-- {
					cyc = append(cyc, stack[j].id)
					if stack[j].id == s {
						break
					}
				}
				slices.Reverse(cyc)
				return append(cyc, s)
			case white:
				color[s] = grey
				stack = append(stack, frame{s, 0})
			}
		}
	}
	return nil
}

func (l *linter) reachability() {
	used := map[string]bool{}
	mark := func(n *Node) {
		n.walk(1, func(m *Node, _ int) bool {
			if m != nil && m.Kind == KindComponent {
				used[m.Component] = true
			}
			return true
		})
	}
	mark(l.def.Requirement)
	for _, m := range l.def.Milestones {
		mark(m.Requirement)
	}
	for i, c := range l.def.Components {
		if c.ID != "" && !used[c.ID] {
			l.add(badge.SeverityWarning, "unreachable", fmt.Sprintf("/components/%d", i),
				"component %s is not referenced by the requirement or any milestone, so it never counts", nameAndID(&c))
		}
	}
}

// nameAndID names a component for people who know it by name and tools
// that know it by id: "Databases" (db), or just "db" without a name.
func nameAndID(c *Component) string {
	if c.Name == "" || c.Name == c.ID {
		return fmt.Sprintf("%q", c.ID)
	}
	return fmt.Sprintf("%q (%s)", c.Name, c.ID)
}
