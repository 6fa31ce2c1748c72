package ctdl

import (
	"fmt"
	"strings"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// CredentialReading says how a component that stands for a credential of
// its own (a certification, a degree, a badge) and also carries conditions
// is read. CTDL lets a publisher hang ComponentConditions on such a
// component without saying whether they are the way to earn the credential
// or only what usually comes before it; the two readings award very
// different things, so Import notes the reading taken for every such
// component (codes "credential-held" and "credential-by-conditions") and
// Result.Lint repeats it.
type CredentialReading int

const (
	// ReadingAuto, the default, reads a component as held when the data
	// says the credential is issued on its own terms: the node is typed as
	// a credential class (ceterms:Certification, a degree class, the 2018
	// drafts' Certification) or its credentialType is anything but a
	// badge (Certification, BachelorDegree, License...). A pathway
	// component (CredentialComponent, BasicComponent...) whose
	// credentialType is a badge, or that names none, is earned by its
	// conditions: that is how CTDL writes a pathway's own awards, and how
	// the CTDL conversions of Badgr pathways write Badgr's completion
	// badges.
	ReadingAuto CredentialReading = iota
	// ReadingHeld reads every such component as satisfied by holding its
	// credential. Its conditions are kept only as suggested ordering
	// (pathway.Component.Precedes): they say what usually leads to the
	// credential, and meeting them never stands in for it.
	ReadingHeld
	// ReadingConditions reads every such component as earned by meeting
	// its conditions: it becomes a pathway.Milestone awarding the
	// credential, and holding the credential counts only with
	// Options.Shortcut. Use it only when the pathway's host issues these
	// credentials itself.
	ReadingConditions
)

func (r CredentialReading) String() string {
	switch r {
	case ReadingAuto:
		return "auto"
	case ReadingHeld:
		return "held"
	case ReadingConditions:
		return "conditions"
	}
	return fmt.Sprintf("CredentialReading(%d)", int(r))
}

// credentialClasses are CTDL credential classes (and the 2018 drafts'
// Certification and Credential) used as the @type of a pathway node: the
// node is the credential itself, not a component standing for one.
var credentialClasses = func() []string {
	out := []string{"certification", "credential"}
	for k := range obTypes {
		out = append(out, k)
	}
	return out
}()

// badgeTypes are the credentialType values whose credentials a pathway's
// host typically awards itself for meeting conditions (Badgr milestones).
var badgeTypes = []string{"digitalbadge", "openbadge", "badge"}

// ownCredential reports whether n stands for a credential of its own:
// it names one (proxyFor, sourceData...) or is typed as one.
func (b *builder) ownCredential(n *node) bool {
	return len(b.proxies(n)) > 0 || n.is(credentialClasses...)
}

// heldByConditions decides, for a node with conditions that stands for a
// credential of its own, whether its conditions earn the credential (true)
// or the credential must be held (false), and notes the reading taken.
func (b *builder) heldByConditions(n *node) bool {
	byConditions, why := b.reading(n)
	what := b.credentialKind(n)
	role := "a milestone"
	if n == b.dest {
		role = "the destination"
	}
	if byConditions {
		b.notes.add(n.id, "credential-by-conditions", "%s stands for a credential of its own (%s); %s: meeting its conditions earns it (%s)", describe(n), what, why, role)
	} else {
		b.notes.add(n.id, "credential-held", "%s stands for a credential of its own (%s); %s: only holding it satisfies the component, and its conditions are kept as suggested steps before it, never as a substitute", describe(n), what, why)
	}
	return byConditions
}

func (b *builder) reading(n *node) (byConditions bool, why string) {
	switch b.opts.CredentialReading {
	case ReadingHeld:
		return false, "Options.CredentialReading is ReadingHeld"
	case ReadingConditions:
		return true, "Options.CredentialReading is ReadingConditions"
	}
	if b.requiresThisPathway(n) {
		return true, "the credential's own requirements name this pathway (requires targetPathway)"
	}
	if n.is(credentialClasses...) && !n.is(badgeTypes...) {
		return false, "it is typed as the credential, which is issued on its own terms"
	}
	for _, p := range b.proxies(n) {
		if src := b.g.resolve(p); src != nil && src != n && src.is(credentialClasses...) && !src.is(badgeTypes...) {
			return false, fmt.Sprintf("the credential it stands for is a %s, issued on its own terms", src.types[0])
		}
	}
	ct := ""
	for _, v := range n.props["credentialtype"] {
		ct = concept(v)
	}
	if ct != "" && !containsFold(badgeTypes, ct) {
		return false, "that credential type is issued on its own terms"
	}
	if ct == "" {
		return true, "a pathway component naming no credential type is awarded by the pathway"
	}
	return true, "a pathway component for a badge is awarded by the pathway's host (Badgr's completion badge)"
}

// requiresThisPathway reports whether n, or a credential n stands for,
// has a ConditionProfile (requires) whose targetPathway is the pathway
// being imported: the data then says explicitly that the pathway earns it.
func (b *builder) requiresThisPathway(n *node) bool {
	cands := []*node{n}
	for _, p := range b.proxies(n) {
		if src := b.g.resolve(p); src != nil && src != n {
			cands = append(cands, src)
		}
	}
	for _, c := range cands {
		for _, cp := range c.objects(b.g, "requires") {
			for _, r := range cp.refs("targetpathway") {
				if b.g.resolve(r) == b.pw {
					return true
				}
			}
		}
	}
	return false
}

func (b *builder) credentialKind(n *node) string {
	for _, v := range n.props["credentialtype"] {
		if c := concept(v); c != "" {
			return c
		}
	}
	for _, p := range b.proxies(n) {
		if src := b.g.resolve(p); src != nil && src != n && len(src.types) > 0 {
			return src.types[0]
		}
	}
	if len(n.types) > 0 {
		return n.types[0]
	}
	return "credential"
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// heldSlot makes a held credential with conditions a component slot and
// records the targets of its conditions as the suggested way to it; see
// leadIns.
func (b *builder) heldSlot(n *node) *pathway.Node {
	leaf := b.leaf(n)
	b.leadQueue = append(b.leadQueue, n)
	return leaf
}

// leadIns imports what leads to each held credential: the targets of its
// conditions become slots that precede it (suggested ordering), walking
// down chains of held credentials (CompTIA's A+ → Network+ → ... →
// Cloud+). No rule requires them, so they never make anything complete.
func (b *builder) leadIns() {
	for i := 0; i < len(b.leadQueue); i++ { // the queue grows as chains are walked
		n := b.leadQueue[i]
		id := b.comps[n]
		for _, t := range b.conditionTargets(n) {
			var slot string
			switch {
			case len(b.conditions(t)) == 0:
				b.leaf(t)
				slot = b.comps[t]
			case b.ownCredential(t) && !b.heldByConditions(t):
				if _, done := b.comps[t]; !done {
					b.heldSlot(t)
				}
				slot = b.comps[t]
			default:
				b.notes.add(t.id, "order-on-group", "%s leads to %s but has conditions of its own; ordering binds component slots only, so it is not imported", describe(t), describe(n))
				continue
			}
			b.leads = append(b.leads, [2]string{slot, id})
		}
	}
}

// conditionTargets lists the nodes n's conditions name, nested ones
// included, each once.
func (b *builder) conditionTargets(n *node) []*node {
	var out []*node
	seen := map[*node]bool{}
	var walk func(c *node, depth int)
	walk = func(c *node, depth int) {
		if depth > pathway.DefaultMaxDepth {
			return
		}
		b.legacy(c, n.id)
		for _, r := range c.refs("targetcomponent") {
			if t := b.g.resolve(r); t != nil && t != n && !seen[t] {
				seen[t] = true
				b.visited[t] = true
				out = append(out, t)
			}
		}
		for _, sub := range append(c.objects(b.g, "hascondition"), c.objects(b.g, "requiredcondition")...) {
			walk(sub, depth+1)
		}
	}
	for _, c := range b.conditions(n) {
		walk(c, 0)
	}
	return out
}

// Lint is pathway.Lint of the imported definition followed by one warning
// per component that stands for a credential of its own and has
// conditions, saying which reading was taken (codes "credential-held" and
// "credential-by-conditions", as in Notes): a reviewer deciding whether
// the pathway may award anything should read these first.
func (r *Result) Lint() badge.Findings {
	out := pathway.Lint(r.Definition)
	for _, n := range r.Notes {
		if n.Code != "credential-held" && n.Code != "credential-by-conditions" {
			continue
		}
		ptr, ok := r.pointerOf(n.Where)
		msg := n.Message
		if !ok {
			msg += " (source " + n.Where + ")"
		}
		out = append(out, badge.Finding{Pointer: ptr, Severity: badge.SeverityWarning, Code: "ctdl-" + n.Code, Message: msg})
	}
	return out
}

// pointerOf locates a source node in the imported definition: the JSON
// Pointer of the component, milestone or destination imported from it, or
// false (and
// "", the whole definition) when neither was.
func (r *Result) pointerOf(where string) (string, bool) {
	ctid := ctidPattern.FindString(where)
	for i, c := range r.Definition.Components {
		if c.ID == where || (ctid != "" && c.ID == ctid) {
			return fmt.Sprintf("/components/%d", i), true
		}
	}
	for i, m := range r.Definition.Milestones {
		if m.ID == where || (ctid != "" && m.ID == ctid) {
			return fmt.Sprintf("/milestones/%d", i), true
		}
	}
	if d := r.Definition.Destination.ID; d == where || (ctid != "" && d == ctid) {
		return "/destination", true
	}
	return "", false
}
