package pathway

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// This file checks the one property a pathway engine must never break: an
// award (destination or milestone) is made only when every requirement is
// met by credentials the learner holds. The checker below is written
// independently of the evaluator (no shared code beyond the types): it
// re-checks each assignment the award rests on and evaluates the rule tree
// naively over it, and it searches every assignment by brute force to
// confirm that "complete" is claimed exactly when some assignment of held
// credentials satisfies the tree.

// proxyAchievement is the credential a milestone awards in the random
// definitions; the destination may also ask for it held (a milestone-proxy
// shape, as CTDL imports write it).
const proxyAchievement = "urn:ms"

// randomAwardInstance builds a definition with a milestone whose node is an
// inner group, and, in most instances, a slot for the milestone's own
// credential: required outright (the held reading), or as an alternative to
// the group (the Shortcut reading).
func randomAwardInstance(r *rand.Rand) (*Definition, []Earned) {
	ach := func() string { return fmt.Sprintf("urn:a%d", r.IntN(4)) }
	for {
		nc := 1 + r.IntN(4)
		var comps []Component
		for i := range nc {
			c := Component{ID: fmt.Sprintf("c%d", i), Match: Match{Achievements: []string{ach()}},
				Credits: &Quantity{float64(1 + r.IntN(3)), "ECTS"}, Points: float64(r.IntN(3))}
			c.Reuse = r.IntN(8) == 0
			if i > 0 && r.IntN(5) == 0 {
				c.Prerequisites = []string{fmt.Sprintf("c%d", r.IntN(i))}
			}
			comps = append(comps, c)
		}
		var gen func(depth int) *Node
		gen = func(depth int) *Node {
			if depth >= 3 || (depth > 0 && r.IntN(3) == 0) {
				return C(fmt.Sprintf("c%d", r.IntN(nc)))
			}
			var items []*Node
			for range 1 + r.IntN(3) {
				items = append(items, gen(depth+1))
			}
			switch r.IntN(7) {
			case 0:
				return Any(items...)
			case 1:
				return NOf(r.IntN(len(items)+1), items...)
			case 2:
				return Cred(float64(1+r.IntN(5)), "ECTS", items...)
			case 3:
				return Pts(float64(1+r.IntN(3)), items...)
			case 4:
				if r.IntN(3) == 0 {
					return Not(items[0])
				}
			}
			return All(items...)
		}
		group := gen(1)
		if group.Kind == KindComponent {
			group = All(group)
		}
		group.ID = "g"
		var root *Node
		switch r.IntN(4) {
		case 0: // the milestone's credential is required as held
			comps = append(comps, Component{ID: "m", Match: Match{Achievements: []string{proxyAchievement}}})
			root = All(C("m"), gen(1))
		case 1: // Shortcut: holding it or meeting its conditions
			comps = append(comps, Component{ID: "m", Match: Match{Achievements: []string{proxyAchievement}}})
			root = All(Any(C("m"), group), gen(2))
		default: // the conditions are the rule
			root = All(group, gen(2))
		}
		def := pathwayOf(root, comps...)
		def.Milestones = []Milestone{{ID: "ms", Node: "g", Achievement: AchievementRef{ID: proxyAchievement, Name: "Milestone"}}}
		if root.find("g") == nil {
			def.Milestones[0].Node, def.Milestones[0].Requirement = "", group
		}
		if Validate(def) != nil {
			continue
		}
		var earned []Earned
		for i := range r.IntN(6) {
			a := ach()
			if r.IntN(6) == 0 {
				a = proxyAchievement
			}
			e := earn(fmt.Sprintf("e%d", i), a, "")
			if r.IntN(8) != 0 {
				e.EarnedAt = date("2024-01-01").AddDate(0, 0, r.IntN(800))
			}
			switch r.IntN(10) {
			case 0:
				e.ValidUntil = date("2026-01-01") // expired at asOf
			case 1:
				e.Status = StatusRevoked
			}
			earned = append(earned, e)
		}
		return def, earned
	}
}

