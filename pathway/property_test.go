package pathway

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomInstance builds a small random pathway and credentials. Pools are
// tiny on purpose, so that slots overlap, achievements repeat and
// prerequisites bite: the cases where a greedy evaluator goes wrong.
func randomInstance(r *rand.Rand, allowNot bool) (*Definition, []Earned) {
	ach := func() string { return fmt.Sprintf("urn:a%d", r.IntN(5)) }
	for {
		nc := 1 + r.IntN(5)
		var comps []Component
		for i := range nc {
			c := Component{ID: fmt.Sprintf("c%d", i), Match: Match{Achievements: []string{ach()}}}
			if r.IntN(2) == 0 {
				c.Match.Achievements = append(c.Match.Achievements, ach())
			}
			c.Credits = &Quantity{float64(1 + r.IntN(3)), "ECTS"}
			c.Reuse = r.IntN(10) == 0
			if i > 0 && r.IntN(5) == 0 {
				c.Prerequisites = []string{fmt.Sprintf("c%d", r.IntN(i))}
			}
			comps = append(comps, c)
		}
		var gen func(depth int) *Node
		gen = func(depth int) *Node {
			if depth >= 3 || r.IntN(3) == 0 {
				return C(fmt.Sprintf("c%d", r.IntN(nc)))
			}
			var items []*Node
			for range 1 + r.IntN(3) {
				items = append(items, gen(depth+1))
			}
			switch k := r.IntN(10); {
			case k < 3:
				return All(items...)
			case k < 5:
				return Any(items...)
			case k < 7:
				n := NOf(r.IntN(len(items)+1), items...)
				if r.IntN(3) == 0 {
					n.Max = max(n.Min, 1+r.IntN(len(items)))
				}
				return n
			case k < 8:
				return Cred(float64(1+r.IntN(5)), "ECTS", items...)
			case k < 9 && allowNot:
				return Not(items[0])
			default:
				return All(items...)
			}
		}
		root := gen(0)
		if root.Kind != KindComponent && r.IntN(5) == 0 {
			d, _ := ParseDuration("P1Y")
			root.Within = &d
		}
		if root.Kind != KindComponent && r.IntN(6) == 0 {
			root.Window = &Window{From: date("2024-06-01"), Until: date("2025-06-01")}
		}
		def := pathwayOf(root, comps...)
		if Validate(def) != nil {
			continue
		}
		var earned []Earned
		for i := range r.IntN(6) {
			e := earn(fmt.Sprintf("e%d", i), ach(), "")
			if r.IntN(8) != 0 {
				e.EarnedAt = date("2024-01-01").AddDate(0, 0, r.IntN(800))
			}
			if r.IntN(8) == 0 {
				e.ValidUntil = date("2026-01-01")
			}
			if r.IntN(4) == 0 {
				e.Credits, e.CreditUnit = float64(r.IntN(4)), "ECTS"
			}
			earned = append(earned, e)
		}
		return def, earned
	}
}

// bruteForce enumerates every assignment and returns the best objective.
func bruteForce(t *testing.T, def *Definition, earned []Earned) objective {
	pe, err := Prepare(def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := pe.newEvaluator(earned, asOf)
	if err != nil {
		t.Fatal(err)
	}
	n := len(def.Components)
	s := &state{assign: make([]int, n), used: make([]int, ev.ngroups)}
	var best objective
	have := false
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			for ci, a := range s.assign {
				if a >= 0 && ev.orderProblem(ci, a, s.assign) != "" {
					return
				}
			}
			for g := range s.used {
				if s.used[g] > 1 {
					return
				}
			}
			v := ev.eval(def.Requirement, s, false)
			f := 0
			for _, a := range s.assign {
				if a >= 0 {
					f++
				}
			}
			o := objective{v.sat, v.prog, f}
			if !have || better(o, best) {
				best, have = o, true
			}
			return
		}
		s.assign[i] = unfilled
		rec(i + 1)
		for k, c := range ev.cands[i] {
			s.assign[i] = k
			if !def.Components[i].Reuse {
				s.used[c.group]++
			}
			rec(i + 1)
			if !def.Components[i].Reuse {
				s.used[c.group]--
			}
		}
	}
	rec(0)
	return best
}

