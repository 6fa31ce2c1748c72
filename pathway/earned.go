package pathway

import "time"

// Earned is the view of one credential the evaluator needs. A host fills it
// from a credential it has already verified (proof, status, issuer), or
// from its own records (recognition of prior learning, transcripts). The
// evaluator believes what it is told: pass only credentials you verified.
type Earned struct {
	// ID is the source credential id. It is required, and unique per
	// issuer only: a credential is identified by (IssuerID, ID), compared
	// as OB 3.0 "Equality and comparison" says (badge.SameCredential:
	// percent-encoding unescaped, surrounding white space trimmed), because
	// issuers copy the specification's example ids.
	//
	// Two Earned with the same ID and different IssuerIDs (an empty
	// IssuerID included) are distinct credentials and both count.
	// Assignments, ComponentProgress and CredentialUse carry the issuer
	// beside the id, and explanations, reasons and award evidence name such
	// a credential "ID (issuer ISSUER)" — the issuer is added only when the
	// id is shared, so the usual output stays short.
	//
	// Two Earned with the same ID and IssuerID are copies of one credential
	// (its JSON and a baked image, a re-issue): one copy counts, the one
	// with the later ValidFrom as badge.Supersedes decides, and between
	// copies with the same ValidFrom a fixed order on their contents, so
	// the result never depends on the order of the input. The copies set
	// aside are listed in Progress.Credentials, unused, with the reason.
	ID string `json:"id"`
	// Recipient is who the credential was issued to (FromCredential fills
	// it from credentialSubject). One evaluation is for one learner: credentials naming
	// different recipients are refused with ErrRecipient unless they are
	// bound to one learner (Recipient.Learner, FromReportFor) or
	// Options.RecipientsBound says the host checked. Empty means the host's
	// own record, which is not compared.
	Recipient Recipient `json:"recipient,omitzero"`
	// AchievementID is the id of the achievement the credential asserts.
	AchievementID string `json:"achievementId"`
	// Equivalents are achievement ids the credential itself declares
	// equivalent (CLR exactMatchOf associations, OB 3.0 related). They are
	// used only when Options.AcceptDeclaredEquivalents is set, because an
	// issuer could otherwise declare its badge equal to anything.
	Equivalents []string `json:"equivalents,omitempty"`
	// AchievementName is for explanations.
	AchievementName string `json:"achievementName,omitempty"`
	// AchievementType is the OB 3.0 achievementType.
	AchievementType string `json:"achievementType,omitempty"`
	// IssuerID is the issuer's id; with ID it identifies the credential.
	IssuerID string `json:"issuer,omitempty"`
	// Alignments of the achievement (skills, competencies, CTDL nodes).
	Alignments []Alignment `json:"alignments,omitempty"`
	// Results of the assessment.
	Results []Result `json:"results,omitempty"`
	// Credits earned (OB 3.0 creditsEarned, else the achievement's
	// creditsAvailable) and their unit (OB 3.0 has none; hosts fill it
	// from their catalogue). Zero means none declared.
	Credits    float64 `json:"credits,omitempty"`
	CreditUnit string  `json:"creditUnit,omitempty"`
	// Evidence attached to the credential.
	Evidence []Evidence `json:"evidence,omitempty"`
	// EarnedAt is when the achievement was earned: awardedDate, else
	// validFrom. Zero means undated (for example prior learning recognised
	// without a date); undated credentials cannot prove ordering or
	// time-window rules.
	EarnedAt time.Time `json:"earnedAt,omitzero"`
	// ValidFrom (the issuance date, OB 3.0 validFrom) and ValidUntil bound
	// the credential's validity; zero bounds are open.
	ValidFrom  time.Time `json:"validFrom,omitzero"`
	ValidUntil time.Time `json:"validUntil,omitzero"`
	// Status is the result of the credential's status check.
	Status Status `json:"status,omitempty"`
}

// Alignment is an OB 3.0 Alignment of the achievement. Matching uses
// TargetURL, TargetCode and TargetFramework; the others are carried for
// hosts and explanations (a skills profile shows what kind of node the
// target is and what it means).
type Alignment struct {
	TargetURL       string `json:"targetUrl,omitempty"`
	TargetCode      string `json:"targetCode,omitempty"`
	TargetFramework string `json:"targetFramework,omitempty"`
	TargetName      string `json:"targetName,omitempty"`
	// TargetType is the OB 3.0 targetType ("ceasn:Competency",
	// "CFItem", "ext:..."), TargetDescription its targetDescription.
	TargetType        string `json:"targetType,omitempty"`
	TargetDescription string `json:"targetDescription,omitempty"`
}

// Result is an OB 3.0 Result, with the resultType of the ResultDescription
// it refers to resolved into Type.
type Result struct {
	// Description is the id of the achievement's ResultDescription the
	// result is for (OB 3.0 result.resultDescription).
	Description string `json:"resultDescription,omitempty"`
	Type        string `json:"type,omitempty"`          // the ResultDescription's resultType: GradePointAverage, LetterGrade, ...
	Value       string `json:"value,omitempty"`         // OB 3.0 value: a score or grade as written
	Level       string `json:"achievedLevel,omitempty"` // OB 3.0 achievedLevel: the id of a rubric level
	Status      string `json:"status,omitempty"`        // OB 3.0 status: Completed, Enrolled, ...
}

// Evidence is an OB 3.0 Evidence entry.
type Evidence struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	Genre string `json:"genre,omitempty"`
}

// Status is a credential's status as found by the host's status check.
type Status string

// Credential statuses. The empty Status means active.
const (
	StatusActive    Status = ""
	StatusRevoked   Status = "revoked"
	StatusSuspended Status = "suspended"
)

// validKind is why a credential does not count at some time, without the
// words: the evaluation decides with it and words only what it tells.
type validKind uint8

const (
	valid validKind = iota
	invalidRevoked
	invalidSuspended
	invalidStatus
	invalidExpired
	invalidNotYet
)

// validAt is why a credential does not count at t, without the words
// (appendValidity writes them), which cost an allocation.
func (e *Earned) validAt(t time.Time) validKind {
	switch {
	case e.Status == StatusRevoked:
		return invalidRevoked
	case e.Status == StatusSuspended:
		return invalidSuspended
	case e.Status != StatusActive:
		return invalidStatus
	case !e.ValidUntil.IsZero() && t.After(e.ValidUntil):
		return invalidExpired
	case !e.ValidFrom.IsZero() && t.Before(e.ValidFrom):
		return invalidNotYet
	}
	return valid
}

// appendValidity appends validity's reason for k (not valid) to b.
func (e *Earned) appendValidity(b []byte, k validKind) []byte {
	switch k {
	case invalidRevoked:
		return append(b, "revoked"...)
	case invalidSuspended:
		return append(b, "suspended"...)
	case invalidStatus:
		return append(append(b, "status "...), e.Status...)
	case invalidExpired:
		return appendDay(append(b, "expired on "...), e.ValidUntil)
	case invalidNotYet:
		return appendDay(append(b, "not valid until "...), e.ValidFrom)
	}
	return b
}

func day(t time.Time) string {
	var buf [10]byte
	return string(appendDay(buf[:0], t))
}

// appendDay appends t's UTC date as YYYY-MM-DD. Every component state and
// credential reason carries a date, and Format's general layout machinery
// cost as much as the rest of such a reason.
func appendDay(b []byte, t time.Time) []byte {
	y, m, d := t.UTC().Date()
	if y < 0 || y > 9999 {
		return t.UTC().AppendFormat(b, "2006-01-02")
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}
