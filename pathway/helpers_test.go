package pathway

import (
	"testing"
	"time"
)

// Small builders so that each table row reads like the rule it tests.

func comp(id string, achievements ...string) Component {
	return Component{ID: id, Name: id, Match: Match{Achievements: achievements}}
}

func C(id string) *Node                   { return &Node{Kind: KindComponent, Component: id} }
func All(items ...*Node) *Node            { return &Node{Kind: KindAllOf, Items: items} }
func Any(items ...*Node) *Node            { return &Node{Kind: KindAnyOf, Items: items} }
func NOf(n int, items ...*Node) *Node     { return &Node{Kind: KindNOf, Min: n, Items: items} }
func Not(item *Node) *Node                { return &Node{Kind: KindNot, Items: []*Node{item}} }
func Pts(p float64, items ...*Node) *Node { return &Node{Kind: KindPoints, Points: p, Items: items} }
func Cred(v float64, unit string, items ...*Node) *Node {
	return &Node{Kind: KindCredits, Credits: &Quantity{v, unit}, Items: items}
}

func pathwayOf(req *Node, comps ...Component) *Definition {
	return &Definition{Format: FormatV1, ID: "urn:test:pathway", Version: "1", Name: "Test",
		Destination: AchievementRef{ID: "urn:test:destination", Name: "Destination", IssuerID: "urn:test:issuer"},
		Components:  comps, Requirement: req}
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// earn makes an earned credential; an empty when means undated.
func earn(id, achievement, when string) Earned {
	e := Earned{ID: id, AchievementID: achievement, IssuerID: "urn:test:issuer"}
	if when != "" {
		e.EarnedAt = date(when)
	}
	return e
}

var asOf = date("2026-06-01")

func evaluate(t testing.TB, def *Definition, earned []Earned, opts Options) *Progress {
	t.Helper()
	p, err := Evaluate(def, earned, asOf, opts)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return p
}

// filled maps component id to credential id.
func filled(p *Progress) map[string]string {
	m := map[string]string{}
	for _, a := range p.Assignments {
		m[a.Component] = a.Credential
	}
	return m
}

func stateOf(p *Progress, id string) ComponentProgress {
	for _, c := range p.Components {
		if c.ID == id {
			return c
		}
	}
	return ComponentProgress{}
}
