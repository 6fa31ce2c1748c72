package badge

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The patterns the schemas use for the second and third @context items.
var (
	obContextPattern  = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$`)
	clrContextPattern = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)*\.json$`)
	compactJWSPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$`)
)

// checker collects data-model findings.
type checker struct {
	out Findings
	// inherited are the @context URLs of the credentials enclosing the one
	// being checked: an embedded endorsement is in their scope, so terms
	// they define are defined for it too.
	inherited []string
}

// enter adds vc's contexts to the inherited ones until the returned
// function is called.
func (c *checker) enter(vc *VerifiableCredential) func() {
	n := len(c.inherited)
	for _, e := range vc.Context {
		c.inherited = append(c.inherited, e.URL)
	}
	return func() { c.inherited = c.inherited[:n] }
}

func (c *checker) errorf(ptr, code, format string, args ...any) {
	c.out = append(c.out, Finding{Pointer: ptr, Severity: SeverityError, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(ptr, code, format string, args ...any) {
	c.out = append(c.out, Finding{Pointer: ptr, Severity: SeverityWarning, Code: code, Message: fmt.Sprintf(format, args...)})
}

func join(ptr string, tokens ...any) string {
	var b strings.Builder
	b.WriteString(ptr)
	for _, t := range tokens {
		b.WriteByte('/')
		switch t := t.(type) {
		case int:
			b.WriteString(strconv.Itoa(t))
		case string:
			b.WriteString(escapePointer(t))
		}
	}
	return b.String()
}

// CheckDataModel applies the Open Badges 3.0 / CLR 2.0 data-model rules
// that do not need the JSON Schemas: required properties, type values,
// @context order, dates, vocabularies, and references inside the
// credential (a result's resultDescription, a level's id). It is what the
// builders run, and the first half of Validator.Validate.
func CheckDataModel(cred Credential) Findings {
	var c checker
	switch cr := cred.(type) {
	case *AchievementCredential:
		c.achievementCredential("", cr)
	case *EndorsementCredential:
		c.endorsementCredential("", cr)
	case *ClrCredential:
		c.clrCredential("", cr)
	default:
		c.errorf("", "type.unknown-credential", "%T is not a credential this package models", cred)
	}
	return c.out
}

// vc checks the common credential properties. Call the returned function
// when done with the credential's embedded parts (see enter).
func (c *checker) vc(ptr string, vc *VerifiableCredential, kind Kind) (leave func()) {
	c.context(ptr, vc, kind)
	if needsExtensionsContext(vc) && !hasContext(vc, ContextExtensions) && !slices.Contains(c.inherited, ContextExtensions) {
		c.errorf(join(ptr, "@context"), "context.extensions-missing",
			"1EdTech status, refresh or schema types are used but %s is not in @context: they are undefined JSON-LD terms without it", ContextExtensions)
	}
	leave = c.enter(vc)
	switch {
	case len(vc.Type) == 0:
		c.errorf(join(ptr, "type"), "type.missing", "type is required")
	case !vc.HasType(TypeVerifiableCredential):
		c.errorf(join(ptr, "type"), "type.missing-vc", "type must include %q", TypeVerifiableCredential)
	}
	if KindOf(vc.Type) != kind {
		want := map[Kind]string{
			KindAchievement: TypeAchievementCredential + `" or "` + TypeOpenBadgeCredential,
			KindEndorsement: TypeEndorsementCredential,
			KindCLR:         TypeClrCredential,
		}[kind]
		c.errorf(join(ptr, "type"), "type.missing-class", `type must include "%s"`, want)
	}
	if vc.ID == "" {
		c.errorf(join(ptr, "id"), "id.missing", "id is required (a URI, e.g. urn:uuid:...)")
	} else {
		c.uri(join(ptr, "id"), vc.ID)
	}
	if vc.Issuer == nil || vc.Issuer.ID == "" {
		c.errorf(join(ptr, "issuer"), "issuer.missing", "issuer is required: a URI or a Profile with an id")
	} else {
		c.profile(join(ptr, "issuer"), vc.Issuer, "issuer")
	}
	c.dates(ptr, vc)
	if s := vc.CredentialStatus; s != nil {
		if s.Type == "" {
			c.errorf(join(ptr, "credentialStatus", "type"), "status.type", "credentialStatus needs a type")
		}
		if s.ID != "" {
			c.uri(join(ptr, "credentialStatus", "id"), s.ID)
		}
	}
	if r := vc.RefreshService; r != nil {
		if r.Type == "" || r.ID == "" {
			c.errorf(join(ptr, "refreshService"), "refresh.incomplete", "refreshService needs an id and a type")
		}
	}
	for i, s := range vc.CredentialSchema {
		if s.Type == "" || s.ID == "" {
			c.errorf(join(ptr, "credentialSchema", i), "schema-ref.incomplete", "credentialSchema needs an id and a type")
		}
	}
	for i, t := range vc.TermsOfUse {
		if t.Type == "" {
			c.errorf(join(ptr, "termsOfUse", i, "type"), "terms.type", "termsOfUse needs a type")
		}
	}
	for i, p := range vc.Proof {
		if p.Type == "" {
			c.errorf(join(ptr, "proof", i, "type"), "proof.type", "a proof needs a type")
		}
		if p.Created != "" {
			c.date(join(ptr, "proof", i, "created"), p.Created)
		}
	}
	return leave
}

func (c *checker) context(ptr string, vc *VerifiableCredential, kind Kind) {
	p := join(ptr, "@context")
	if len(vc.Context) == 0 {
		c.errorf(p, "context.missing", "@context is required")
		return
	}
	switch vc.Context[0].URL {
	case ContextVCv2:
	case ContextVCv1:
		c.warnf(join(p, 0), "vc1.context", "VC Data Model 1.1 context: accepted for legacy credentials; issue new ones with %s", ContextVCv2)
	default:
		c.errorf(join(p, 0), "context.first", "the first @context item must be %s", ContextVCv2)
	}
	want := []*regexp.Regexp{obContextPattern}
	names := []string{"the Open Badges 3.0 context"}
	if kind == KindCLR {
		want = []*regexp.Regexp{clrContextPattern, obContextPattern}
		names = []string{"the CLR 2.0 context", "the Open Badges 3.0 context"}
	}
	for i, re := range want {
		idx := i + 1
		if idx >= len(vc.Context) || !re.MatchString(vc.Context[idx].URL) {
			found := slices.ContainsFunc(vc.Context, func(e ContextEntry) bool { return re.MatchString(e.URL) })
			if found {
				c.errorf(join(p, idx), "context.order", "%s must be @context item %d", names[i], idx)
			} else {
				c.errorf(join(p, idx), "context.missing-ob", "@context item %d must be %s", idx, names[i])
			}
			continue
		}
		u := vc.Context[idx].URL
		if (re == obContextPattern && u != ContextOB) || (re == clrContextPattern && u != ContextCLR) {
			latest := ContextOB
			if re == clrContextPattern {
				latest = ContextCLR
			}
			c.warnf(join(p, idx), "context.outdated", "%s is an older version of the context; the current one is %s", u, latest)
		}
	}
}

func hasContext(vc *VerifiableCredential, u string) bool {
	return slices.ContainsFunc(vc.Context, func(e ContextEntry) bool { return e.URL == u })
}

func needsExtensionsContext(vc *VerifiableCredential) bool {
	if s := vc.CredentialStatus; s != nil && s.Type == TypeRevocationList {
		return true
	}
	if r := vc.RefreshService; r != nil && r.Type == TypeCredentialRefresh {
		return true
	}
	return slices.ContainsFunc(vc.CredentialSchema, func(s CredentialSchema) bool { return s.Type == TypeJSONSchemaValidator2019 })
}

func (c *checker) dates(ptr string, vc *VerifiableCredential) {
	if vc.IssuanceDate != "" {
		c.warnf(join(ptr, "issuanceDate"), "vc1.issuanceDate", "issuanceDate is the VC 1.1 form; VC 2.0 credentials use validFrom")
		c.date(join(ptr, "issuanceDate"), vc.IssuanceDate)
	}
	if vc.ExpirationDate != "" {
		c.warnf(join(ptr, "expirationDate"), "vc1.expirationDate", "expirationDate is the VC 1.1 form; VC 2.0 credentials use validUntil")
		c.date(join(ptr, "expirationDate"), vc.ExpirationDate)
	}
	switch {
	case vc.ValidFrom != "":
		c.date(join(ptr, "validFrom"), vc.ValidFrom)
	case vc.IssuanceDate == "":
		c.errorf(join(ptr, "validFrom"), "validFrom.missing", "validFrom is required")
	}
	if vc.ValidUntil != "" {
		c.date(join(ptr, "validUntil"), vc.ValidUntil)
		from, err1 := vc.ValidFrom.Time()
		until, err2 := vc.ValidUntil.Time()
		if err1 == nil && err2 == nil && until.Before(from) {
			c.errorf(join(ptr, "validUntil"), "validUntil.before-validFrom", "validUntil (%s) is before validFrom (%s)", vc.ValidUntil, vc.ValidFrom)
		}
	}
	if vc.AwardedDate != "" {
		c.date(join(ptr, "awardedDate"), vc.AwardedDate)
	}
}

func (c *checker) date(ptr string, d DateTime) {
	if _, err := d.Time(); err != nil {
		c.errorf(ptr, "date.format", "%q is not an RFC 3339 date-time with a time zone, e.g. 2024-01-31T12:00:00Z", string(d))
	}
}

// uri checks the minimum every URI in the model needs: a scheme.
func (c *checker) uri(ptr, s string) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		c.errorf(ptr, "uri.invalid", "%q is not an absolute URI", s)
	}
}

// present reports whether a required string property is there, as a
// string or as a language map kept in extra.
func present(v string, extra Extra, prop string) bool {
	if v != "" {
		return true
	}
	_, ok := extra.LanguageMap(prop)
	return ok
}

func (c *checker) types(ptr string, got []string, want, code string) {
	if !slices.Contains(got, want) {
		c.errorf(join(ptr, "type"), code, "type must include %q (has %q)", want, got)
	}
}

func (c *checker) single(ptr, got, want, code string) {
	if got != want {
		c.errorf(join(ptr, "type"), code, "type must be %q (is %q)", want, got)
	}
}

func (c *checker) achievementCredential(ptr string, cr *AchievementCredential) {
	defer c.vc(ptr, &cr.VerifiableCredential, KindAchievement)()
	if cr.Image != nil {
		c.image(join(ptr, "image"), cr.Image)
	}
	s := cr.CredentialSubject
	sp := join(ptr, "credentialSubject")
	if s == nil {
		c.errorf(sp, "subject.missing", "credentialSubject is required")
	} else {
		c.types(sp, s.Type, TypeAchievementSubject, "subject.type")
		c.recipient(sp, s.ID, s.Identifier)
		if s.Achievement == nil {
			c.errorf(join(sp, "achievement"), "achievement.missing", "credentialSubject.achievement is required")
		} else {
			c.achievement(join(sp, "achievement"), s.Achievement)
		}
		for _, d := range []struct {
			name string
			v    DateTime
		}{{"activityStartDate", s.ActivityStartDate}, {"activityEndDate", s.ActivityEndDate}} {
			if d.v != "" {
				c.date(join(sp, d.name), d.v)
			}
		}
		if s.Image != nil {
			c.image(join(sp, "image"), s.Image)
		}
		if s.Source != nil {
			c.profile(join(sp, "source"), s.Source, "source")
		}
		for i := range s.Result {
			c.result(join(sp, "result", i), &s.Result[i], s.Achievement)
		}
	}
	c.endorsements(join(ptr, "endorsement"), cr.Endorsement, cr.EndorsementJwt, join(ptr, "endorsementJwt"))
	for i := range cr.Evidence {
		c.types(join(ptr, "evidence", i), cr.Evidence[i].Type, "Evidence", "evidence.type")
	}
}

func (c *checker) recipient(ptr, id string, ids []IdentityObject) {
	if id == "" && len(ids) == 0 {
		c.errorf(ptr, "subject.no-recipient", "either id or at least one identifier is required")
	}
	if id != "" {
		c.uri(join(ptr, "id"), id)
	}
	for i := range ids {
		c.identity(join(ptr, "identifier", i), &ids[i])
	}
}

func (c *checker) identity(ptr string, o *IdentityObject) {
	c.single(ptr, o.Type, TypeIdentityObject, "identifier.type")
	if !o.IdentityType.Valid() {
		c.errorf(join(ptr, "identityType"), "identifier.identityType", "%q is not an IdentifierTypeEnum term or ext: extension", o.IdentityType)
	}
	switch {
	case o.IdentityHash == "":
		c.errorf(join(ptr, "identityHash"), "identifier.identityHash", "identityHash is required")
	case o.Hashed && !validIdentityHash(o.IdentityHash):
		c.errorf(join(ptr, "identityHash"), "identifier.identityHash", `a hashed identityHash must be "sha256$" + 64 hex digits or "md5$" + 32`)
	}
	if len(o.Extra) > 0 {
		c.errorf(ptr, "identifier.extra", "IdentityObject allows no other properties")
	}
}

func (c *checker) achievement(ptr string, a *Achievement) {
	c.types(ptr, a.Type, TypeAchievement, "achievement.type")
	if a.ID == "" {
		c.errorf(join(ptr, "id"), "achievement.id", "achievement.id is required")
	} else {
		c.uri(join(ptr, "id"), a.ID)
	}
	if !present(a.Name, a.Extra, "name") {
		c.errorf(join(ptr, "name"), "achievement.name", "achievement.name is required")
	}
	if !present(a.Description, a.Extra, "description") {
		c.errorf(join(ptr, "description"), "achievement.description", "achievement.description is required")
	}
	if a.Criteria == nil {
		c.errorf(join(ptr, "criteria"), "achievement.criteria", "achievement.criteria is required")
	} else if a.Criteria.ID == "" && a.Criteria.Narrative == "" {
		c.warnf(join(ptr, "criteria"), "achievement.criteria-empty", "criteria should have an id (a page) or a narrative")
	}
	if a.AchievementType != "" && !a.AchievementType.Valid() {
		c.errorf(join(ptr, "achievementType"), "achievement.achievementType", "%q is not an AchievementType term or ext: extension", a.AchievementType)
	}
	if a.Image != nil {
		c.image(join(ptr, "image"), a.Image)
	}
	if a.Creator != nil {
		c.profile(join(ptr, "creator"), a.Creator, "creator")
	}
	for i := range a.Alignment {
		c.alignment(join(ptr, "alignment", i), &a.Alignment[i])
	}
	for i := range a.OtherIdentifier {
		c.identifierEntry(join(ptr, "otherIdentifier", i), &a.OtherIdentifier[i])
	}
	for i, r := range a.Related {
		c.types(join(ptr, "related", i), r.Type, "Related", "related.type")
		if r.ID == "" {
			c.errorf(join(ptr, "related", i, "id"), "related.id", "related.id is required")
		}
	}
	for i := range a.ResultDescription {
		c.resultDescription(join(ptr, "resultDescription", i), &a.ResultDescription[i])
	}
	c.endorsements(join(ptr, "endorsement"), a.Endorsement, a.EndorsementJwt, join(ptr, "endorsementJwt"))
}

func (c *checker) alignment(ptr string, a *Alignment) {
	c.types(ptr, a.Type, "Alignment", "alignment.type")
	if !present(a.TargetName, a.Extra, "targetName") {
		c.errorf(join(ptr, "targetName"), "alignment.targetName", "targetName is required")
	}
	if a.TargetURL == "" {
		c.errorf(join(ptr, "targetUrl"), "alignment.targetUrl", "targetUrl is required")
	}
	if a.TargetType != "" && !a.TargetType.Valid() {
		c.errorf(join(ptr, "targetType"), "alignment.targetType", "%q is not an AlignmentTargetType term or ext: extension", a.TargetType)
	}
}

func (c *checker) resultDescription(ptr string, rd *ResultDescription) {
	c.types(ptr, rd.Type, "ResultDescription", "resultDescription.type")
	if rd.ID == "" {
		c.errorf(join(ptr, "id"), "resultDescription.id", "resultDescription.id is required")
	}
	if !present(rd.Name, rd.Extra, "name") {
		c.errorf(join(ptr, "name"), "resultDescription.name", "resultDescription.name is required")
	}
	switch {
	case rd.ResultType == "":
		c.errorf(join(ptr, "resultType"), "resultDescription.resultType", "resultType is required")
	case !rd.ResultType.Valid():
		c.errorf(join(ptr, "resultType"), "resultDescription.resultType", "%q is not a ResultType term or ext: extension", rd.ResultType)
	}
	for i := range rd.Alignment {
		c.alignment(join(ptr, "alignment", i), &rd.Alignment[i])
	}
	for i, l := range rd.RubricCriterionLevel {
		lp := join(ptr, "rubricCriterionLevel", i)
		c.types(lp, l.Type, "RubricCriterionLevel", "rubricLevel.type")
		if l.ID == "" {
			c.errorf(join(lp, "id"), "rubricLevel.id", "rubricCriterionLevel.id is required")
		}
		if !present(l.Name, l.Extra, "name") {
			c.errorf(join(lp, "name"), "rubricLevel.name", "rubricCriterionLevel.name is required")
		}
		for j := range l.Alignment {
			c.alignment(join(lp, "alignment", j), &l.Alignment[j])
		}
	}
	if rd.RequiredLevel != "" && !slices.ContainsFunc(rd.RubricCriterionLevel, func(l RubricCriterionLevel) bool { return l.ID == rd.RequiredLevel }) {
		c.errorf(join(ptr, "requiredLevel"), "resultDescription.requiredLevel", "requiredLevel %q is not the id of one of its rubricCriterionLevel", rd.RequiredLevel)
	}
	if rd.RequiredValue != "" && len(rd.AllowedValue) > 0 && !slices.Contains(rd.AllowedValue, rd.RequiredValue) {
		c.errorf(join(ptr, "requiredValue"), "resultDescription.requiredValue", "requiredValue %q is not one of allowedValue", rd.RequiredValue)
	}
}

func (c *checker) result(ptr string, r *Result, a *Achievement) {
	c.types(ptr, r.Type, "Result", "result.type")
	if r.Status != "" && !r.Status.Valid() {
		c.errorf(join(ptr, "status"), "result.status", "%q is not a ResultStatusType", r.Status)
	}
	for i := range r.Alignment {
		c.alignment(join(ptr, "alignment", i), &r.Alignment[i])
	}
	if r.ResultDescription == "" || a == nil {
		return
	}
	i := slices.IndexFunc(a.ResultDescription, func(d ResultDescription) bool { return d.ID == r.ResultDescription })
	if i < 0 {
		c.warnf(join(ptr, "resultDescription"), "result.unknown-description", "resultDescription %q is not the id of a resultDescription of the achievement", r.ResultDescription)
		return
	}
	rd := &a.ResultDescription[i]
	if rd.ResultType == ResultTypeStatus && r.Status == "" {
		c.errorf(join(ptr, "status"), "result.status-missing", "status is required: the resultDescription's resultType is Status")
	}
	if r.AchievedLevel != "" && !slices.ContainsFunc(rd.RubricCriterionLevel, func(l RubricCriterionLevel) bool { return l.ID == r.AchievedLevel }) {
		// A warning: the link is informative, and the specification's own
		// complete example points at a level of another resultDescription.
		c.warnf(join(ptr, "achievedLevel"), "result.achievedLevel", "achievedLevel %q is not a rubricCriterionLevel of resultDescription %q", r.AchievedLevel, rd.ID)
	}
}

func (c *checker) image(ptr string, im *Image) {
	if im.form.ref {
		c.errorf(ptr, "image.not-object", "an image must be an object {id, type: \"Image\"}, not a bare URL, in Open Badges 3.0")
		return
	}
	c.single(ptr, im.Type, "Image", "image.type")
	if im.ID == "" {
		c.errorf(join(ptr, "id"), "image.id", "image.id (a URL or data: URI) is required")
	}
	if len(im.Extra) > 0 {
		c.errorf(ptr, "image.extra", "Image allows no other properties")
	}
}

// profile checks an issuer, creator, source or parentOrg. A bare URI is
// allowed only for issuer (ProfileRef).
func (c *checker) profile(ptr string, p *Profile, role string) {
	if p.ID == "" {
		c.errorf(join(ptr, "id"), "profile.id", "%s.id is required", role)
	} else {
		c.uri(join(ptr, "id"), p.ID)
	}
	if p.form.ref {
		if role != "issuer" {
			c.errorf(ptr, "profile.not-object", "%s must be a Profile object, not a bare URI", role)
		}
		return
	}
	c.types(ptr, p.Type, TypeProfile, "profile.type")
	if p.Image != nil {
		c.image(join(ptr, "image"), p.Image)
	}
	for i := range p.OtherIdentifier {
		c.identifierEntry(join(ptr, "otherIdentifier", i), &p.OtherIdentifier[i])
	}
	if p.ParentOrg != nil {
		c.profile(join(ptr, "parentOrg"), p.ParentOrg, "parentOrg")
	}
	if p.Address != nil {
		c.types(join(ptr, "address"), p.Address.Type, "Address", "address.type")
		if g := p.Address.Geo; g != nil {
			c.single(join(ptr, "address", "geo"), g.Type, "GeoCoordinates", "geo.type")
		}
	}
	c.endorsements(join(ptr, "endorsement"), p.Endorsement, p.EndorsementJwt, join(ptr, "endorsementJwt"))
}

func (c *checker) identifierEntry(ptr string, e *IdentifierEntry) {
	c.single(ptr, e.Type, "IdentifierEntry", "identifierEntry.type")
	if e.Identifier == "" {
		c.errorf(join(ptr, "identifier"), "identifierEntry.identifier", "identifier is required")
	}
	if !e.IdentifierType.Valid() {
		c.errorf(join(ptr, "identifierType"), "identifierEntry.identifierType", "%q is not an IdentifierTypeEnum term or ext: extension", e.IdentifierType)
	}
	if len(e.Extra) > 0 {
		c.errorf(ptr, "identifierEntry.extra", "IdentifierEntry allows no other properties")
	}
}

func (c *checker) endorsements(ptr string, es []EndorsementCredential, jwts []string, jwtPtr string) {
	for i := range es {
		c.endorsementCredential(join(ptr, i), &es[i])
	}
	for i, j := range jwts {
		if !compactJWSPattern.MatchString(j) {
			c.errorf(join(jwtPtr, i), "endorsementJwt.format", "not a compact JWS")
		}
	}
}

func (c *checker) endorsementCredential(ptr string, e *EndorsementCredential) {
	defer c.vc(ptr, &e.VerifiableCredential, KindEndorsement)()
	if !present(e.Name, e.Extra, "name") {
		c.errorf(join(ptr, "name"), "name.missing", "an EndorsementCredential needs a name")
	}
	sp := join(ptr, "credentialSubject")
	if e.CredentialSubject == nil {
		c.errorf(sp, "subject.missing", "credentialSubject is required")
		return
	}
	c.types(sp, e.CredentialSubject.Type, TypeEndorsementSubject, "subject.type")
	if e.CredentialSubject.ID == "" {
		c.errorf(join(sp, "id"), "subject.id", "the endorsed id (credentialSubject.id) is required")
	}
}

func (c *checker) clrCredential(ptr string, cr *ClrCredential) {
	defer c.vc(ptr, &cr.VerifiableCredential, KindCLR)()
	if !present(cr.Name, cr.Extra, "name") {
		c.errorf(join(ptr, "name"), "name.missing", "a ClrCredential needs a name")
	}
	if cr.Image != nil {
		c.image(join(ptr, "image"), cr.Image)
	}
	c.endorsements(join(ptr, "endorsement"), cr.Endorsement, cr.EndorsementJwt, join(ptr, "endorsementJwt"))
	sp := join(ptr, "credentialSubject")
	s := cr.CredentialSubject
	if s == nil {
		c.errorf(sp, "subject.missing", "credentialSubject is required")
		return
	}
	c.types(sp, s.Type, TypeClrSubject, "subject.type")
	c.recipient(sp, s.ID, s.Identifier)
	known := map[string]bool{}
	for i := range s.Achievement {
		c.achievement(join(sp, "achievement", i), &s.Achievement[i])
		known[s.Achievement[i].ID] = true
	}
	if len(s.VerifiableCredential) == 0 {
		c.errorf(join(sp, "verifiableCredential"), "clr.no-credentials", "a CLR bundles at least one credential")
	}
	for i, raw := range s.VerifiableCredential {
		if len(raw) > 0 && raw[0] == '"' {
			c.warnf(join(sp, "verifiableCredential", i), "clr.jws-credential", "a compact JWS here is the pre-final CLR shape; CLR 2.0 embeds credential objects")
			continue
		}
		// The bundled credentials' achievements are association targets too.
		var peek struct {
			CredentialSubject struct {
				Achievement struct {
					ID string `json:"id"`
				} `json:"achievement"`
			} `json:"credentialSubject"`
		}
		if err := unmarshalValue(raw, &peek); err == nil && peek.CredentialSubject.Achievement.ID != "" {
			known[peek.CredentialSubject.Achievement.ID] = true
		}
	}
	for i, a := range s.Association {
		ap := join(sp, "association", i)
		c.single(ap, a.Type, "Association", "association.type")
		if !a.AssociationType.Valid() {
			c.errorf(join(ap, "associationType"), "association.associationType", "%q is not one of the eight AssociationType terms", a.AssociationType)
		}
		for _, end := range []struct{ name, id string }{{"sourceId", a.SourceID}, {"targetId", a.TargetID}} {
			switch {
			case end.id == "":
				c.errorf(join(ap, end.name), "association.end", "%s is required", end.name)
			case !known[end.id]:
				c.warnf(join(ap, end.name), "association.unknown-achievement", "%s %q is not the id of an achievement in this CLR", end.name, end.id)
			}
		}
		if len(a.Extra) > 0 {
			c.errorf(ap, "association.extra", "Association allows no other properties")
		}
	}
}
