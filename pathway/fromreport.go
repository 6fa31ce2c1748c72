package pathway

import (
	"errors"
	"fmt"
	"strings"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/verify"
)

// ErrNotVerified is returned by FromReport for a credential that must not
// count toward any pathway: its report is not OK (failed, or its
// authenticity or status could not be established), or it is not an Open
// Badges or CLR credential. Errors about authentic credentials that are
// revoked, suspended, expired or not yet valid are *NotCountedError values
// (which wrap ErrNotVerified) carrying the Earned view for guidance.
var ErrNotVerified = errors.New("pathway: credential did not verify")

// A NotCountedError is FromReport's refusal of an authentic credential that
// is not current: its proof verified, but it is revoked, suspended,
// expired or not yet valid. It never counts. Earned holds its view, with
// Status and the validity dates saying why, so that a host can tell the
// learner what to renew: passed to Evaluate, such an Earned is explained
// ("expired on ...", "revoked") and never fills a slot.
//
//	var nc *pathway.NotCountedError
//	if errors.As(err, &nc) { guidance = append(guidance, nc.Earned...) }
type NotCountedError struct {
	// CredentialID is the id of the credential that does not count.
	CredentialID string
	// Reason is "revoked", "suspended", "expired" or "not yet valid",
	// several joined by ", ".
	Reason string
	// Earned is what the credential would have counted as: pass it to
	// Evaluate as guidance (it never fills a slot there).
	Earned []Earned
}

func (e *NotCountedError) Error() string {
	return fmt.Sprintf("%v: %s is %s; it does not count (NotCountedError.Earned keeps it for guidance)", ErrNotVerified, e.CredentialID, e.Reason)
}

func (e *NotCountedError) Unwrap() error { return ErrNotVerified }

// A SkippedError is returned by FromReport for a CLR whose own report is
// OK but some of whose nested credentials are not: the Earned returned
// with it are the nested credentials that count, and Skipped says why
// each other one does not (each wraps ErrNotVerified). The CLR's verdict
// rests on its own checks, each nested credential on its own report.
type SkippedError struct {
	CredentialID string  // the CLR's id
	Skipped      []error // one per nested credential that does not count
}

func (e *SkippedError) Error() string {
	msgs := make([]string, len(e.Skipped))
	for i, err := range e.Skipped {
		msgs[i] = err.Error()
	}
	return fmt.Sprintf("pathway: %d credentials in CLR %s do not count: %s", len(e.Skipped), e.CredentialID, strings.Join(msgs, "; "))
}

func (e *SkippedError) Unwrap() []error { return e.Skipped }

// FromReport is the seam between package verify and the evaluator: it turns
// a verification Report into the Earned view of every Open Badges 3.0
// credential it vouches for — the credential itself, or each credential
// nested in a CLR.
//
// Only a report whose OK() is true yields anything. Every other report is
// refused with an error wrapping ErrNotVerified: a failed proof, an
// unknown key, a status or key that could not be checked (offline, a
// fetch that failed), a malformed credential. An authentic credential that
// is only revoked, suspended, expired or not yet valid is refused with a
// *NotCountedError carrying its Earned, for explanations. A plain W3C
// credential (no OpenBadgeCredential, AchievementCredential or
// ClrCredential type) is refused even when it verified: it asserts no
// achievement.
//
// For a CLR, each nested credential counts only if its own report is OK;
// when some do not, FromReport returns those that do together with a
// *SkippedError listing the others. Everything returned carries its
// Recipient; to bind credentials to the learner, use FromReportFor.
func FromReport(r *verify.Report) ([]Earned, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: no report", ErrNotVerified)
	}
	cred, err := badge.Parse(r.Credential)
	if err != nil {
		if errors.Is(err, badge.ErrNotCredential) {
			return nil, fmt.Errorf("%w: %s is not an Open Badges or CLR credential (types %v); only credentials asserting an achievement count toward a pathway", ErrNotVerified, r.CredentialID, r.Types)
		}
		if r.OK() {
			return nil, fmt.Errorf("%w: %s: %w", ErrNotVerified, r.CredentialID, err)
		}
	}
	if !r.OK() {
		return nil, notOK(r, cred)
	}
	switch c := cred.(type) {
	case *badge.AchievementCredential:
		e, err := FromCredential(c)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrNotVerified, r.CredentialID, err)
		}
		return []Earned{e}, nil
	case *badge.ClrCredential:
		var out []Earned
		var skipped []error
		for _, n := range r.Nested {
			es, err := FromReport(n)
			var sk *SkippedError
			switch {
			case errors.As(err, &sk):
				skipped = append(skipped, sk.Skipped...)
			case err != nil:
				skipped = append(skipped, err)
				continue
			}
			out = append(out, es...)
		}
		if len(skipped) > 0 {
			return out, &SkippedError{CredentialID: r.CredentialID, Skipped: skipped}
		}
		return out, nil
	default:
		return nil, fmt.Errorf("%w: %s is a %T, not an achievement or CLR credential", ErrNotVerified, r.CredentialID, cred)
	}
}

