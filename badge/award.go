package badge

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Candidate is a recipient considered for an achievement, with what they
// did: their results (each naming a ResultDescription of the achievement
// by id) and their evidence.
type Candidate struct {
	// ID of the recipient (a DID or URL), and/or identifiers such as a
	// hashed e-mail (HashedEmail). At least one is required.
	ID         string
	Identifier []IdentityObject
	Results    []Result
	Evidence   []Evidence
}

// label names the candidate in an Outcome.
func (c *Candidate) label() string {
	if c.ID != "" {
		return c.ID
	}
	if len(c.Identifier) > 0 {
		return c.Identifier[0].IdentityHash
	}
	return ""
}

// Shortfall is one requirement of the achievement a candidate does not
// meet.
type Shortfall struct {
	ResultDescription string `json:"resultDescription"` // its id
	Name              string `json:"name"`              // its name
	Required          string `json:"required"`          // the requiredValue, or the requiredLevel's name
	Got               string `json:"got,omitempty"`     // the candidate's value or level ("" if none)
	Reason            string `json:"reason"`
}

func (s Shortfall) String() string { return s.Name + ": " + s.Reason }

// Outcome is the decision for one candidate.
type Outcome struct {
	Recipient  string                 // the candidate's id, or first identityHash
	Eligible   bool                   // every requirement is met
	Shortfalls []Shortfall            // why not, one per unmet requirement
	Credential *AchievementCredential // the unsigned award, when eligible
	Err        error                  // the candidate or the context was unusable; Eligible is false
}

// ErrNoRequirements: NewAwarder was given an achievement none of whose
// ResultDescriptions sets requiredValue or requiredLevel, so nothing could
// be decided. Use NewAchievementCredential to award it outright.
var ErrNoRequirements = errors.New("badge: the achievement has no requiredValue or requiredLevel to decide on")

// Awarder decides, for one achievement, which candidates have earned it,
// and builds their credentials. It is safe for concurrent use.
//
// A requirement is a ResultDescription that sets requiredValue or
// requiredLevel; a candidate meets it with a Result whose
// resultDescription is that ResultDescription's id, and:
//   - requiredLevel: an achievedLevel at or above it in the
//     rubricCriterionLevel order (listed low to high);
//   - requiredValue with allowedValue (letter grades, performance
//     levels): a value at or above it in the allowedValue order (listed
//     low to high);
//   - requiredValue of a Status result: that status;
//   - requiredValue otherwise (percent, scaled or raw scores, GPA): a
//     number at least as large, and within valueMin..valueMax when these
//     are set (a trailing % is ignored).
//
// When a candidate has several results for one requirement, the first is
// decided on. The criteria narrative is for people and is not evaluated.
type Awarder struct {
	issuer      Profile
	achievement Achievement
	opts        Options
}

// NewAwarder checks that achievement is well formed and its requirements
// decidable, and returns an Awarder that issues in the name of issuer.
// opts (may be nil) supplies the clock and ids of the credentials.
func NewAwarder(issuer Profile, achievement Achievement, opts *Options) (*Awarder, error) {
	var c checker
	a := normalizeAchievement(&achievement)
	c.achievement("/achievement", a)
	n := 0
	for i := range a.ResultDescription {
		rd := &a.ResultDescription[i]
		if rd.RequiredValue == "" && rd.RequiredLevel == "" {
			continue
		}
		n++
		if rd.ResultType == ResultTypeStatus && rd.RequiredValue != "" && !ResultStatusType(rd.RequiredValue).Valid() {
			c.errorf(join("/achievement/resultDescription", i, "requiredValue"), "award.requiredValue",
				"requiredValue %q of a Status result is not a ResultStatusType", rd.RequiredValue)
		}
		if rd.RequiredValue != "" && len(rd.AllowedValue) == 0 && rd.ResultType != ResultTypeStatus {
			if _, err := parseNumber(rd.RequiredValue); err != nil {
				c.errorf(join("/achievement/resultDescription", i, "requiredValue"), "award.requiredValue",
					"requiredValue %q is neither in allowedValue nor a number", rd.RequiredValue)
			}
		}
	}
	if err := c.out.Err(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, ErrNoRequirements
	}
	aw := &Awarder{issuer: issuer, achievement: *a}
	if opts != nil {
		aw.opts = *opts
	}
	return aw, nil
}

// Award is NewAwarder followed by Awarder.Award, for a single candidate.
func Award(issuer Profile, achievement Achievement, c Candidate, opts *Options) (Outcome, error) {
	a, err := NewAwarder(issuer, achievement, opts)
	if err != nil {
		return Outcome{}, err
	}
	out := a.Award(c)
	return out, out.Err
}

// Award decides for one candidate and, when eligible, builds the unsigned
// AchievementCredential carrying the candidate's results and evidence.
func (a *Awarder) Award(c Candidate) Outcome {
	out := Outcome{Recipient: c.label()}
	if c.ID == "" && len(c.Identifier) == 0 {
		out.Err = fmt.Errorf("%w: the candidate has neither an id nor an identifier", ErrInvalidCredential)
		return out
	}
	out.Shortfalls = a.Check(c.Results)
	if len(out.Shortfalls) > 0 {
		return out
	}
	subject := AchievementSubject{
		ID:          c.ID,
		Identifier:  c.Identifier,
		Achievement: &a.achievement,
		Result:      c.Results,
	}
	opts := a.opts
	opts.Evidence = append(slices.Clone(opts.Evidence), c.Evidence...)
	cred, err := NewAchievementCredential(a.issuer, subject, &opts)
	if err != nil {
		out.Err = err
		return out
	}
	out.Eligible, out.Credential = true, cred
	return out
}

