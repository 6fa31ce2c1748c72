package pathway

import (
	"slices"
	"time"
)

// FormatV1 is the value of Definition.Format for the first version of the
// pathway JSON format. Parse rejects any other value, so a document written for
// a later format fails loudly instead of being half understood.
const FormatV1 = "microcred-pathway/1"

// A Definition is one version of a stackable pathway: which earned achievements
// (components) add up to a destination achievement, by which rules, and which
// milestones award their own achievements on the way.
//
// A Definition is plain data. Build one in Go or read one with Parse; call
// Validate (Parse does) before evaluating a hand-built one. A validated
// Definition is never modified by this package and is safe for concurrent use.
type Definition struct {
	// Format names the JSON format; it must be FormatV1.
	Format string `json:"format"`
	// ID identifies the pathway across versions (a URI is recommended).
	ID string `json:"id"`
	// Version identifies this version of the pathway. Versions compare
	// segment by segment, numerically where both segments are numbers
	// ("1.10" > "1.9"), else as text; a version with more segments is
	// greater when the common ones are equal ("2.0.1" > "2.0").
	Version string `json:"version"`
	// Name and Description are for people.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Destination is the achievement awarded when Requirement is satisfied.
	Destination AchievementRef `json:"destination"`
	// Components are the slots that earned credentials fill. Each component is
	// filled by at most one credential, and a credential fills at most one
	// component unless that component has Reuse set.
	Components []Component `json:"components"`
	// Requirement is the rule tree over the components; when it is satisfied
	// the destination is complete.
	Requirement *Node `json:"requirement"`
	// Milestones award their own achievements when their requirement is
	// satisfied, independently of the destination.
	Milestones []Milestone `json:"milestones,omitempty"`
	// Equivalences are host-declared substitutions between achievements
	// (recognition of prior learning, CLR exactMatchOf, CTDL transfer value).
	Equivalences []Equivalence `json:"equivalences,omitempty"`
	// CreditConversions declare how credits in one unit count toward a
	// threshold in another; without one, credits in different units never
	// add up. See CreditConversion.
	CreditConversions []CreditConversion `json:"creditConversions,omitempty"`
	// TrustedIssuers, when not empty, is a pathway-wide allowlist of issuer
	// ids: a credential from any other issuer fills no component. Components
	// may narrow it further with Match.Issuers.
	TrustedIssuers []string `json:"trustedIssuers,omitempty"`
	// Supersedes optionally names the version this one replaces.
	Supersedes string `json:"supersedes,omitempty"`
}

// AchievementRef describes an achievement the pathway awards (the destination
// or a milestone). ID is required; the other fields are copied into the
// awarded Open Badges credential.
type AchievementRef struct {
	ID              string `json:"id"`
	Name            string `json:"name,omitempty"`
	Description     string `json:"description,omitempty"`
	AchievementType string `json:"achievementType,omitempty"`
	// Criteria is a narrative of what earning the achievement means; when
	// empty the award carries a narrative generated from the rule tree.
	Criteria string `json:"criteria,omitempty"`
	// IssuerID is the issuer the award is made in the name of (the host).
	IssuerID string `json:"issuer,omitempty"`
}

// A Component is one slot of the pathway: a description of the credentials
// that may fill it (Match) and what filling it is worth.
type Component struct {
	// ID is unique within the definition and referenced by the rule tree.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Description says what the slot asks of the learner (a course
	// description, CTDL description); it is for people and never affects
	// matching.
	Description string `json:"description,omitempty"`
	// Match selects the credentials that can fill the component.
	Match Match `json:"match"`
	// Credits is the credit value of the slot (CTDL creditValue). A
	// credential's own earned credits take precedence when its unit matches.
	Credits *Quantity `json:"credits,omitempty"`
	// Points is the point value of the slot (CTDL pointValue).
	Points float64 `json:"points,omitempty"`
	// Prerequisites are components that must be complete, with a credential
	// earned no later than this component's (same UTC day counts as in
	// order), before this component counts. This is required ordering.
	Prerequisites []string `json:"prerequisites,omitempty"`
	// Precedes is suggested ordering (CTDL precedes): it orders next steps
	// and never blocks completion.
	Precedes []string `json:"precedes,omitempty"`
	// Reuse lets a credential that fills this component also fill other
	// components. By default no credential (and no achievement earned twice)
	// is counted in two slots.
	Reuse bool `json:"reuse,omitempty"`
}

// Quantity is an amount with a unit such as "ECTS", "CarnegieUnit" or
// "DegreeCredit". Units compare case-insensitively; an empty unit only equals
// an empty unit.
type Quantity struct {
	Value float64 `json:"value"`          // the amount; never negative in a valid definition
	Unit  string  `json:"unit,omitempty"` // the unit, as the credentials name it
}

// Match is the filter a credential must pass to fill a component. Every
// non-empty field must be satisfied (the fields are ANDed; the values inside
// one list are alternatives). The credential must also be valid at the
// evaluation time (not revoked, suspended, expired or not yet valid) and come
// from a trusted issuer when the definition lists any.
type Match struct {
	// Achievements are the accepted achievement ids. A credential matches if
	// its achievement id, or one reachable from it through the definition's
	// Equivalences, is listed. Empty means any achievement (then some other
	// field must constrain the match).
	Achievements []string `json:"achievements,omitempty"`
	// Issuers is an allowlist of issuer ids for this component.
	Issuers []string `json:"issuers,omitempty"`
	// AchievementTypes accepts these OB 3.0 achievementType values.
	AchievementTypes []string `json:"achievementTypes,omitempty"`
	// Alignment requires an alignment of the achievement to match.
	Alignment *AlignmentMatch `json:"alignment,omitempty"`
	// Result requires a result meeting a threshold.
	Result *ResultMatch `json:"result,omitempty"`
	// MinCredits requires the credential to carry at least this many
	// earned credits (in the unit, when given).
	MinCredits *Quantity `json:"minCredits,omitempty"`
	// Evidence requires evidence attached to the credential.
	Evidence *EvidenceMatch `json:"evidence,omitempty"`
	// EarnedWithin requires the credential to have been earned within this
	// period before the evaluation time (an ISO 8601 duration such as "P2Y").
	// An undated credential does not meet it.
	EarnedWithin *Duration `json:"earnedWithin,omitempty"`
	// EarnedBetween requires the earned date to fall in a window.
	EarnedBetween *Window `json:"earnedBetween,omitempty"`
}

