package pathway

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/microcred/microcred/badge"
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

// ValidationError is returned (wrapped around ErrInvalid, and ErrLimit when a
// limit was exceeded) by Parse and Validate. It lists every error finding,
// in the [badge.Finding] shape that badge validation uses too: each
// Pointer is an RFC 6901 JSON Pointer into the definition document
// ("/requirement/items/2", "/components/3/prerequisites"; "" is the whole
// document), so one tool reads the findings of both.
type ValidationError struct {
	Findings badge.Findings
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
		b.WriteString(cmp.Or(f.Pointer, "/"))
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
