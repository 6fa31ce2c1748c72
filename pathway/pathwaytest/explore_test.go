package pathwaytest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/pathway"
)

func waysOf(x *Exploration) []string {
	var out []string
	for _, w := range x.Ways {
		out = append(out, strings.Join(w.Components, "+"))
	}
	return out
}

// TestExploreRuleTypes checks the explorer against minimal completing sets
// worked out by hand for each rule type.
func TestExploreRuleTypes(t *testing.T) {
	abcd := []pathway.Component{comp("a", 3), comp("b", 3), comp("c", 4), comp("d", 2)}
	withPrereq := slices.Clone(abcd)
	withPrereq[1].Prerequisites = []string{"a"} // b requires a first
	sameAch := []pathway.Component{comp("a", 0), comp("b", 0)}
	sameAch[1].Match.Achievements = sameAch[0].Match.Achievements
	pts := slices.Clone(abcd)
	for i := range pts {
		pts[i].Points = float64(i + 1) // a=1 b=2 c=3 d=4
	}
	tests := []struct {
		name     string
		req      *pathway.Node
		comps    []pathway.Component
		want     []string
		rejected int
		why      string
	}{
		{"all-of", All(C("a"), C("b"), C("c")), abcd, []string{"a+b+c"}, 0, "every item is needed"},
		{"any-of", Any(C("a"), C("b"), C("c")), abcd, []string{"a", "b", "c"}, 0, "each item alone"},
		{"2-of-3", NOf(2, C("a"), C("b"), C("c")), abcd, []string{"a+b", "a+c", "b+c"}, 0, "every pair"},
		{"3-of-4", NOf(3, C("a"), C("b"), C("c"), C("d")), abcd, []string{"a+b+c", "a+b+d", "a+c+d", "b+c+d"}, 0, "C(4,3) triples"},
		{"nested", All(C("a"), Any(C("b"), All(C("c"), C("d")))), abcd, []string{"a+b", "a+c+d"}, 0, "a, then b or both c and d"},
		{"nested n-of", NOf(2, C("a"), All(C("b"), C("c")), C("d")), abcd, []string{"a+d", "a+b+c", "b+c+d"}, 0, "a group counts as one item"},
		{"credits", Credits(6, C("a"), C("b"), C("c"), C("d")), abcd, []string{"a+b", "a+c", "b+c", "c+d"}, 0, "3+3, 3+4, 3+4, 4+2 reach 6; a+d (5) and b+d (5) do not"},
		{"credits and all-of", All(C("d"), Credits(6, C("a"), C("b"), C("c"), C("d"))), abcd, []string{"c+d", "a+b+d"}, 0, "d is required and counts toward the 6: c+d (6), a+b+d (8, and a+d, b+d are 5); a+c+d and b+c+d contain c+d"},
		{"points", Points(5, C("a"), C("b"), C("c"), C("d")), pts, []string{"a+d", "b+c", "b+d", "c+d"}, 0, "1+4, 2+3, 2+4, 3+4 reach 5"},
		{"prerequisite", Any(C("b"), C("c")), withPrereq, []string{"c", "a+b"}, 0, "b only counts after a"},
		{"not", All(Any(All(C("a"), C("c")), C("b")), Not(C("c"))), abcd, []string{"b"}, 1, "a+c breaks not(c)"},
		{"shared achievement", All(C("a"), C("b")), sameAch, nil, 1, "one achievement cannot fill two slots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Explore(def(tt.req, tt.comps...), ExploreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := waysOf(x); !slices.Equal(got, tt.want) {
				t.Errorf("%s: ways = %q, want %q (notes %q)", tt.why, got, tt.want, x.Notes)
			}
			if x.Rejected != tt.rejected {
				t.Errorf("rejected = %d, want %d (notes %q)", x.Rejected, tt.rejected, x.Notes)
			}
			if x.Truncated {
				t.Errorf("truncated on a small pathway")
			}
		})
	}
}

