package badge

// The Open Badges 3.0 classes other than the credentials themselves
// (credential.go) and CLR (clr.go). Field comments give the cardinality the
// data model requires; "required" fields are checked by Validate, not by
// the decoder, so that a broken document can still be inspected.
//
// Every struct has Extra for properties without a Go field (the
// Extensions mixin), and remembers how a parsed document spelled
// compactable values, so that Marshal(Unmarshal(x)) is semantically x.

// Profile describes an issuer, creator, assessor (source) or parent
// organization. In a document it may also appear as a bare URI; such a
// Profile has only ID set and marshals back to the bare URI until another
// field is set.
type Profile struct {
	ID               string                  `json:"id,omitempty"`   // required
	Type             []string                `json:"type,omitempty"` // required, contains "Profile"
	Name             string                  `json:"name,omitempty"`
	URL              string                  `json:"url,omitempty"`
	Phone            string                  `json:"phone,omitempty"`
	Description      string                  `json:"description,omitempty"`
	Endorsement      []EndorsementCredential `json:"endorsement,omitempty"`
	EndorsementJwt   []string                `json:"endorsementJwt,omitempty"`
	Image            *Image                  `json:"image,omitempty"`
	Email            string                  `json:"email,omitempty"`
	Address          *Address                `json:"address,omitempty"`
	OtherIdentifier  []IdentifierEntry       `json:"otherIdentifier,omitempty"`
	Official         string                  `json:"official,omitempty"`
	ParentOrg        *Profile                `json:"parentOrg,omitempty"`
	GivenName        string                  `json:"givenName,omitempty"`
	FamilyName       string                  `json:"familyName,omitempty"`
	AdditionalName   string                  `json:"additionalName,omitempty"`
	PatronymicName   string                  `json:"patronymicName,omitempty"`
	HonorificPrefix  string                  `json:"honorificPrefix,omitempty"`
	HonorificSuffix  string                  `json:"honorificSuffix,omitempty"`
	FamilyNamePrefix string                  `json:"familyNamePrefix,omitempty"`
	DateOfBirth      string                  `json:"dateOfBirth,omitempty"` // xsd:date, e.g. 1990-12-31
	Extra            Extra                   `json:"-"`
	form             form
}

// Achievement is what is awarded: a badge, course, competency, degree.
type Achievement struct {
	ID                string                  `json:"id,omitempty"`   // required
	Type              []string                `json:"type,omitempty"` // required, contains "Achievement"
	AchievementType   AchievementType         `json:"achievementType,omitempty"`
	Name              string                  `json:"name,omitempty"`        // required
	Description       string                  `json:"description,omitempty"` // required
	Criteria          *Criteria               `json:"criteria,omitempty"`    // required
	Image             *Image                  `json:"image,omitempty"`
	Creator           *Profile                `json:"creator,omitempty"`
	CreditsAvailable  *float64                `json:"creditsAvailable,omitempty"`
	FieldOfStudy      string                  `json:"fieldOfStudy,omitempty"`
	HumanCode         string                  `json:"humanCode,omitempty"`
	InLanguage        string                  `json:"inLanguage,omitempty"`
	Specialization    string                  `json:"specialization,omitempty"`
	Tag               []string                `json:"tag,omitempty"`
	Version           string                  `json:"version,omitempty"`
	Alignment         []Alignment             `json:"alignment,omitempty"`
	Endorsement       []EndorsementCredential `json:"endorsement,omitempty"`
	EndorsementJwt    []string                `json:"endorsementJwt,omitempty"`
	OtherIdentifier   []IdentifierEntry       `json:"otherIdentifier,omitempty"`
	Related           []Related               `json:"related,omitempty"`
	ResultDescription []ResultDescription     `json:"resultDescription,omitempty"`
	Extra             Extra                   `json:"-"`
	form              form
}

// AchievementSubject is the recipient of an AchievementCredential and what
// they did. Either ID or at least one Identifier is required.
type AchievementSubject struct {
	ID                string           `json:"id,omitempty"`
	Type              []string         `json:"type,omitempty"`        // required, contains "AchievementSubject"
	Achievement       *Achievement     `json:"achievement,omitempty"` // required
	Identifier        []IdentityObject `json:"identifier,omitempty"`
	ActivityStartDate DateTime         `json:"activityStartDate,omitempty"`
	ActivityEndDate   DateTime         `json:"activityEndDate,omitempty"`
	CreditsEarned     *float64         `json:"creditsEarned,omitempty"`
	Image             *Image           `json:"image,omitempty"` // a baked image of this award
	LicenseNumber     string           `json:"licenseNumber,omitempty"`
	Narrative         string           `json:"narrative,omitempty"` // Markdown
	Result            []Result         `json:"result,omitempty"`
	Role              string           `json:"role,omitempty"`
	Source            *Profile         `json:"source,omitempty"` // the assessor acting for the issuer
	Term              string           `json:"term,omitempty"`
	Extra             Extra            `json:"-"`
	form              form
}

