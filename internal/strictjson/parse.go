package strictjson

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// errStop ends the second parse run finds an invalid UTF-8 byte's pointer
// with; it never reaches a caller.
var errStop = fmt.Errorf("strictjson: stop")

// smallObject is how many member names an object may have before its
// names are indexed in a map; below it, comparing each new name with the
// earlier ones is cheaper than hashing.
const smallObject = 16

type parser struct {
	data     []byte
	pos      int
	maxDepth int
	build    bool
	stopAt   int // offset of an invalid UTF-8 byte, when looking for its pointer

	// keys holds the member names of every open object, innermost last,
	// as sub-slices of data (copies only when escaped): one slice reused
	// for the whole document instead of a set per object.
	keys [][]byte
	buf  []byte // scratch for unescaping
	// src, when not empty, is a copy of data the built strings are cut
	// from (DecodeShared).
	src string
	// elems holds the elements of the open arrays, innermost last: an
	// array is built from it at its end with one allocation of its final
	// size, instead of growing (several allocations for most arrays).
	elems []any

	// inContext counts the "@context" members being read: JSON-LD terms
	// are case-sensitive and contexts define names that differ only in
	// case (the Open Badges context has "Alignment" and "alignment"), so
	// there only exact duplicates are refused.
	inContext int

	// finite: refuse numbers out of a double's range (DecodeFinite);
	// wide is the offset of the first such number, or -1, and wideNum
	// its text.
	finite  bool
	wide    int
	wideNum []byte

	// shape is what the document showed of itself, kept as it is built
	// (see Shape).
	shape Shape
}

func (p *parser) document() (any, error) {
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, p.fail(ErrSyntax, "data after the top-level value")
	}
	return v, nil
}

func (p *parser) fail(err error, detail string) *Error {
	if p.pos >= p.stopAt {
		err = errStop
	}
	return &Error{Err: err, Offset: p.pos, Detail: detail}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, error) {
	p.shape.values++
	if p.pos >= len(p.data) {
		return nil, p.fail(ErrSyntax, "unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		start, end, escaped, err := p.scanString()
		if err != nil || !p.build {
			return nil, err
		}
		if !escaped {
			if v, ok := interned(p.data[start:end]); ok {
				return v, nil
			}
			if p.src != "" {
				return p.src[start:end], nil
			}
			return string(p.data[start:end]), nil
		}
		p.buf = unescape(p.buf[:0], p.data[start:end])
		return string(p.buf), nil
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.pos
		if err := p.scanNumber(); err != nil {
			return nil, err
		}
		if p.finite && p.wide < 0 && !fitsDouble(p.data[start:p.pos]) {
			p.wide, p.wideNum = start, p.data[start:p.pos]
		}
		if p.inContext > 0 {
			p.shape.contextNumber = true
		}
		if !p.build {
			return nil, nil
		}
		if p.src != "" {
			return json.Number(p.src[start:p.pos]), nil
		}
		return json.Number(p.data[start:p.pos]), nil
	case p.literal("true"):
		return true, nil
	case p.literal("false"):
		return false, nil
	case p.literal("null"):
		return nil, nil
	default:
		return nil, p.fail(ErrSyntax, fmt.Sprintf("unexpected character %q", c))
	}
}

func (p *parser) literal(s string) bool {
	if len(p.data)-p.pos >= len(s) && string(p.data[p.pos:p.pos+len(s)]) == s {
		p.pos += len(s)
		return true
	}
	return false
}

// within adds token to the pointer of an error coming up from a value.
func within(err error, token string) error {
	if e, ok := err.(*Error); ok {
		e.rev = append(e.rev, token)
	}
	return err
}

func (p *parser) object(depth int) (any, error) {
	if depth > p.maxDepth {
		return nil, p.fail(ErrTooDeep, fmt.Sprintf("deeper than %d", p.maxDepth))
	}
	p.pos++ // '{'
	p.shape.depth = max(p.shape.depth, depth)
	var m map[string]any
	if p.build {
		m = map[string]any{}
	}
	first := len(p.keys)
	defer func() { p.keys = p.keys[:first] }()
	var index map[string][]byte // folded name -> name, for large objects
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return m, nil
	}
	for {
		key, keyPos, nameEnd, err := p.memberName(first, &index)
		if err != nil {
			if e, ok := err.(*Error); ok && e.rev != nil && keyPos >= p.stopAt {
				e.Err = errStop
			}
			return nil, err
		}
		if len(key) == 0 {
			p.shape.emptyName = true
		}
		isContext := string(key) == "@context"
		if isContext {
			p.inContext++
		}
		v, err := p.value(depth)
		if isContext {
			p.inContext--
		}
		if err != nil {
			return nil, within(err, string(key))
		}
		if p.build {
			if p.src != "" && len(key) == nameEnd-keyPos-2 {
				// Not escaped (unescaping shortens), so key is the text
				// between the quotes.
				m[p.src[keyPos+1:nameEnd-1]] = v
			} else {
				m[string(key)] = v
			}
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.fail(ErrSyntax, "unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			if len(p.keys) == first+1 && string(p.keys[first]) == "@language" {
				p.shape.languageOnly = true
			}
			return m, nil
		default:
			return nil, p.fail(ErrSyntax, "expected ',' or '}' after a member")
		}
	}
}

