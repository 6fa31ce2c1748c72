package pathway

import (
	"slices"
	"strings"
	"testing"
)

// TestBrokenTimeRuleGuidance: a broken time rule is not a dead end. The
// parts that fell outside it are next steps, "earn again" with the date;
// only a window that has closed locks the node.
func TestBrokenTimeRuleGuidance(t *testing.T) {
	comps := []Component{comp("a", "urn:a"), comp("b", "urn:b"), comp("c", "urn:c")}
	within := func(items ...*Node) *Node {
		d, _ := ParseDuration("P1Y")
		n := All(items...)
		n.Name, n.Within = "Certificate", &d
		return n
	}
	window := func(from, until string, items ...*Node) *Node {
		n := All(items...)
		n.Name, n.Window = "Cohort 2025", &Window{From: date(from), Until: date(until)}
		return n
	}
	tests := []struct {
		name   string
		root   *Node
		earned []Earned
		// steps are the next steps as "component: reason" (reason only
		// for parts to earn again); state is the root's.
		steps []string
		state State
	}{
		{"the first part is older than the year allowed: earn it again by the year after the next oldest",
			within(C("a"), C("b"), C("c")), []Earned{earn("e1", "urn:a", "2024-01-10"), earn("e2", "urn:b", "2025-09-01")},
			[]string{"a: earn again by 2026-09-01: credential e1 (earned 2024-01-10) falls outside the time rule of Certificate", "c"},
			StateInProgress},
		{"every part held is too old: the year runs from the first one earned again",
			within(C("a"), C("b"), C("c")), []Earned{earn("e1", "urn:a", "2023-01-10"), earn("e2", "urn:b", "2023-03-01")},
			[]string{"a: earn again within P1Y of the first part earned again: credential e1 (earned 2023-01-10) falls outside the time rule of Certificate",
				"b: earn again within P1Y of the first part earned again: credential e2 (earned 2023-03-01) falls outside the time rule of Certificate", "c"},
			StateInProgress},
		{"every part held, one outside a window still open: 99% is not a dead end",
			window("2025-01-01", "2026-12-31", C("a"), C("b")), []Earned{earn("e1", "urn:a", "2024-06-01"), earn("e2", "urn:b", "2025-03-01")},
			[]string{"a: earn again by 2026-12-31: credential e1 (earned 2024-06-01) falls outside the time rule of Cohort 2025"},
			StateInProgress},
		{"a window that has closed is locked: nothing can be earned in it any more",
			window("2024-01-01", "2024-12-31", C("a"), C("b")), []Earned{earn("e1", "urn:a", "2024-06-01")},
			nil, StateLocked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := evaluate(t, pathwayOf(tt.root, comps...), tt.earned, Options{})
			var got []string
			for _, s := range p.NextSteps {
				line := s.Component
				if strings.HasPrefix(s.Reason, "earn again") {
					line += ": " + s.Reason
					if !s.Now || s.State != StateExpired {
						t.Errorf("%s: now=%v state=%s, want now and expired", s.Component, s.Now, s.State)
					}
				}
				got = append(got, line)
			}
			if !slices.Equal(got, tt.steps) {
				t.Errorf("next steps:\n  got  %q\n  want %q\n%s", got, tt.steps, p.Explain())
			}
			if p.Root.State != tt.state {
				t.Errorf("root state %s, want %s", p.Root.State, tt.state)
			}
			if p.Complete {
				t.Error("complete although the time rule is broken")
			}
		})
	}
}
