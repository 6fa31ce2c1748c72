package pathway

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
)

// AwardOptions says to whom and how an award is made.
type AwardOptions struct {
	// Recipient is the learner's id (a DID or URI); it becomes the
	// credentialSubject id and part of the award id. An e-mail address
	// (or mailto: URI) is refused with ErrRecipient: it would be
	// published; pass it hashed in RecipientIdentifiers.
	Recipient string
	// RecipientIdentifiers identify the learner the way the issuers of
	// their credentials did (credentialSubject.identifier): a platform that
	// issues to hashed e-mail awards the stacked credential to the same
	// hashed e-mail — copy Earned.Recipient.Identifiers of a credential
	// used. An emailAddress identifier must be hashed. Recipient,
	// RecipientIdentifiers or both are required; without Recipient the
	// identifiers make the award id.
	RecipientIdentifiers []badge.IdentityObject
	// Issuer is the issuing profile. When nil, a profile with the
	// achievement's IssuerID is used; one of the two is required.
	Issuer *badge.Profile
	// IssuedAt becomes validFrom. Zero means the progress's AsOf, so the
	// same evaluation always yields the same credential.
	IssuedAt time.Time
	// ExpireWithParts sets validUntil to the earliest validUntil of the
	// credentials used, for hosts whose policy is that a stacked credential
	// lapses with its parts. Hosts with the other policy re-evaluate when a
	// part lapses and revoke the award if Progress.Complete turns false.
	ExpireWithParts bool
	// Credentials, when set, are the original credentials by id; every
	// credential used must be present, and a CLR 2.0 credential bundling
	// them verbatim (signatures intact) is built alongside the award.
	// Credential ids are unique per issuer only: when two credentials used
	// share an id, key each by CredentialKey(issuer, id). A credential
	// found under its bare id must have the issuer the assignment names.
	Credentials map[string]badge.Credential
}

// An Award is what AwardDestination and AwardMilestone return: an unsigned Open Badges
// 3.0 credential for the completed achievement, and optionally a CLR 2.0
// credential bundling the credentials that earned it. Sign them with package
// credential.
type Award struct {
	// ID is the award's deterministic id, see AwardID.
	ID string `json:"id"`
	// Credential is the unsigned Open Badges 3.0 credential to sign and
	// issue.
	Credential *badge.AchievementCredential `json:"credential"`
	// CLR is the unsigned CLR 2.0 bundle of the credentials that earned
	// it, built when AwardOptions.Credentials holds them; nil otherwise.
	CLR *badge.ClrCredential `json:"clr,omitempty"`
}

