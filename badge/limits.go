package badge

import (
	"fmt"

	"github.com/microcred/microcred/internal/limits"
	"github.com/microcred/microcred/internal/strictjson"
)

// Default limits for documents read by Parse and Validate: the same as
// package credential's and package verify's, so that what one accepts the
// next does not refuse for its size.
const (
	DefaultMaxDocumentBytes = limits.DefaultMaxDocumentBytes // 1 MiB
	DefaultMaxDepth         = limits.DefaultMaxDepth         // nested objects and arrays
)

// Limits bounds the work Parse and Validate do on untrusted input. The zero
// value uses the defaults. A negative value is refused (ErrInvalidLimits):
// these limits cannot be switched off.
type Limits struct {
	MaxDocumentBytes int // largest accepted document, in bytes; 0 means DefaultMaxDocumentBytes
	MaxDepth         int // deepest accepted nesting of objects and arrays; 0 means DefaultMaxDepth
}

func (l Limits) maxBytes() int {
	if l.MaxDocumentBytes == 0 {
		return DefaultMaxDocumentBytes
	}
	return l.MaxDocumentBytes
}

func (l Limits) maxDepth() int {
	if l.MaxDepth == 0 {
		return DefaultMaxDepth
	}
	return l.MaxDepth
}

func (l Limits) valid() error {
	if l.MaxDocumentBytes < 0 || l.MaxDepth < 0 {
		return fmt.Errorf("%w: MaxDocumentBytes %d, MaxDepth %d: use 0 for the default, a positive value to change it", ErrInvalidLimits, l.MaxDocumentBytes, l.MaxDepth)
	}
	return nil
}

// Check reports whether data is a single well-formed JSON value within the
// limits, valid UTF-8 without escaped lone surrogates, with no object
// repeating a property name or holding two names that differ only in case
// (ErrDuplicateKey). It is what Parse runs before decoding; Validate runs it
// too. A *PathError gives the JSON pointer of the problem.
func (l Limits) Check(data []byte) error {
	if err := l.checkSize(data); err != nil {
		return err
	}
	return fromStrict(strictjson.Check(data, strictjson.Limits{MaxBytes: l.maxBytes(), MaxDepth: l.maxDepth()}))
}

// checkSize is the part of Check that needs no scan: the limits
// themselves and the document's size.
func (l Limits) checkSize(data []byte) error {
	if err := l.valid(); err != nil {
		return err
	}
	if len(data) > l.maxBytes() {
		return fmt.Errorf("%w: %d bytes, limit %d (Limits.MaxDocumentBytes)", ErrTooLarge, len(data), l.maxBytes())
	}
	return nil
}