// sameName records key as a member name of the object whose names start at
// keys[first], and returns an earlier name equal to it under case folding.
func (p *parser) sameName(key []byte, first int, index *map[string][]byte) ([]byte, bool) {
	exact := p.inContext > 0
	if *index == nil && len(p.keys)-first < smallObject {
		for _, k := range p.keys[first:] {
			if !foldDiffersAtStart(k, key) && bytes.EqualFold(k, key) && (!exact || bytes.Equal(k, key)) {
				return k, true
			}
		}
		p.keys = append(p.keys, key)
		return nil, false
	}
	foldOrNot := fold
	if exact {
		foldOrNot = func(b []byte) string { return string(b) }
	}
	if *index == nil {
		*index = make(map[string][]byte, 2*smallObject)
		for _, k := range p.keys[first:] {
			(*index)[foldOrNot(k)] = k
		}
	}
	f := foldOrNot(key)
	if k, ok := (*index)[f]; ok {
		return k, true
	}
	(*index)[f] = key
	return nil, false
}

// foldDiffersAtStart reports that a and b are not equal under case folding
// because they start with ASCII bytes that differ other than in case (an
// ASCII byte folds to no other ASCII byte but its other case). Most pairs
// of member names differ so, and the test is cheaper than a call of
// bytes.EqualFold; false says nothing.
func foldDiffersAtStart(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) != len(b)
	}
	x, y := a[0], b[0]
	return x|y < utf8.RuneSelf && x|0x20 != y|0x20
}

// fold maps every name to one representative of its case-folding class,
// so that fold(a) == fold(b) exactly when bytes.EqualFold(a, b).
func fold(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	out := make([]byte, 0, len(b))
	if ascii {
		for _, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
		}
		return string(out)
	}
	for _, r := range string(b) {
		// The smallest rune of r's simple-folding orbit stands for it.
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		out = utf8.AppendRune(out, min)
	}
	return string(out)
}

func (p *parser) array(depth int) (any, error) {
	if depth > p.maxDepth {
		return nil, p.fail(ErrTooDeep, fmt.Sprintf("deeper than %d", p.maxDepth))
	}
	p.pos++ // '['
	p.shape.depth = max(p.shape.depth, depth)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		if p.build {
			return []any{}, nil
		}
		return nil, nil
	}
	first := len(p.elems)
	for i := 0; ; i++ {
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, within(err, strconv.Itoa(i))
		}
		if p.build {
			p.elems = append(p.elems, v)
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.fail(ErrSyntax, "unexpected end of input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			if !p.build {
				return nil, nil
			}
			a := slices.Clone(p.elems[first:])
			p.elems = p.elems[:first]
			return a, nil
		default:
			return nil, p.fail(ErrSyntax, "expected ',' or ']' after an element")
		}
	}
}

// scanNumber checks the RFC 8259 number grammar. The text is kept as is
// (json.Number), so nothing is rounded.
func (p *parser) scanNumber() error {
	d := p.data
	if p.pos < len(d) && d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case p.pos < len(d) && d[p.pos] >= '1' && d[p.pos] <= '9':
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
	default:
		return p.fail(ErrSyntax, "invalid number")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return p.fail(ErrSyntax, "invalid number: digit expected after '.'")
		}
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return p.fail(ErrSyntax, "invalid number: digit expected in the exponent")
		}
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
	}
	return nil
}

// scanString checks the string starting at the quote at p.pos and returns
// the bounds of its contents. It allocates nothing; escaped reports whether
// the contents must go through unescape.
func (p *parser) scanString() (start, end int, escaped bool, err error) {
	d := p.data
	p.pos++ // opening quote
	start = p.pos
	// Up to stopAt only: the second parse that finds an invalid byte's
	// pointer must stop at that byte, not read the string on past it.
	lim := min(len(d), p.stopAt)
	for {
		p.pos = skipPlain(d[:lim], p.pos)
		if p.pos >= len(d) {
			break
		}
		if p.pos >= p.stopAt {
			return 0, 0, false, p.fail(errStop, "")
		}
		c := d[p.pos]
		switch {
		case c == '"':
			end = p.pos
			p.pos++
			return start, end, escaped, nil
		case c < 0x20:
			return 0, 0, false, p.fail(ErrSyntax, "control character in a string")
		}
		// c is a backslash.
		escaped = true
		p.pos++
		if p.pos >= len(d) {
			break
		}
		e := d[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return 0, 0, false, p.fail(ErrSyntax, `invalid \u escape`)
			}
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || !p.literal(`\u`) {
					return 0, 0, false, p.fail(ErrInvalidUTF8, "lone surrogate escape")
				}
				r2, ok := p.hex4()
				if !ok || r2 < 0xDC00 || r2 > 0xDFFF {
					return 0, 0, false, p.fail(ErrInvalidUTF8, "lone surrogate escape")
				}
			}
		default:
			return 0, 0, false, p.fail(ErrSyntax, fmt.Sprintf(`invalid escape \%c`, e))
		}
	}
	return 0, 0, false, p.fail(ErrSyntax, "unterminated string")
}