// AlignmentMatch matches an OB 3.0 Alignment; every non-empty field must be
// equal (TargetURL exactly, TargetCode and Framework case-sensitively).
type AlignmentMatch struct {
	TargetURL  string `json:"targetUrl,omitempty"`
	TargetCode string `json:"targetCode,omitempty"`
	Framework  string `json:"framework,omitempty"`
}

// ResultMatch is a grade threshold on the credential's results. One result
// must satisfy every non-empty field.
type ResultMatch struct {
	// Type restricts which results are considered (OB 3.0 resultType, for
	// example "Percent" or "LetterGrade").
	Type string `json:"type,omitempty"`
	// ResultDescription restricts it to the result of one of the
	// achievement's result descriptions, by id: an achievement with two
	// Percent results (theory, practice) is addressed this way.
	ResultDescription string `json:"resultDescription,omitempty"`
	// MinValue requires the numeric value to be at least this. A value
	// that is not a finite decimal number ("A", "pass", "NaN") does not
	// meet it; a trailing "%" is ignored.
	MinValue *float64 `json:"minValue,omitempty"`
	// Levels accepts these achievedLevel ids (RubricCriterionLevel ids).
	Levels []string `json:"levels,omitempty"`
	// Values accepts these exact values (for letter grades: "A", "B").
	Values []string `json:"values,omitempty"`
	// Status requires this result status, for example "Completed".
	Status string `json:"status,omitempty"`
	// MinLevel requires a result at or above this entry of Scale, an
	// ordered list of levels from lowest to highest: "minLevel": "B",
	// "scale": ["F", "D", "C", "B", "A"]. A result's place on the scale
	// is its achieved level (Level) when that is on the scale, else its
	// value (letter grades are values in OB 3.0); entries compare exactly.
	// MinLevel and Scale go together, and MinLevel must be on Scale.
	MinLevel string   `json:"minLevel,omitempty"`
	Scale    []string `json:"scale,omitempty"`
}

// place is the position of a result on r's scale, or -1.
func (r *ResultMatch) place(x *Result) int {
	if x.Level != "" {
		if k := slices.Index(r.Scale, x.Level); k >= 0 {
			return k
		}
	}
	if x.Value != "" {
		return slices.Index(r.Scale, x.Value)
	}
	return -1
}

// EvidenceMatch requires evidence on the credential.
type EvidenceMatch struct {
	// Min is the number of evidence entries required (at least 1 when the
	// EvidenceMatch is present).
	Min int `json:"min,omitempty"`
	// Genre, when set, counts only evidence of this genre.
	Genre string `json:"genre,omitempty"`
}

// Window is a closed time interval; a zero bound is open.
type Window struct {
	From  time.Time `json:"from,omitzero"`  // the earliest instant inside; zero: no lower bound
	Until time.Time `json:"until,omitzero"` // the latest instant inside; zero: no upper bound
}

// Contains reports whether t lies within the window.
func (w Window) Contains(t time.Time) bool {
	if !w.From.IsZero() && t.Before(w.From) {
		return false
	}
	if !w.Until.IsZero() && t.After(w.Until) {
		return false
	}
	return true
}

// A Milestone awards its own achievement when its requirement is satisfied.
// Exactly one of Requirement and Node is set: Node names a node (by its ID)
// of the definition's requirement tree, Requirement is a tree of its own.
// Milestones are evaluated independently of the destination, each with its
// own optimal assignment.
type Milestone struct {
	ID          string         `json:"id"`                    // unique among the milestones
	Name        string         `json:"name,omitempty"`        // for people
	Achievement AchievementRef `json:"achievement"`           // what AwardMilestone awards
	Node        string         `json:"node,omitempty"`        // the ID of a node of the requirement tree
	Requirement *Node          `json:"requirement,omitempty"` // a requirement tree of its own
}

// An Equivalence says that a credential for achievement From counts as one
// for achievement To, with the provenance of that decision. Equivalences
// chain (A→B, B→C lets A count as C) up to Limits.MaxEquivalenceChain steps.
type Equivalence struct {
	From string `json:"from"` // the achievement id a credential asserts
	To   string `json:"to"`   // the achievement id it then counts as
	// Mutual makes the equivalence hold in both directions (CLR
	// exactMatchOf); otherwise it is a one-way substitution.
	Mutual bool `json:"mutual,omitempty"`
	// Kind records the origin: "exactMatchOf", "transferValue",
	// "substitution", "related" or a host value.
	Kind string `json:"kind,omitempty"`
	// Source says where the equivalence came from (a CLR association id,
	// a TransferValueProfile URI, a registrar decision...). It is copied to
	// every assignment that uses the equivalence.
	Source string `json:"source,omitempty"`
	// Applies restricts the equivalence to credentials earned in a window
	// (CTDL TransferValueProfile startDate/endDate).
	Applies *Window `json:"applies,omitempty"`
}
