package skills

import (
	"fmt"
	"strings"
)

// Text renders the profile for a person: one block per skill, strongest
// first, with its evidence, then the credentials that gave none.
func (p *Profile) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Skills profile as of %s: %d %s from %d %s\n", day(p.AsOf),
		len(p.Skills), plural(len(p.Skills), "skill", "skills"), p.Credentials, plural(p.Credentials, "credential", "credentials"))
	for _, s := range p.Skills {
		b.WriteString("\n")
		b.WriteString(s.Target.label())
		if s.Level != nil {
			fmt.Fprintf(&b, " — %s", s.Level)
		}
		if s.Expired {
			b.WriteString(" [expired]")
		}
		b.WriteString("\n")
		var about []string
		if t := s.Target; t.Framework != "" {
			about = append(about, "framework "+t.Framework)
		}
		if t := s.Target; t.Code != "" {
			about = append(about, "code "+t.Code)
		}
		if t := s.Target; t.Type != "" {
			about = append(about, "type "+t.Type)
		}
		if len(about) > 0 {
			fmt.Fprintf(&b, "  %s\n", strings.Join(about, ", "))
		}
		if s.Target.URL != "" {
			fmt.Fprintf(&b, "  %s\n", s.Target.URL)
		}
		for _, e := range s.Evidence {
			name := e.AchievementName
			if name == "" {
				name = e.Achievement
			}
			line := []string{name}
			if e.Level != nil {
				line = append(line, "level "+e.Level.String())
			}
			if e.Issuer != "" {
				line = append(line, "issued by "+e.Issuer)
			}
			if !e.EarnedAt.IsZero() {
				line = append(line, "earned "+day(e.EarnedAt))
			}
			switch {
			case e.Expired:
				line = append(line, "EXPIRED "+day(e.ValidUntil))
			case !e.ValidUntil.IsZero():
				line = append(line, "valid until "+day(e.ValidUntil))
			}
			fmt.Fprintf(&b, "  - %s\n", strings.Join(line, "; "))
		}
	}
	if len(p.Excluded) > 0 {
		b.WriteString("\nNot counted:\n")
		for _, x := range p.Excluded {
			fmt.Fprintf(&b, "  - %s (%s): %s\n", x.Credential, x.Achievement, x.Reason)
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Text renders the gap analysis for a person.
func (g *Gap) Text() string {
	var b strings.Builder
	name := g.Name
	if name == "" {
		name = g.Role
	}
	verdict := "not yet met"
	if g.Met {
		verdict = "met"
	}
	fmt.Fprintf(&b, "Role %s as of %s: %s (%g%%)\n", name, day(g.AsOf), verdict, g.Percent)
	for _, h := range g.Have {
		fmt.Fprintf(&b, "  [x] %s: by credential %s\n", label(h.Name, h.Component), h.Credential)
	}
	for _, m := range g.Missing {
		line := "  [ ] " + label(m.Name, m.Component)
		if m.Reason != "" {
			line += ": " + m.Reason
		}
		b.WriteString(line + "\n")
		if len(m.Closers) == 0 {
			b.WriteString("      no catalogue achievement meets it\n")
			continue
		}
		var cs []string
		for _, c := range m.Closers {
			cs = append(cs, label(c.Name, c.Achievement))
		}
		more := ""
		if m.More > 0 {
			more = fmt.Sprintf(" and %d more", m.More)
		}
		fmt.Fprintf(&b, "      met by: %s%s\n", strings.Join(cs, ", "), more)
	}
	if g.Met {
		return b.String()
	}
	switch {
	case len(g.Plan) == 0:
		b.WriteString("No catalogue achievement helps.\n")
	case g.Closes:
		fmt.Fprintf(&b, "Fewest achievements to meet the role: %d", len(g.Plan))
		if !g.Exact {
			b.WriteString(" (greedy, not proven minimal)")
		}
		b.WriteString("\n")
	default:
		fmt.Fprintf(&b, "The catalogue cannot meet every requirement; %d achievements meet the most:\n", len(g.Plan))
	}
	for i, s := range g.Plan {
		fmt.Fprintf(&b, "  %d. %s: meets %s\n", i+1, label(s.Name, s.Achievement), strings.Join(s.Closes, ", "))
	}
	return b.String()
}

func label(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
