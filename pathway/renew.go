package pathway

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A time rule that is broken is not a dead end. Under Within, the parts
// earned too long ago can be earned again; under a Window that is still
// open, the parts earned outside it can. renewal says which components of
// a broken time-ruled node must be earned again, and by when, so that next
// steps can name them; "locked" is kept for a window that has closed.

// renewal is the guidance for one unsatisfied time-ruled node.
type renewal struct {
	comps []int // filled components whose credentials must be earned again, sorted
	// by is the date everything must be earned by, when fixed; relative
	// is set instead when the deadline runs from the first part earned
	// again (every part fell outside a Within).
	by       time.Time
	relative *Duration
}

// renewalFor reports what earning again would mend n, or ok false when
// nothing can (a Window whose end has passed).
func (ev *evaluator) renewalFor(n *Node, s *state) (r renewal, ok bool) {
	// Milestones share nodes with the destination but have assignments of
	// their own, so the memo is per state.
	key := renewKey{n, s}
	if ev.renew == nil {
		ev.renew = map[renewKey]renewalMemo{}
	}
	if m, done := ev.renew[key]; done {
		return m.r, m.ok
	}
	r, ok = ev.computeRenewal(n, s)
	ev.renew[key] = renewalMemo{r, ok}
	return r, ok
}

type renewKey struct {
	n *Node
	s *state
}

type renewalMemo struct {
	r  renewal
	ok bool
}

func (ev *evaluator) computeRenewal(n *Node, s *state) (renewal, bool) {
	var r renewal
	if w := n.Window; w != nil && !w.Until.IsZero() && ev.asOf.After(w.Until) {
		return r, false // the window has closed: truly out of reach
	}
	var keep []time.Time
	outside := func(ci int, t time.Time) bool {
		switch {
		case t.IsZero():
			return true // an undated part can never show it is in time
		case n.Window != nil && !n.Window.Contains(t):
			return true
		case n.Within != nil && ev.asOf.After(n.Within.AddTo(t)):
			return true // too long ago to share a period with anything earned from now on
		}
		return false
	}
	for _, ci := range ev.beneath[n] {
		a := s.assign[ci]
		if a < 0 {
			continue
		}
		t := ev.earned[ev.cands[ci][a].cred].EarnedAt
		if outside(ci, t) {
			r.comps = append(r.comps, ci)
		} else {
			keep = append(keep, t)
		}
	}
	slices.Sort(r.comps)
	r.comps = slices.Compact(r.comps)
	if w := n.Window; w != nil && !w.Until.IsZero() {
		r.by = w.Until
	}
	if d := n.Within; d != nil {
		if len(keep) == 0 {
			r.relative = d
		} else {
			end := d.AddTo(slices.MinFunc(keep, func(a, b time.Time) int { return a.Compare(b) }))
			if r.by.IsZero() || end.Before(r.by) {
				r.by = end
			}
		}
	}
	return r, true
}

// deadline says by when, in words.
func (r renewal) deadline() string {
	switch {
	case r.relative != nil && !r.by.IsZero():
		return fmt.Sprintf("within %s of the first part earned again, and by %s", r.relative, day(r.by))
	case r.relative != nil:
		return fmt.Sprintf("within %s of the first part earned again", r.relative)
	case !r.by.IsZero():
		return "by " + day(r.by)
	}
	return "again"
}

// renewalPlan is the plan of a broken time-ruled node: the components to
// earn again, less the forced one (assumed earned again now), with the
// plan of what is still missing beneath it.
func (ev *evaluator) renewalPlan(n *Node, s *state, forced int) plan {
	r, ok := ev.renewalFor(n, s)
	if !ok {
		return never
	}
	again := plan{comps: slices.DeleteFunc(slices.Clone(r.comps), func(ci int) bool { return ci == forced })}
	return union(again, ev.planKind(n, s, forced))
}

// renewReasons maps each component to earn again to the reason next steps
// give, from the outermost broken time rule that needs it.
func (ev *evaluator) renewReasons(root *Node, s *state) map[int]string {
	out := map[int]string{}
	root.walk(1, func(n *Node, _ int) bool {
		if (n.Within == nil && n.Window == nil) || ev.satUnder(n, s) {
			return true
		}
		r, ok := ev.renewalFor(n, s)
		if !ok {
			return true // a closed window: what is beneath it is locked
		}
		for _, ci := range r.comps {
			if _, seen := out[ci]; seen {
				continue
			}
			e := ev.earned[ev.cands[ci][s.assign[ci]].cred]
			when := "undated"
			if !e.EarnedAt.IsZero() {
				when = "earned " + day(e.EarnedAt)
			}
			out[ci] = fmt.Sprintf("earn again %s: credential %s (%s) falls outside the time rule of %s", r.deadline(), ev.credName(e), when, first(n.Name, first(n.ID, string(n.Kind))))
		}
		return true
	})
	return out
}

// renewNote is the explanation's guidance for a broken time rule.
func (ev *evaluator) renewNote(n *Node, s *state) string {
	r, ok := ev.renewalFor(n, s)
	if !ok || len(r.comps) == 0 {
		return ""
	}
	names := make([]string, len(r.comps))
	for i, ci := range r.comps {
		names[i] = ev.compName(ci)
	}
	return "earn again " + r.deadline() + ": " + strings.Join(names, ", ")
}

// renewable reports whether earning parts again can still mend n.
func (ev *evaluator) renewable(n *Node, s *state) bool {
	_, ok := ev.renewalFor(n, s)
	return ok
}
