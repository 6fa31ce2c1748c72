package skills

import (
	"fmt"
	"slices"

	"github.com/microcred/microcred/pathway"
)

// A Role is a job or position as a set of required competencies. It is a
// convenience: Definition compiles it to a pathway.Definition, and Analyze
// accepts any pathway.Definition, so a host that needs N-of-M choices,
// credit thresholds or issuer rules writes the definition directly.
type Role struct {
	// ID identifies the role (a URI is recommended); Name is for people.
	ID   string
	Name string
	// Requirements are all required.
	Requirements []Requirement
	// TrustedIssuers, when not empty, accepts evidence only from these
	// issuers (pathway.Definition.TrustedIssuers).
	TrustedIssuers []string
}

// A Requirement is one competency a role needs, at a minimum level.
type Requirement struct {
	// ID names the requirement (it becomes the component id); Name is for
	// people.
	ID   string
	Name string
	// Target is the competency: its targetUrl, or its framework and code.
	// Every non-empty field must equal the credential's alignment.
	Target pathway.AlignmentMatch
	// MinLevel, when set, is the lowest acceptable level: an achievedLevel
	// id (or a value) on Scale, which lists levels lowest first. Every
	// level from MinLevel up is accepted.
	MinLevel string
	Scale    Scale
	// ScaleOfValues says Scale lists result values (letter grades such as
	// "C", "B", "A") rather than rubric level ids.
	ScaleOfValues bool
	// MinValue, when set, requires a numeric result of at least this
	// (of ResultType, when given: "Percent", "ScaledScore"...).
	MinValue   *float64
	ResultType string
}

// Definition compiles the role to a pathway definition: one component per
// requirement, matched by alignment and, for a minimum level, by the
// accepted levels from MinLevel up (pathway.ResultMatch.Levels, or Values
// when ScaleOfValues). Every component is
// marked Reuse, because one credential may evidence several competencies;
// the requirement is the allOf of the components.
func (r *Role) Definition() (*pathway.Definition, error) {
	if r == nil || r.ID == "" || len(r.Requirements) == 0 {
		return nil, fmt.Errorf("%w: a role needs an id and at least one requirement", ErrInput)
	}
	def := &pathway.Definition{
		Format: pathway.FormatV1, ID: r.ID, Version: "1", Name: r.Name,
		Destination:    pathway.AchievementRef{ID: r.ID, Name: r.Name},
		TrustedIssuers: slices.Clone(r.TrustedIssuers),
		Requirement:    &pathway.Node{Kind: pathway.KindAllOf, Name: r.Name},
	}
	for i, q := range r.Requirements {
		if q.ID == "" || (q.Target == pathway.AlignmentMatch{}) {
			return nil, fmt.Errorf("%w: requirement %d needs an id and a target", ErrInput, i)
		}
		t := q.Target
		c := pathway.Component{ID: q.ID, Name: q.Name, Reuse: true, Match: pathway.Match{Alignment: &t}}
		if q.MinLevel != "" {
			k := slices.Index(q.Scale, q.MinLevel)
			if k < 0 {
				return nil, fmt.Errorf("%w: requirement %q: minimum level %q is not on its scale", ErrInput, q.ID, q.MinLevel)
			}
			c.Match.Result = &pathway.ResultMatch{Type: q.ResultType}
			if q.ScaleOfValues {
				c.Match.Result.Values = slices.Clone(q.Scale[k:])
			} else {
				c.Match.Result.Levels = slices.Clone(q.Scale[k:])
			}
		}
		if q.MinValue != nil {
			if c.Match.Result != nil {
				return nil, fmt.Errorf("%w: requirement %q: give MinLevel or MinValue, not both", ErrInput, q.ID)
			}
			v := *q.MinValue
			c.Match.Result = &pathway.ResultMatch{Type: q.ResultType, MinValue: &v}
		}
		def.Components = append(def.Components, c)
		def.Requirement.Items = append(def.Requirement.Items, &pathway.Node{Kind: pathway.KindComponent, Component: q.ID})
	}
	if err := pathway.Validate(def); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return def, nil
}