// Criteria says how the achievement is earned: a page (ID) and/or a
// Markdown narrative.
type Criteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
	Extra     Extra  `json:"-"`
	form      form
}

// Alignment points an achievement, result or rubric level at a node in an
// external framework (a CASE item, a CTDL credential, ...).
type Alignment struct {
	Type              []string            `json:"type,omitempty"` // required, contains "Alignment"
	TargetCode        string              `json:"targetCode,omitempty"`
	TargetDescription string              `json:"targetDescription,omitempty"`
	TargetName        string              `json:"targetName,omitempty"` // required
	TargetFramework   string              `json:"targetFramework,omitempty"`
	TargetType        AlignmentTargetType `json:"targetType,omitempty"`
	TargetURL         string              `json:"targetUrl,omitempty"` // required
	Extra             Extra               `json:"-"`
	form              form
}

// Evidence is a work product or other proof that the criteria were met.
type Evidence struct {
	ID          string   `json:"id,omitempty"`   // the URL of the evidence
	Type        []string `json:"type,omitempty"` // required, contains "Evidence"
	Narrative   string   `json:"narrative,omitempty"`
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Genre       string   `json:"genre,omitempty"`
	Audience    string   `json:"audience,omitempty"`
	Extra       Extra    `json:"-"`
	form        form
}

// IdentityObject identifies a recipient by a (usually hashed) e-mail
// address or another identifier. The class allows no extension
// properties. See HashedEmail and (*IdentityObject).Matches.
type IdentityObject struct {
	Type         string         `json:"type,omitempty"`         // required, "IdentityObject"
	IdentityHash string         `json:"identityHash,omitempty"` // required: "sha256$<hex>", "md5$<hex>" or plaintext when !Hashed
	IdentityType IdentifierType `json:"identityType,omitempty"` // required
	Hashed       bool           `json:"hashed"`                 // required
	Salt         string         `json:"salt,omitempty"`
	Extra        Extra          `json:"-"`
	form         form
}

// IdentifierEntry is another identifier of a Profile or Achievement. The
// class allows no extension properties.
type IdentifierEntry struct {
	Type           string         `json:"type,omitempty"`           // required, "IdentifierEntry"
	Identifier     string         `json:"identifier,omitempty"`     // required
	IdentifierType IdentifierType `json:"identifierType,omitempty"` // required
	Extra          Extra          `json:"-"`
	form           form
}

// Image is a picture by URL or data: URI. In Open Badges 3.0 it is always
// an object; a bare string is parsed (and marshalled back as such) but
// Validate reports it.
type Image struct {
	ID      string `json:"id,omitempty"`   // required: URL or data: URI
	Type    string `json:"type,omitempty"` // required, "Image"
	Caption string `json:"caption,omitempty"`
	Extra   Extra  `json:"-"`
	form    form
}

// Related is another version or language of the same achievement.
type Related struct {
	ID         string   `json:"id,omitempty"`   // required
	Type       []string `json:"type,omitempty"` // required, contains "Related"
	InLanguage string   `json:"inLanguage,omitempty"`
	Version    string   `json:"version,omitempty"`
	Extra      Extra    `json:"-"`
	form       form
}

// Result is the recipient's outcome for one ResultDescription of the
// achievement: a grade, a score, a rubric level or a status.
type Result struct {
	Type              []string         `json:"type,omitempty"`          // required, contains "Result"
	AchievedLevel     string           `json:"achievedLevel,omitempty"` // the id of a RubricCriterionLevel
	Alignment         []Alignment      `json:"alignment,omitempty"`
	ResultDescription string           `json:"resultDescription,omitempty"` // the id of a ResultDescription
	Status            ResultStatusType `json:"status,omitempty"`
	Value             string           `json:"value,omitempty"`
	Extra             Extra            `json:"-"`
	form              form
}

// ResultDescription says what kind of result an achievement records and,
// for awarding, what is required (RequiredValue, RequiredLevel).
// AllowedValue and RubricCriterionLevel are ordered from lowest to highest.
type ResultDescription struct {
	ID                   string                 `json:"id,omitempty"`         // required
	Type                 []string               `json:"type,omitempty"`       // required, contains "ResultDescription"
	Name                 string                 `json:"name,omitempty"`       // required
	ResultType           ResultType             `json:"resultType,omitempty"` // required
	Alignment            []Alignment            `json:"alignment,omitempty"`
	AllowedValue         []string               `json:"allowedValue,omitempty"`
	RequiredLevel        string                 `json:"requiredLevel,omitempty"` // the id of a RubricCriterionLevel
	RequiredValue        string                 `json:"requiredValue,omitempty"`
	RubricCriterionLevel []RubricCriterionLevel `json:"rubricCriterionLevel,omitempty"`
	ValueMax             string                 `json:"valueMax,omitempty"`
	ValueMin             string                 `json:"valueMin,omitempty"`
	Extra                Extra                  `json:"-"`
	form                 form
}