// namespaceURL is the RFC 9562 NameSpace_URL,
// 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
func namespaceURL() [16]byte {
	return [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
}

// awardNamespace is the UUID namespace of award ids: the version 5 UUID of
// the URL "https://github.com/microcred/microcred/pathway#award".
func awardNamespace() [16]byte {
	return uuid5(namespaceURL(), "https://github.com/microcred/microcred/pathway#award")
}

// AwardID derives the id of an award: a name-based (version 5) urn:uuid of
// the pathway id, version, recipient and awarded achievement id, so the same
// completion always gets the same id and a host can make awarding idempotent
// by storing it. The parts are length-prefixed, so no two inputs collide by
// concatenation.
func AwardID(pathwayID, version, recipient, achievementID string) string {
	var name strings.Builder
	for _, s := range []string{pathwayID, version, recipient, achievementID} {
		fmt.Fprintf(&name, "%d:%s;", len(s), s)
	}
	return uuidURN(uuid5(awardNamespace(), name.String()))
}

func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func uuidURN(u [16]byte) string {
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// AwardDestination builds the award for the destination of a completed
// evaluation. It returns ErrIncomplete unless p.Complete, ErrVacuous when
// the completion used no credential, and ErrInput when p was not computed
// for def. The award id is AwardID of the destination, so calling it again
// for the same learner yields the same id.
func AwardDestination(def *Definition, p *Progress, opts AwardOptions) (*Award, error) {
	if err := checkAward(def, p, opts); err != nil {
		return nil, err
	}
	if !p.Complete {
		return nil, &IncompleteError{Achievement: def.Destination.ID, Name: first(def.Destination.Name, def.Name), Percent: p.Percent, Missing: p.Missing}
	}
	crit := def.Destination.Criteria
	if crit == "" {
		crit = "Complete the pathway " + first(def.Name, def.ID) + " (version " + def.Version + "): " + describe(def, def.Requirement) + "."
	}
	return buildAward(def, p, def.Destination, crit, p.Assignments, p.Explain(), opts, true)
}

// AwardMilestone builds the award for a completed milestone of p.
func AwardMilestone(def *Definition, p *Progress, milestoneID string, opts AwardOptions) (*Award, error) {
	if err := checkAward(def, p, opts); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(p.Milestones, func(m MilestoneProgress) bool { return m.ID == milestoneID })
	if i < 0 {
		return nil, fmt.Errorf("%w: no milestone %q", ErrInput, milestoneID)
	}
	m := p.Milestones[i]
	if !m.Complete {
		return nil, &IncompleteError{Achievement: m.Achievement.ID, Name: first(m.Name, m.ID), Percent: m.Percent, Milestone: m.ID, Missing: missing(m.Root)}
	}
	crit := m.Achievement.Criteria
	if crit == "" {
		dm := def.Milestones[slices.IndexFunc(def.Milestones, func(x Milestone) bool { return x.ID == m.ID })]
		root := dm.Requirement
		if root == nil {
			root = def.Requirement.find(dm.Node)
		}
		crit = "Complete the milestone " + first(m.Name, m.ID) + " of the pathway " + first(def.Name, def.ID) +
			" (version " + def.Version + "): " + describe(def, root) + "."
	}
	var b strings.Builder
	writeTree(&b, m.Root, 0)
	return buildAward(def, p, m.Achievement, crit, m.Assignments, b.String(), opts, false)
}

func checkAward(def *Definition, p *Progress, opts AwardOptions) error {
	switch {
	case def == nil || p == nil:
		return fmt.Errorf("%w: nil definition or progress", ErrInput)
	case p.PathwayID != def.ID || p.Version != def.Version:
		return fmt.Errorf("%w: progress is for %s version %s, not %s version %s", ErrInput, p.PathwayID, p.Version, def.ID, def.Version)
	}
	if err := checkAwardRecipient(opts); err != nil {
		return err
	}
	return Validate(def)
}

func buildAward(def *Definition, p *Progress, ref AchievementRef, criteria string, used []Assignment, explanation string, opts AwardOptions, destination bool) (*Award, error) {
	if len(used) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrVacuous, ref.ID)
	}
	issuer := opts.Issuer
	if issuer != nil && len(issuer.Type) == 0 {
		// A host's profile may leave type to the builder; the data model needs it.
		withType := *issuer
		withType.Type = []string{badge.TypeProfile}
		issuer = &withType
	}
	if issuer == nil {
		if ref.IssuerID == "" {
			return nil, fmt.Errorf("%w: no issuer: set AwardOptions.Issuer or the achievement's issuer", ErrInput)
		}
		issuer = &badge.Profile{ID: ref.IssuerID, Type: []string{badge.TypeProfile}}
	}
	issued := opts.IssuedAt
	if issued.IsZero() {
		issued = p.AsOf
	}
	id := AwardID(def.ID, def.Version, awardRecipientKey(opts), ref.ID)
	ach := achievementFor(def, ref, criteria)

	// The award was earned when its last part was.
	var earned, until time.Time
	for _, a := range used {
		if a.EarnedAt.After(earned) {
			earned = a.EarnedAt
		}
		if !a.ValidUntil.IsZero() && (until.IsZero() || a.ValidUntil.Before(until)) {
			until = a.ValidUntil
		}
	}
	names := map[string]string{}
	for _, c := range def.Components {
		names[c.ID] = first(c.Name, c.ID)
	}
	// The builder writes @context, type and the data-model defaults, so an
	// award is shaped like every other credential the SDK issues.
	bopts := &badge.Options{ID: id, Name: ach.Name, ValidFrom: issued, AwardedDate: earned}
	if opts.ExpireWithParts && !until.IsZero() {
		bopts.ValidUntil = until
	}
	cred, err := badge.NewAchievementCredential(*issuer, badge.AchievementSubject{ID: opts.Recipient, Identifier: awardIdentifiers(opts),
		Type: []string{badge.TypeAchievementSubject}, Achievement: ach,
		Narrative: "Evaluated on " + day(p.AsOf) + ":\n\n" + explanation}, bopts)
	if err != nil {
		return nil, fmt.Errorf("%w: the award would not be a valid credential: %w", ErrInput, err)
	}
	// The achievement describes itself; the award adds no description of its own.
	cred.Description = ""
	for _, a := range used {
		name := a.Credential
		if slices.ContainsFunc(used, func(b Assignment) bool { return b.Credential == a.Credential && b.Issuer != a.Issuer }) {
			name = credLabel(a.Credential, a.Issuer)
		}
		narrative := fmt.Sprintf("Credential %s (achievement %s) fills the component %s of %s version %s.",
			name, a.Achievement, names[a.Component], def.ID, def.Version)
		for _, st := range a.Via {
			narrative += fmt.Sprintf(" It counts as %s through %s.", st.To, strings.TrimSpace(st.Kind+" "+st.Source))
		}
		cred.Evidence = append(cred.Evidence, badge.Evidence{ID: a.Credential, Type: []string{"Evidence"},
			Name: names[a.Component], Genre: "Credential", Narrative: narrative})
	}
	award := &Award{ID: id, Credential: cred}
	if opts.Credentials != nil {
		clr, err := buildCLR(def, p, ref, ach, used, cred, opts, destination)
		if err != nil {
			return nil, err
		}
		award.CLR = clr
	}
	return award, nil
}

