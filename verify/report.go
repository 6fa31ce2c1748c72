package verify

import (
	"encoding/json"

	"errors"
	"fmt"
	"github.com/microcred/microcred/badge"
	"strings"
	"time"
)

// ReportMediaType names the JSON shape of a Report. Hosts that store
// reports can tell versions apart by it; additive changes keep the version.
const ReportMediaType = "application/vnd.microcred.verify-report+json;version=1"

// Verdict is the overall outcome of a verification.
type Verdict string

const (
	// Verified: every check passed or did not apply.
	Verified Verdict = "verified"
	// VerifiedWithWarnings: no check failed, but at least one warned, for
	// example a VC 1.1 credential, a deprecated cryptosuite, or a status
	// check skipped because the verifier is offline. Show the warnings.
	VerifiedWithWarnings Verdict = "verified_with_warnings"
	// Failed: at least one check failed. Do not believe the credential.
	Failed Verdict = "failed"
)

// Outcome is the result of one check.
type Outcome string

const (
	Pass Outcome = "pass"
	Fail Outcome = "fail"
	// Warn: the check did not fail, but the host should show why. A check
	// that needed the network while offline is reported as Warn with
	// Detail["skipped"] = true: never as Pass.
	Warn Outcome = "warn"
	// Skipped: the check does not apply (no credentialStatus, no
	// endorsements, no trust policy) or an earlier failure made it moot.
	Skipped Outcome = "skipped"
)

// CheckID names a check. The IDs are stable: hosts may match on them.
type CheckID string

// The checks, in the order they run (the Open Badges 3.0 verification order).
const (
	CheckParse         CheckID = "parse"          // input format, JSON well-formedness, limits
	CheckContext       CheckID = "context"        // @context values and order
	CheckType          CheckID = "type"           // VerifiableCredential + an OB/CLR type
	CheckSchema        CheckID = "schema"         // official JSON Schema and credentialSchema
	CheckSubject       CheckID = "subject"        // credentialSubject id or identifier
	CheckProof         CheckID = "proof"          // one valid proof (Data Integrity or VC-JWT)
	CheckKey           CheckID = "key"            // how the verification key was resolved
	CheckIssuerBinding CheckID = "issuer-binding" // key controller = issuer id
	CheckRefresh       CheckID = "refresh"        // 1EdTechCredentialRefresh, at most once
	CheckStatus        CheckID = "status"         // revocation / suspension
	CheckValidity      CheckID = "validity"       // validFrom / validUntil
	CheckEndorsements  CheckID = "endorsements"   // embedded endorsements, recursively
	CheckCLRNested     CheckID = "clr-nested"     // credentials inside a CLR
	CheckTrust         CheckID = "trust"          // the host's trust policy
	CheckPresentation  CheckID = "presentation"   // presentation proof, challenge, domain (presentations only)
)

// checkOrder is the fixed order of checks in a credential report.
var checkOrder = [...]CheckID{CheckParse, CheckContext, CheckType, CheckSchema, CheckSubject,
	CheckProof, CheckKey, CheckIssuerBinding, CheckRefresh, CheckStatus, CheckValidity,
	CheckEndorsements, CheckCLRNested, CheckTrust}

// Check is the result of one verification step.
type Check struct {
	ID      CheckID        `json:"id"`
	Outcome Outcome        `json:"outcome"`
	Message string         `json:"message"`
	Detail  map[string]any `json:"detail,omitempty"`

	err error // set when Outcome is Fail; wraps a sentinel
}