// RubricCriterionLevel is one level of a rubric criterion.
type RubricCriterionLevel struct {
	ID          string      `json:"id,omitempty"`   // required
	Type        []string    `json:"type,omitempty"` // required, contains "RubricCriterionLevel"
	Name        string      `json:"name,omitempty"` // required
	Alignment   []Alignment `json:"alignment,omitempty"`
	Description string      `json:"description,omitempty"`
	Level       string      `json:"level,omitempty"`
	Points      string      `json:"points,omitempty"`
	Extra       Extra       `json:"-"`
	form        form
}

// Address is a postal address.
type Address struct {
	Type                []string        `json:"type,omitempty"` // required, contains "Address"
	AddressCountry      string          `json:"addressCountry,omitempty"`
	AddressCountryCode  string          `json:"addressCountryCode,omitempty"`
	AddressRegion       string          `json:"addressRegion,omitempty"`
	AddressLocality     string          `json:"addressLocality,omitempty"`
	StreetAddress       string          `json:"streetAddress,omitempty"`
	PostOfficeBoxNumber string          `json:"postOfficeBoxNumber,omitempty"`
	PostalCode          string          `json:"postalCode,omitempty"`
	Geo                 *GeoCoordinates `json:"geo,omitempty"`
	Extra               Extra           `json:"-"`
	form                form
}

// GeoCoordinates is a point on Earth. Latitude and longitude are always
// written, since 0 is a valid coordinate.
type GeoCoordinates struct {
	Type      string  `json:"type,omitempty"` // required, "GeoCoordinates"
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Extra     Extra   `json:"-"`
	form      form
}

// EndorsementSubject is what an EndorsementCredential endorses: a
// Profile, an Achievement or a credential, by id.
type EndorsementSubject struct {
	ID                 string   `json:"id,omitempty"`                 // required
	Type               []string `json:"type,omitempty"`               // required, contains "EndorsementSubject"
	EndorsementComment string   `json:"endorsementComment,omitempty"` // Markdown
	Extra              Extra    `json:"-"`
	form               form
}

// CredentialStatus says where to look up whether the credential has been
// revoked: a 1EdTechRevocationList ([RevocationList]), or a W3C
// BitstringStatusListEntry ([BitstringStatus]) whose other members,
// statusListIndex and statusSize, are in Extra because documents in the
// wild write them as strings or numbers. It is the one type of a
// credentialStatus value in this module: package credential/status writes
// its entries as a CredentialStatus, and reads one back with its
// ParseEntry.
type CredentialStatus struct {
	ID                   string `json:"id,omitempty"`
	Type                 string `json:"type,omitempty"` // required
	StatusPurpose        string `json:"statusPurpose,omitempty"`
	StatusListCredential string `json:"statusListCredential,omitempty"`
	Extra                Extra  `json:"-"`
	form                 form
}

// RefreshService says where a fresher copy of the credential can be
// fetched (type 1EdTechCredentialRefresh).
type RefreshService struct {
	ID    string `json:"id,omitempty"`   // required
	Type  string `json:"type,omitempty"` // required
	Extra Extra  `json:"-"`
	form  form
}

// CredentialSchema names a JSON Schema the credential conforms to (type
// 1EdTechJsonSchemaValidator2019).
type CredentialSchema struct {
	ID    string `json:"id,omitempty"`   // required
	Type  string `json:"type,omitempty"` // required
	Extra Extra  `json:"-"`
	form  form
}

// TermsOfUse is a policy under which the credential is issued.
type TermsOfUse struct {
	ID    string `json:"id,omitempty"`
	Type  string `json:"type,omitempty"` // required
	Extra Extra  `json:"-"`
	form  form
}

// Proof is an embedded proof (Data Integrity). This package only carries
// it; package credential creates and checks it.
type Proof struct {
	ID                 string   `json:"id,omitempty"`
	Type               string   `json:"type,omitempty"` // required, e.g. DataIntegrityProof
	Cryptosuite        string   `json:"cryptosuite,omitempty"`
	Created            DateTime `json:"created,omitempty"`
	Expires            DateTime `json:"expires,omitempty"`
	VerificationMethod string   `json:"verificationMethod,omitempty"`
	ProofPurpose       string   `json:"proofPurpose,omitempty"`
	Challenge          string   `json:"challenge,omitempty"`
	Domain             string   `json:"domain,omitempty"`
	Nonce              string   `json:"nonce,omitempty"`
	ProofValue         string   `json:"proofValue,omitempty"`
	Extra              Extra    `json:"-"`
	form               form
}
