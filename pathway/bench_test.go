package pathway

import (
	"fmt"
	"testing"
	"time"
)

// benchPathway is 50 components in 5 groups of 10 (all of group 0, 6 of
// each other group, 30 ECTS over groups 1-2), each slot with its own
// achievement: the common shape of a program without overlapping slots.
func benchPathway() *Definition {
	var comps []Component
	var groups []*Node
	for g := range 5 {
		var items []*Node
		for i := range 10 {
			id := fmt.Sprintf("g%dc%d", g, i)
			c := comp(id, fmt.Sprintf("urn:ach:%d", g*10+i))
			c.Credits = &Quantity{3, "ECTS"}
			comps = append(comps, c)
			items = append(items, C(id))
		}
		if g == 0 {
			groups = append(groups, All(items...))
		} else {
			groups = append(groups, NOf(6, items...))
		}
	}
	return pathwayOf(All(groups[0], Cred(30, "ECTS", groups[1], groups[2]), groups[3], groups[4]), comps...)
}

// benchEarned spreads n credentials over 80 achievements, 50 of which the
// pathway uses, so larger sets carry duplicates and irrelevant badges.
func benchEarned(n int) []Earned {
	out := make([]Earned, n)
	start := date("2024-01-01")
	for i := range out {
		out[i] = Earned{ID: fmt.Sprintf("urn:cred:%06d", i), AchievementID: fmt.Sprintf("urn:ach:%d", (i*7)%80),
			IssuerID: "urn:test:issuer", EarnedAt: start.Add(time.Duration(i) * time.Hour)}
	}
	return out
}

func BenchmarkEvaluate(b *testing.B) {
	def := benchPathway()
	if err := Validate(def); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		earned := benchEarned(n)
		b.Run(fmt.Sprintf("credentials=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := Evaluate(def, earned, asOf, Options{})
				if err != nil || !p.Optimal {
					b.Fatalf("err=%v optimal=%v", err, p != nil && p.Optimal)
				}
			}
		})
	}
}

// BenchmarkEvaluatePrepared is BenchmarkEvaluate through an Evaluator
// prepared once, as a host evaluating a cohort does: "full" with the
// explanation and next steps, "verdict" with Options.VerdictOnly,
// "assignments" with Options.AssignmentsOnly. 40, 400 and 4,000
// credentials show the cost linear in credentials (issue 13 §1).
func BenchmarkEvaluatePrepared(b *testing.B) {
	for _, mode := range []struct {
		name string
		opts Options
	}{{"full", Options{}}, {"verdict", Options{VerdictOnly: true}}, {"assignments", Options{AssignmentsOnly: true}}} {
		pe, err := Prepare(benchPathway(), mode.opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{10, 40, 100, 400, 1000, 4000} {
			earned := benchEarned(n)
			b.Run(fmt.Sprintf("%s/credentials=%d", mode.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := pe.Evaluate(earned, asOf)
					if err != nil || !p.Optimal {
						b.Fatalf("err=%v optimal=%v", err, p != nil && p.Optimal)
					}
				}
			})
		}
	}
}

// TestBenchmarkShape keeps the benchmark honest: the larger sets complete
// the pathway and the search takes one descent.
func TestBenchmarkShape(t *testing.T) {
	def := benchPathway()
	for _, n := range []int{10, 100, 1000} {
		p, err := Evaluate(def, benchEarned(n), asOf, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n >= 100 && !p.Complete {
			t.Errorf("%d credentials: not complete\n%s", n, p.Explain())
		}
		// One descent is len+1 nodes; steps also charge candidate visits
		// (one per workPerStep), a handful here.
		if limit := 2 * (len(def.Components) + 1); p.SearchSteps > limit {
			t.Errorf("%d credentials: %d search steps for non-overlapping slots, want one descent (at most %d)", n, p.SearchSteps, limit)
		}
	}
}
