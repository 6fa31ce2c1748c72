package pathway

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/verify"
)

// ErrNotVerified is returned by FromReport for a credential that did not
// verify for a reason that says nothing about the learner's achievement (a
// bad proof, an unknown key, a schema error): such a credential must not
// count toward any pathway.
var ErrNotVerified = errors.New("pathway: credential did not verify")

// FromReport is the seam between package verify and the evaluator: it turns
// a verification Report into the Earned view of every Open Badges 3.0
// credential it vouches for — the credential itself, or each credential
// nested in a CLR (whose own reports must pass too).
//
// A report that failed only because the credential is revoked, suspended,
// expired or not yet valid still yields its Earned, with Status (or the
// validity dates) saying so: the evaluator then explains why the part no
// longer counts instead of silently forgetting it. Any other failure returns
// an error wrapping ErrNotVerified.
func FromReport(r *verify.Report) ([]Earned, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: no report", ErrNotVerified)
	}
	status, err := usableStatus(r)
	if err != nil {
		return nil, err
	}
	cred, err := badge.Parse(r.Credential)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotVerified, r.CredentialID, err)
	}
	switch c := cred.(type) {
	case *badge.AchievementCredential:
		e, err := FromCredential(c)
		if err != nil {
			return nil, err
		}
		e.Status = status
		return []Earned{e}, nil
	case *badge.ClrCredential:
		var out []Earned
		for _, n := range r.Nested {
			es, err := FromReport(n)
			if err != nil {
				return nil, err
			}
			for i := range es {
				if status != StatusActive {
					es[i].Status = status // a revoked CLR revokes what it carries
				}
			}
			out = append(out, es...)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("%w: %s is not an achievement or CLR credential", ErrNotVerified, r.CredentialID)
	}
}

// usableStatus says whether a report's failures are all of the kind a
// pathway explains (status, validity window) and what status they imply.
func usableStatus(r *verify.Report) (Status, error) {
	status := StatusActive
	for _, c := range r.Checks {
		if c.Outcome == verify.NotEstablished {
			// Unverified: nothing refuted, nothing established either.
			return "", fmt.Errorf("%w: %s: %s not established: %s", ErrNotVerified, r.CredentialID, c.ID, c.Message)
		}
		if c.Outcome != verify.Fail {
			continue
		}
		switch c.ID {
		case verify.CheckStatus:
			err := r.Err()
			switch {
			case errors.Is(err, verify.ErrRevoked):
				status = StatusRevoked
			case errors.Is(err, verify.ErrSuspended):
				if status != StatusRevoked {
					status = StatusSuspended
				}
			default:
				return "", fmt.Errorf("%w: %s: status unknown: %s", ErrNotVerified, r.CredentialID, c.Message)
			}
		case verify.CheckValidity:
			// The Earned carries validFrom/validUntil; the evaluator judges
			// them at its own as-of time.
		default:
			return "", fmt.Errorf("%w: %s: %s check failed: %s", ErrNotVerified, r.CredentialID, c.ID, c.Message)
		}
	}
	return status, nil
}
