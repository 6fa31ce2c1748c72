package pathway

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// referenceComponentState is componentState as it was written before the
// reasons were appended to one buffer (fmt.Sprintf and concatenation, a
// string each). TestComponentReasonsUnchanged holds the two together, so
// that the buffer changes what an evaluation allocates, never what it says.
func referenceComponentState(ev *evaluator, ci int, s *state) ComponentProgress {
	c := &ev.def.Components[ci]
	cp := ComponentProgress{ID: c.ID, Name: c.Name}
	if a := s.assign[ci]; a >= 0 {
		k := ev.cands[ci][a]
		e := ev.earned[k.cred]
		cp.State, cp.Credential, cp.CredentialIssuer, cp.Via = StateComplete, e.ID, e.IssuerID, k.via
		cp.Reason = string(ev.appendFilled(nil, e, k))
		return cp
	}
	if len(ev.cands[ci]) == 0 {
		for _, m := range ev.misses[ci] {
			if m.expired {
				cp.State, cp.Reason = StateExpired, fmt.Sprintf("credential %s %s", ev.credName(ev.earned[m.cred]), referenceMiss(ev, m))
				return cp
			}
		}
	}
	for _, n := range ev.timeNodesOf(ci) {
		if why := ev.windowClosed(n, s); why != "" && !ev.renewable(n, s) {
			cp.State, cp.Reason = StateLocked, why
			return cp
		}
	}
	if len(ev.cands[ci]) > 0 {
		var order, taken string
		for ki, k := range ev.cands[ci] {
			if why := ev.orderProblem(ci, ki, s.assign); why != "" {
				order = first(order, fmt.Sprintf("credential %s: %s", ev.credName(ev.earned[k.cred]), why))
				continue
			}
			if cj := ev.owners(s)[k.group] - 1; cj >= 0 && cj != ci && taken == "" {
				taken = fmt.Sprintf("credential %s already counts for %s", ev.credName(ev.earned[k.cred]), ev.compName(cj))
			}
		}
		if order != "" && taken == "" {
			for _, p := range c.Prerequisites {
				if s.assign[ev.compIdx[p]] < 0 {
					cp.State, cp.Reason = StateLocked, "requires "+ev.compName(ev.compIdx[p])+" first; "+order
					return cp
				}
			}
			for _, p := range c.Prerequisites {
				pi := ev.compIdx[p]
				if !ev.opts.AllowUndatedOrder && ev.earned[ev.cands[pi][s.assign[pi]].cred].EarnedAt.IsZero() {
					cp.State, cp.Reason = StateLocked, order
					return cp
				}
			}
			cp.State, cp.Reason = StateAvailable, order+"; earning it again now would count"
			return cp
		}
		cp.State, cp.Reason = StateAvailable, first(taken, order)
		return cp
	}
	for _, p := range c.Prerequisites {
		if s.assign[ev.compIdx[p]] < 0 {
			cp.State, cp.Reason = StateLocked, "requires "+ev.compName(ev.compIdx[p])+" first"
			return cp
		}
	}
	cp.State = StateAvailable
	if len(ev.misses[ci]) > 0 {
		m := ev.misses[ci][0]
		cp.Reason = fmt.Sprintf("credential %s does not count: %s", ev.credName(ev.earned[m.cred]), referenceMiss(ev, m))
	}
	return cp
}

// referenceMiss is a near miss's reason as index wrote it, eagerly.
func referenceMiss(ev *evaluator, m miss) string {
	if !m.invalid {
		return m.reason
	}
	if invalid := referenceValidity(ev.earned[m.cred], ev.asOf); invalid != "" {
		return invalid
	}
	return "earned after " + day(ev.asOf)
}

// referenceValidity is Earned.validity as it was written before the
// words were split from the decision (validAt, appendValidity).
func referenceValidity(e *Earned, t time.Time) string {
	switch {
	case e.Status == StatusRevoked:
		return "revoked"
	case e.Status == StatusSuspended:
		return "suspended"
	case e.Status != StatusActive:
		return "status " + string(e.Status)
	case !e.ValidUntil.IsZero() && t.After(e.ValidUntil):
		return "expired on " + day(e.ValidUntil)
	case !e.ValidFrom.IsZero() && t.Before(e.ValidFrom):
		return "not valid until " + day(e.ValidFrom)
	}
	return ""
}

// TestComponentReasonsUnchanged: every component's state and reason, as
// componentState and componentStates (one buffer for all) give them,
// equal the reference's, over random instances that reach every kind of
// reason (the test fails if one is never reached).
func TestComponentReasonsUnchanged(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	kinds := map[string]int{}
	kind := func(reason string) string {
		for _, k := range []string{"by credential", "requires", "does not count", "already counts for",
			"earning it again now would count", "expired on", "the window closed", "the time allowed ended"} {
			if strings.Contains(reason, k) {
				return k
			}
		}
		return reason
	}
	for i := range 3000 {
		def, earned := randomInstance(r, true)
		if i%2 == 1 {
			def, earned = randomNested(r)
		}
		// Some credentials revoked (a near miss that "does not count"),
		// some undated or out of order for the prerequisites.
		for j := range earned {
			switch r.IntN(12) {
			case 0, 1:
				earned[j].Status = StatusRevoked
			case 2:
				earned[j].Status = "on-hold"
			case 3:
				earned[j].ValidFrom = asOf.AddDate(0, 1, 0)
			case 4:
				earned[j].EarnedAt = asOf.AddDate(0, 0, 3)
			}
		}
		pe, err := Prepare(def, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ev, err := pe.newEvaluator(earned, asOf)
		if err != nil {
			t.Fatal(err)
		}
		assign, _, _, _ := ev.solve(def.Requirement, ev.topo)
		s := &state{assign: assign}
		all := ev.componentStates(s)
		for ci := range def.Components {
			want := referenceComponentState(ev, ci, s)
			if got := ev.componentState(ci, s); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("instance %d, component %d: componentState\n got %+v\nwant %+v", i, ci, got, want)
			}
			if got := all[ci]; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("instance %d, component %d: componentStates\n got %+v\nwant %+v", i, ci, got, want)
			}
			kinds[kind(want.Reason)]++
		}
		pe.putScratch(ev.sc)
	}
	t.Logf("reasons by kind: %v", kinds)
	for _, k := range []string{"by credential", "requires", "does not count", "expired on", "earning it again now would count"} {
		if kinds[k] == 0 {
			t.Errorf("no instance gave a reason with %q: the generator no longer reaches that branch", k)
		}
	}
}
