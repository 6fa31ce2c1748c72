package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/microcred/microcred/internal/limits"
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
// limits, valid UTF-8, with no object repeating a property name. It is what
// Parse runs before decoding; Validate runs it too.
func (l Limits) Check(data []byte) error {
	if err := l.valid(); err != nil {
		return err
	}
	if len(data) > l.maxBytes() {
		return fmt.Errorf("%w: %d bytes, limit %d (Limits.MaxDocumentBytes)", ErrTooLarge, len(data), l.maxBytes())
	}
	if !utf8.Valid(data) {
		return ErrInvalidUTF8
	}
	// Checking depth before handing the input to encoding/json keeps its
	// recursion bounded by our limit rather than by its own (10000).
	if err := checkDepth(data, l.maxDepth()); err != nil {
		return err
	}
	if !json.Valid(data) {
		var raw json.RawMessage // only to learn where the syntax error is
		return syntaxError(json.Unmarshal(data, &raw), "")
	}
	return checkDuplicates(data)
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

// checkDuplicates refuses an object that repeats a property name. It is
// one linear pass over data, which must be valid JSON: a stack of the
// open objects and arrays, each object with the names seen so far. Names
// are compared as sub-slices of data (decoded only when escaped), and the
// frames live in one reused slice, so a document costs a handful of
// allocations, not several per object.
func checkDuplicates(data []byte) error {
	type frame struct {
		obj       bool
		expectKey bool
		key       []byte
		index     int
		first     int // this object's names are keys[first:]
		seen      map[string]struct{}
	}
	var stack []frame
	var keys [][]byte // the names of every open object, innermost last
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{':
			stack = append(stack, frame{obj: true, expectKey: true, first: len(keys)})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			if top := stack[len(stack)-1]; top.obj {
				keys = keys[:top.first]
			}
			stack = stack[:len(stack)-1]
		case ',':
			if top := &stack[len(stack)-1]; top.obj {
				top.expectKey = true
			} else {
				top.index++
			}
		case '"':
			end, escaped, err := endOfString(data, i)
			if err != nil {
				return err
			}
			if escaped {
				if j := loneSurrogate(data[i:end]); j >= 0 {
					return fmt.Errorf("%w: an escaped lone UTF-16 surrogate at byte %d", ErrInvalidUTF8, i+j)
				}
			}
			if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].expectKey {
				top := &stack[n-1]
				key := data[i+1 : end-1]
				if escaped {
					s, err := unquote(data[i:end], true)
					if err != nil {
						return syntaxError(err, "")
					}
					key = []byte(s)
				}
				dup := false
				switch {
				case top.seen != nil:
					_, dup = top.seen[string(key)]
					top.seen[string(key)] = struct{}{}
				case len(keys)-top.first < 16:
					dup = slices.ContainsFunc(keys[top.first:], func(k []byte) bool { return bytes.Equal(k, key) })
					keys = append(keys, key)
				default:
					top.seen = make(map[string]struct{}, 32)
					for _, k := range keys[top.first:] {
						top.seen[string(k)] = struct{}{}
					}
					_, dup = top.seen[string(key)]
					top.seen[string(key)] = struct{}{}
				}
				top.key, top.expectKey = key, false
				if dup {
					var ptr strings.Builder
					for _, f := range stack {
						if f.obj {
							ptr.WriteString("/" + escapePointer(string(f.key)))
						} else {
							ptr.WriteString("/" + strconv.Itoa(f.index))
						}
					}
					return &PathError{Pointer: ptr.String(), Err: fmt.Errorf("%w %q", ErrDuplicateKey, key)}
				}
			}
			i = end - 1
		}
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

// loneSurrogate returns the offset in the quoted string s of a \uXXXX
// escape that is half of a UTF-16 surrogate pair without its other half,
// or -1. encoding/json would silently turn it into U+FFFD, so that two
// different documents would read the same.
func loneSurrogate(s []byte) int {
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(s) || s[i] != '\\' || s[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16)
		return rune(n), err == nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		r, ok := hex4(i)
		if !ok {
			i++ // skip the escaped character
			continue
		}
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if lo, ok := hex4(i + 6); ok && lo >= 0xDC00 && lo < 0xE000 {
				i += 11
				continue
			}
			return i
		case r >= 0xDC00 && r < 0xE000:
			return i
		}
		i += 5
	}
	return -1
}