// notOK builds the refusal of a report that is not OK: a *NotCountedError
// when the proof verified and only status or validity failed, else a plain
// ErrNotVerified naming the verdict and the checks that decided it.
func notOK(r *verify.Report, cred badge.Credential) error {
	var reasons, others []string
	for _, c := range r.Checks {
		if c.Outcome == verify.NotEstablished {
			// Unverified: nothing refuted, nothing established either.
			return fmt.Errorf("%w: %s: %s not established: %s", ErrNotVerified, r.CredentialID, c.ID, c.Message)
		}
		if c.Outcome != verify.Fail {
			continue
		}
		switch c.ID {
		case verify.CheckStatus:
			switch err := r.Err(); {
			case errors.Is(err, verify.ErrRevoked):
				reasons = append(reasons, "revoked")
			case errors.Is(err, verify.ErrSuspended):
				reasons = append(reasons, "suspended")
			default:
				others = append(others, fmt.Sprintf("%s: %s", c.ID, c.Message))
			}
		case verify.CheckValidity:
			reasons = append(reasons, "outside its validity period")
		default:
			others = append(others, fmt.Sprintf("%s: %s", c.ID, c.Message))
		}
	}
	proof := r.Check(verify.CheckProof)
	ac, isAchievement := cred.(*badge.AchievementCredential)
	if len(others) > 0 || len(reasons) == 0 || proof == nil || proof.Outcome != verify.Pass || !isAchievement {
		if len(others) == 0 {
			for _, c := range r.Checks {
				if c.Outcome == verify.Skipped || c.Outcome == verify.Warn && c.ID == verify.CheckProof {
					others = append(others, fmt.Sprintf("%s not established: %s", c.ID, c.Message))
				}
			}
		}
		return fmt.Errorf("%w: %s: verdict %s: %s", ErrNotVerified, r.CredentialID, r.Verdict, orNone(strings.Join(others, "; ")))
	}
	e, err := FromCredential(ac)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNotVerified, r.CredentialID, err)
	}
	e.Status = StatusActive
	for _, why := range reasons {
		switch why {
		case "revoked":
			e.Status = StatusRevoked
		case "suspended":
			if e.Status != StatusRevoked {
				e.Status = StatusSuspended
			}
		}
	}
	return &NotCountedError{CredentialID: r.CredentialID, Reason: strings.Join(reasons, ", "), Earned: []Earned{e}}
}

func orNone(s string) string {
	if s == "" {
		return "no check passed that establishes it"
	}
	return s
}

// FromReportFor is FromReport followed by the recipient step of Open
// Badges verification (verify.Report.MatchRecipient): the credential must
// name the learner — identityType "id" compares credentialSubject.id,
// emailAddress and the other types compare credentialSubject.identifier,
// hashed or not. Every Earned returned has Recipient.Learner set to
// value, so credentials a learner holds under different identifiers (a
// DID in one, a hashed e-mail in another) evaluate together. A credential
// for someone else is refused with ErrRecipient.
func FromReportFor(r *verify.Report, identityType badge.IdentifierType, value string) ([]Earned, error) {
	es, err := FromReport(r)
	var sk *SkippedError
	if err != nil && !errors.As(err, &sk) {
		return nil, err
	}
	ok, merr := r.MatchRecipient(identityType, value)
	if merr != nil && !ok {
		return nil, fmt.Errorf("%w: %s: recipient: %w", ErrRecipient, r.CredentialID, merr)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s is not issued to the %s given", ErrRecipient, r.CredentialID, identityType)
	}
	for i := range es {
		es[i].Recipient.Learner = string(identityType) + ":" + value
	}
	return es, err
}
