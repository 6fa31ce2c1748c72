package strictjson

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Default limits, used when a [Limits] field is zero or negative. A real
// credential is a few kilobytes and a CLR with hundreds of embedded
// credentials a few megabytes; the limits sit well above both and well below
// what would let a hostile document exhaust memory or stack.
const (
	DefaultMaxBytes = 16 << 20 // 16 MiB of JSON text
	DefaultMaxDepth = 64       // nested objects and arrays
)

// Limits bounds the work done on untrusted input. The zero value applies
// the defaults; a zero or negative field means its default, so a limit can
// never be switched off by accident.
type Limits struct {
	// MaxBytes is the largest accepted input, in bytes.
	MaxBytes int
	// MaxDepth is the deepest accepted nesting of objects and arrays; a
	// scalar at the top level has depth 0, {} has depth 1.
	MaxDepth int
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

// The classes of problem an [*Error] reports; test with [errors.Is].
var (
	// ErrSyntax means the input is not one well-formed JSON text.
	ErrSyntax = errors.New("strictjson: invalid JSON")
	// ErrInvalidUTF8 means invalid UTF-8 or an escaped lone UTF-16
	// surrogate, which encoding/json silently turns into U+FFFD.
	ErrInvalidUTF8 = errors.New("strictjson: invalid UTF-8 or lone surrogate escape")
	// ErrDuplicateKey means an object repeats a member name. Parsers
	// disagree on which of the two wins.
	ErrDuplicateKey = errors.New("strictjson: duplicate member name")
	// ErrCaseVariant means an object has two member names that differ
	// only in case ("kid" and "KID"). A case-insensitive reader (such as
	// encoding/json filling a struct) would see one member where a
	// case-sensitive one sees two.
	ErrCaseVariant = errors.New("strictjson: member names differ only in case")
	// ErrFieldCase means a member name matches the JSON name of a struct
	// field only when case is ignored ("KID" for a field tagged "kid").
	// Only [Unmarshal] reports it.
	ErrFieldCase = errors.New("strictjson: member name matches a field only when case is ignored")
	// ErrTooDeep means nesting beyond Limits.MaxDepth.
	ErrTooDeep = errors.New("strictjson: nesting too deep")
	// ErrTooLarge means input beyond Limits.MaxBytes.
	ErrTooLarge = errors.New("strictjson: input too large")
	// ErrType means the JSON does not fit the Go value [Unmarshal] decodes
	// into (a string where a number is expected, for example).
	ErrType = errors.New("strictjson: JSON value does not fit the Go type")
	// ErrNumberRange means a number whose magnitude no IEEE 754 double
	// can hold. Only [DecodeFinite] reports it; the error's Detail is the
	// number.
	ErrNumberRange = errors.New("strictjson: number out of the range of a double")
)

// Error reports a problem and where it is. Err is one of the sentinel
// errors of this package; errors.Is sees through to it (and to the
// encoding/json error behind an [ErrType]).
type Error struct {
	Err error
	// Pointer is the RFC 6901 JSON pointer of the offending value or
	// member ("" is the whole document, "/issuer/id" a member).
	Pointer string
	// Offset is the byte offset in the input where the problem was found,
	// or -1 when it is not known.
	Offset int
	// Detail says what was found, for people.
	Detail string

	cause error
	rev   []string // pointer tokens, innermost first, while unwinding
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	b.WriteString(" at ")
	if e.Pointer == "" {
		b.WriteString("the top level")
	} else {
		b.WriteString(e.Pointer)
	}
	if e.Offset >= 0 {
		b.WriteString(" (byte ")
		b.WriteString(strconv.Itoa(e.Offset))
		b.WriteString(")")
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns the sentinel and, for ErrType, the encoding/json error.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

// finish turns the tokens collected while unwinding into Pointer.
func (e *Error) finish() *Error {
	var b strings.Builder
	for i := len(e.rev) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(EscapeToken(e.rev[i]))
	}
	e.Pointer, e.rev = b.String(), nil
	return e
}

// EscapeToken escapes one reference token of a JSON pointer (RFC 6901
// section 3: "~" becomes "~0", "/" becomes "~1").
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// Pointer builds a JSON pointer from unescaped reference tokens.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// Check reports whether data is one JSON text that [Decode] would accept,
// without building the decoded value. It allocates little, so it suits
// callers that go on to read the bytes their own way.
func Check(data []byte, lim Limits) error {
	_, err := run(data, lim, false)
	return err
}

// Decode parses one JSON text strictly into the values encoding/json
// produces with UseNumber: map[string]any, []any, string, json.Number, bool
// and nil. It refuses everything listed in the package documentation.
func Decode(data []byte, lim Limits) (any, error) {
	return run(data, lim, true)
}

// DecodeShared is [Decode] for a caller that is done with the result
// before it returns, such as one that canonicalizes or signs a document:
// the result's member names and strings without escapes are cut from one
// copy of data instead of allocated one by one, so a string kept from the
// result keeps that whole copy in memory.
func DecodeShared(data []byte, lim Limits) (any, error) {
	return parse(data, lim, true, true)
}

// DecodeFinite is [Decode], or [DecodeShared] when shared is set, that
// also refuses a number no IEEE 754 double can hold ([ErrNumberRange]), as
// a reader that will serialize the numbers as doubles (RFC 8785) must.
// The numbers are checked as they are read, where a walk of the decoded
// value afterwards would visit every member a second time. Every other
// fault is reported first, as Decode reports it; then the first such
// number in document order.
func DecodeFinite(data []byte, lim Limits, shared bool) (any, error) {
	v, _, err := parseWith(data, lim, true, shared, true)
	return v, err
}

// DecodeFiniteShape is [DecodeFinite] that also returns the [Shape] of
// the value it built.
func DecodeFiniteShape(data []byte, lim Limits, shared bool) (any, Shape, error) {
	return parseWith(data, lim, true, shared, true)
}

// Shape is what the reader saw of a value while it built it, for a
// consumer that would otherwise walk the value again to learn the same
// (package jsonld's input copier, which counts values, measures depth and
// looks for the few things it refuses or converts). Only the reader makes
// a Shape that says anything: the zero Shape vouches for nothing.
type Shape struct {
	values int // every value built, containers and the root included
	depth  int // the deepest nesting of objects and arrays ({} is 1)
	// emptyName: a member named "" somewhere; languageOnly: an object
	// whose only member is "@language"; contextNumber: a number within
	// the value of a member named "@context", at any level.
	emptyName, languageOnly, contextNumber bool
	built                                  bool
}

// PlainWithin reports whether s is the shape of a value the reader built
// that nests at most maxDepth deep, holds at most maxValues values, and
// has no member named "", no object whose only member is "@language" and
// no number within an "@context" member. A value removed from such a
// value (a member deleted, say) leaves it so; a value added does not.
func (s Shape) PlainWithin(maxDepth, maxValues int) bool {
	return s.built && s.depth <= maxDepth && s.values <= maxValues &&
		!s.emptyName && !s.languageOnly && !s.contextNumber
}

// DecodeAll is [Decode] for a stream of one or more JSON texts separated
// by white space (registry exports are often several documents saved one
// after the other). Each text is checked as Decode checks one; an error's
// Pointer is within the text it was found in, and its Detail names which.
func DecodeAll(data []byte, lim Limits) ([]any, error) {
	if len(data) > lim.maxBytes() {
		return nil, &Error{Err: ErrTooLarge, Offset: -1, Detail: fmt.Sprintf("%d bytes, limit %d", len(data), lim.maxBytes())}
	}
	if invalidUTF8(data) >= 0 {
		// Decode finds the pointer; the texts before the bad byte are fine.
		_, err := run(data, lim, false)
		return nil, err
	}
	p := parser{data: data, maxDepth: lim.maxDepth(), build: true, stopAt: math.MaxInt}
	var out []any
	for p.skipSpace(); p.pos < len(data); p.skipSpace() {
		v, err := p.value(0)
		if err != nil {
			e := err.(*Error).finish()
			e.Detail = strings.TrimPrefix(fmt.Sprintf("%s (JSON text %d)", e.Detail, len(out)+1), " ")
			return nil, e
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, &Error{Err: ErrSyntax, Offset: p.pos, Detail: "no JSON text"}
	}
	return out, nil
}

// DecodeObject is [Decode] for a document that must be a JSON object.
func DecodeObject(data []byte, lim Limits) (map[string]any, error) {
	v, err := Decode(data, lim)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &Error{Err: ErrType, Offset: -1, Detail: "the document is " + kind(v) + ", not an object"}
	}
	return m, nil
}

func run(data []byte, lim Limits, build bool) (any, error) {
	return parse(data, lim, build, false)
}

// parse reads data, building the value when build is set, from strings cut
// from one copy of data when share is also set (see DecodeShared).
func parse(data []byte, lim Limits, build, share bool) (any, error) {
	v, _, err := parseWith(data, lim, build, share, false)
	return v, err
}

// parseWith is parse, refusing numbers out of a double's range when
// finite is set (see DecodeFinite), and returning the value's Shape.
func parseWith(data []byte, lim Limits, build, share, finite bool) (any, Shape, error) {
	if len(data) > lim.maxBytes() {
		return nil, Shape{}, &Error{Err: ErrTooLarge, Offset: -1, Detail: fmt.Sprintf("%d bytes, limit %d", len(data), lim.maxBytes())}
	}
	p := parser{data: data, maxDepth: lim.maxDepth(), build: build, stopAt: math.MaxInt, finite: finite, wide: -1}
	if build {
		s := scratchPool.Get().(*scratch)
		defer s.release()
		p.keys, p.elems = s.keys[:0], s.elems[:0]
		if share {
			p.src = string(data)
		}
	}
	if i := invalidUTF8(data); i >= 0 {
		// The pointer costs a second, failing parse; only bad input pays.
		e := &Error{Err: ErrInvalidUTF8, Offset: i, Detail: "invalid UTF-8"}
		p.stopAt, p.build = i, false
		if _, err := p.document(); err != nil {
			if pe, ok := err.(*Error); ok && pe.Err == errStop {
				e.rev = pe.rev
			}
		}
		return nil, Shape{}, e.finish()
	}
	v, err := p.document()
	if err != nil {
		return nil, Shape{}, err.(*Error).finish()
	}
	if p.wide >= 0 {
		// After the whole parse, so that any other fault wins, as it did
		// when the numbers were checked in a second walk.
		return nil, Shape{}, &Error{Err: ErrNumberRange, Offset: p.wide, Detail: string(p.wideNum)}
	}
	p.shape.built = build
	return v, p.shape, nil
}

// scratch holds the names of the open objects and the elements of the open
// arrays while a document is built, room enough for a credential: grown
// from nothing they were half a dozen allocations per read, and one per
// read they were still 900 bytes of garbage for every credential a batch
// signs. (They cannot live in the parse's frame: escape analysis sees the
// parser's strings leave it.)
type scratch struct {
	keys  [24][]byte
	elems [16]any
}

// scratchPool recycles scratch between reads. It holds no document: a
// scratch is cleared before it goes back.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (s *scratch) release() {
	clear(s.keys[:])
	clear(s.elems[:])
	scratchPool.Put(s)
}

// kind names a decoded value's JSON type, for messages.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "a number"
}

// Interned returns the constant equal to s when s is a value credentials
// repeat (see interned.go): a string that shares no memory with the
// document it was read from, so a caller may keep it without copying.
func Interned(s string) (string, bool) {
	v, ok := interned(s)
	if !ok {
		return "", false
	}
	return v.(string), true
}

// Value returns s as an any, as [Decode] would return it: a value that
// credentials repeat (see interned.go) is a constant, which costs no
// allocation, where any(s) allocates. For code that builds, next to a
// decoded document, a tree that canonicalization reads (a proof
// configuration).
func Value(s string) any {
	if v, ok := interned(s); ok {
		return v
	}
	return s
}
