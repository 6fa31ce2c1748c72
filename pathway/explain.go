package pathway

import (
	"fmt"
	"strings"
	"time"
)

// label names a node for people.
func (ev *evaluator) label(n *Node) string {
	switch {
	case n.Name != "":
		return n.Name
	case n.Kind == KindComponent:
		return ev.compName(ev.compIdx[n.Component])
	case n.ID != "":
		return n.ID
	}
	switch n.Kind {
	case KindAllOf:
		return "all of these"
	case KindAnyOf:
		return "one of these"
	case KindNOf:
		return fmt.Sprintf("%d of these", n.Min)
	case KindNot:
		return "not " + ev.label(n.Items[0])
	case KindCredits:
		return fmt.Sprintf("%g %s", n.Credits.Value, n.Credits.Unit)
	}
	return fmt.Sprintf("%g points", n.Points)
}

func names(ev *evaluator, nodes []*Node) string {
	var s []string
	for _, n := range nodes {
		s = append(s, ev.label(n))
	}
	return strings.Join(s, ", ")
}

// quiet reports whether the explanation tree is built without words
// (Options.StatesOnly).
func (ev *evaluator) quiet() bool {
	return ev.opts.StatesOnly && !ev.opts.VerdictOnly && !ev.opts.AssignmentsOnly
}

// newNodeProgress starts the NodeProgress of n with value v. The nodes of
// an evaluation's trees, and their item lists, are carved from blocks of
// one allocation each, not one allocation per node.
func (ev *evaluator) newNodeProgress(n *Node, v val) *NodeProgress {
	if len(ev.npBlock) == 0 {
		if ev.transient {
			ev.npBlock = ev.sc.outNodes.lend(max(len(ev.nodes), 1))
		} else {
			ev.npBlock = make([]NodeProgress, max(len(ev.nodes), 1))
		}
	}
	np := &ev.npBlock[0]
	ev.npBlock = ev.npBlock[1:]
	*np = NodeProgress{ID: n.ID, Name: n.Name, Kind: n.Kind, Component: n.Component,
		Satisfied: v.sat, Percent: percent(v.prog)}
	if k := len(n.Items); k > 0 {
		if len(ev.itemBlock) < k {
			if ev.transient {
				ev.itemBlock = ev.sc.outItems.lend(max(len(ev.nodes), k))
			} else {
				ev.itemBlock = make([]*NodeProgress, max(len(ev.nodes), k))
			}
		}
		np.Items, ev.itemBlock = ev.itemBlock[:0:k], ev.itemBlock[k:]
	}
	return np
}

