package pathway

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can branch with errors.Is.
var (
	// ErrInvalid: the pathway definition is malformed or contradictory.
	// The wrapped *ValidationError lists every finding; fix the definition.
	ErrInvalid = errors.New("pathway: invalid definition")
	// ErrLimit: a definition or an evaluation exceeded a documented limit
	// (see Limits and Options). Raise the limit only for trusted input.
	ErrLimit = errors.New("pathway: limit exceeded")
	// ErrIncomplete: an award was requested for a progress that is not
	// complete. Awards are only ever made for completed evaluations.
	ErrIncomplete = errors.New("pathway: not complete")
	// ErrVacuous: the requirement was satisfied without any credential
	// (for example an empty allOf). No award is made for nothing.
	ErrVacuous = errors.New("pathway: satisfied without any credential")
	// ErrNoVersion: no definition matches the requested version.
	ErrNoVersion = errors.New("pathway: no such version")
	// ErrInput: an argument to a function is unusable (nil definition,
	// missing recipient...).
	ErrInput = errors.New("pathway: bad input")
)

// Severity grades a lint Finding.
type Severity int

const (
	// Warning findings are legal but probably not what the author meant.
	Warning Severity = iota
	// Error findings make the definition unusable; Validate and Parse
	// reject it.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes Severity readable in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// A Finding is one lint result: where in the definition, what, and a message
// that says what to change.
type Finding struct {
	Severity Severity `json:"severity"`
	// Code is stable and machine-readable ("n-greater-than-m", "cycle"...).
	Code string `json:"code"`
	// Path locates the problem, e.g. "requirement.items[2]" or
	// "components[id=c3].prerequisites".
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s at %s: %s", f.Severity, f.Code, f.Path, f.Message)
}

// ValidationError is returned (wrapped around ErrInvalid, and ErrLimit when a
// limit was exceeded) by Parse and Validate. It lists every error finding.
type ValidationError struct {
	Findings []Finding
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("pathway: invalid definition")
	for i, f := range e.Findings {
		if i == 8 {
			fmt.Fprintf(&b, "; and %d more", len(e.Findings)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(f.Path)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// Unwrap lets errors.Is find ErrInvalid, and ErrLimit for limit findings.
func (e *ValidationError) Unwrap() []error {
	errs := []error{ErrInvalid}
	for _, f := range e.Findings {
		if strings.HasPrefix(f.Code, "limit-") {
			errs = append(errs, ErrLimit)
			break
		}
	}
	return errs
}
