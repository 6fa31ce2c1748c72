package rdfc

import "strconv"

const hexUpper = "0123456789ABCDEF"

// AppendTerm appends t in the canonical N-Quads form that RDFC-1.0 section 5
// (Serialization) prescribes: IRIs between angle brackets without escaping, blank
// nodes as _:label, literals with the minimal escaping the spec requires and
// no ^^xsd:string. The default graph appends nothing.
func AppendTerm(dst []byte, t Term) []byte {
	switch t.Kind {
	case IRI:
		dst = append(dst, '<')
		dst = append(dst, t.Value...)
		return append(dst, '>')
	case BlankNode:
		dst = append(dst, '_', ':')
		return append(dst, t.Value...)
	case Literal:
		dst = append(dst, '"')
		dst = appendEscaped(dst, t.Value)
		dst = append(dst, '"')
		switch {
		case t.Language != "":
			dst = append(dst, '@')
			dst = append(dst, t.Language...)
		case t.Datatype != "" && t.Datatype != XSDString:
			dst = append(dst, '^', '^', '<')
			dst = append(dst, t.Datatype...)
			dst = append(dst, '>')
		}
	}
	return dst
}

// String returns t in canonical N-Quads form.
func (t Term) String() string { return string(AppendTerm(nil, t)) }

// isDefaultGraph reports whether t names the default graph; the zero Term
// does too, so that callers building quads need not set Graph.
func (t Term) isDefaultGraph() bool { return t.Kind == DefaultGraph || t.Kind == 0 }

// AppendNQuad appends q as one canonical N-Quads line, including the final
// " .\n".
func (q Quad) AppendNQuad(dst []byte) []byte {
	dst = AppendTerm(dst, q.Subject)
	dst = append(dst, ' ')
	dst = AppendTerm(dst, q.Predicate)
	dst = append(dst, ' ')
	dst = AppendTerm(dst, q.Object)
	if !q.Graph.isDefaultGraph() {
		dst = append(dst, ' ')
		dst = AppendTerm(dst, q.Graph)
	}
	return append(dst, ' ', '.', '\n')
}

// String returns q as one canonical N-Quads line, without the newline.
func (q Quad) String() string {
	b := q.AppendNQuad(nil)
	return string(b[:len(b)-1])
}

// AppendNQuads appends every quad of d in order, without sorting or removing
// duplicates (Canonicalize does both).
func (d Dataset) AppendNQuads(dst []byte) []byte {
	for _, q := range d {
		dst = q.AppendNQuad(dst)
	}
	return dst
}

// needsEscape marks the bytes RDFC-1.0 escapes in literals: the C0 controls,
// '"', '\\' and DEL. Bytes of multi-byte UTF-8 sequences are written as they are.
var needsEscape = func() (t [256]bool) {
	for i := range 0x20 {
		t[i] = true
	}
	t['"'], t['\\'], t[0x7f] = true, true, true
	return t
}()

// appendEscaped escapes a literal's lexical form. RDFC-1.0 uses ECHAR for
// \b \t \n \f \r \" \\ and \u00XX with upper-case hex for the other C0
// controls and U+007F; json-gold and URDNA2015 differ here (W3C test060).
func appendEscaped(dst []byte, s string) []byte {
	i := plainPrefix(s)
	if i == len(s) {
		return append(dst, s...) // most literals: nothing to escape
	}
	start := 0
	for ; i < len(s); i++ {
		c := s[i]
		if !needsEscape[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		start = i + 1
		switch c {
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexUpper[c>>4], hexUpper[c&0xf])
		}
	}
	return append(dst, s[start:]...)
}

// appendLabel appends "_:" + prefix + n, the form issued identifiers take.
func appendLabel(dst []byte, prefix string, n int) []byte {
	dst = append(dst, '_', ':')
	dst = append(dst, prefix...)
	return strconv.AppendInt(dst, int64(n), 10)
}

// plainPrefix is the length of the longest prefix of s that holds no byte
// needsEscape marks. It tests eight bytes at a time (the literals of a
// credential are mostly plain text, scanned byte by byte at several
// instructions each), then finds the byte in the block that stopped it.
// Each test is exact for "some byte of the word": (x - n*ones) &^ x has
// a high bit set iff some byte of x is below n (n <= 0x80), and with n = 1
// on x XOR c*ones iff some byte equals c.
func plainPrefix(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		ctl := (w - 0x20*ones) &^ w
		q := w ^ ('"' * ones)
		bs := w ^ ('\\' * ones)
		del := w ^ (0x7f * ones)
		if (ctl|(q-ones)&^q|(bs-ones)&^bs|(del-ones)&^del)&highs != 0 {
			break
		}
	}
	for i < len(s) && !needsEscape[s[i]] {
		i++
	}
	return i
}
