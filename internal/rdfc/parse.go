package rdfc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Default limits for ParseNQuads. They are far above any credential (a few
// kilobytes, a few hundred quads) and low enough that hostile input cannot
// exhaust memory.
const (
	DefaultMaxBytes = 16 << 20
	DefaultMaxQuads = 200_000
)

// ParseLimits bounds what ParseNQuads accepts. The zero value uses the
// defaults; a negative field means no limit, for trusted input only.
type ParseLimits struct {
	MaxBytes int // input size; 0 means DefaultMaxBytes
	MaxQuads int // statements; 0 means DefaultMaxQuads
}

func limitOr(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return int(^uint(0) >> 1)
	}
	return v
}

// ParseNQuads parses an RDF 1.1 N-Quads document (which includes
// N-Triples). IRIs must be absolute; \u escapes in IRIs and all escapes in
// literals are decoded; an explicit ^^xsd:string is dropped (Datatype ""),
// as is rdf:langString on a literal with a language tag. Duplicates are kept.
//
// Only the first limits argument is used; with none the defaults apply.
// Errors wrap ErrSyntax (as a *SyntaxError naming line and column) or
// ErrLimit.
func ParseNQuads(data []byte, limits ...ParseLimits) (Dataset, error) {
	var lim ParseLimits
	if len(limits) > 0 {
		lim = limits[0]
	}
	if maxBytes := limitOr(lim.MaxBytes, DefaultMaxBytes); len(data) > maxBytes {
		return nil, fmt.Errorf("%w: N-Quads input is %d bytes, more than the %d allowed", ErrLimit, len(data), maxBytes)
	}
	// One copy of the input lets every unescaped term be a substring of it,
	// which saves an allocation per term.
	p := parser{src: string(data), line: 1}
	return p.document(limitOr(lim.MaxQuads, DefaultMaxQuads))
}

type parser struct {
	src       string
	pos       int
	line      int
	lineStart int
	buf       []byte // decoding scratch for escaped terms
}

func (p *parser) errorf(format string, args ...any) error {
	pos := min(p.pos, len(p.src))
	col := utf8.RuneCountInString(p.src[p.lineStart:pos]) + 1
	return &SyntaxError{Line: p.line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) document(maxQuads int) (Dataset, error) {
	// Estimate the quad count from the newlines so that append rarely regrows.
	var ds Dataset
	if n := countLines(p.src); n > 0 {
		ds = make(Dataset, 0, min(n, maxQuads))
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return ds, nil
		}
		switch p.src[p.pos] {
		case '\n', '\r':
			p.newline()
			continue
		case '#':
			p.skipComment()
			continue
		}
		if len(ds) >= maxQuads {
			return nil, fmt.Errorf("%w: more than %d quads in N-Quads input", ErrLimit, maxQuads)
		}
		q, err := p.statement()
		if err != nil {
			return nil, err
		}
		ds = append(ds, q)
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == '#' {
			p.skipComment()
		}
		if p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
			return nil, p.errorf("unexpected %s after the end of the statement", p.describe())
		}
	}
}

func countLines(s string) int { return strings.Count(s, "\n") + 1 }

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

func (p *parser) skipComment() {
	for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
		p.pos++
	}
}

// newline consumes one line ending: LF, CR or CR LF.
func (p *parser) newline() {
	if p.src[p.pos] == '\r' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n' {
		p.pos++
	}
	p.pos++
	p.line++
	p.lineStart = p.pos
}

