package badge

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

// The decoders of this package split objects and arrays into sub-slices of
// the input instead of decoding them into maps of copies: each level of a
// document is then scanned once, not once per enclosing level. The
// splitting is internal/strictjson's, the module's one strict JSON reader:
// Limits.Check runs its full check before Parse decodes anything, and each
// level refuses repeated names and names that differ only in case even
// when encoding/json (which refuses neither) is the caller of UnmarshalJSON.

// member is one property of an object. Its name stays a sub-slice of the
// input (decoded only when escaped), so matching it against a field name
// allocates nothing.
type member = strictjson.Member

// splitObject returns the members of the object data, in buf's storage
// while they fit: a caller that keeps them in an array of its own frame
// allocates nothing for them (the decoders go through every level of every
// credential, so these were a tenth of what a verification allocated).
func splitObject(buf []member, data []byte) ([]member, error) {
	ms, err := strictjson.SplitObjectInto(buf, data)
	if err != nil {
		if errors.Is(err, strictjson.ErrType) {
			return nil, &TypeError{Want: "an object", Got: jsonKind(data)}
		}
		return nil, fromStrict(err)
	}
	return ms, nil
}

// splitArray returns the elements of the array data, in buf's storage
// while they fit, as splitObject does.
func splitArray(buf [][]byte, data []byte) ([][]byte, error) {
	items, err := strictjson.SplitArrayInto(buf, data)
	if err != nil {
		if errors.Is(err, strictjson.ErrType) {
			return nil, &TypeError{Want: "an array", Got: jsonKind(data)}
		}
		return nil, fromStrict(err)
	}
	return items, nil
}

// fromStrict turns the reader's error into this package's: the class
// becomes one of the package's sentinels (names that differ only in case
// are a kind of duplicate) and the place a *PathError. The reader's error
// stays in the chain.
func fromStrict(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return err
	}
	class := ErrInvalidJSON
	switch {
	case errors.Is(err, strictjson.ErrTooLarge):
		class = ErrTooLarge
	case errors.Is(err, strictjson.ErrTooDeep):
		class = ErrTooDeep
	case errors.Is(err, strictjson.ErrInvalidUTF8):
		class = ErrInvalidUTF8
	case errors.Is(err, strictjson.ErrDuplicateKey), errors.Is(err, strictjson.ErrCaseVariant):
		class = ErrDuplicateKey
	}
	wrapped := &jsonError{class: class, err: se}
	if se.Pointer == "" {
		return wrapped
	}
	return &PathError{Pointer: se.Pointer, Err: wrapped}
}

// jsonError is a reader's error under one of this package's sentinels.
type jsonError struct {
	class error
	err   *strictjson.Error
}

func (e *jsonError) Error() string {
	msg := e.class.Error()
	if e.err.Err == strictjson.ErrCaseVariant {
		msg += " (names that differ only in case)"
	}
	if e.err.Offset >= 0 {
		msg += fmt.Sprintf(" at byte %d", e.err.Offset)
	}
	if e.err.Detail != "" {
		msg += ": " + e.err.Detail
	}
	switch e.class {
	case ErrTooLarge:
		msg += " (Limits.MaxBytes)"
	case ErrTooDeep:
		msg += " (Limits.MaxDepth)"
	}
	return msg
}

func (e *jsonError) Unwrap() []error { return []error{e.class, e.err} }
