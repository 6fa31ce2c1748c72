package verify

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/badge"
)

// ErrNoRecipient means the report has no credential whose subject could be
// compared (it failed to parse, or it is a presentation).
var ErrNoRecipient = errors.New("verify: no credential subject to compare")

// MatchRecipient is the optional recipient check of the Open Badges
// verification algorithm (step 5): does the credential name the learner
// the host knows? identityType "id" compares value with
// credentialSubject.id; any other type (emailAddress, studentId, ...) is
// compared with each credentialSubject.identifier of that type, hashed or
// not, as badge.IdentityObject.Matches does. Call it only on a report whose
// verdict is acceptable: a forged credential can name anyone.
func (r *Report) MatchRecipient(identityType badge.IdentifierType, value string) (bool, error) {
	var id string
	var ids []badge.IdentityObject
	switch c := r.Parsed.(type) {
	case *badge.AchievementCredential:
		if c.CredentialSubject == nil {
			return false, ErrNoRecipient
		}
		id, ids = c.CredentialSubject.ID, c.CredentialSubject.Identifier
	case *badge.ClrCredential:
		if c.CredentialSubject == nil {
			return false, ErrNoRecipient
		}
		id, ids = c.CredentialSubject.ID, c.CredentialSubject.Identifier
	default:
		return false, ErrNoRecipient
	}
	if identityType == "id" {
		return id != "" && id == value, nil
	}
	var errs []error
	for i := range ids {
		if ids[i].IdentityType != identityType {
			continue
		}
		ok, err := ids[i].Matches(value)
		if ok {
			return true, nil
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("identifier %d: %w", i, err))
		}
	}
	return false, errors.Join(errs...)
}