// explain builds the explanation tree of n under a complete assignment.
func (ev *evaluator) explain(n *Node, s *state) *NodeProgress {
	if ev.quiet() {
		return ev.stateTree(n, s)
	}
	v := ev.eval(n, s, false)
	np := ev.newNodeProgress(n, v)
	var done, open []*Node
	for _, c := range n.Items {
		cp := ev.explain(c, s)
		np.Items = append(np.Items, cp)
		if cp.Satisfied {
			done = append(done, c)
		} else {
			open = append(open, c)
		}
	}
	label := ev.label(n)
	switch n.Kind {
	case KindComponent:
		ci := ev.compIdx[n.Component]
		var cs ComponentProgress
		if s == ev.statesOf && ci < len(ev.states) {
			cs = ev.states[ci] // the destination's, computed once by run
		} else {
			cs = ev.componentState(ci, s)
		}
		np.State = cs.State
		if cs.State == StateComplete {
			np.Explanation = label + ": complete, " + cs.Reason
		} else {
			np.Explanation = label + ": " + string(cs.State)
			if cs.Reason != "" {
				np.Explanation += ", " + cs.Reason
			}
		}
		return np
	case KindAllOf:
		np.Have, np.Need = len(done), len(n.Items)
		switch {
		case len(n.Items) == 0:
			np.Explanation = label + ": nothing required (an empty allOf is satisfied)"
		case v.sat || len(open) == 0:
			np.Explanation = fmt.Sprintf("%s: all %d complete", label, len(n.Items))
		default:
			np.Explanation = fmt.Sprintf("%s: %d of %d complete; still needed: %s", label, len(done), len(n.Items), names(ev, open))
		}
	case KindAnyOf:
		np.Have, np.Need = len(done), min(1, len(n.Items))
		switch {
		case len(n.Items) == 0:
			np.Explanation = label + ": no options (an empty anyOf is never satisfied)"
		case len(done) > 0:
			np.Explanation = fmt.Sprintf("%s: complete through %s", label, ev.label(done[0]))
		default:
			np.Explanation = fmt.Sprintf("%s: none yet; complete any one of: %s", label, names(ev, open))
		}
	case KindNOf:
		np.Have, np.Need = len(done), n.Min
		capNote := ""
		if n.Max > 0 {
			capNote = fmt.Sprintf(" (at most %d count)", n.Max)
		}
		switch {
		case n.Min == 0:
			// As empty allOf/anyOf say what they mean, so does "0 of".
			np.Explanation = fmt.Sprintf("%s: optional, none required (an nOf with min 0 is satisfied); %d of %d complete%s", label, len(done), len(n.Items), capNote)
		case len(done) >= n.Min:
			np.Explanation = fmt.Sprintf("%s: %d of the required %d complete%s", label, len(done), n.Min, capNote)
		default:
			np.Explanation = fmt.Sprintf("%s: %d of the required %d complete%s; complete %d more of: %s",
				label, len(done), n.Min, capNote, n.Min-len(done), names(ev, open))
		}
	case KindNot:
		if v.sat {
			np.Explanation = fmt.Sprintf("%s: holds, because the learner's credentials do not satisfy %s", label, ev.label(n.Items[0]))
		} else {
			np.Explanation = fmt.Sprintf("%s: fails, because the learner's credentials satisfy %s; earning more cannot fix this", label, ev.label(n.Items[0]))
		}
	case KindCredits, KindPoints:
		t := &CreditTally{Node: n.ID, Name: n.Name, Earned: ev.sum(n, s, false)}
		if n.Kind == KindCredits {
			t.Unit, t.Required = n.Credits.Unit, n.Credits.Value
		} else {
			t.Unit, t.Required = "points", n.Points
		}
		np.Credits = t
		var ignored []string
		if n.Kind == KindCredits {
			for _, ci := range ev.compsUnder(n) {
				if a := s.assign[ci]; a >= 0 {
					e := ev.earned[ev.cands[ci][a].cred]
					if _, why := creditWorth(ev.def, &ev.def.Components[ci], e, t.Unit); why != "" {
						ignored = append(ignored, "credential "+ev.credName(e)+": "+why)
					}
				}
			}
		}
		if t.Earned >= t.Required-eps {
			np.Explanation = fmt.Sprintf("%s: %g of %g %s earned", label, t.Earned, t.Required, t.Unit)
		} else if len(open) == 0 {
			// Every part is filled and the sum still falls short: only
			// credentials carrying more credits of their own can help.
			np.Explanation = fmt.Sprintf("%s: %g of %g %s earned; %g more needed, but every part is complete: the declared values are too few, so only credentials carrying more %s of their own can reach it",
				label, t.Earned, t.Required, t.Unit, t.Required-t.Earned, t.Unit)
		} else {
			np.Explanation = fmt.Sprintf("%s: %g of %g %s earned; %g more needed from: %s",
				label, t.Earned, t.Required, t.Unit, t.Required-t.Earned, names(ev, open))
		}
		if len(ignored) > 0 {
			np.Explanation += " (" + strings.Join(ignored, "; ") + ")"
		}
	}
	if note := ev.timeNote(n, s); note != "" {
		np.Explanation += "; " + note
	}
	if n.Within != nil || n.Window != nil {
		if g := ev.renewNote(n, s); g != "" && !v.sat {
			np.again = g
		}
	}
	np.State = ev.nodeState(n, s, v)
	return np
}

// nodeState is a node's state from its value under the assignment: the
// explanation tree and the states-only tree decide it alike.
func (ev *evaluator) nodeState(n *Node, s *state, v val) State {
	switch {
	case v.sat:
		return StateComplete
	case ev.windowClosed(n, s) != "" && !ev.renewable(n, s):
		return StateLocked
	case v.prog > 0:
		return StateInProgress
	default:
		return StateAvailable
	}
}

