package badge

import (
	"slices"

	"github.com/microcred/microcred/internal/vocab"
)

// JSON-LD contexts, in the order a credential lists them.
const (
	// ContextVCv2 is the W3C Verifiable Credentials 2.0 context; it is
	// always the first @context item.
	ContextVCv2 = vocab.ContextVCv2
	// ContextVCv1 is the VC Data Model 1.1 context of legacy credentials.
	ContextVCv1 = vocab.ContextVCv1
	// ContextOB is the Open Badges 3.0.3 context the builders write.
	ContextOB = vocab.ContextOB
	// ContextCLR is the CLR 2.0.1 context the builders write.
	ContextCLR = vocab.ContextCLR
	// ContextExtensions defines the 1EdTech status, refresh and schema
	// types (1EdTechRevocationList, 1EdTechCredentialRefresh,
	// 1EdTechJsonSchemaValidator2019), which context-3.0.x does not.
	ContextExtensions = vocab.ContextExtensions
)

// Type names.
const (
	TypeVerifiableCredential  = "VerifiableCredential"
	TypeAchievementCredential = "AchievementCredential"
	TypeOpenBadgeCredential   = "OpenBadgeCredential" // alias of AchievementCredential
	TypeEndorsementCredential = "EndorsementCredential"
	TypeClrCredential         = "ClrCredential"
	TypeAchievementSubject    = "AchievementSubject"
	TypeEndorsementSubject    = "EndorsementSubject"
	TypeClrSubject            = "ClrSubject"
	TypeAchievement           = "Achievement"
	TypeProfile               = "Profile"

	// The 1EdTech extension types (they need ContextExtensions).
	TypeRevocationList          = "1EdTechRevocationList"
	TypeCredentialRefresh       = "1EdTechCredentialRefresh"
	TypeJSONSchemaValidator2019 = "1EdTechJsonSchemaValidator2019"
)

// VerifiableCredential holds the properties every credential has. It is
// embedded in AchievementCredential, EndorsementCredential and
// ClrCredential.
type VerifiableCredential struct {
	Context     []ContextEntry `json:"@context,omitempty"` // required; VC v2 first
	ID          string         `json:"id,omitempty"`       // required for Open Badges
	Type        []string       `json:"type,omitempty"`     // required
	Name        string         `json:"name,omitempty"`
	Description string         `json:"description,omitempty"`
	Issuer      *Profile       `json:"issuer,omitempty"`    // required; a URI or a Profile
	ValidFrom   DateTime       `json:"validFrom,omitempty"` // required (VC 2.0)
	ValidUntil  DateTime       `json:"validUntil,omitempty"`
	// IssuanceDate and ExpirationDate are the VC 1.1 spellings of ValidFrom
	// and ValidUntil, accepted for legacy credentials.
	IssuanceDate   DateTime `json:"issuanceDate,omitempty"`
	ExpirationDate DateTime `json:"expirationDate,omitempty"`
	AwardedDate    DateTime `json:"awardedDate,omitempty"`

	CredentialStatus *CredentialStatus  `json:"credentialStatus,omitempty" badge:"last"`
	RefreshService   *RefreshService    `json:"refreshService,omitempty" badge:"last"`
	CredentialSchema []CredentialSchema `json:"credentialSchema,omitempty" badge:"last"`
	TermsOfUse       []TermsOfUse       `json:"termsOfUse,omitempty" badge:"last"`
	Proof            []Proof            `json:"proof,omitempty" badge:"last"`

	raw []byte
}

// Raw returns the bytes the credential was parsed from, or nil for a
// credential built in Go. Check proofs over these bytes, never over a
// re-marshalled struct: marshalling is faithful in meaning, not in bytes.
// Raw does not follow later changes to the struct's fields. The caller
// must not modify the returned slice.
func (vc *VerifiableCredential) Raw() []byte { return vc.raw }

// Base returns the common credential properties.
func (vc *VerifiableCredential) Base() *VerifiableCredential { return vc }

// HasType reports whether t is among the credential's types.
func (vc *VerifiableCredential) HasType(t string) bool { return slices.Contains(vc.Type, t) }

// IssuerID is the issuer's id, whether the issuer is a URI or a Profile.
func (vc *VerifiableCredential) IssuerID() string {
	if vc.Issuer == nil {
		return ""
	}
	return vc.Issuer.ID
}

// AchievementCredential (also called OpenBadgeCredential) asserts that its
// subject earned an Achievement.
type AchievementCredential struct {
	VerifiableCredential
	Image             *Image                  `json:"image,omitempty"`
	CredentialSubject *AchievementSubject     `json:"credentialSubject,omitempty"` // required
	Endorsement       []EndorsementCredential `json:"endorsement,omitempty"`
	EndorsementJwt    []string                `json:"endorsementJwt,omitempty"`
	Evidence          []Evidence              `json:"evidence,omitempty"`
	Extra             Extra                   `json:"-"`
	form              form
}

// EndorsementCredential is a third party's endorsement of a Profile, an
// Achievement or a credential.
type EndorsementCredential struct {
	VerifiableCredential
	CredentialSubject *EndorsementSubject `json:"credentialSubject,omitempty"` // required
	Extra             Extra               `json:"-"`
	form              form
}

// UnmarshalJSON decodes the credential and keeps a copy of data as Raw.
func (c *AchievementCredential) UnmarshalJSON(data []byte) error { return c.decodeTree(data, nil) }

func (c *AchievementCredential) decodeTree(data []byte, tree any) error {
	*c = AchievementCredential{}
	if err := decodeObject(data, tree, c, &c.Extra, &c.form, false); err != nil {
		return err
	}
	c.raw = append([]byte(nil), data...)
	return nil
}

// MarshalJSON encodes the credential with a stable property order.
func (c AchievementCredential) MarshalJSON() ([]byte, error) {
	return encodeObject(&c, c.Extra, &c.form)
}

// UnmarshalJSON decodes the credential and keeps a copy of data as Raw.
func (c *EndorsementCredential) UnmarshalJSON(data []byte) error { return c.decodeTree(data, nil) }

func (c *EndorsementCredential) decodeTree(data []byte, tree any) error {
	*c = EndorsementCredential{}
	if err := decodeObject(data, tree, c, &c.Extra, &c.form, false); err != nil {
		return err
	}
	c.raw = append([]byte(nil), data...)
	return nil
}

// MarshalJSON encodes the credential with a stable property order.
func (c EndorsementCredential) MarshalJSON() ([]byte, error) {
	return encodeObject(&c, c.Extra, &c.form)
}