// AwardCohort decides for each candidate in turn, yielding one Outcome per
// candidate in input order. It holds one candidate at a time, so a cohort
// of any size is awarded in constant memory (beyond what the caller keeps
// of the outcomes). If ctx is cancelled it yields a last Outcome whose Err
// is ctx.Err() and stops.
func (a *Awarder) AwardCohort(ctx context.Context, candidates iter.Seq[Candidate]) iter.Seq[Outcome] {
	return func(yield func(Outcome) bool) {
		for c := range candidates {
			if err := ctx.Err(); err != nil {
				yield(Outcome{Recipient: c.label(), Err: err})
				return
			}
			if !yield(a.Award(c)) {
				return
			}
		}
	}
}

// Check returns the requirements of the achievement that results do not
// meet, in the order of the achievement's ResultDescriptions; none means
// eligible.
func (a *Awarder) Check(results []Result) []Shortfall {
	var out []Shortfall
	for i := range a.achievement.ResultDescription {
		rd := &a.achievement.ResultDescription[i]
		if rd.RequiredValue == "" && rd.RequiredLevel == "" {
			continue
		}
		j := slices.IndexFunc(results, func(r Result) bool { return r.ResultDescription == rd.ID })
		if j < 0 {
			out = append(out, shortfall(rd, "", "no result for this requirement"))
			continue
		}
		if s, ok := meets(rd, &results[j]); !ok {
			out = append(out, s)
		}
	}
	return out
}

func shortfall(rd *ResultDescription, got, reason string) Shortfall {
	req := rd.RequiredValue
	if rd.RequiredLevel != "" {
		req = levelName(rd, rd.RequiredLevel)
	}
	return Shortfall{ResultDescription: rd.ID, Name: rd.Name, Required: req, Got: got, Reason: reason}
}

func levelName(rd *ResultDescription, id string) string {
	for _, l := range rd.RubricCriterionLevel {
		if l.ID == id && l.Name != "" {
			return l.Name
		}
	}
	return id
}

// meets decides one requirement.
func meets(rd *ResultDescription, r *Result) (Shortfall, bool) {
	if rd.RequiredLevel != "" {
		levels := rd.RubricCriterionLevel
		idx := func(id string) int {
			return slices.IndexFunc(levels, func(l RubricCriterionLevel) bool { return l.ID == id })
		}
		want, got := idx(rd.RequiredLevel), idx(r.AchievedLevel)
		switch {
		case r.AchievedLevel == "":
			return shortfall(rd, "", "the result has no achievedLevel"), false
		case got < 0:
			return shortfall(rd, r.AchievedLevel, fmt.Sprintf("achievedLevel %q is not one of the rubric's levels", r.AchievedLevel)), false
		case got < want:
			name := levelName(rd, r.AchievedLevel)
			return shortfall(rd, name, fmt.Sprintf("level %q is below the required %q", name, levelName(rd, rd.RequiredLevel))), false
		}
		if rd.RequiredValue == "" {
			return Shortfall{}, true
		}
	}
	switch {
	case rd.ResultType == ResultTypeStatus:
		got := string(r.Status)
		if got == "" {
			got = r.Value
		}
		if got != rd.RequiredValue {
			return shortfall(rd, got, fmt.Sprintf("status %q, %q required", got, rd.RequiredValue)), false
		}
	case len(rd.AllowedValue) > 0:
		want, got := slices.Index(rd.AllowedValue, rd.RequiredValue), slices.Index(rd.AllowedValue, r.Value)
		switch {
		case r.Value == "":
			return shortfall(rd, "", "the result has no value"), false
		case got < 0:
			return shortfall(rd, r.Value, fmt.Sprintf("%q is not one of the allowed values %q", r.Value, rd.AllowedValue)), false
		case got < want:
			return shortfall(rd, r.Value, fmt.Sprintf("%q is below the required %q", r.Value, rd.RequiredValue)), false
		}
	default:
		if r.Value == "" {
			return shortfall(rd, "", "the result has no value"), false
		}
		v, err := parseNumber(r.Value)
		if err != nil {
			return shortfall(rd, r.Value, fmt.Sprintf("%q is not a number", r.Value)), false
		}
		if lo, err := parseNumber(rd.ValueMin); rd.ValueMin != "" && err == nil && v < lo {
			return shortfall(rd, r.Value, fmt.Sprintf("%s is below valueMin %s, so it is not a valid result", r.Value, rd.ValueMin)), false
		}
		if hi, err := parseNumber(rd.ValueMax); rd.ValueMax != "" && err == nil && v > hi {
			return shortfall(rd, r.Value, fmt.Sprintf("%s is above valueMax %s, so it is not a valid result", r.Value, rd.ValueMax)), false
		}
		want, _ := parseNumber(rd.RequiredValue) // checked by NewAwarder
		if v < want {
			return shortfall(rd, r.Value, fmt.Sprintf("%s is below the required %s", r.Value, rd.RequiredValue)), false
		}
	}
	return Shortfall{}, true
}

// parseNumber reads a score: a decimal number, optionally followed by %.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("badge: %q is not a number", s)
	}
	return f, nil
}