// TestExploreDates: the synthetic credentials are dated inside the
// definition's windows; a component whose own window misses the group's
// can never count, and the explorer says so instead of listing it.
func TestExploreDates(t *testing.T) {
	y2020 := &pathway.Window{From: day("2020-01-01"), Until: day("2020-12-31")}
	ok := def(&pathway.Node{Kind: pathway.KindAllOf, Window: y2020, Items: []*pathway.Node{C("a"), C("b")}}, comp("a", 0), comp("b", 0))
	x, err := Explore(ok, ExploreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := waysOf(x); !slices.Equal(got, []string{"a+b"}) {
		t.Errorf("windowed all-of: ways %q, want [a+b] (notes %q)", got, x.Notes)
	}

	clash := def(&pathway.Node{Kind: pathway.KindAnyOf, Window: y2020, Items: []*pathway.Node{C("a"), C("b")}}, comp("a", 0), comp("b", 0))
	clash.Components[0].Match.EarnedBetween = &pathway.Window{From: day("2019-01-01"), Until: day("2019-12-31")}
	x, err = Explore(clash, ExploreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := waysOf(x); !slices.Equal(got, []string{"b"}) || x.Rejected != 1 {
		t.Errorf("a earned in 2019 cannot be in a 2020 window: ways %q rejected %d, want [b] and 1", got, x.Rejected)
	}
}

func TestExploreClosest(t *testing.T) {
	d := def(NOf(2, C("a"), C("b"), C("c")), comp("a", 0), comp("b", 0), comp("c", 0))
	x, err := Explore(d, ExploreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range x.Closest {
		got = append(got, fmt.Sprintf("%s=%.0f", strings.Join(w.Components, "+"), w.Percent))
		if len(w.Missing) == 0 {
			t.Errorf("near miss %v says nothing is missing", w.Components)
		}
	}
	if want := []string{"a=50", "b=50", "c=50"}; !slices.Equal(got, want) {
		t.Errorf("closest = %q, want %q", got, want)
	}

	// Nothing completes: the closest is everything, and says so.
	d = def(All(C("a"), C("b")), comp("a", 0), comp("b", 0))
	d.Components[1].Match.Achievements = d.Components[0].Match.Achievements
	x, err = Explore(d, ExploreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Ways) != 0 || len(x.Closest) != 1 || strings.Join(x.Closest[0].Components, "+") != "a+b" || x.Closest[0].Percent != 50 {
		t.Errorf("ways %v closest %+v, want none and {a,b} at 50%%", x.Ways, x.Closest)
	}
}

func TestExploreBounds(t *testing.T) {
	var items []*pathway.Node
	var comps []pathway.Component
	for i := range 23 {
		id := fmt.Sprintf("e%02d", i)
		items, comps = append(items, C(id)), append(comps, comp(id, 0))
	}
	d := def(NOf(5, items...), comps...) // 5-of-23 as in the Teaching Excellence pathway: 33,649 ways
	x, err := Explore(d, ExploreOptions{MaxWays: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !x.Truncated || len(x.Ways) != 10 {
		t.Errorf("truncated=%v ways=%d, want truncated with 10", x.Truncated, len(x.Ways))
	}
	for _, w := range x.Ways {
		if len(w.Components) != 5 {
			t.Errorf("way %v is not a 5-set", w.Components)
		}
	}
	x, err = Explore(d, ExploreOptions{MaxNodes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !x.Truncated || x.Nodes > 101 {
		t.Errorf("MaxNodes 100: truncated=%v nodes=%d", x.Truncated, x.Nodes)
	}
}

func TestExploreInvalid(t *testing.T) {
	if _, err := Explore(nil, ExploreOptions{}); !errors.Is(err, ErrExplore) {
		t.Errorf("nil definition: %v", err)
	}
	d := def(NOf(3, C("a")), comp("a", 0))
	if _, err := Explore(d, ExploreOptions{}); !errors.Is(err, ErrExplore) || !errors.Is(err, pathway.ErrInvalid) {
		t.Errorf("3 of 1: %v", err)
	}
}

// BenchmarkExplore explores a 3-of-10 pathway (120 ways, each confirmed
// with pathway.Evaluate).
func BenchmarkExplore(b *testing.B) {
	var items []*pathway.Node
	var comps []pathway.Component
	for i := range 10 {
		id := fmt.Sprintf("c%d", i)
		items, comps = append(items, C(id)), append(comps, comp(id, 0))
	}
	d := def(NOf(3, items...), comps...)
	for b.Loop() {
		x, err := Explore(d, ExploreOptions{})
		if err != nil || len(x.Ways) != 120 {
			b.Fatalf("%v, %d ways", err, len(x.Ways))
		}
	}
}