func achievementFor(def *Definition, ref AchievementRef, criteria string) *badge.Achievement {
	desc := ref.Description
	if desc == "" {
		desc = "Awarded for completing " + first(ref.Name, ref.ID) + " on the pathway " + first(def.Name, def.ID) + "."
	}
	return &badge.Achievement{ID: ref.ID, Type: []string{badge.TypeAchievement},
		AchievementType: badge.AchievementType(ref.AchievementType), Name: first(ref.Name, ref.ID),
		Description: desc, Criteria: &badge.Criteria{Narrative: criteria}}
}

// buildCLR bundles the used credentials, verbatim, with the awarded
// achievement and the associations between them: every part isPartOf the
// award, completed milestones are isChildOf the destination (and their parts
// isPartOf them), prerequisites precede what needs them, and equivalences
// used are exactMatchOf (kind exactMatchOf) or isRelatedTo (other
// substitutions, which CLR has no closer word for).
func buildCLR(def *Definition, p *Progress, ref AchievementRef, ach *badge.Achievement, used []Assignment, award *badge.AchievementCredential, opts AwardOptions, destination bool) (*badge.ClrCredential, error) {
	subj := &badge.ClrSubject{ID: opts.Recipient, Identifier: awardIdentifiers(opts),
		Type: []string{badge.TypeClrSubject}, Achievement: []badge.Achievement{*ach}}
	seenAch := map[string]bool{ach.ID: true}
	byComp := map[string]Assignment{}
	var assoc []badge.Association
	addAssoc := func(t badge.AssociationType, src, dst string) {
		a := badge.Association{Type: "Association", AssociationType: t, SourceID: src, TargetID: dst}
		if !slices.ContainsFunc(assoc, func(x badge.Association) bool {
			return x.AssociationType == t && x.SourceID == src && x.TargetID == dst
		}) {
			assoc = append(assoc, a)
		}
	}
	for _, a := range used {
		byComp[a.Component] = a
		c, ok := opts.Credentials[CredentialKey(a.Issuer, a.Credential)]
		if !ok {
			c, ok = opts.Credentials[a.Credential]
		}
		if !ok || c == nil {
			return nil, fmt.Errorf("%w: AwardOptions.Credentials lacks credential %s used for %s", ErrInput, a.Credential, a.Component)
		}
		if got := c.Base().IssuerID(); a.Issuer != "" && normID(got) != normID(a.Issuer) {
			return nil, fmt.Errorf("%w: AwardOptions.Credentials holds credential %s of issuer %s, but %s uses the one of issuer %s; key them by CredentialKey",
				ErrInput, a.Credential, got, a.Component, a.Issuer)
		}
		raw := c.Raw()
		if raw == nil {
			var err error
			if raw, err = json.Marshal(c); err != nil {
				return nil, fmt.Errorf("%w: credential %s: %v", ErrInput, a.Credential, err)
			}
		}
		if !slices.ContainsFunc(subj.VerifiableCredential, func(r json.RawMessage) bool { return string(r) == string(raw) }) {
			subj.VerifiableCredential = append(subj.VerifiableCredential, json.RawMessage(raw))
		}
		if ac, ok := c.(*badge.AchievementCredential); ok && ac.CredentialSubject != nil && ac.CredentialSubject.Achievement != nil && !seenAch[a.Achievement] {
			seenAch[a.Achievement] = true
			subj.Achievement = append(subj.Achievement, *ac.CredentialSubject.Achievement)
		}
		addAssoc(badge.AssociationIsPartOf, a.Achievement, ach.ID)
		for _, st := range a.Via {
			t := badge.AssociationIsRelatedTo
			if st.Kind == string(badge.AssociationExactMatchOf) {
				t = badge.AssociationExactMatchOf
			}
			addAssoc(t, st.From, st.To)
		}
	}
	// Completed milestones are children of the destination; their parts
	// are parts of them.
	for i, m := range p.Milestones {
		if !destination || !m.Complete {
			continue
		}
		if !seenAch[m.Achievement.ID] {
			seenAch[m.Achievement.ID] = true
			subj.Achievement = append(subj.Achievement, *achievementFor(def, def.Milestones[i].Achievement, "Complete the milestone "+first(m.Name, m.ID)+"."))
		}
		addAssoc(badge.AssociationIsChildOf, m.Achievement.ID, ach.ID)
		for _, a := range m.Assignments {
			if _, counted := byComp[a.Component]; counted {
				addAssoc(badge.AssociationIsPartOf, a.Achievement, m.Achievement.ID)
			}
		}
	}
	for _, c := range def.Components {
		b, ok := byComp[c.ID]
		if !ok {
			continue
		}
		for _, pre := range c.Prerequisites {
			if a, ok := byComp[pre]; ok {
				addAssoc(badge.AssociationPrecedes, a.Achievement, b.Achievement)
			}
		}
	}
	subj.Association = assoc
	// The award's dates were written by the builder from times, so they
	// read back; an absent one reads as the zero time, which the builder omits.
	at := func(d badge.DateTime) time.Time { t, _ := d.Time(); return t }
	copts := &badge.Options{ID: uuidURN(uuid5(awardNamespace(), "clr;"+award.ID)),
		ValidFrom: at(award.ValidFrom), AwardedDate: at(award.AwardedDate), ValidUntil: at(award.ValidUntil)}
	clr, err := badge.NewClrCredential(*award.Issuer, *subj, first(ach.Name, ref.ID)+": learner record", copts)
	if err != nil {
		return nil, fmt.Errorf("%w: the learner record would not be a valid credential: %w", ErrInput, err)
	}
	return clr, nil
}

