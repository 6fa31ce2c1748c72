package pathway

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/microcred/microcred/badge"
)

// ErrRecipient: the credentials of one evaluation name different
// recipients, or an award would name its recipient in a way that exposes
// them. A pathway stacks what one learner earned; bind credentials to the
// learner first (FromReportFor, or Options.RecipientsBound after your own
// check).
var ErrRecipient = errors.New("pathway: credentials of different recipients")

// Recipient is who a credential was issued to, as its issuer wrote it:
// credentialSubject.id and credentialSubject.identifier (hashed e-mail,
// student id...). Learner is the host's own binding.
type Recipient struct {
	// ID is credentialSubject.id (a DID or URI), if the issuer gave one.
	ID string `json:"id,omitempty"`
	// Identifiers are credentialSubject.identifier entries, kept exactly
	// as issued (a salted sha256 of an e-mail stays hashed).
	Identifiers []badge.IdentityObject `json:"identifier,omitempty"`
	// Learner is set by the host once it has matched the credential to a
	// learner it knows (FromReportFor sets it after
	// verify.Report.MatchRecipient): credentials with the same Learner
	// are one recipient whatever their ids or identifiers say.
	Learner string `json:"learner,omitempty"`
}

// IsZero reports whether the credential names no recipient (records from
// a host's own systems often don't).
func (r Recipient) IsZero() bool { return r.ID == "" && len(r.Identifiers) == 0 && r.Learner == "" }

// key is what makes two recipients the same: the host's binding, else the
// id, else the identifiers as issued. Two hashes of one e-mail address
// with different salts cannot be told to be the same person, so they are
// different recipients until the host binds them.
func (r Recipient) key() string {
	switch {
	case r.Learner != "":
		return "learner " + r.Learner
	case r.ID != "":
		return "id " + strings.TrimSpace(r.ID)
	}
	parts := make([]string, 0, len(r.Identifiers))
	for _, i := range r.Identifiers {
		parts = append(parts, fmt.Sprintf("%s %v %s %s", i.IdentityType, i.Hashed, i.Salt, i.IdentityHash))
	}
	slices.Sort(parts)
	return "identifier " + strings.Join(parts, "; ")
}

func (r Recipient) String() string {
	switch {
	case r.Learner != "":
		return "learner " + r.Learner
	case r.ID != "":
		return r.ID
	case len(r.Identifiers) > 0:
		i := r.Identifiers[0]
		if i.Hashed {
			return fmt.Sprintf("%s %s", i.IdentityType, i.IdentityHash)
		}
		return fmt.Sprintf("%s (unhashed)", i.IdentityType)
	}
	return "no recipient"
}

// checkRecipients refuses credentials naming two different recipients
// unless the host said it bound them. A credential naming none is the
// host's own record and is not compared.
func checkRecipients(earned []Earned, opts Options) error {
	if opts.RecipientsBound {
		return nil
	}
	first := -1
	for i := range earned {
		r := earned[i].Recipient
		if r.IsZero() {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if r.key() != earned[first].Recipient.key() {
			return fmt.Errorf("%w: credential %s is for %s, credential %s for %s; match each to the learner (FromReportFor) or set Options.RecipientsBound once your own check has",
				ErrRecipient, earned[first].ID, earned[first].Recipient, earned[i].ID, r)
		}
	}
	return nil
}

// recipientOf reads a credential subject's recipient.
func recipientOf(id string, ids []badge.IdentityObject) Recipient {
	return Recipient{ID: id, Identifiers: slices.Clone(ids)}
}

// checkAwardRecipient refuses an award that would write a plain e-mail
// address into credentialSubject.id, or name nobody.
func checkAwardRecipient(opts AwardOptions) error {
	if opts.Recipient == "" && len(opts.RecipientIdentifiers) == 0 {
		return fmt.Errorf("%w: AwardOptions.Recipient or RecipientIdentifiers is required", ErrInput)
	}
	if looksLikeEmail(opts.Recipient) {
		return fmt.Errorf("%w: AwardOptions.Recipient %q is an e-mail address, which would be published in credentialSubject.id; pass it hashed in RecipientIdentifiers (badge.IdentityObject with identityType emailAddress, hashed, salted)",
			ErrRecipient, opts.Recipient)
	}
	for i, id := range opts.RecipientIdentifiers {
		if id.IdentityType == "" || id.IdentityHash == "" {
			return fmt.Errorf("%w: AwardOptions.RecipientIdentifiers[%d] needs identityType and identityHash", ErrInput, i)
		}
		if id.IdentityType == badge.IdentifierEmailAddress && !id.Hashed {
			return fmt.Errorf("%w: AwardOptions.RecipientIdentifiers[%d] is a plain e-mail address; hash it (hashed: true, identityHash sha256$..., with a salt)", ErrRecipient, i)
		}
	}
	return nil
}

// looksLikeEmail reports whether s is an e-mail address or a mailto: URI.
func looksLikeEmail(s string) bool {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "mailto:"); ok {
		return rest != ""
	}
	if strings.Contains(s, ":") {
		return false // a DID or another URI
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// awardRecipientKey is the recipient part of the award id: the id, else
// the identifiers as given (hashed values only ever).
func awardRecipientKey(opts AwardOptions) string {
	if opts.Recipient != "" {
		return opts.Recipient
	}
	return Recipient{Identifiers: opts.RecipientIdentifiers}.key()
}

// awardIdentifiers are the identifiers written into an award's subject,
// typed as the data model requires.
func awardIdentifiers(opts AwardOptions) []badge.IdentityObject {
	if len(opts.RecipientIdentifiers) == 0 {
		return nil
	}
	out := slices.Clone(opts.RecipientIdentifiers)
	for i := range out {
		if out[i].Type == "" {
			out[i].Type = badge.TypeIdentityObject
		}
	}
	return out
}