// naiveSat evaluates n over a filling (component id → credential) of the
// learner's credentials, following the documented semantics with no
// shortcuts.
func naiveSat(def *Definition, n *Node, fill map[string]Earned, earned []Earned) bool {
	under := func() []Component {
		var ids []string
		var walk func(*Node)
		walk = func(x *Node) {
			if x.Kind == KindComponent {
				if !slices.Contains(ids, x.Component) {
					ids = append(ids, x.Component)
				}
			}
			for _, it := range x.Items {
				walk(it)
			}
		}
		walk(n)
		var out []Component
		for _, c := range def.Components {
			if slices.Contains(ids, c.ID) {
				out = append(out, c)
			}
		}
		return out
	}
	switch n.Kind {
	case KindComponent:
		_, ok := fill[n.Component]
		return ok
	case KindAllOf:
		for _, it := range n.Items {
			if !naiveSat(def, it, fill, earned) {
				return false
			}
		}
		return true
	case KindAnyOf:
		for _, it := range n.Items {
			if naiveSat(def, it, fill, earned) {
				return true
			}
		}
		return false
	case KindNOf:
		k := 0
		for _, it := range n.Items {
			if naiveSat(def, it, fill, earned) {
				k++
			}
		}
		return k >= n.Min
	case KindNot:
		// NOT looks at what the learner holds, not at the filling: it
		// fails when any held credentials could satisfy its item.
		return !someFilling(def, n.Items[0], earned)
	case KindCredits, KindPoints:
		sum := 0.0
		for _, c := range under() {
			if _, ok := fill[c.ID]; !ok {
				continue
			}
			if n.Kind == KindPoints {
				sum += c.Points
			} else if c.Credits != nil && strings.EqualFold(c.Credits.Unit, n.Credits.Unit) {
				sum += c.Credits.Value
			}
		}
		if n.Kind == KindPoints {
			return sum >= n.Points
		}
		return sum >= n.Credits.Value
	}
	panic("naiveSat: kind " + string(n.Kind))
}

// heldValid reports whether credential e may fill component c at asOf.
func heldValid(c Component, e Earned) bool {
	return slices.Contains(c.Match.Achievements, e.AchievementID) &&
		e.Status == "" && (e.ValidUntil.IsZero() || e.ValidUntil.After(asOf)) && !e.EarnedAt.After(asOf)
}

// naiveFilling checks a filling against the rules outside the tree: held,
// valid credentials, one slot per credential and per achievement unless
// Reuse, prerequisites filled no later (by UTC day).
func naiveFilling(def *Definition, fill map[string]Earned) string {
	creds, achs := map[string]string{}, map[string]string{}
	for _, c := range def.Components {
		e, ok := fill[c.ID]
		if !ok {
			continue
		}
		if !heldValid(c, e) {
			return fmt.Sprintf("%s filled by %s, which does not match or is not valid", c.ID, e.ID)
		}
		if !c.Reuse {
			if other, dup := creds[e.ID]; dup {
				return fmt.Sprintf("%s fills both %s and %s", e.ID, other, c.ID)
			}
			if other, dup := achs[e.AchievementID]; dup {
				return fmt.Sprintf("achievement %s counted in both %s and %s", e.AchievementID, other, c.ID)
			}
			creds[e.ID], achs[e.AchievementID] = c.ID, c.ID
		}
		for _, p := range c.Prerequisites {
			pe, ok := fill[p]
			if !ok {
				return fmt.Sprintf("%s filled without its prerequisite %s", c.ID, p)
			}
			if !e.EarnedAt.IsZero() && !pe.EarnedAt.IsZero() && pe.EarnedAt.UTC().Truncate(24*60*60*1e9).After(e.EarnedAt.UTC()) {
				return fmt.Sprintf("%s earned before its prerequisite %s", c.ID, p)
			}
			if e.EarnedAt.IsZero() != pe.EarnedAt.IsZero() || (e.EarnedAt.IsZero() && pe.EarnedAt.IsZero()) {
				return fmt.Sprintf("%s and its prerequisite %s cannot be ordered", c.ID, p)
			}
		}
	}
	return ""
}

