package strictjson

import (
	"bytes"
	"fmt"
	"math"
)

// Member is one member of a JSON object as it appears in the input.
type Member struct {
	// Key is the name, unescaped: a sub-slice of the input unless the
	// name has escapes, so that matching it allocates nothing.
	Key     []byte
	RawName []byte // the name as written, with its quotes
	Value   []byte // the value as written, without surrounding space
}

// Name returns the member's name as a string.
func (m Member) Name() string { return string(m.Key) }

// Is reports whether the member is named name, exactly.
func (m Member) Is(name string) bool { return string(m.Key) == name }

// Members checks data as [Check] does and returns the members of the
// object it must be, in input order, as sub-slices of data. It suits
// readers that must keep the exact bytes of each value (a JWT payload whose
// claims are removed before the rest is read as a credential) or that read
// each member lazily.
func Members(data []byte, lim Limits) ([]Member, error) {
	if len(data) > lim.maxBytes() {
		return nil, &Error{Err: ErrTooLarge, Offset: -1, Detail: fmt.Sprintf("%d bytes, limit %d", len(data), lim.maxBytes())}
	}
	if invalidUTF8(data) >= 0 {
		_, err := run(data, lim, false)
		return nil, err
	}
	p := parser{data: data, maxDepth: lim.maxDepth(), stopAt: math.MaxInt}
	out, err := p.members()
	if err != nil {
		return nil, err.(*Error).finish()
	}
	return out, nil
}

func (p *parser) members() ([]Member, error) {
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != '{' {
		if _, err := p.value(0); err != nil {
			return nil, err
		}
		return nil, &Error{Err: ErrType, Offset: 0, Detail: "the document is not a JSON object"}
	}
	if p.maxDepth < 1 {
		return nil, p.fail(ErrTooDeep, fmt.Sprintf("deeper than %d", p.maxDepth))
	}
	p.pos++
	out := []Member{}
	var index map[string][]byte
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return out, p.end()
	}
	for {
		key, keyPos, nameEnd, err := p.memberName(0, &index)
		if err != nil {
			return nil, err
		}
		m := Member{Key: key, RawName: p.data[keyPos:nameEnd]}
		vstart := p.pos
		// Terms inside a top-level "@context" may differ only in case,
		// as Decode allows (see parser.inContext).
		isContext := string(key) == "@context"
		if isContext {
			p.inContext++
		}
		_, err = p.value(1)
		if isContext {
			p.inContext--
		}
		if err != nil {
			return nil, within(err, string(key))
		}
		m.Value = p.data[vstart:p.pos]
		out = append(out, m)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.fail(ErrSyntax, "unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return out, p.end()
		default:
			return nil, p.fail(ErrSyntax, "expected ',' or '}' after a member")
		}
	}
}

func (p *parser) end() error {
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.fail(ErrSyntax, "data after the top-level value")
	}
	return nil
}

// CaseMismatch reports whether name equals one of names when case is
// ignored but none exactly, and returns that one. A reader that looks
// members up by exact name (as it should) uses it to refuse a "KID" or
// "Iss" that a case-insensitive reader of the same bytes would take for
// the real thing.
func CaseMismatch(name string, names ...string) (string, bool) {
	var match string
	found := false
	for _, n := range names {
		if n == name {
			return "", false
		}
		if !found && len(n) <= 4*len(name) && bytes.EqualFold([]byte(n), []byte(name)) {
			match, found = n, true
		}
	}
	return match, found
}
