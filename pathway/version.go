package pathway

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// compareVersions orders version strings: segments split on '.', '-' and
// '_' compare numerically when both are numbers ("1.10" > "1.9"), else as
// text; a version with more segments is greater when the common ones are
// equal ("2.0.1" > "2.0").
func compareVersions(a, b string) int {
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	}
	as, bs := split(a), split(b)
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.ParseUint(as[i], 10, 64)
		y, erry := strconv.ParseUint(bs[i], 10, 64)
		var c int
		if errx == nil && erry == nil {
			c = cmpUint(x, y)
		} else {
			c = strings.Compare(as[i], bs[i])
		}
		if c != 0 {
			return c
		}
	}
	return len(as) - len(bs)
}

func cmpUint(x, y uint64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// VersionPolicy is a host's rule for which version a learner is evaluated
// under.
type VersionPolicy int

const (
	// Latest evaluates every learner under the newest version.
	Latest VersionPolicy = iota
	// AsStarted evaluates a learner under the version they started
	// (grandfathering); learners who have not started get the newest.
	AsStarted
)

// SelectVersion picks the definition to evaluate a learner under from the
// versions of one pathway. started is the version the learner started, or
// "" if none. It returns ErrNoVersion when started names no given version,
// and ErrInput when the definitions are not all versions of one pathway.
func SelectVersion(versions []*Definition, started string, policy VersionPolicy) (*Definition, error) {
	if len(versions) == 0 {
		return nil, fmt.Errorf("%w: no versions given", ErrNoVersion)
	}
	var latest *Definition
	for _, d := range versions {
		if d == nil || d.ID != versions[0].ID {
			return nil, fmt.Errorf("%w: the definitions are not versions of one pathway", ErrInput)
		}
		if latest == nil || compareVersions(d.Version, latest.Version) > 0 {
			latest = d
		}
	}
	if policy == Latest || started == "" {
		return latest, nil
	}
	for _, d := range versions {
		if d.Version == started {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w: %s has no version %q", ErrNoVersion, versions[0].ID, started)
}

// A Change is one difference between two versions of a pathway.
type Change struct {
	// Kind is "added", "removed" or "changed".
	Kind string `json:"kind"`
	// Path locates the change: "components[id=sql]", "requirement.items[1]",
	// "milestones[id=core]", "equivalences", "trustedIssuers", "destination".
	Path string `json:"path"`
	// Message says the change in plain words.
	Message string `json:"message"`
}

// Diff lists what changed from old to new, in a stable order.
func Diff(old, new *Definition) []Change {
	var out []Change
	add := func(kind, path, format string, args ...any) {
		out = append(out, Change{kind, path, fmt.Sprintf(format, args...)})
	}
	if old == nil || new == nil {
		return nil
	}
	if !sameJSON(old.Destination, new.Destination) {
		add("changed", "destination", "the destination achievement changed from %s to %s", old.Destination.ID, new.Destination.ID)
	}
	oc, nc := map[string]Component{}, map[string]Component{}
	for _, c := range old.Components {
		oc[c.ID] = c
	}
	for _, c := range new.Components {
		nc[c.ID] = c
		o, ok := oc[c.ID]
		path := "components[id=" + c.ID + "]"
		switch {
		case !ok:
			add("added", path, "new component %s", first(c.Name, c.ID))
		case !sameJSON(o.Match, c.Match):
			add("changed", path, "%s now accepts different credentials", first(c.Name, c.ID))
		}
		if ok && !sameJSON(o.Credits, c.Credits) {
			add("changed", path+".credits", "%s is worth %s instead of %s", first(c.Name, c.ID), qty(c.Credits), qty(o.Credits))
		}
		if ok && !slices.Equal(o.Prerequisites, c.Prerequisites) {
			add("changed", path+".prerequisites", "%s now requires [%s] first (was [%s])", first(c.Name, c.ID),
				strings.Join(c.Prerequisites, ", "), strings.Join(o.Prerequisites, ", "))
		}
		if ok && (o.Points != c.Points || o.Reuse != c.Reuse || !slices.Equal(o.Precedes, c.Precedes)) {
			add("changed", path, "%s changed its points, reuse or suggested order", first(c.Name, c.ID))
		}
	}
	for _, c := range old.Components {
		if _, ok := nc[c.ID]; !ok {
			add("removed", "components[id="+c.ID+"]", "component %s was removed", first(c.Name, c.ID))
		}
	}
	diffNode(old.Requirement, new.Requirement, "requirement", add)
	om := map[string]Milestone{}
	for _, m := range old.Milestones {
		om[m.ID] = m
	}
	for _, m := range new.Milestones {
		o, ok := om[m.ID]
		switch {
		case !ok:
			add("added", "milestones[id="+m.ID+"]", "new milestone %s", first(m.Name, m.ID))
		case !sameJSON(o, m):
			add("changed", "milestones[id="+m.ID+"]", "milestone %s changed", first(m.Name, m.ID))
		}
		delete(om, m.ID)
	}
	for _, m := range old.Milestones {
		if _, gone := om[m.ID]; gone {
			add("removed", "milestones[id="+m.ID+"]", "milestone %s was removed", first(m.Name, m.ID))
		}
	}
	if !sameJSON(old.Equivalences, new.Equivalences) {
		add("changed", "equivalences", "the equivalences changed (%d before, %d now)", len(old.Equivalences), len(new.Equivalences))
	}
	if !slices.Equal(old.TrustedIssuers, new.TrustedIssuers) {
		add("changed", "trustedIssuers", "the trusted issuers changed")
	}
	return out
}

func qty(q *Quantity) string {
	if q == nil {
		return "nothing"
	}
	return strings.TrimSpace(fmt.Sprintf("%g %s", q.Value, q.Unit))
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

func diffNode(o, n *Node, path string, add func(kind, path, format string, args ...any)) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		add("added", path, "new rule %s", n.Kind)
		return
	case n == nil:
		add("removed", path, "rule %s was removed", o.Kind)
		return
	}
	if o.Kind != n.Kind || o.Component != n.Component {
		add("changed", path, "rule %s %s became %s %s", o.Kind, o.Component, n.Kind, n.Component)
		return
	}
	if o.Min != n.Min || o.Max != n.Max {
		bounds := func(n *Node) string {
			if n.Max > 0 {
				return fmt.Sprintf("%d (at most %d counted)", n.Min, n.Max)
			}
			return fmt.Sprint(n.Min)
		}
		add("changed", path, "now requires %s instead of %s", bounds(n), bounds(o))
	}
	if !sameJSON(o.Credits, n.Credits) || o.Points != n.Points {
		add("changed", path, "threshold changed from %s/%g points to %s/%g points", qty(o.Credits), o.Points, qty(n.Credits), n.Points)
	}
	if !sameJSON(o.Within, n.Within) || !sameJSON(o.Window, n.Window) {
		add("changed", path, "time rule changed")
	}
	for i := range max(len(o.Items), len(n.Items)) {
		var a, b *Node
		if i < len(o.Items) {
			a = o.Items[i]
		}
		if i < len(n.Items) {
			b = n.Items[i]
		}
		diffNode(a, b, fmt.Sprintf("%s.items[%d]", path, i), add)
	}
}

// LearnerDiff is what a change of version means for one learner.
type LearnerDiff struct {
	Changes []Change  `json:"changes"` // what changed in the definition (Diff)
	Old     *Progress `json:"old"`     // the learner's progress under the old version
	New     *Progress `json:"new"`     // and under the new one
	// Summary says in plain words what changed for the learner.
	Summary []string `json:"summary"`
}

// DiffFor evaluates a learner under two versions and says what changes for
// them: completion, percent, and which credentials count where.
func DiffFor(old, new *Definition, earned []Earned, asOf time.Time, opts Options) (*LearnerDiff, error) {
	po, err := Evaluate(old, earned, asOf, opts)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", versionOf(old), err)
	}
	pn, err := Evaluate(new, earned, asOf, opts)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", versionOf(new), err)
	}
	d := &LearnerDiff{Changes: Diff(old, new), Old: po, New: pn}
	say := func(format string, args ...any) { d.Summary = append(d.Summary, fmt.Sprintf(format, args...)) }
	switch {
	case po.Complete && !pn.Complete:
		say("complete under version %s, not under version %s", old.Version, new.Version)
	case !po.Complete && pn.Complete:
		say("not complete under version %s, complete under version %s", old.Version, new.Version)
	}
	if po.Percent != pn.Percent {
		say("progress %g%% under version %s, %g%% under version %s", po.Percent, old.Version, pn.Percent, new.Version)
	}
	// Both evaluations hold the same credentials, so the ids shared by
	// several issuers are the same too; a set-aside copy fills nothing and
	// must not hide the copy that counts.
	issuers := map[string]map[string]bool{}
	for _, u := range po.Credentials {
		if issuers[u.ID] == nil {
			issuers[u.ID] = map[string]bool{}
		}
		issuers[u.ID][u.Issuer] = true
	}
	uses := func(p *Progress) map[string]string {
		m := map[string]string{}
		for _, u := range p.Credentials {
			name := u.ID
			if len(issuers[u.ID]) > 1 {
				name = credLabel(u.ID, u.Issuer)
			}
			if _, ok := m[name]; !ok || u.Used {
				m[name] = strings.Join(u.Components, ", ")
			}
		}
		return m
	}
	uo, un := uses(po), uses(pn)
	ids := make([]string, 0, len(uo))
	for id := range uo {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		switch a, b := uo[id], un[id]; {
		case a == b:
		case b == "":
			say("credential %s counted for %s, and no longer counts", id, a)
		case a == "":
			say("credential %s now counts for %s", id, b)
		default:
			say("credential %s moves from %s to %s", id, a, b)
		}
	}
	if len(d.Summary) == 0 {
		say("nothing changes for this learner")
	}
	return d, nil
}

func versionOf(d *Definition) string {
	if d == nil {
		return "<nil>"
	}
	return d.Version
}