// skipPlain returns the offset of the first byte of d at or after i that
// ends a run of plain string contents (a quote, a backslash or a control
// character), or len(d). Eight bytes are tested at a time: the strings of
// a credential are mostly URLs and names, dozens of plain bytes each, and
// a byte at a time was most of the reader's scanning.
func skipPlain(d []byte, i int) int {
	for ; i+8 <= len(d); i += 8 {
		if w := specialBytes(binary.LittleEndian.Uint64(d[i:])); w != 0 {
			return i + bits.TrailingZeros64(w)/8
		}
	}
	for ; i < len(d); i++ {
		if c := d[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// specialBytes returns w, eight bytes in little-endian order, with the top
// bit set in the first byte that is a control character, a quote or a
// backslash (and perhaps in later bytes, which the borrows of the
// subtractions can mark: only the lowest mark is exact), or 0 when there
// is none.
func specialBytes(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// x-ones*n & ^x & highs marks a byte below n (n <= 0x80); a byte equal
	// to c is a zero byte of w^(ones*c), that is one below 1.
	control := (w - ones*0x20) & ^w
	q := w ^ (ones * '"')
	quote := (q - ones) & ^q
	b := w ^ (ones * '\\')
	backslash := (b - ones) & ^b
	return (control | quote | backslash) & highs
}

func (p *parser) hex4() (rune, bool) {
	if len(p.data)-p.pos < 4 {
		return 0, false
	}
	r, ok := hexRune(p.data[p.pos:])
	if ok {
		p.pos += 4
	}
	return r, ok
}

func hexRune(b []byte) (rune, bool) {
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// unescape appends the contents of a string that scanString accepted,
// escapes resolved, to dst.
func unescape(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := hexRune(s[i+1:])
			i += 4
			if utf16.IsSurrogate(r) {
				r2, _ := hexRune(s[i+3:])
				r = utf16.DecodeRune(r, r2)
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
		default: // '"', '\\', '/'
			dst = append(dst, s[i])
		}
	}
	return dst
}

// invalidUTF8 returns the offset of the first byte that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// memberName reads an object member's name and the ':' after it, leaving
// p.pos at the value. It refuses a name equal, or equal under case
// folding, to one already read in this object (index, from first on); that
// error is an *Error whose rev names the key. nameEnd is the offset just
// after the name's closing quote.
func (p *parser) memberName(first int, index *map[string][]byte) (key []byte, keyPos, nameEnd int, err error) {
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return nil, p.pos, 0, p.fail(ErrSyntax, "expected a member name")
	}
	keyPos = p.pos
	start, end, escaped, err := p.scanString()
	if err != nil {
		return nil, keyPos, 0, err
	}
	key = p.data[start:end]
	if escaped {
		key = unescape(nil, key)
	}
	if other, found := p.sameName(key, first, index); found {
		e := &Error{Err: ErrCaseVariant, Offset: keyPos, Detail: fmt.Sprintf("%q and %q", other, key), rev: []string{string(key)}}
		if bytes.Equal(other, key) {
			e.Err, e.Detail = ErrDuplicateKey, strconv.Quote(string(key))
		}
		return nil, keyPos, 0, e
	}
	nameEnd = p.pos
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != ':' {
		return nil, keyPos, 0, p.fail(ErrSyntax, "expected ':' after a member name")
	}
	p.pos++
	p.skipSpace()
	return key, keyPos, nameEnd, nil
}

// fitsDouble reports whether the JSON number num rounds to a finite
// double. Only a number of more than 308 digits before its point (10^308
// is below the largest double, about 1.8e308) or with an exponent can
// overflow, so most numbers are not parsed. (Underflow rounds to zero,
// which strconv does not report as an error.)
func fitsDouble(num []byte) bool {
	if len(num) <= 308 && !bytes.ContainsAny(num, "eE") {
		return true
	}
	_, err := strconv.ParseFloat(string(num), 64)
	return err == nil
}
