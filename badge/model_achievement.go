package badge

// Data-model rules for achievement and endorsement credentials and the
// classes inside them.

import (
	"slices"
)

func (c *checker) achievementCredential(ptr string, cr *AchievementCredential) {
	defer c.leave(c.vc(ptr, &cr.VerifiableCredential, KindAchievement))
	// name is optional on the VC 2.0 AchievementCredential but required on
	// the VC 1.1 shape, AchievementCredentialv1p1 (Open Badges 3.0 data
	// model). The schemas see only the 2.0 reading, so the rule is here.
	if len(cr.Context) > 0 && cr.Context[0].URL == ContextVCv1 && !present(cr.Name, cr.Extra, "name") {
		c.errorf(join(ptr, "name"), "vc1.name", "a VC 1.1 AchievementCredential needs a name (AchievementCredentialv1p1)")
	}
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
	defer c.leave(c.vc(ptr, &e.VerifiableCredential, KindEndorsement))
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
