package jcs

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/microcred/microcred/internal/strictjson"
)

// Default limits applied when a Limits field is zero.
const (
	DefaultMaxBytes = 8 << 20 // 8 MiB of JSON text
	DefaultMaxDepth = 100     // nested arrays and objects
)

// Limits bounds the work done on untrusted input. The zero value applies the
// defaults above.
type Limits struct {
	// MaxBytes is the largest accepted input, in bytes.
	MaxBytes int
	// MaxDepth is the deepest accepted nesting of arrays and objects.
	MaxDepth int
}

func (l *Limits) maxBytes() int {
	if l == nil || l.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return l.MaxBytes
}

func (l *Limits) maxDepth() int {
	if l == nil || l.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return l.MaxDepth
}

// Errors that Decode and Transform wrap; test with errors.Is.
var (
	ErrSyntax       = errors.New("jcs: invalid JSON")
	ErrDuplicateKey = errors.New("jcs: duplicate object member name")
	ErrInvalidUTF8  = errors.New("jcs: invalid UTF-8 or lone surrogate")
	ErrNumber       = errors.New("jcs: number not representable as an IEEE 754 double")
	ErrTooDeep      = errors.New("jcs: nesting too deep")
	ErrTooLarge     = errors.New("jcs: input too large")
	ErrUnsupported  = errors.New("jcs: unsupported Go value")
)

// SyntaxError reports where in the input a problem was found.
type SyntaxError struct {
	Offset int   // byte offset of the problem
	Err    error // one of the sentinel errors above
	Detail string
	cause  error // the strict reader's error, when it found the problem
}

func (e *SyntaxError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("%v at byte %d", e.Err, e.Offset)
	}
	return fmt.Sprintf("%v at byte %d: %s", e.Err, e.Offset, e.Detail)
}

// Unwrap returns the class and, when the strict reader found the problem,
// its error too, so errors.Is finds either.
func (e *SyntaxError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

// Decode parses one JSON text strictly into the values encoding/json produces
// with UseNumber: map[string]any, []any, string, json.Number, bool and nil.
// It is internal/strictjson's reader (duplicate and case-variant member
// names, invalid UTF-8 and lone surrogate escapes are refused, so that every
// reader of the same bytes sees the same document) plus the one rule JCS
// adds: every number must be representable as an IEEE 754 double, since
// RFC 8785 serializes numbers as doubles.
func Decode(data []byte, lim *Limits) (any, error) {
	return decode(data, lim, false)
}

// DecodeShared is [Decode] for a caller that is done with the result
// before it returns (canonicalizing, signing): its strings are cut from one
// copy of data (strictjson.DecodeShared), so a string kept from the result
// keeps that whole copy in memory.
func DecodeShared(data []byte, lim *Limits) (any, error) {
	return decode(data, lim, true)
}

func decode(data []byte, lim *Limits, shared bool) (any, error) {
	v, _, err := decodeShape(data, lim, shared)
	return v, err
}

// decodeShape is decode that also returns the reader's Shape of the value.
func decodeShape(data []byte, lim *Limits, shared bool) (any, strictjson.Shape, error) {
	if len(data) > lim.maxBytes() {
		return nil, strictjson.Shape{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.maxBytes())
	}
	// The reader checks the numbers' range as it reads them, rather than
	// checkNumbers walking the whole tree again.
	v, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{MaxBytes: lim.maxBytes(), MaxDepth: lim.maxDepth()}, shared)
	if err != nil {
		return nil, strictjson.Shape{}, classify(err)
	}
	return v, shape, nil
}

// classify gives a strict reader's error this package's class, keeping the
// reader's error (and its JSON pointer) in the chain.
func classify(err error) error {
	class := ErrSyntax
	var at int
	var se *strictjson.Error
	if errors.As(err, &se) {
		at = se.Offset
		if se.Err == strictjson.ErrNumberRange {
			// The error checkNumbers gives a tree decoded elsewhere.
			return numberError(se.Detail)
		}
	}
	switch {
	case errors.Is(err, strictjson.ErrDuplicateKey), errors.Is(err, strictjson.ErrCaseVariant):
		class = ErrDuplicateKey
	case errors.Is(err, strictjson.ErrInvalidUTF8):
		class = ErrInvalidUTF8
	case errors.Is(err, strictjson.ErrTooDeep):
		class = ErrTooDeep
	case errors.Is(err, strictjson.ErrTooLarge):
		class = ErrTooLarge
	}
	return &SyntaxError{Offset: at, Err: class, Detail: err.Error(), cause: err}
}

func numberError(num string) error { return &SyntaxError{Err: ErrNumber, Detail: num} }

// checkNumbers refuses a number that overflows a double, in a tree the
// strict reader decoded without checking them (see DecodeContext).
func checkNumbers(v any) error {
	switch t := v.(type) {
	case json.Number:
		if _, err := strconv.ParseFloat(string(t), 64); err != nil {
			return numberError(string(t))
		}
	case []any:
		for _, x := range t {
			if err := checkNumbers(x); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, x := range t {
			if err := checkNumbers(x); err != nil {
				return err
			}
		}
	}
	return nil
}
