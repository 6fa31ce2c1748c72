package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
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
// limits, valid UTF-8, with no object repeating a property name. It is what
// Parse runs before decoding; Validate runs it too.
func (l Limits) Check(data []byte) error {
	if len(data) > l.maxBytes() {
		return fmt.Errorf("%w: %d bytes, limit %d (Limits.MaxBytes)", ErrTooLarge, len(data), l.maxBytes())
	}
	if !utf8.Valid(data) {
		return ErrInvalidUTF8
	}
	// Checking depth before handing the input to encoding/json keeps its
	// recursion bounded by our limit rather than by its own (10000).
	if err := checkDepth(data, l.maxDepth()); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := scanValue(dec, ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the top-level value", ErrInvalidJSON)
	}
	return nil
}

// checkDepth counts brackets outside strings; it is linear and allocation
// free, so it runs before anything that recurses.
func checkDepth(data []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for i, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return fmt.Errorf("%w: deeper than %d at byte %d (Limits.MaxDepth)", ErrTooDeep, max, i)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// scanValue walks one JSON value token by token, refusing duplicate
// property names; ptr is the JSON Pointer of the value for error messages.
func scanValue(dec *json.Decoder, ptr string) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(err, ptr)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	switch d {
	case '{':
		seen := make(map[string]bool)
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return syntaxError(err, ptr)
			}
			k := kt.(string)
			if seen[k] {
				return &PathError{Pointer: ptr + "/" + escapePointer(k), Err: fmt.Errorf("%w %q", ErrDuplicateKey, k)}
			}
			seen[k] = true
			if err := scanValue(dec, ptr+"/"+escapePointer(k)); err != nil {
				return err
			}
		}
	case '[':
		for i := 0; dec.More(); i++ {
			if err := scanValue(dec, ptr+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // closing delimiter
		return syntaxError(err, ptr)
	}
	return nil
}

func syntaxError(err error, ptr string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: unexpected end of input", ErrInvalidJSON)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: %v (byte %d)", ErrInvalidJSON, se, se.Offset)
	}
	if ptr == "" {
		ptr = "the document"
	}
	return fmt.Errorf("%w: %v (in %s)", ErrInvalidJSON, err, ptr)
}
