package verify

import (
	"errors"
	"fmt"
)

// Sentinel errors, one per failure class. Report.Err wraps every failed
// check's error, and each of those wraps one of these, so a host can write
// errors.Is(report.Err(), verify.ErrRevoked).
var (
	ErrMalformed      = errors.New("verify: input is not a well-formed credential")
	ErrContext        = errors.New("verify: @context is missing, unknown or out of order")
	ErrType           = errors.New("verify: credential type is not one this verifier accepts")
	ErrSchema         = errors.New("verify: credential does not conform to its JSON Schema")
	ErrSubject        = errors.New("verify: credentialSubject has no id or identifier")
	ErrProof          = errors.New("verify: no valid proof")
	ErrKey            = errors.New("verify: verification key could not be resolved")
	ErrIssuerBinding  = errors.New("verify: signing key is not controlled by the issuer")
	ErrRefresh        = errors.New("verify: credential refresh failed")
	ErrRevoked        = errors.New("verify: credential is revoked")
	ErrSuspended      = errors.New("verify: credential is suspended")
	ErrStatus         = errors.New("verify: credential status could not be established")
	ErrExpired        = errors.New("verify: credential has expired")
	ErrNotYetValid    = errors.New("verify: credential is not yet valid")
	ErrEndorsement    = errors.New("verify: an endorsement did not verify")
	ErrNested         = errors.New("verify: a credential nested in the CLR did not verify")
	ErrUntrusted      = errors.New("verify: issuer is not trusted by the trust policy")
	ErrPresentation   = errors.New("verify: presentation did not verify")
	ErrNetwork        = errors.New("verify: network fetch refused or failed")
	ErrInvalidConfig  = errors.New("verify: invalid configuration")
	ErrLimit          = errors.New("verify: input exceeds a configured limit")
	ErrOfflineSkipped = errors.New("verify: check needs the network, which this verifier may not use")
	// ErrUnverified is wrapped by every error of an Unverified report: a
	// check could not be established (offline, a failed fetch, an
	// unsupported cryptosuite), so the credential is neither believed nor
	// refuted.
	ErrUnverified = errors.New("verify: authenticity or status could not be established")
	// ErrUnrecognizedIssuer: the issuer is in none of the host's issuer
	// registries. A warning unless RegistryPolicy.Require is set.
	ErrUnrecognizedIssuer = errors.New("verify: issuer is not in any trusted issuer registry")
)

// CheckError is the error of one failed check. It wraps the class sentinel
// (ErrRevoked, ErrProof, ...) and the underlying cause, so both errors.Is
// and errors.As reach through it.
type CheckError struct {
	Check   CheckID // which check failed
	Message string  // the check's message, as in the report
	Err     error   // wraps a sentinel of this package and the cause
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("%s: %s", e.Check, e.Message)
}

func (e *CheckError) Unwrap() error { return e.Err }