// timeNote describes a node's time rules under the assignment.
func (ev *evaluator) timeNote(n *Node, s *state) string {
	if n.Within == nil && n.Window == nil {
		return ""
	}
	var notes []string
	lo, hi, undated := ev.span(n, s)
	if undated != "" {
		notes = append(notes, "credential "+undated+" is undated, so the time rule cannot be met")
	}
	if w := n.Window; w != nil {
		for _, ci := range ev.beneath[n] {
			if a := s.assign[ci]; a >= 0 {
				e := ev.earned[ev.cands[ci][a].cred]
				if !e.EarnedAt.IsZero() && !w.Contains(e.EarnedAt) {
					notes = append(notes, fmt.Sprintf("credential %s was earned %s, outside the window", ev.credName(e), day(e.EarnedAt)))
				}
			}
		}
	}
	closed := ev.windowClosed(n, s)
	if d := n.Within; d != nil && !lo.IsZero() {
		end := d.AddTo(lo)
		switch {
		case hi.After(end):
			notes = append(notes, fmt.Sprintf("the parts span %s to %s, longer than the %s allowed", day(lo), day(hi), d))
		case closed == "":
			notes = append(notes, fmt.Sprintf("everything must be earned by %s (%s after the first step on %s)", day(end), d, day(lo)))
		}
	}
	if closed != "" {
		notes = append(notes, closed)
	}
	if g := ev.renewNote(n, s); g != "" && !ev.eval(n, s, false).sat {
		notes = append(notes, g)
	}
	return strings.Join(notes, "; ")
}

