package strictjson

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// SplitObject returns the members of the object data without checking the
// values: it is for input that has passed [Check] or [Decode] already, or
// that encoding/json has validated before calling an UnmarshalJSON method,
// so that a decoder walking a document level by level scans each level
// once rather than once per enclosing level. Duplicate names and names
// that differ only in case are still refused at this level (encoding/json
// does not refuse them). On input that is not well-formed it returns an
// error, never panics, but it does not promise to find every problem: run
// Check first.
func SplitObject(data []byte) ([]Member, error) { return SplitObjectInto(nil, data) }

// SplitObjectInto is [SplitObject] returning the members in buf's storage
// while they fit (buf's length is ignored), so that a caller decoding level
// by level can keep each level's members in an array of its own frame
// instead of allocating them.
func SplitObjectInto(buf []Member, data []byte) ([]Member, error) {
	p := parser{data: data, stopAt: math.MaxInt}
	p.skipSpace()
	if p.pos >= len(data) || data[p.pos] != '{' {
		return nil, &Error{Err: ErrType, Offset: p.pos, Detail: "want an object"}
	}
	p.pos++
	out := buf[:0]
	var index map[string][]byte
	p.skipSpace()
	if out == nil && p.pos < len(data) && data[p.pos] != '}' {
		out = make([]Member, 0, 4)
	}
	if p.pos < len(data) && data[p.pos] == '}' {
		p.pos++
		return out, p.endSplit()
	}
	for {
		p.skipSpace()
		if p.pos >= len(data) || data[p.pos] != '"' {
			return nil, p.split(ErrSyntax, "expected a member name")
		}
		keyPos := p.pos
		// Names are checked in full (escapes, surrogates): they are
		// compared and unescaped here, where values are only skipped.
		start, end, escaped, err := p.scanString()
		if err != nil {
			return nil, err
		}
		key := data[start:end]
		if escaped {
			key = unescape(nil, key)
		}
		if other, found := sameMember(out, key, &index); found {
			e := &Error{Err: ErrCaseVariant, Offset: keyPos, Detail: fmt.Sprintf("%q and %q", other, key), Pointer: Pointer(string(key))}
			if bytes.Equal(other, key) {
				e.Err, e.Detail = ErrDuplicateKey, strconv.Quote(string(key))
			}
			return nil, e
		}
		m := Member{Key: key, RawName: data[keyPos:p.pos]}
		p.skipSpace()
		if p.pos >= len(data) || data[p.pos] != ':' {
			return nil, p.split(ErrSyntax, "expected ':' after a member name")
		}
		p.pos++
		p.skipSpace()
		vstart := p.pos
		if err := p.skipValue(); err != nil {
			return nil, err
		}
		m.Value = data[vstart:p.pos]
		out = append(out, m)
		p.skipSpace()
		if p.pos < len(data) && data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(data) && data[p.pos] == '}' {
			p.pos++
			return out, p.endSplit()
		}
		return nil, p.split(ErrSyntax, "expected ',' or '}' after a member")
	}
}

// SplitArray returns the elements of the array data, unchecked, on the
// terms of [SplitObject].
func SplitArray(data []byte) ([][]byte, error) { return SplitArrayInto(nil, data) }

// SplitArrayInto is [SplitArray] returning the elements in buf's storage
// while they fit, as [SplitObjectInto] does.
func SplitArrayInto(buf [][]byte, data []byte) ([][]byte, error) {
	p := parser{data: data}
	p.skipSpace()
	if p.pos >= len(data) || data[p.pos] != '[' {
		return nil, &Error{Err: ErrType, Offset: p.pos, Detail: "want an array"}
	}
	p.pos++
	out := buf[:0]
	p.skipSpace()
	if p.pos < len(data) && data[p.pos] == ']' {
		p.pos++
		return out, p.endSplit()
	}
	for {
		p.skipSpace()
		start := p.pos
		if err := p.skipValue(); err != nil {
			return nil, err
		}
		out = append(out, data[start:p.pos])
		p.skipSpace()
		if p.pos < len(data) && data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(data) && data[p.pos] == ']' {
			p.pos++
			return out, p.endSplit()
		}
		return nil, p.split(ErrSyntax, "expected ',' or ']' after an element")
	}
}

func (p *parser) split(err error, detail string) *Error {
	return &Error{Err: err, Offset: p.pos, Detail: detail}
}

func (p *parser) endSplit() error {
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.split(ErrSyntax, "data after the value")
	}
	return nil
}

// skipString moves past the string at p.pos (a quote) and returns the
// offset after its closing quote.
func (p *parser) skipString() (int, bool, error) {
	// Most strings have no escape: then the first quote ends the string,
	// and IndexByte finds it many bytes at a time (the typed decoders skip
	// each string once per level that encloses it).
	rest := p.data[p.pos+1:]
	if i := bytes.IndexByte(rest, '"'); i >= 0 && bytes.IndexByte(rest[:i], '\\') < 0 {
		p.pos += i + 2
		return p.pos, false, nil
	}
	escaped := false
	for j := p.pos + 1; j < len(p.data); j++ {
		switch p.data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			p.pos = j + 1
			return j + 1, escaped, nil
		}
	}
	return 0, false, p.split(ErrSyntax, "unterminated string")
}

// skipValue moves past the value at p.pos by matching brackets outside
// strings; it trusts that the value was checked before.
func (p *parser) skipValue() error {
	d := p.data
	if p.pos >= len(d) {
		return p.split(ErrSyntax, "missing value")
	}
	switch d[p.pos] {
	case '"':
		_, _, err := p.skipString()
		return err
	case '{', '[':
		depth := 0
		for p.pos < len(d) {
			switch d[p.pos] {
			case '"':
				if _, _, err := p.skipString(); err != nil {
					return err
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					p.pos++
					return nil
				}
			}
			p.pos++
		}
		return p.split(ErrSyntax, "unterminated object or array")
	}
	start := p.pos
	for p.pos < len(d) {
		switch d[p.pos] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			if p.pos == start {
				return p.split(ErrSyntax, "missing value")
			}
			return nil
		}
		p.pos++
	}
	if p.pos == start {
		return p.split(ErrSyntax, "missing value")
	}
	return nil
}

// sameMember is sameName for SplitObject, whose members so far are the
// names to compare with: no second list of names is kept.
func sameMember(out []Member, key []byte, index *map[string][]byte) ([]byte, bool) {
	if *index == nil && len(out) < smallObject {
		for _, m := range out {
			if bytes.EqualFold(m.Key, key) {
				return m.Key, true
			}
		}
		return nil, false
	}
	if *index == nil {
		*index = make(map[string][]byte, 2*smallObject)
		for _, m := range out {
			(*index)[fold(m.Key)] = m.Key
		}
	}
	f := fold(key)
	if k, ok := (*index)[f]; ok {
		return k, true
	}
	(*index)[f] = key
	return nil, false
}
