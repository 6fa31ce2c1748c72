package pathway

import (
	"fmt"
	"time"

	"github.com/microcred/microcred/badge"
)

// FromCredential fills an Earned from a parsed Open Badges 3.0
// AchievementCredential. It reads; it does not verify. Call it only on a
// credential whose proof, issuer and status the host has checked (package
// verify), and set Status from the status check: a credential carries no
// reliable statement of its own revocation.
//
// EarnedAt is awardedDate, else validFrom (issuanceDate for VC 1.1);
// Credits is creditsEarned, else the achievement's creditsAvailable;
// Equivalents are the achievement's related ids (other versions or
// languages of the same achievement); each Result's Type is the resultType of
// the ResultDescription it refers to.
func FromCredential(c *badge.AchievementCredential) (Earned, error) {
	if c == nil || c.CredentialSubject == nil || c.CredentialSubject.Achievement == nil {
		return Earned{}, fmt.Errorf("%w: credential has no credentialSubject.achievement", ErrInput)
	}
	s := c.CredentialSubject
	a := s.Achievement
	if c.ID == "" || a.ID == "" {
		return Earned{}, fmt.Errorf("%w: credential and achievement need ids", ErrInput)
	}
	e := Earned{
		ID:              c.ID,
		AchievementID:   a.ID,
		AchievementName: a.Name,
		AchievementType: string(a.AchievementType),
		IssuerID:        c.IssuerID(),
		Recipient:       recipientOf(s.ID, s.Identifier),
	}
	for _, r := range a.Related {
		if r.ID != "" && r.ID != a.ID {
			e.Equivalents = append(e.Equivalents, r.ID)
		}
	}
	for _, al := range a.Alignment {
		e.Alignments = append(e.Alignments, Alignment{TargetURL: al.TargetURL, TargetCode: al.TargetCode,
			TargetFramework: al.TargetFramework, TargetName: al.TargetName,
			TargetType: string(al.TargetType), TargetDescription: al.TargetDescription})
	}
	types := map[string]string{}
	for _, rd := range a.ResultDescription {
		types[rd.ID] = string(rd.ResultType)
	}
	for _, r := range s.Result {
		e.Results = append(e.Results, Result{Description: r.ResultDescription, Type: types[r.ResultDescription], Value: r.Value, Level: r.AchievedLevel, Status: string(r.Status)})
	}
	switch {
	case s.CreditsEarned != nil:
		e.Credits = *s.CreditsEarned
	case a.CreditsAvailable != nil:
		e.Credits = *a.CreditsAvailable
	}
	for _, ev := range c.Evidence {
		e.Evidence = append(e.Evidence, Evidence{ev.ID, ev.Name, ev.Genre})
	}
	var err error
	pick := func(dst *time.Time, what string, ds ...badge.DateTime) {
		for _, d := range ds {
			if d == "" || err != nil {
				continue
			}
			var t time.Time
			if t, err = d.Time(); err != nil {
				err = fmt.Errorf("%w: %s %q: %v", ErrInput, what, d, err)
				return
			}
			*dst = t
			return
		}
	}
	pick(&e.ValidFrom, "validFrom", c.ValidFrom, c.IssuanceDate)
	pick(&e.ValidUntil, "validUntil", c.ValidUntil, c.ExpirationDate)
	pick(&e.EarnedAt, "awardedDate", c.AwardedDate, c.ValidFrom, c.IssuanceDate)
	if err != nil {
		return Earned{}, err
	}
	return e, nil
}

// FromCLR fills an Earned for every AchievementCredential bundled in a CLR
// 2.0 credential (other bundled credentials, such as endorsements, are
// skipped). As with FromCredential, verify the CLR and each bundled
// credential first: every one is signed on its own.
func FromCLR(clr *badge.ClrCredential) ([]Earned, error) {
	if clr == nil || clr.CredentialSubject == nil {
		return nil, fmt.Errorf("%w: CLR has no credentialSubject", ErrInput)
	}
	creds, err := clr.CredentialSubject.Credentials()
	if err != nil {
		return nil, fmt.Errorf("%w: CLR bundled credentials: %v", ErrInput, err)
	}
	var out []Earned
	for _, c := range creds {
		ac, ok := c.(*badge.AchievementCredential)
		if !ok {
			continue
		}
		e, err := FromCredential(ac)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// EquivalencesFromCLR turns the exactMatchOf associations of a CLR into
// Equivalences with provenance, for a host to review and add to its
// definition. source names the CLR (its id is used when empty). Other
// association types do not make one achievement count as another and are
// skipped.
func EquivalencesFromCLR(clr *badge.ClrCredential, source string) []Equivalence {
	if clr == nil || clr.CredentialSubject == nil {
		return nil
	}
	if source == "" {
		source = clr.ID
	}
	var out []Equivalence
	for _, as := range clr.CredentialSubject.Association {
		if as.AssociationType == badge.AssociationExactMatchOf && as.SourceID != "" && as.TargetID != "" {
			out = append(out, Equivalence{From: as.SourceID, To: as.TargetID, Mutual: true,
				Kind: string(badge.AssociationExactMatchOf), Source: "CLR " + source})
		}
	}
	return out
}
