package ctdl

import (
	"fmt"
	"strings"

	"github.com/microcred/microcred/pathway"
)

// summary renders an imported definition, its notes and its lint findings
// for the golden files: short enough to review, complete enough that any
// change in the mapping shows.
func summary(r *Result) string {
	d := r.Definition
	var b strings.Builder
	fmt.Fprintf(&b, "pathway %s version %s\nname: %s\n", d.ID, d.Version, d.Name)
	fmt.Fprintf(&b, "destination: %s %q", d.Destination.ID, d.Destination.Name)
	if d.Destination.IssuerID != "" {
		fmt.Fprintf(&b, " issuer %s", d.Destination.IssuerID)
	}
	fmt.Fprintf(&b, "\ncomponents (%d):\n", len(d.Components))
	for _, c := range d.Components {
		fmt.Fprintf(&b, "  %s %q", c.ID, c.Name)
		if len(c.Match.Achievements) > 0 {
			fmt.Fprintf(&b, " achievements=%v", c.Match.Achievements)
		}
		if a := c.Match.Alignment; a != nil {
			fmt.Fprintf(&b, " alignment=%s", a.TargetURL)
		}
		if len(c.Match.AchievementTypes) > 0 {
			fmt.Fprintf(&b, " types=%v", c.Match.AchievementTypes)
		}
		if c.Credits != nil {
			fmt.Fprintf(&b, " credits=%g %s", c.Credits.Value, c.Credits.Unit)
		}
		if c.Points != 0 {
			fmt.Fprintf(&b, " points=%g", c.Points)
		}
		if len(c.Prerequisites) > 0 {
			fmt.Fprintf(&b, " prerequisites=%v", c.Prerequisites)
		}
		if len(c.Precedes) > 0 {
			fmt.Fprintf(&b, " precedes=%v", c.Precedes)
		}
		b.WriteString("\n")
	}
	b.WriteString("requirement:\n")
	tree(&b, d.Requirement, "  ")
	if len(d.Milestones) > 0 {
		fmt.Fprintf(&b, "milestones (%d):\n", len(d.Milestones))
		for _, m := range d.Milestones {
			fmt.Fprintf(&b, "  %s %q node=%s awards %s\n", m.ID, m.Name, m.Node, m.Achievement.ID)
		}
	}
	fmt.Fprintf(&b, "notes (%d):\n", len(r.Notes))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  %s\n", n)
	}
	findings := r.Lint()
	fmt.Fprintf(&b, "lint (%d):\n", len(findings))
	for _, f := range findings {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	return b.String()
}

func tree(b *strings.Builder, n *pathway.Node, indent string) {
	switch n.Kind {
	case pathway.KindComponent:
		fmt.Fprintf(b, "%s%s\n", indent, n.Component)
		return
	case pathway.KindNOf:
		fmt.Fprintf(b, "%snOf min=%d", indent, n.Min)
	case pathway.KindCredits:
		fmt.Fprintf(b, "%scredits >= %g %s", indent, n.Credits.Value, n.Credits.Unit)
	case pathway.KindPoints:
		fmt.Fprintf(b, "%spoints >= %g", indent, n.Points)
	default:
		fmt.Fprintf(b, "%s%s", indent, n.Kind)
	}
	if n.ID != "" {
		fmt.Fprintf(b, " id=%s", n.ID)
	}
	if n.Name != "" {
		fmt.Fprintf(b, " %q", n.Name)
	}
	b.WriteString("\n")
	for _, it := range n.Items {
		tree(b, it, indent+"  ")
	}
}
