package pathwaytest

import (
	"fmt"
	"strings"
	"time"

	"github.com/microcred/microcred/pathway"
)

// fakeTB records failures instead of failing, so tests can prove that a
// wrong expectation is reported.
type fakeTB struct{ errors []string }

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) all() string { return strings.Join(f.errors, "\n") }

func comp(id string, credits float64) pathway.Component {
	c := pathway.Component{ID: id, Name: "Course " + id, Match: pathway.Match{Achievements: []string{"urn:ach:" + id}}}
	if credits > 0 {
		c.Credits = &pathway.Quantity{Value: credits, Unit: "ECTS"}
	}
	return c
}

func C(id string) *pathway.Node { return &pathway.Node{Kind: pathway.KindComponent, Component: id} }
func All(items ...*pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindAllOf, Items: items}
}
func Any(items ...*pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindAnyOf, Items: items}
}
func NOf(n int, items ...*pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindNOf, Min: n, Items: items}
}
func Not(item *pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindNot, Items: []*pathway.Node{item}}
}
func Credits(v float64, items ...*pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindCredits, Credits: &pathway.Quantity{Value: v, Unit: "ECTS"}, Items: items}
}
func Points(v float64, items ...*pathway.Node) *pathway.Node {
	return &pathway.Node{Kind: pathway.KindPoints, Points: v, Items: items}
}

func def(req *pathway.Node, comps ...pathway.Component) *pathway.Definition {
	return &pathway.Definition{Format: pathway.FormatV1, ID: "urn:test:pathway", Version: "1", Name: "Test",
		Destination: pathway.AchievementRef{ID: "urn:test:destination", Name: "Destination", IssuerID: "urn:test:issuer"},
		Components:  comps, Requirement: req}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func earn(id, component, when string) pathway.Earned {
	return pathway.Earned{ID: id, AchievementID: "urn:ach:" + component, IssuerID: "urn:test:issuer", EarnedAt: day(when)}
}