// fillingOf rebuilds the filling an award rests on from its assignments,
// refusing any credential the learner does not hold.
func fillingOf(earned []Earned, as []Assignment) (map[string]Earned, error) {
	fill := map[string]Earned{}
	for _, a := range as {
		i := slices.IndexFunc(earned, func(e Earned) bool { return e.ID == a.Credential })
		if i < 0 {
			return nil, fmt.Errorf("assignment of %s uses %s, which the learner does not hold", a.Component, a.Credential)
		}
		fill[a.Component] = earned[i]
	}
	return fill, nil
}

// someFilling searches every filling by brute force for one that passes
// naiveFilling and satisfies n.
func someFilling(def *Definition, n *Node, earned []Earned) bool {
	fill := map[string]Earned{}
	var rec func(i int) bool
	rec = func(i int) bool {
		if i == len(def.Components) {
			return naiveFilling(def, fill) == "" && naiveSat(def, n, fill, earned)
		}
		c := def.Components[i]
		if rec(i + 1) {
			return true
		}
		for _, e := range earned {
			if heldValid(c, e) {
				fill[c.ID] = e
				ok := rec(i + 1)
				delete(fill, c.ID)
				if ok {
					return true
				}
			}
		}
		return false
	}
	return rec(0)
}

func hasNot(def *Definition) bool {
	var walk func(*Node) bool
	walk = func(n *Node) bool {
		if n == nil {
			return false
		}
		if n.Kind == KindNot {
			return true
		}
		return slices.ContainsFunc(n.Items, walk)
	}
	return walk(def.Requirement) || slices.ContainsFunc(def.Milestones, func(m Milestone) bool { return walk(m.Requirement) })
}

// TestAwardOnlyWhatWasEarned: on random definitions with milestone-proxy
// shapes, every award rests on held, valid credentials that meet every
// requirement, and the engine is complete exactly when brute force finds
// such credentials. A milestone completed in the same evaluation is never
// taken as a credential the learner holds.
func TestAwardOnlyWhatWasEarned(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	awards := 0
	for i := range 600 {
		def, earned := randomAwardInstance(r)
		p := evaluate(t, def, earned, Options{})
		fail := func(format string, args ...any) {
			t.Helper()
			b, _ := json.Marshal(def)
			e, _ := json.Marshal(earned)
			t.Fatalf("instance %d: %s\ndef %s\nearned %s\n%s", i, fmt.Sprintf(format, args...), b, e, p.Explain())
		}
		// Claiming completion must be backed by some filling (safety);
		// without NOT, whose reading of prerequisites is conservative, the
		// converse holds too (no learner is denied what they earned).
		exact := !hasNot(def)
		if want := someFilling(def, def.Requirement, earned); p.Complete && !want || exact && p.Complete != want {
			fail("complete = %v, brute force says %v", p.Complete, want)
		}
		if _, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1"}); err == nil {
			awards++
			fill, err := fillingOf(earned, p.Assignments)
			if err != nil {
				fail("destination award: %v", err)
			}
			if why := naiveFilling(def, fill); why != "" {
				fail("destination award: %s", why)
			}
			if !naiveSat(def, def.Requirement, fill, earned) {
				fail("destination award rests on credentials that do not meet the requirement")
			}
		}
		ms := def.Milestones[0]
		node := ms.Requirement
		if node == nil {
			node = def.Requirement.find(ms.Node)
		}
		mp := p.Milestones[0]
		if want := someFilling(def, node, earned); mp.Complete && !want || exact && mp.Complete != want {
			fail("milestone complete = %v, brute force says %v", mp.Complete, want)
		}
		if _, err := AwardMilestone(def, p, "ms", AwardOptions{Recipient: "did:example:1"}); err == nil {
			fill, err := fillingOf(earned, mp.Assignments)
			if err != nil {
				fail("milestone award: %v", err)
			}
			if why := naiveFilling(def, fill); why != "" {
				fail("milestone award: %s", why)
			}
			if !naiveSat(def, node, fill, earned) {
				fail("milestone award rests on credentials that do not meet its requirement")
			}
		}
	}
	t.Logf("%d of 600 instances awarded", awards)
	if awards < 30 {
		t.Fatalf("only %d of 600 instances were awarded: the generator no longer exercises awards", awards)
	}
}
