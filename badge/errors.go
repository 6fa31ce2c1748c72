package badge

import (
	"errors"
	"fmt"
	"strings"
)

// Errors returned by Parse and the decoders. They are wrapped (test with
// errors.Is); the message says where in the document the problem is.
var (
	// ErrInvalidJSON: the input is not well-formed JSON.
	ErrInvalidJSON = errors.New("badge: invalid JSON")
	// ErrInvalidUTF8: the input is not valid UTF-8, which the Open Badges
	// serialization rules require. Fix the encoding at the source.
	ErrInvalidUTF8 = errors.New("badge: input is not valid UTF-8")
	// ErrDuplicateKey: an object repeats a property name, or has two names
	// that differ only in case (outside @context). Decoders disagree on
	// which copy wins, and case-insensitive ones see one property where
	// JSON-LD sees two, so such a document could mean different things to
	// the signer and to us; it is refused.
	ErrDuplicateKey = errors.New("badge: duplicate JSON property")
	// ErrInvalidLimits: a Limits field is negative. Use 0 for the default.
	ErrInvalidLimits = errors.New("badge: invalid limits")
	// ErrTooLarge: the input exceeds Limits.MaxDocumentBytes.
	ErrTooLarge = errors.New("badge: document too large")
	// ErrTooDeep: the input nests deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("badge: document nested too deeply")
	// ErrWrongType: a property has the wrong JSON type (see TypeError).
	ErrWrongType = errors.New("badge: wrong JSON type")
	// ErrNotCredential: the document is JSON but not a credential this
	// package knows (its type lists none of AchievementCredential,
	// OpenBadgeCredential, EndorsementCredential, ClrCredential).
	ErrNotCredential = errors.New("badge: not an Open Badges or CLR credential")
)

// TypeError reports a JSON value of the wrong kind, e.g. a number where the
// data model wants a string. It matches ErrWrongType with errors.Is.
type TypeError struct {
	Want string // what the data model allows, e.g. "a string"
	Got  string // what the document has, e.g. "JSON number"
}

func (e *TypeError) Error() string { return "want " + e.Want + ", got " + e.Got }

// Is makes errors.Is(err, ErrWrongType) true.
func (e *TypeError) Is(target error) bool { return target == ErrWrongType }

// PathError locates a decoding error in the document with a JSON Pointer
// (RFC 6901), e.g. "/credentialSubject/achievement/name".
type PathError struct {
	Pointer string
	Err     error
}

func (e *PathError) Error() string {
	return fmt.Sprintf("badge: at %s: %v", e.Pointer, e.Err)
}

func (e *PathError) Unwrap() error { return e.Err }

// prefixPointer adds one reference token in front of err's pointer.
func prefixPointer(token string, err error) error {
	if err == nil {
		return nil
	}
	tok := "/" + escapePointer(token)
	var pe *PathError
	if errors.As(err, &pe) && pe == err {
		return &PathError{Pointer: tok + pe.Pointer, Err: pe.Err}
	}
	return &PathError{Pointer: tok, Err: err}
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapePointer(s string) string { return pointerEscaper.Replace(s) }