// Report is the structured result of verifying one credential or
// presentation. It marshals to JSON in the shape documented on each field
// (see ReportMediaType).
type Report struct {
	MediaType string  `json:"mediaType"`
	Verdict   Verdict `json:"verdict"`
	// Format is how the input arrived: "json", "jwt", "png" or "svg".
	Format string `json:"format,omitempty"`
	// Kind is "credential" or "presentation".
	Kind         string   `json:"kind"`
	CredentialID string   `json:"credentialId,omitempty"`
	Issuer       string   `json:"issuer,omitempty"`
	Types        []string `json:"types,omitempty"`
	// VerifiedAt is the verifier clock's time for this verification.
	VerifiedAt time.Time `json:"verifiedAt"`
	Checks     []Check   `json:"checks"`
	// Endorsements holds one report per embedded endorsement.
	Endorsements []*Report `json:"endorsements,omitempty"`
	// Nested holds one report per credential inside a CLR credential, or
	// per credential inside a presentation.
	Nested []*Report `json:"nested,omitempty"`
	// Credential is the credential JSON that was verified: the input, the
	// JWT payload's credential, the baked payload, or a refreshed copy.
	Credential json.RawMessage `json:"credential,omitempty"`
	// Parsed is the typed view of Credential (package badge), or nil when
	// it could not be parsed. It is not marshalled: Credential is the data.
	Parsed badge.Credential `json:"-"`
}

// Check returns the check with the given id, or nil.
func (r *Report) Check(id CheckID) *Check {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

// OK reports whether the verdict is Verified or VerifiedWithWarnings.
func (r *Report) OK() bool { return r.Verdict == Verified || r.Verdict == VerifiedWithWarnings }

// Err returns nil unless the verdict is Failed; then it returns the failed
// checks' *CheckError values joined, so errors.Is and errors.As find any of
// them.
func (r *Report) Err() error {
	var errs []error
	for _, c := range r.Checks {
		if c.Outcome == Fail {
			err := c.err
			if err == nil {
				// A report decoded from JSON has lost its error values; keep
				// the class from the check id so errors.Is still works.
				err = fmt.Errorf("%w: %s", sentinelFor(c.ID), c.Message)
			}
			errs = append(errs, &CheckError{Check: c.ID, Message: c.Message, Err: err})
		}
	}
	return errors.Join(errs...)
}

func sentinelFor(id CheckID) error {
	switch id {
	case CheckParse:
		return ErrMalformed
	case CheckContext:
		return ErrContext
	case CheckType:
		return ErrType
	case CheckSchema:
		return ErrSchema
	case CheckSubject:
		return ErrSubject
	case CheckProof:
		return ErrProof
	case CheckKey:
		return ErrKey
	case CheckIssuerBinding:
		return ErrIssuerBinding
	case CheckRefresh:
		return ErrRefresh
	case CheckStatus:
		return ErrStatus
	case CheckValidity:
		return ErrExpired
	case CheckEndorsements:
		return ErrEndorsement
	case CheckCLRNested:
		return ErrNested
	case CheckTrust:
		return ErrUntrusted
	}
	return ErrPresentation
}

// finish computes the verdict from the checks.
func (r *Report) finish() {
	r.Verdict = Verified
	for _, c := range r.Checks {
		switch c.Outcome {
		case Fail:
			r.Verdict = Failed
			return
		case Warn:
			r.Verdict = VerifiedWithWarnings
		}
	}
}

// String renders the report for a terminal: the verdict, then one line per
// check, with nested reports indented.
func (r *Report) String() string {
	var b strings.Builder
	r.write(&b, "")
	return b.String()
}

var outcomeMark = map[Outcome]string{Pass: "ok  ", Fail: "FAIL", Warn: "warn", Skipped: "skip"}

func (r *Report) write(b *strings.Builder, indent string) {
	what := r.Kind
	if len(r.Types) > 0 {
		what = strings.Join(r.Types, ", ")
	}
	fmt.Fprintf(b, "%s%s: %s", indent, strings.ToUpper(string(r.Verdict)), what)
	if r.CredentialID != "" {
		fmt.Fprintf(b, " %s", r.CredentialID)
	}
	if r.Issuer != "" {
		fmt.Fprintf(b, " from %s", r.Issuer)
	}
	b.WriteByte('\n')
	for _, c := range r.Checks {
		fmt.Fprintf(b, "%s  [%s] %-14s %s\n", indent, outcomeMark[c.Outcome], c.ID, c.Message)
	}
	for i, e := range r.Endorsements {
		fmt.Fprintf(b, "%s  endorsement %d:\n", indent, i+1)
		e.write(b, indent+"    ")
	}
	for i, n := range r.Nested {
		fmt.Fprintf(b, "%s  nested credential %d:\n", indent, i+1)
		n.write(b, indent+"    ")
	}
}
