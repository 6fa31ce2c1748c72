package badge

import (
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

// Default limits for documents read by Parse. A real Open Badges credential
// is a few kilobytes, a CLR with hundreds of embedded credentials a few
// megabytes; the limits sit well above both and well below what would let
// a hostile document exhaust memory or stack.
const (
	DefaultMaxBytes = 16 << 20 // 16 MiB
	DefaultMaxDepth = 64       // nested objects and arrays
)

// Limits bounds the work Parse does on untrusted input. The zero value uses
// the defaults; a negative value is treated as the default too, so a limit
// can never be switched off by accident.
type Limits struct {
	MaxBytes int // largest accepted document, in bytes; default DefaultMaxBytes
	MaxDepth int // deepest accepted nesting of objects and arrays; default DefaultMaxDepth
}

func (l Limits) maxBytes() int {
	if l.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return l.MaxBytes
}

func (l Limits) maxDepth() int {
	if l.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return l.MaxDepth
}

// Check reports whether data is a single well-formed JSON value within the
// limits, valid UTF-8 without escaped lone surrogates, with no object
// repeating a property name or holding two names that differ only in case
// (ErrDuplicateKey). It is what Parse runs before decoding; Validate runs it
// too. A *PathError gives the JSON pointer of the problem.
func (l Limits) Check(data []byte) error {
	if len(data) > l.maxBytes() {
		return fmt.Errorf("%w: %d bytes, limit %d (Limits.MaxBytes)", ErrTooLarge, len(data), l.maxBytes())
	}
	return fromStrict(strictjson.Check(data, strictjson.Limits{MaxBytes: l.maxBytes(), MaxDepth: l.maxDepth()}))
}
