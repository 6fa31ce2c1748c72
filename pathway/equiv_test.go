package pathway

import (
	"maps"
	"slices"
	"testing"
)

func TestEquivalences(t *testing.T) {
	target := pathwayOf(C("z"), comp("z", "urn:z"))
	with := func(eqs ...Equivalence) *Definition {
		d := *target
		d.Components = slices.Clone(target.Components)
		d.Equivalences = eqs
		return &d
	}
	chain := []Equivalence{
		{From: "urn:x", To: "urn:y", Kind: "substitution", Source: "registrar 2024-17"},
		{From: "urn:y", To: "urn:z", Kind: "exactMatchOf", Source: "CLR urn:clr:1", Mutual: true},
	}
	tests := []struct {
		name   string
		why    string
		def    *Definition
		earned Earned
		opts   Options
		want   bool
		steps  int
	}{
		{"direct", "no equivalence needed", with(chain...), earn("1", "urn:z", "2025-01-01"), Options{}, true, 0},
		{"chain of two", "x counts as y counts as z", with(chain...), earn("1", "urn:x", "2025-01-01"), Options{}, true, 2},
		{"one-way", "z does not count as x: substitution is one-way",
			func() *Definition { d := with(chain...); d.Components[0] = comp("z", "urn:x"); return d }(), earn("1", "urn:z", "2025-01-01"), Options{}, false, 0},
		{"mutual", "exactMatchOf holds both ways: z counts as y",
			func() *Definition { d := with(chain...); d.Components[0] = comp("z", "urn:y"); return d }(), earn("1", "urn:z", "2025-01-01"), Options{}, true, 1},
		{"chain too long", "MaxEquivalenceChain 1 stops x→y→z", with(chain...), earn("1", "urn:x", "2025-01-01"), Options{MaxEquivalenceChain: 1}, false, 0},
		{"time-bounded, inside", "the transfer value applies to credentials earned in 2024",
			with(Equivalence{From: "urn:x", To: "urn:z", Source: "tvp", Applies: &Window{From: date("2024-01-01"), Until: date("2024-12-31")}}),
			earn("1", "urn:x", "2024-06-01"), Options{}, true, 1},
		{"time-bounded, outside", "earned in 2025, outside the transfer window",
			with(Equivalence{From: "urn:x", To: "urn:z", Source: "tvp", Applies: &Window{From: date("2024-01-01"), Until: date("2024-12-31")}}),
			earn("1", "urn:x", "2025-06-01"), Options{}, false, 0},
		{"time-bounded, undated", "an undated credential cannot be placed in the window",
			with(Equivalence{From: "urn:x", To: "urn:z", Source: "tvp", Applies: &Window{From: date("2024-01-01")}}),
			earn("1", "urn:x", ""), Options{}, false, 0},
		{"declared, not trusted", "a credential's own equivalents are ignored by default",
			with(), Earned{ID: "1", AchievementID: "urn:x", Equivalents: []string{"urn:z"}}, Options{}, false, 0},
		{"declared, trusted", "AcceptDeclaredEquivalents honours them",
			with(), Earned{ID: "1", AchievementID: "urn:x", Equivalents: []string{"urn:z"}}, Options{AcceptDeclaredEquivalents: true}, true, 1},
		{"cycle of equivalences", "a→b→a terminates",
			func() *Definition {
				d := with(Equivalence{From: "urn:a", To: "urn:b", Mutual: true}, Equivalence{From: "urn:b", To: "urn:a"})
				d.Components[0] = comp("z", "urn:q")
				return d
			}(), earn("1", "urn:a", "2025-01-01"), Options{}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := evaluate(t, tt.def, []Earned{tt.earned}, tt.opts)
			if p.Complete != tt.want {
				t.Fatalf("%s: complete = %v, want %v\n%s", tt.why, p.Complete, tt.want, p.Explain())
			}
			if tt.want {
				if got := len(p.Assignments[0].Via); got != tt.steps {
					t.Errorf("%s: %d equivalence steps recorded, want %d: %+v", tt.why, got, tt.steps, p.Assignments[0].Via)
				}
				for _, st := range p.Assignments[0].Via {
					if st.Source == "" && st.Kind != "declared" {
						t.Errorf("step %+v lost its provenance", st)
					}
				}
			}
		})
	}
}

// An RPL credential eligible through an equivalence for one slot and
// directly for another fills only one of them.
func TestEquivalenceDoesNotDoubleCount(t *testing.T) {
	d := pathwayOf(All(C("p"), C("q")), comp("p", "urn:p"), comp("q", "urn:q"))
	d.Equivalences = []Equivalence{{From: "urn:rpl", To: "urn:p", Source: "rpl"}, {From: "urn:rpl", To: "urn:q", Source: "rpl"}}
	p := evaluate(t, d, []Earned{earn("r", "urn:rpl", "")}, Options{})
	if p.Complete || len(p.Assignments) != 1 {
		t.Fatalf("one RPL credential filled %v", filled(p))
	}
	p = evaluate(t, d, []Earned{earn("r", "urn:rpl", ""), earn("q", "urn:q", "2025-01-01")}, Options{})
	if want := map[string]string{"p": "r", "q": "q"}; !maps.Equal(filled(p), want) {
		t.Fatalf("assignment %v, want %v", filled(p), want)
	}
}