// clip shortens hostile values quoted in error messages.
func clip(s string) string {
	const keep = 64
	if len(s) <= keep {
		return s
	}
	i := keep
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// describe names the character at the current position for an error message.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) statement() (Quad, error) {
	var q Quad
	var err error
	switch p.peek() {
	case '<':
		q.Subject, err = p.iri()
	case '_':
		q.Subject, err = p.blankNode()
	default:
		return q, p.errorf("expected a subject (IRI or blank node), found %s", p.describe())
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	if p.peek() != '<' {
		return q, p.errorf("expected a predicate IRI, found %s", p.describe())
	}
	if q.Predicate, err = p.iri(); err != nil {
		return q, err
	}
	p.skipSpace()
	switch p.peek() {
	case '<':
		q.Object, err = p.iri()
	case '_':
		q.Object, err = p.blankNode()
	case '"':
		q.Object, err = p.literal()
	default:
		return q, p.errorf("expected an object (IRI, blank node or literal), found %s", p.describe())
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	switch p.peek() {
	case '<':
		q.Graph, err = p.iri()
	case '_':
		q.Graph, err = p.blankNode()
	default:
		q.Graph = Term{Kind: DefaultGraph}
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	if p.peek() != '.' {
		return q, p.errorf("expected '.' to end the statement, found %s", p.describe())
	}
	p.pos++
	return q, nil
}

func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// plainIRI and plainLiteral mark the ASCII bytes that stand for themselves
// inside an IRI or a string literal, for the fast paths. iriByte also
// admits the bytes of multi-byte UTF-8 sequences.
var plainIRI, plainLiteral, iriByte = func() (iri, lit, any [256]bool) {
	for c := range 256 {
		iri[c] = c < utf8.RuneSelf && !forbiddenInIRI(byte(c))
		lit[c] = c < utf8.RuneSelf && c != '"' && c != '\\' && c != '\n' && c != '\r'
		any[c] = iri[c] || c >= utf8.RuneSelf
	}
	return iri, lit, any
}()

// scanPlain finds the end byte of a token that needs no unescaping: from
// start it accepts the ASCII bytes plain marks and well-formed UTF-8 beyond
// ASCII. It returns the index of end, or ok false when the token holds
// anything else (an escape, a forbidden byte, bad UTF-8, no end), which the
// caller's slow path then parses and reports.
func scanPlain(s string, start int, plain *[256]bool, end byte) (i int, ok bool) {
	i = start
	for {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i >= len(s) || s[i] != end && s[i] < utf8.RuneSelf {
			return 0, false
		}
		if s[i] == end {
			return i, true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return 0, false
		}
		i += n
	}
}

// iri parses IRIREF. The common IRI, ASCII without escapes, is a substring
// of the input; anything else takes iriSlow.
func (p *parser) iri() (Term, error) {
	s := p.src
	start := p.pos + 1
	i, ok := scanPlain(s, start, &plainIRI, '>')
	if !ok {
		return p.iriSlow()
	}
	v := s[start:i]
	if !hasScheme(v) {
		return p.iriSlow()
	}
	p.pos = i + 1
	return Term{Kind: IRI, Value: v}, nil
}

// iriSlow parses IRIREF with escapes and reports errors. Characters that
// the grammar forbids are rejected even when they arrive through \u
// escapes, because the canonical form writes IRIs unescaped and must parse
// again.
func (p *parser) iriSlow() (Term, error) {
	p.pos++ // '<'
	start := p.pos
	escaped := false
	p.buf = p.buf[:0]
	for {
		if p.pos >= len(p.src) {
			return Term{}, p.errorf("unterminated IRI")
		}
		c := p.src[p.pos]
		switch {
		case c == '>':
			var v string
			if escaped {
				v = string(p.buf)
			} else {
				v = p.src[start:p.pos]
			}
			if !hasScheme(v) {
				p.pos = start
				return Term{}, p.errorf("IRI <%s> is not absolute", clip(v))
			}
			p.pos++
			return Term{Kind: IRI, Value: v}, nil
		case c == '\\':
			if !escaped {
				p.buf = append(p.buf, p.src[start:p.pos]...)
				escaped = true
			}
			if p.pos+1 >= len(p.src) || (p.src[p.pos+1] != 'u' && p.src[p.pos+1] != 'U') {
				return Term{}, p.errorf("only \\u and \\U escapes are allowed in IRIs")
			}
			r, err := p.uchar()
			if err != nil {
				return Term{}, err
			}
			if r < 0x80 && forbiddenInIRI(byte(r)) {
				return Term{}, p.errorf("escaped character %U is not allowed in an IRI", r)
			}
			p.buf = utf8.AppendRune(p.buf, r)
		case c < 0x80:
			if forbiddenInIRI(c) {
				return Term{}, p.errorf("character %s is not allowed in an IRI", p.describe())
			}
			if escaped {
				p.buf = append(p.buf, c)
			}
			p.pos++
		default:
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			if r == utf8.RuneError && n == 1 {
				return Term{}, p.errorf("invalid UTF-8")
			}
			if escaped {
				p.buf = append(p.buf, p.src[p.pos:p.pos+n]...)
			}
			p.pos += n
		}
	}
}

func forbiddenInIRI(c byte) bool {
	switch c {
	case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
		return true
	}
	return c <= 0x20
}

// hasScheme reports whether v starts with an RFC 3986 scheme and a colon.
func hasScheme(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// uchar decodes \uXXXX or \UXXXXXXXX at p.pos and advances past it.
func (p *parser) uchar() (rune, error) {
	n := 4
	if p.src[p.pos+1] == 'U' {
		n = 8
	}
	if p.pos+2+n > len(p.src) {
		return 0, p.errorf("truncated \\%c escape", p.src[p.pos+1])
	}
	var r rune
	for _, c := range []byte(p.src[p.pos+2 : p.pos+2+n]) {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, p.errorf("invalid hex digit %q in \\%c escape", c, p.src[p.pos+1])
		}
		r = r<<4 | rune(d)
	}
	if r > utf8.MaxRune || (0xD800 <= r && r <= 0xDFFF) {
		return 0, p.errorf("escape \\%s is not a Unicode scalar value", p.src[p.pos+1:p.pos+2+n])
	}
	p.pos += 2 + n
	return r, nil
}

// blankNode parses BLANK_NODE_LABEL.
func (p *parser) blankNode() (Term, error) {
	if !(p.pos+1 < len(p.src) && p.src[p.pos+1] == ':') {
		return Term{}, p.errorf("expected '_:' to start a blank node")
	}
	p.pos += 2
	start := p.pos
	lastNonDot := -1
	for p.pos < len(p.src) {
		r, n := rune(p.src[p.pos]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(p.src[p.pos:])
			if r == utf8.RuneError && n == 1 {
				return Term{}, p.errorf("invalid UTF-8")
			}
		}
		first := p.pos == start
		if first && !(isPNCharsU(r) || '0' <= r && r <= '9') || !first && r != '.' && !isPNChars(r) {
			break
		}
		p.pos += n
		if r != '.' {
			lastNonDot = p.pos
		}
	}
	if p.pos == start {
		return Term{}, p.errorf("empty or invalid blank node label")
	}
	// A label cannot end with '.'; trailing dots belong to the statement.
	p.pos = lastNonDot
	return Term{Kind: BlankNode, Value: p.src[start:p.pos]}, nil
}

func isPNCharsBase(r rune) bool {
	switch {
	case 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z':
		return true
	case r < 0xC0:
		return false
	}
	return r <= 0xD6 || 0xD8 <= r && r <= 0xF6 || 0xF8 <= r && r <= 0x2FF ||
		0x370 <= r && r <= 0x37D || 0x37F <= r && r <= 0x1FFF || 0x200C <= r && r <= 0x200D ||
		0x2070 <= r && r <= 0x218F || 0x2C00 <= r && r <= 0x2FEF || 0x3001 <= r && r <= 0xD7FF ||
		0xF900 <= r && r <= 0xFDCF || 0xFDF0 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0xEFFFF
}

func isPNCharsU(r rune) bool { return r == '_' || r == ':' || isPNCharsBase(r) }

func isPNChars(r rune) bool {
	return isPNCharsU(r) || r == '-' || '0' <= r && r <= '9' || r == 0xB7 ||
		0x300 <= r && r <= 0x36F || 0x203F <= r && r <= 0x2040
}

// literal parses STRING_LITERAL_QUOTE with an optional datatype or language.
func (p *parser) literal() (Term, error) {
	s := p.src
	start := p.pos + 1
	i, ok := scanPlain(s, start, &plainLiteral, '"')
	if !ok {
		return p.literalSlow()
	}
	p.pos = i + 1
	return p.literalSuffix(s[start:i])
}

// literalSlow parses a string literal with escapes and reports errors.
func (p *parser) literalSlow() (Term, error) {
	p.pos++ // '"'
	start := p.pos
	escaped := false
	p.buf = p.buf[:0]
	var value string
scan:
	for {
		if p.pos >= len(p.src) {
			return Term{}, p.errorf("unterminated string literal")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			if escaped {
				value = string(p.buf)
			} else {
				value = p.src[start:p.pos]
			}
			p.pos++
			break scan
		case c == '\n' || c == '\r':
			return Term{}, p.errorf("line break in string literal (write \\n or \\r)")
		case c == '\\':
			if !escaped {
				p.buf = append(p.buf, p.src[start:p.pos]...)
				escaped = true
			}
			if p.pos+1 >= len(p.src) {
				return Term{}, p.errorf("unterminated escape")
			}
			var e byte
			switch p.src[p.pos+1] {
			case 'u', 'U':
				r, err := p.uchar()
				if err != nil {
					return Term{}, err
				}
				p.buf = utf8.AppendRune(p.buf, r)
				continue
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 'f':
				e = '\f'
			case '"', '\'', '\\':
				e = p.src[p.pos+1]
			default:
				p.pos++
				return Term{}, p.errorf("invalid escape \\%s in string literal", p.describe())
			}
			p.buf = append(p.buf, e)
			p.pos += 2
		case c < utf8.RuneSelf:
			if escaped {
				p.buf = append(p.buf, c)
			}
			p.pos++
		default:
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			if r == utf8.RuneError && n == 1 {
				return Term{}, p.errorf("invalid UTF-8")
			}
			if escaped {
				p.buf = append(p.buf, p.src[p.pos:p.pos+n]...)
			}
			p.pos += n
		}
	}
	return p.literalSuffix(value)
}

// literalSuffix parses the optional language tag or datatype of a literal.
func (p *parser) literalSuffix(value string) (Term, error) {
	t := Term{Kind: Literal, Value: value}
	switch p.peek() {
	case '@':
		p.pos++
		lang, ok := p.langTag()
		if !ok {
			return Term{}, p.errorf("invalid language tag")
		}
		t.Language = lang
	case '^':
		if p.pos+2 >= len(p.src) || p.src[p.pos+1] != '^' || p.src[p.pos+2] != '<' {
			return Term{}, p.errorf("expected ^^<datatype IRI> after the literal")
		}
		p.pos += 2
		dt, err := p.iri()
		if err != nil {
			return Term{}, err
		}
		if dt.Value != XSDString {
			t.Datatype = dt.Value
		}
	}
	return t, nil
}

// langTag parses [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* after the '@'.
func (p *parser) langTag() (string, bool) {
	start := p.pos
	alpha := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
	for p.pos < len(p.src) && alpha(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		return "", false
	}
	for p.pos < len(p.src) && p.src[p.pos] == '-' {
		p.pos++
		sub := p.pos
		for p.pos < len(p.src) && (alpha(p.src[p.pos]) || '0' <= p.src[p.pos] && p.src[p.pos] <= '9') {
			p.pos++
		}
		if p.pos == sub {
			return "", false
		}
	}
	return p.src[start:p.pos], true
}