// TestOptimalAgainstBruteForce: on random overlapping instances the
// evaluator's assignment is exactly as good as the best of all assignments.
func TestOptimalAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		def, earned := randomInstance(r, true)
		p := evaluate(t, def, earned, Options{})
		want := bruteForce(t, def, earned)
		if p.Complete != want.sat || p.Percent != percent(want.prog) || len(p.Assignments) != want.filled || !p.Optimal {
			b, _ := json.Marshal(def)
			e, _ := json.Marshal(earned)
			t.Fatalf("instance %d: got complete=%v percent=%v filled=%d, brute force %+v (percent %v)\ndef %s\nearned %s\n%s",
				i, p.Complete, p.Percent, len(p.Assignments), want, percent(want.prog), b, e, p.Explain())
		}
	}
}

func TestPermutationInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		def, earned := randomInstance(r, true)
		base, _ := json.Marshal(evaluate(t, def, earned, Options{}))
		for range 3 {
			r.Shuffle(len(earned), func(a, b int) { earned[a], earned[b] = earned[b], earned[a] })
			got, _ := json.Marshal(evaluate(t, def, earned, Options{}))
			if string(got) != string(base) {
				t.Fatalf("instance %d: output depends on credential order\n%s\n%s", i, base, got)
			}
		}
	}
}

// TestAddingNeverLowers: without NOT, one more valid credential never lowers
// progress or undoes completion (the evaluator may leave it unused).
func TestAddingNeverLowers(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		def, earned := randomInstance(r, false)
		for k := range earned {
			before := evaluate(t, def, earned[:k], Options{})
			after := evaluate(t, def, earned[:k+1], Options{})
			if after.Percent < before.Percent || (before.Complete && !after.Complete) {
				b, _ := json.Marshal(def)
				t.Fatalf("instance %d: adding %+v lowered progress %v%% -> %v%%\n%s\n%s\n%s", i, earned[k], before.Percent, after.Percent, b, before.Explain(), after.Explain())
			}
		}
	}
}

func TestAwardOnlyWhenComplete(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 300 {
		def, earned := randomInstance(r, true)
		p := evaluate(t, def, earned, Options{})
		_, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1"})
		switch {
		case p.Complete && len(p.Assignments) > 0 && err != nil:
			t.Fatalf("complete but not awarded: %v", err)
		case !p.Complete && !errors.Is(err, ErrIncomplete):
			t.Fatalf("incomplete but err = %v", err)
		case p.Complete && len(p.Assignments) == 0 && !errors.Is(err, ErrVacuous):
			t.Fatalf("vacuous but err = %v", err)
		}
	}
}

// randomNested builds trees where every component appears once (so the slot
// bound applies) and slots compete for three achievements.
func randomNested(r *rand.Rand) (*Definition, []Earned) {
	for {
		var comps []Component
		var gen func(depth int) *Node
		gen = func(depth int) *Node {
			if depth >= 3 || (depth > 0 && r.IntN(3) == 0) || len(comps) >= 6 {
				id := fmt.Sprintf("c%d", len(comps))
				c := Component{ID: id, Match: Match{Achievements: []string{fmt.Sprintf("urn:a%d", r.IntN(3))}}, Credits: &Quantity{float64(1 + r.IntN(3)), "ECTS"}}
				if r.IntN(2) == 0 {
					c.Match.Achievements = append(c.Match.Achievements, fmt.Sprintf("urn:a%d", r.IntN(3)))
				}
				comps = append(comps, c)
				return C(id)
			}
			var items []*Node
			for range 2 + r.IntN(2) {
				items = append(items, gen(depth+1))
			}
			switch r.IntN(5) {
			case 0:
				return Any(items...)
			case 1:
				return NOf(1+r.IntN(len(items)), items...)
			case 2:
				return Cred(float64(2+r.IntN(5)), "ECTS", items...)
			}
			return All(items...)
		}
		root := gen(0)
		def := pathwayOf(root, comps...)
		if Validate(def) != nil {
			continue
		}
		var earned []Earned
		for i := range 1 + r.IntN(5) {
			earned = append(earned, earn(fmt.Sprintf("e%d", i), fmt.Sprintf("urn:a%d", r.IntN(3)), "2025-01-01"))
		}
		return def, earned
	}
}

func TestSlotBoundAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 300 {
		def, earned := randomNested(r)
		p := evaluate(t, def, earned, Options{})
		want := bruteForce(t, def, earned)
		if p.Complete != want.sat || p.Percent != percent(want.prog) || len(p.Assignments) != want.filled || !p.Optimal {
			b, _ := json.Marshal(def)
			t.Fatalf("instance %d: got complete=%v percent=%v filled=%d, brute force %+v\n%s\n%s", i, p.Complete, p.Percent, len(p.Assignments), want, b, p.Explain())
		}
	}
}