// span returns the earliest and latest earned dates of the credentials
// used beneath a node with time rules, and the id of an undated one.
func (ev *evaluator) span(n *Node, s *state) (lo, hi time.Time, undated string) {
	for _, ci := range ev.beneath[n] {
		a := s.assign[ci]
		if a < 0 {
			continue
		}
		e := ev.earned[ev.cands[ci][a].cred]
		t := e.EarnedAt
		if t.IsZero() {
			undated = first(undated, ev.credName(e))
			continue
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if hi.IsZero() || t.After(hi) {
			hi = t
		}
	}
	return lo, hi, undated
}

// windowClosed says why an unsatisfied time-ruled node can no longer be
// completed at asOf, or "".
func (ev *evaluator) windowClosed(n *Node, s *state) string {
	if n.Window == nil && n.Within == nil {
		return "" // no time rule to close (closedWhy's every way out), and no memo to allocate
	}
	if why, ok := s.closed[n]; ok {
		return why
	}
	why := ev.closedWhy(n, s)
	if s.closed == nil {
		s.closed = map[*Node]string{}
	}
	s.closed[n] = why
	return why
}

func (ev *evaluator) closedWhy(n *Node, s *state) string {
	if ev.eval(n, s, false).sat {
		return ""
	}
	if w := n.Window; w != nil && !w.Until.IsZero() && ev.asOf.After(w.Until) {
		return "the window closed on " + day(w.Until)
	}
	if d := n.Within; d != nil {
		if lo, _, _ := ev.span(n, s); !lo.IsZero() && ev.asOf.After(d.AddTo(lo)) {
			return fmt.Sprintf("the time allowed ended on %s (%s after the first step)", day(d.AddTo(lo)), d)
		}
	}
	return ""
}

// componentState decides the state of component ci under a complete
// assignment.
func (ev *evaluator) componentState(ci int, s *state) ComponentProgress {
	var buf [128]byte
	cp, reason := ev.appendComponentState(buf[:0], ci, s)
	cp.Reason = string(reason)
	return cp
}

// appendComponentState is componentState with the reason appended to b
// rather than made a string of its own: componentStates writes the
// reasons of all components into one buffer, one allocation for all.
func (ev *evaluator) appendComponentState(b []byte, ci int, s *state) (ComponentProgress, []byte) {
	c := &ev.def.Components[ci]
	cp := ComponentProgress{ID: c.ID, Name: c.Name}
	if a := s.assign[ci]; a >= 0 {
		k := ev.cands[ci][a]
		e := ev.earned[k.cred]
		cp.State, cp.Credential, cp.CredentialIssuer, cp.Via = StateComplete, e.ID, e.IssuerID, k.via
		return cp, ev.appendFilled(b, e, k)
	}
	// A credential that filled it has lapsed: say so first, it is the
	// most specific news.
	if len(ev.cands[ci]) == 0 {
		for _, m := range ev.misses[ci] {
			if m.expired {
				cp.State = StateExpired
				b = append(append(b, "credential "...), ev.credName(ev.earned[m.cred])...)
				return cp, ev.appendMiss(append(b, ' '), m)
			}
		}
	}
	// Time rules over this component that can no longer be met, not
	// even by earning parts again (a window that has closed).
	for _, n := range ev.timeNodesOf(ci) {
		if why := ev.windowClosed(n, s); why != "" && !ev.renewable(n, s) {
			cp.State = StateLocked
			return cp, append(b, why...)
		}
	}
	if len(ev.cands[ci]) > 0 {
		var reason string
		cp.State, reason = ev.candidateState(ci, s)
		return cp, append(b, reason...)
	}
	for _, p := range c.Prerequisites {
		if s.assign[ev.compIdx[p]] < 0 {
			cp.State = StateLocked
			return cp, append(append(append(b, "requires "...), ev.compName(ev.compIdx[p])...), " first"...)
		}
	}
	cp.State = StateAvailable
	if len(ev.misses[ci]) > 0 {
		m := ev.misses[ci][0]
		b = append(append(b, "credential "...), ev.credName(ev.earned[m.cred])...)
		b = ev.appendMiss(append(b, " does not count: "...), m)
	}
	return cp, b
}

// candidateState is the state and reason of an unfilled component that
// has candidates: an order the dates break, or a credential that counts
// elsewhere.
func (ev *evaluator) candidateState(ci int, s *state) (State, string) {
	c := &ev.def.Components[ci]
	var order, taken string
	for ki, k := range ev.cands[ci] {
		if why := ev.orderProblem(ci, ki, s.assign); why != "" {
			if order == "" { // the first credential's problem is the one told
				order = "credential " + ev.credName(ev.earned[k.cred]) + ": " + why
			}
			continue
		}
		if cj := ev.owners(s)[k.group] - 1; cj >= 0 && cj != ci && taken == "" {
			taken = fmt.Sprintf("credential %s already counts for %s", ev.credName(ev.earned[k.cred]), ev.compName(cj))
		}
	}
	if order != "" && taken == "" {
		// The credentials held break the required order. Locked
		// while a prerequisite is missing; once all are filled,
		// earning the component again now would count.
		for _, p := range c.Prerequisites {
			if s.assign[ev.compIdx[p]] < 0 {
				return StateLocked, "requires " + ev.compName(ev.compIdx[p]) + " first; " + order
			}
		}
		// A prerequisite filled by an undated credential can never
		// show the order; a dated one can, so earning this again
		// now would count.
		for _, p := range c.Prerequisites {
			pi := ev.compIdx[p]
			if !ev.opts.AllowUndatedOrder && ev.earned[ev.cands[pi][s.assign[pi]].cred].EarnedAt.IsZero() {
				return StateLocked, order
			}
		}
		return StateAvailable, order + "; earning it again now would count"
	}
	return StateAvailable, first(taken, order)
}

// owners maps each achievement group used by a non-reuse component under
// the assignment to that component + 1 (0: none), computed once per
// assignment.
func (ev *evaluator) owners(s *state) []int {
	if s.owner != nil {
		return s.owner
	}
	s.owner = ev.sc.ints.take(ev.ngroups)
	for cj, a := range s.assign {
		if a >= 0 && !ev.def.Components[cj].Reuse {
			s.owner[ev.cands[cj][a].group] = cj + 1
		}
	}
	return s.owner
}

// timeNodesOf lists the nodes with time rules above component ci, in a
// stable order (indexed by Prepare).
func (ev *evaluator) timeNodesOf(ci int) []*Node {
	return ev.timeIdx[ci]
}

// appendFilled appends the reason of a component filled by candidate k
// (credential e).
func (ev *evaluator) appendFilled(b []byte, e *Earned, k cand) []byte {
	b = append(b, "by credential "...)
	b = append(b, ev.credName(e)...)
	if !e.EarnedAt.IsZero() {
		b = append(b, " earned "...)
		b = appendDay(b, e.EarnedAt)
	}
	for _, st := range k.via {
		b = append(b, ", counted as "...)
		b = append(b, st.To...)
		b = append(b, " through "...)
		b = append(b, strings.TrimSpace(st.Kind+" "+st.Source)...)
	}
	return b
}

// componentStates decides the state of every component. The reasons are
// written into one string and sliced, one allocation for all.
func (ev *evaluator) componentStates(s *state) []ComponentProgress {
	var out []ComponentProgress
	if ev.transient {
		out = ev.sc.outComps.lend(len(ev.def.Components))
	} else {
		out = make([]ComponentProgress, len(ev.def.Components))
	}
	buf := ev.sc.text[:0]
	ends := ev.sc.ints.take(len(out))
	for ci := range ev.def.Components {
		out[ci], buf = ev.appendComponentState(buf, ci, s)
		ends[ci] = len(buf)
	}
	text, start := string(buf), 0
	for ci, end := range ends {
		out[ci].Reason, start = text[start:end], end
	}
	ev.sc.text = buf
	return out
}

func (ev *evaluator) credentialUses(assign []int) []CredentialUse {
	var out []CredentialUse
	if ev.transient {
		out = ev.sc.outUses.lend(len(ev.earned))
	} else {
		out = make([]CredentialUse, len(ev.earned))
	}
	for i, e := range ev.earned {
		out[i] = CredentialUse{ID: e.ID, Issuer: e.IssuerID, Achievement: e.AchievementID}
	}
	// The component lists of all used credentials share one array: count
	// per credential, then carve (a credential fills several components
	// only through Reuse).
	nComps := ev.sc.ints.take(len(ev.earned))
	total := 0
	for ci, a := range assign {
		if a >= 0 {
			nComps[ev.cands[ci][a].cred]++
			total++
		}
	}
	if total > 0 {
		var ids []string
		if ev.transient {
			ids = ev.sc.outIDs.lend(total)
		} else {
			ids = make([]string, total)
		}
		for i, n := range nComps {
			if n > 0 {
				out[i].Used, out[i].Components, ids = true, ids[:0:n], ids[n:]
			}
		}
		for ci, a := range assign {
			if a >= 0 {
				u := &out[ev.cands[ci][a].cred]
				u.Components = append(u.Components, ev.def.Components[ci].ID)
			}
		}
	}
	// Per credential: whether it is some component's candidate, and the
	// first near miss (component index + 1, miss index); per achievement
	// group, the credential that counts for it (+ 1).
	eligible := ev.sc.bools.take(len(ev.earned))
	missComp, missAt := ev.sc.ints.take(len(ev.earned)), ev.sc.ints.take(len(ev.earned))
	for ci := range ev.cands {
		for _, k := range ev.cands[ci] {
			eligible[k.cred] = true
		}
		for mi, m := range ev.misses[ci] {
			if missComp[m.cred] == 0 {
				missComp[m.cred], missAt[m.cred] = ci+1, mi
			}
		}
	}
	usedGroup := ev.sc.ints.take(ev.ngroups)
	for i := range out {
		if out[i].Used {
			usedGroup[ev.groupOf[i]] = i + 1
		}
	}
	// The reasons that are not constant are written into one buffer and
	// cut from one string, as componentStates does.
	buf := ev.sc.text[:0]
	ends := ev.sc.ints.take(len(out)) // 0: constant reason or none
	for i := range out {
		u := &out[i]
		if u.Used {
			continue
		}
		e := ev.earned[i]
		switch k := e.validAt(ev.asOf); {
		case k != valid:
			buf = appendDay(append(buf, "not valid at "...), ev.asOf)
			buf = e.appendValidity(append(buf, ": "...), k)
		case !e.EarnedAt.IsZero() && e.EarnedAt.After(ev.asOf):
			buf = appendDay(append(buf, "earned after "...), ev.asOf)
		case usedGroup[ev.groupOf[i]] != 0:
			buf = append(buf, "the same achievement already counts through credential "...)
			buf = append(buf, ev.credName(ev.earned[usedGroup[ev.groupOf[i]]-1])...)
		case eligible[i]:
			u.Reason = "it could fill a component, but every such component is filled by another credential or needs an order the dates do not show"
			continue
		case missComp[i] != 0:
			ci := missComp[i] - 1
			buf = append(append(buf, ev.compName(ci)...), ": "...)
			buf = ev.appendMiss(buf, ev.misses[ci][missAt[i]])
		default:
			u.Reason = "no component of this pathway accepts it"
			continue
		}
		ends[i] = len(buf)
	}
	if len(buf) > 0 {
		text, start := string(buf), 0
		for i, end := range ends {
			if end > 0 {
				out[i].Reason, start = text[start:end], end
			}
		}
	}
	ev.sc.text = buf
	if len(ev.dups) == 0 {
		return out
	}
	// A copy set aside follows the copy that counts in its stead.
	all := make([]CredentialUse, 0, len(out)+len(ev.dups))
	d := 0
	for i := range out {
		all = append(all, out[i])
		for ; d < len(ev.dups) && ev.dups[d].of == i; d++ {
			e := ev.dups[d].e
			all = append(all, CredentialUse{ID: e.ID, Issuer: e.IssuerID, Achievement: e.AchievementID,
				Reason: duplicateReason(ev.earned[i], e, ev.credName(ev.earned[i]))})
		}
	}
	return all
}

func collectCredits(n *NodeProgress) []CreditTally {
	var out []CreditTally
	var walk func(n *NodeProgress)
	walk = func(n *NodeProgress) {
		if n.Credits != nil {
			out = append(out, *n.Credits)
		}
		for _, c := range n.Items {
			walk(c)
		}
	}
	walk(n)
	return out
}

// missing lists in plain words what is still needed: every unsatisfied
// part of an allOf, and the summary of any other unsatisfied or locked rule.
func missing(n *NodeProgress) []string {
	if n.Satisfied {
		return nil
	}
	if n.Kind != KindAllOf || n.State == StateLocked {
		return []string{n.Explanation}
	}
	groups := false
	for _, c := range n.Items {
		groups = groups || (!c.Satisfied && c.Kind != KindComponent)
	}
	if !groups {
		return []string{n.Explanation}
	}
	var out []string
	for _, c := range n.Items {
		out = append(out, missing(c)...)
	}
	if n.again != "" {
		out = append(out, first(n.Name, string(n.Kind))+": "+n.again)
	}
	return out
}

// Explain renders the explanation tree as indented plain text, one line per
// node ([x] satisfied, [ ] not), followed by one line per milestone.
func (p *Progress) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (version %s) as of %s: %g%% complete\n", first(p.Name, p.PathwayID), p.Version, day(p.AsOf), p.Percent)
	writeTree(&b, p.Root, 0)
	for _, m := range p.Milestones {
		mark := "[ ]"
		if m.Complete {
			mark = "[x]"
		}
		fmt.Fprintf(&b, "%s milestone %s: %g%% complete\n", mark, first(m.Name, m.ID), m.Percent)
	}
	return b.String()
}

