package badge

import (
	"crypto/rand"
	"fmt"
	"io"
	"slices"
	"time"
)

// NewUUID returns a random (version 4) UUID as a URN,
// "urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", from crypto/rand.
func NewUUID() (string, error) { return newUUID(rand.Reader) }

func newUUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("badge: reading random id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// Options tunes the builders. The zero value (or nil) is ready to use:
// the current time, a fresh urn:uuid id, no expiry.
type Options struct {
	// ID of the credential; default: a new urn:uuid from IDs.
	ID string
	// Name and Description of the credential; the AchievementCredential
	// builder defaults them to the achievement's.
	Name, Description string
	// Image of the credential itself.
	Image *Image
	// ValidFrom; default: Clock().
	ValidFrom time.Time
	// ValidUntil; zero means the credential does not expire.
	ValidUntil time.Time
	// AwardedDate is when the achievement was first awarded, kept when a
	// credential is re-issued (validFrom changes, awardedDate does not).
	AwardedDate time.Time
	// Evidence of the award (AchievementCredential and CLR only).
	Evidence []Evidence
	// Status, Refresh and Schemas are copied into credentialStatus,
	// refreshService and credentialSchema. When they use the 1EdTech types
	// the extensions context is added to @context.
	Status  *CredentialStatus
	Refresh *RefreshService
	Schemas []CredentialSchema
	// Extra properties of the credential (extensions); they need a
	// context that defines them, which the caller adds with Contexts.
	Extra    Extra
	Contexts []string // further @context URLs, after the required ones

	// Clock gives the current time; default time.Now. Inject a fixed
	// clock for reproducible output.
	Clock func() time.Time
	// IDs makes credential ids; default NewUUID.
	IDs func() (string, error)
}

func (o *Options) now() time.Time {
	if o != nil && o.Clock != nil {
		return o.Clock()
	}
	return time.Now()
}

func (o *Options) newID() (string, error) {
	if o != nil && o.ID != "" {
		return o.ID, nil
	}
	if o != nil && o.IDs != nil {
		return o.IDs()
	}
	return NewUUID()
}

// base fills the properties every built credential has.
func (o *Options) base(kind Kind, issuer Profile) (VerifiableCredential, error) {
	if o == nil {
		o = &Options{}
	}
	id, err := o.newID()
	if err != nil {
		return VerifiableCredential{}, err
	}
	from := o.ValidFrom
	if from.IsZero() {
		from = o.now()
	}
	vc := VerifiableCredential{
		ID:          id,
		Name:        o.Name,
		Description: o.Description,
		Issuer:      normalizeProfile(&issuer),
		ValidFrom:   NewDateTime(from),
	}
	if !o.ValidUntil.IsZero() {
		vc.ValidUntil = NewDateTime(o.ValidUntil)
	}
	if !o.AwardedDate.IsZero() {
		vc.AwardedDate = NewDateTime(o.AwardedDate)
	}
	if o.Status != nil {
		s := *o.Status
		vc.CredentialStatus = &s
	}
	if o.Refresh != nil {
		r := *o.Refresh
		vc.RefreshService = &r
	}
	vc.CredentialSchema = slices.Clone(o.Schemas)
	switch kind {
	case KindCLR:
		vc.Type = []string{TypeVerifiableCredential, TypeClrCredential}
		vc.Context = contexts(ContextVCv2, ContextCLR, ContextOB)
	case KindEndorsement:
		vc.Type = []string{TypeVerifiableCredential, TypeEndorsementCredential}
		vc.Context = contexts(ContextVCv2, ContextOB)
	default:
		vc.Type = []string{TypeVerifiableCredential, TypeOpenBadgeCredential}
		vc.Context = contexts(ContextVCv2, ContextOB)
	}
	if needsExtensionsContext(&vc) {
		vc.Context = append(vc.Context, ContextEntry{URL: ContextExtensions})
	}
	for _, u := range o.Contexts {
		if !hasContext(&vc, u) {
			vc.Context = append(vc.Context, ContextEntry{URL: u})
		}
	}
	return vc, nil
}

func contexts(urls ...string) []ContextEntry {
	out := make([]ContextEntry, len(urls))
	for i, u := range urls {
		out[i] = ContextEntry{URL: u}
	}
	return out
}

// NewAchievementCredential builds an unsigned OpenBadgeCredential stating
// that subject earned subject.Achievement from issuer. It fills what the
// data model requires and the caller need not decide: the @context list
// in its required order (plus the 1EdTech extensions context when
// Options use its status, refresh or schema types), the type lists of
// every object, a urn:uuid id and validFrom. It never modifies its
// arguments. It returns an *InvalidError (errors.Is ErrInvalidCredential)
// listing what is missing when the inputs cannot make a valid credential:
// an issuer id; a subject id or identifier; an achievement with id, name,
// description and criteria.
//
// The result is unsigned: seal it with package credential.
func NewAchievementCredential(issuer Profile, subject AchievementSubject, opts *Options) (*AchievementCredential, error) {
	s := normalizeSubject(subject)
	if opts != nil && s.Achievement != nil {
		o := *opts
		if o.Name == "" {
			o.Name = s.Achievement.Name
		}
		if o.Description == "" {
			o.Description = s.Achievement.Description
		}
		opts = &o
	} else if s.Achievement != nil {
		opts = &Options{Name: s.Achievement.Name, Description: s.Achievement.Description}
	}
	vc, err := opts.base(KindAchievement, issuer)
	if err != nil {
		return nil, err
	}
	c := &AchievementCredential{VerifiableCredential: vc, CredentialSubject: &s}
	if opts != nil {
		c.Image = normalizeImage(opts.Image)
		c.Evidence = normalizeEvidence(opts.Evidence)
		c.Extra = cloneExtra(opts.Extra)
	}
	if err := CheckDataModel(c).Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// NewEndorsementCredential builds an unsigned EndorsementCredential by
// issuer of the Profile, Achievement or credential whose id is subject.ID.
// name is required by the data model. See NewAchievementCredential.
func NewEndorsementCredential(issuer Profile, subject EndorsementSubject, name string, opts *Options) (*EndorsementCredential, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.Name = name
	vc, err := o.base(KindEndorsement, issuer)
	if err != nil {
		return nil, err
	}
	if len(subject.Type) == 0 {
		subject.Type = []string{TypeEndorsementSubject}
	}
	c := &EndorsementCredential{VerifiableCredential: vc, CredentialSubject: &subject, Extra: cloneExtra(o.Extra)}
	if err := CheckDataModel(c).Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// NewClrCredential builds an unsigned ClrCredential that bundles the
// credentials in subject.VerifiableCredential (each already signed, as
// JSON) for the learner. name is required by the data model. See
// NewAchievementCredential.
func NewClrCredential(issuer Profile, subject ClrSubject, name string, opts *Options) (*ClrCredential, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.Name = name
	vc, err := o.base(KindCLR, issuer)
	if err != nil {
		return nil, err
	}
	if len(subject.Type) == 0 {
		subject.Type = []string{TypeClrSubject}
	}
	subject.Identifier = normalizeIdentities(subject.Identifier)
	subject.Achievement = slices.Clone(subject.Achievement)
	for i := range subject.Achievement {
		subject.Achievement[i] = *normalizeAchievement(&subject.Achievement[i])
	}
	subject.VerifiableCredential = slices.Clone(subject.VerifiableCredential)
	subject.Association = slices.Clone(subject.Association)
	for i := range subject.Association {
		if subject.Association[i].Type == "" {
			subject.Association[i].Type = "Association"
		}
	}
	c := &ClrCredential{VerifiableCredential: vc, CredentialSubject: &subject,
		Image: normalizeImage(o.Image), Evidence: normalizeEvidence(o.Evidence), Extra: cloneExtra(o.Extra)}
	if err := CheckDataModel(c).Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// The normalize functions return copies with the fixed type values filled
// in, so that callers can leave them out.

func withType(t []string, want string) []string {
	if len(t) == 0 {
		return []string{want}
	}
	return slices.Clone(t)
}

func normalizeProfile(p *Profile) *Profile {
	if p == nil {
		return nil
	}
	q := *p
	q.Type = withType(q.Type, TypeProfile)
	q.Image = normalizeImage(q.Image)
	q.ParentOrg = normalizeProfile(q.ParentOrg)
	q.OtherIdentifier = normalizeEntries(q.OtherIdentifier)
	if q.Address != nil {
		a := *q.Address
		a.Type = withType(a.Type, "Address")
		if a.Geo != nil {
			g := *a.Geo
			if g.Type == "" {
				g.Type = "GeoCoordinates"
			}
			a.Geo = &g
		}
		q.Address = &a
	}
	q.form = form{}
	return &q
}

func normalizeImage(im *Image) *Image {
	if im == nil {
		return nil
	}
	c := *im
	if c.Type == "" {
		c.Type = "Image"
	}
	c.form = form{}
	return &c
}

func normalizeEntries(es []IdentifierEntry) []IdentifierEntry {
	es = slices.Clone(es)
	for i := range es {
		if es[i].Type == "" {
			es[i].Type = "IdentifierEntry"
		}
	}
	return es
}

func normalizeIdentities(ids []IdentityObject) []IdentityObject {
	ids = slices.Clone(ids)
	for i := range ids {
		if ids[i].Type == "" {
			ids[i].Type = TypeIdentityObject
		}
	}
	return ids
}

func normalizeEvidence(es []Evidence) []Evidence {
	es = slices.Clone(es)
	for i := range es {
		es[i].Type = withType(es[i].Type, "Evidence")
	}
	return es
}

func normalizeAlignments(as []Alignment) []Alignment {
	as = slices.Clone(as)
	for i := range as {
		as[i].Type = withType(as[i].Type, "Alignment")
	}
	return as
}

func normalizeAchievement(a *Achievement) *Achievement {
	if a == nil {
		return nil
	}
	c := *a
	c.Type = withType(c.Type, TypeAchievement)
	c.Image = normalizeImage(c.Image)
	c.Creator = normalizeProfile(c.Creator)
	c.Alignment = normalizeAlignments(c.Alignment)
	c.OtherIdentifier = normalizeEntries(c.OtherIdentifier)
	c.Related = slices.Clone(c.Related)
	for i := range c.Related {
		c.Related[i].Type = withType(c.Related[i].Type, "Related")
	}
	c.ResultDescription = slices.Clone(c.ResultDescription)
	for i := range c.ResultDescription {
		rd := &c.ResultDescription[i]
		rd.Type = withType(rd.Type, "ResultDescription")
		rd.Alignment = normalizeAlignments(rd.Alignment)
		rd.RubricCriterionLevel = slices.Clone(rd.RubricCriterionLevel)
		for j := range rd.RubricCriterionLevel {
			l := &rd.RubricCriterionLevel[j]
			l.Type = withType(l.Type, "RubricCriterionLevel")
			l.Alignment = normalizeAlignments(l.Alignment)
		}
	}
	if c.Criteria != nil {
		cr := *c.Criteria
		c.Criteria = &cr
	}
	c.form = form{}
	return &c
}

func normalizeSubject(s AchievementSubject) AchievementSubject {
	s.Type = withType(s.Type, TypeAchievementSubject)
	s.Achievement = normalizeAchievement(s.Achievement)
	s.Identifier = normalizeIdentities(s.Identifier)
	s.Image = normalizeImage(s.Image)
	s.Source = normalizeProfile(s.Source)
	s.Result = slices.Clone(s.Result)
	for i := range s.Result {
		s.Result[i].Type = withType(s.Result[i].Type, "Result")
		s.Result[i].Alignment = normalizeAlignments(s.Result[i].Alignment)
	}
	s.form = form{}
	return s
}

func cloneExtra(e Extra) Extra {
	if len(e) == 0 {
		return nil
	}
	out := make(Extra, len(e))
	for k, v := range e {
		out[k] = slices.Clone(v)
	}
	return out
}