// describe states a requirement in plain words, without any learner's
// state, for an achievement's criteria.
func describe(def *Definition, n *Node) string {
	name := func(n *Node) string {
		if n.Kind == KindComponent {
			for _, c := range def.Components {
				if c.ID == n.Component {
					return first(c.Name, c.ID)
				}
			}
		}
		return n.Name
	}
	var parts []string
	for _, c := range n.Items {
		d := describe(def, c)
		if c.Kind != KindComponent && c.Name != "" {
			d = c.Name + " (" + d + ")"
		}
		parts = append(parts, d)
	}
	list := strings.Join(parts, "; ")
	var s string
	switch n.Kind {
	case KindComponent:
		return name(n)
	case KindAllOf:
		s = "all of: " + list
	case KindAnyOf:
		s = "one of: " + list
	case KindNOf:
		s = fmt.Sprintf("%d of: %s", n.Min, list)
		if n.Max > 0 {
			s = fmt.Sprintf("%d of (at most %d counted): %s", n.Min, n.Max, list)
		}
	case KindNot:
		s = "not: " + list
	case KindCredits:
		s = fmt.Sprintf("%g %s from: %s", n.Credits.Value, n.Credits.Unit, list)
	case KindPoints:
		s = fmt.Sprintf("%g points from: %s", n.Points, list)
	}
	if n.Within != nil {
		s += ", all within " + n.Within.String() + " of the first"
	}
	if n.Window != nil {
		s += ", all earned within the dates set"
	}
	return s
}

// An IncompleteError is the refusal of an award for a progress that is not
// complete. It wraps ErrIncomplete; the message is short, the details are
// here for the host to show.
type IncompleteError struct {
	// Achievement is the id of the achievement not (yet) earned, Name its
	// name.
	Achievement string
	Name        string
	// Milestone is the milestone's id when the award asked for was one.
	Milestone string
	// Percent is how far the learner is, as Progress.Percent says it.
	Percent float64
	// Missing is what is still needed, as Progress.Missing says it.
	Missing []string
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("%v: %q is %g%% complete", ErrIncomplete, e.Name, e.Percent)
}

func (e *IncompleteError) Unwrap() error { return ErrIncomplete }