func writeTree(b *strings.Builder, n *NodeProgress, depth int) {
	if n == nil {
		return
	}
	mark := "[ ]"
	if n.Satisfied {
		mark = "[x]"
	}
	fmt.Fprintf(b, "%s%s %s\n", strings.Repeat("  ", depth), mark, n.Explanation)
	for _, c := range n.Items {
		writeTree(b, c, depth+1)
	}
}

// stateTree is explain without the words (Options.StatesOnly): the same
// tree with the same states, counts and percentages, and no Explanation,
// Credits or renewal notes. TestStatesOnlyMatchesFull holds the two
// together.
func (ev *evaluator) stateTree(n *Node, s *state) *NodeProgress {
	v := ev.eval(n, s, false)
	np := ev.newNodeProgress(n, v)
	done := 0
	for _, c := range n.Items {
		cp := ev.stateTree(c, s)
		np.Items = append(np.Items, cp)
		if cp.Satisfied {
			done++
		}
	}
	switch n.Kind {
	case KindComponent:
		ci := ev.compIdx[n.Component]
		if s == ev.statesOf && ci < len(ev.states) {
			np.State = ev.states[ci].State
		} else {
			np.State = ev.componentState(ci, s).State
		}
		return np
	case KindAllOf:
		np.Have, np.Need = done, len(n.Items)
	case KindAnyOf:
		np.Have, np.Need = done, min(1, len(n.Items))
	case KindNOf:
		np.Have, np.Need = done, n.Min
	}
	np.State = ev.nodeState(n, s, v)
	return np
}
