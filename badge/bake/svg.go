package bake

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// svgToken is one XML token with the byte range it came from.
type svgToken struct {
	tok        xml.Token
	start, end int64
}

// MaxSVGDepth caps element nesting in an SVG. Artwork rarely nests more than
// a few dozen groups; the cap keeps a hostile document of nothing but start
// tags from building a deep decoder stack.
const MaxSVGDepth = 256

// svgScanner streams the tokens of an SVG document in strict mode. Only the
// five predefined entities are known, so any other entity reference is a
// syntax error; a DOCTYPE internal subset, where entities would be
// declared, is refused outright.
type svgScanner struct {
	d     *xml.Decoder
	depth int
	roots int
}

func newSVGScanner(img []byte) *svgScanner {
	d := xml.NewDecoder(bytes.NewReader(img))
	d.Strict = true
	// No CharsetReader: a document declaring anything but UTF-8 (or
	// US-ASCII) is an error rather than a conversion.
	return &svgScanner{d: d}
}

// next returns the next token; io.EOF at the end of a well-formed document.
func (s *svgScanner) next() (svgToken, error) {
	start := s.d.InputOffset()
	tok, err := s.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			if s.roots == 0 {
				return svgToken{}, fmt.Errorf("%w: SVG has no root element", ErrMalformed)
			}
			return svgToken{}, io.EOF
		}
		return svgToken{}, fmt.Errorf("%w: SVG: %v", ErrMalformed, err)
	}
	t := svgToken{tok: tok, start: start, end: s.d.InputOffset()}
	switch tok := tok.(type) {
	case xml.Directive:
		dir := bytes.TrimSpace(tok)
		if !bytes.HasPrefix(dir, []byte("DOCTYPE")) || bytes.ContainsAny(dir, "[<") {
			return svgToken{}, ErrEntity
		}
	case xml.StartElement:
		if s.depth == 0 {
			s.roots++
			if s.roots > 1 {
				return svgToken{}, fmt.Errorf("%w: SVG has more than one root element", ErrMalformed)
			}
			if tok.Name.Local != "svg" {
				return svgToken{}, fmt.Errorf("%w: root element is <%s>, not <svg>", ErrNotImage, tok.Name.Local)
			}
		}
		s.depth++
		if s.depth > MaxSVGDepth {
			return svgToken{}, fmt.Errorf("%w: SVG nests elements deeper than %d", ErrMalformed, MaxSVGDepth)
		}
	case xml.EndElement:
		s.depth--
	}
	return t, nil
}

// svgKind maps an element to the Kind of credential it holds, if any.
func svgKind(n xml.Name) Kind {
	switch {
	case n.Space == NamespaceOpenBadges3 && n.Local == "credential":
		return KindOpenBadges3
	case n.Space == NamespaceCLR2 && n.Local == "credential":
		return KindCLR2
	case n.Space == NamespaceOpenBadges2 && n.Local == "assertion":
		return KindOpenBadges2
	}
	return 0
}

// svgElement is a credential element found in an SVG.
type svgElement struct {
	kind       Kind
	verify     string
	hasVerify  bool
	body       []byte
	start, end int64 // from '<' of the start tag to after the end tag
}

// element reads the rest of a credential element whose start tag was st:
// its verify attribute and its character data (CDATA sections and text).
func (s *svgScanner) element(st xml.StartElement, start int64, max int) (*svgElement, error) {
	e := &svgElement{kind: svgKind(st.Name), start: start}
	for _, a := range st.Attr {
		if a.Name.Space == "" && a.Name.Local == "verify" {
			e.verify, e.hasVerify = a.Value, true
		}
	}
	if len(e.verify) > max {
		return nil, fmt.Errorf("%w: verify attribute is %d bytes, limit %d", ErrTooLarge, len(e.verify), max)
	}
	for {
		t, err := s.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = fmt.Errorf("%w: SVG ends inside <%s>", ErrMalformed, st.Name.Local)
			}
			return nil, err
		}
		switch tok := t.tok.(type) {
		case xml.CharData:
			if len(e.body)+len(tok) > max {
				return nil, fmt.Errorf("%w: baked credential exceeds %d bytes", ErrTooLarge, max)
			}
			e.body = append(e.body, tok...)
		case xml.StartElement:
			return nil, fmt.Errorf("%w: <%s> inside the baked <%s>", ErrMalformed, tok.Name.Local, st.Name.Local)
		case xml.EndElement:
			e.end = t.end
			e.body = bytes.TrimSpace(e.body)
			return e, nil
		}
	}
}

// credentialElements scans the whole document and returns its credential
// elements in document order, plus the root start tag.
func credentialElements(img []byte, max int) (root svgToken, els []*svgElement, err error) {
	s := newSVGScanner(img)
	for {
		t, err := s.next()
		if errors.Is(err, io.EOF) {
			return root, els, nil
		}
		if err != nil {
			return root, nil, err
		}
		st, ok := t.tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root.tok == nil {
			root = t
			root.tok = st.Copy()
		}
		if svgKind(st.Name) == 0 {
			continue
		}
		e, err := s.element(st, t.start, max)
		if err != nil {
			return root, nil, err
		}
		els = append(els, e)
	}
}

func (l Limits) extractSVG(img []byte) (*Baked, error) {
	_, els, err := credentialElements(img, l.maxPayload())
	if err != nil {
		return nil, err
	}
	var found, ob2 *svgElement
	for _, e := range els {
		switch e.kind {
		case KindOpenBadges3, KindCLR2:
			if found != nil {
				return nil, fmt.Errorf("%w: SVG has credential elements at bytes %d and %d", ErrDuplicate, found.start, e.start)
			}
			found = e
		case KindOpenBadges2:
			if ob2 == nil {
				ob2 = e
			}
		}
	}
	if found == nil {
		found = ob2
	}
	if found == nil {
		return nil, ErrNotBaked
	}
	b := &Baked{Format: FormatSVG, Kind: found.kind}
	verify := []byte(strings.TrimSpace(found.verify))
	switch {
	case found.kind != KindOpenBadges2 && found.hasVerify && len(found.body) > 0:
		return nil, fmt.Errorf("%w: <credential> has both a verify attribute and a body; it must hold one credential", ErrMalformed)
	case len(found.body) > 0:
		b.Payload = found.body
		if found.kind == KindOpenBadges2 && isHTTPURL(verify) {
			b.VerifyURL = string(verify)
		}
	case found.hasVerify:
		b.Payload = verify
	default:
		return nil, fmt.Errorf("%w: baked %v element is empty", ErrPayload, found.kind)
	}
	if b.Encoding, err = classify(b.Payload, b.Kind); err != nil {
		return nil, fmt.Errorf("SVG %v element: %w", b.Kind, err)
	}
	return b, nil
}

// SVG bakes payload (credential JSON or a compact JWS) into an SVG image and
// returns the new image; img is not modified. The document is edited as
// text, never re-serialised, so the artwork is preserved byte for byte:
// every Open Badges 3.0 or CLR credential element is cut out, the namespace
// is declared on the root <svg> tag, and the new element is inserted
// directly after that tag.
func SVG(img, payload []byte, opts *Options) ([]byte, error) {
	o := opts.orDefault()
	if int64(len(img)) > o.maxImage() {
		return nil, fmt.Errorf("%w: image is %d bytes, limit %d", ErrTooLarge, len(img), o.maxImage())
	}
	kind, enc, p, err := checkPayload(payload, o)
	if err != nil {
		return nil, err
	}
	if !validXMLText(p) {
		return nil, fmt.Errorf("%w: payload holds characters XML cannot carry", ErrPayload)
	}
	// Existing elements may be larger than the payload limit: they are
	// being replaced, so only the image limit applies to them.
	root, els, err := credentialElements(img, int(o.maxImage()))
	if err != nil {
		return nil, err
	}
	if root.tok == nil {
		return nil, fmt.Errorf("%w: SVG has no root element", ErrMalformed)
	}

	prefix, ns := "openbadges", kind.namespace()
	if kind == KindCLR2 {
		prefix = "clr"
	}
	declareOnRoot, declareOnElement := true, false
	for _, a := range root.tok.(xml.StartElement).Attr {
		if a.Name.Space == "xmlns" && a.Name.Local == prefix {
			declareOnRoot = false
			declareOnElement = a.Value != ns // the prefix means something else here
		}
	}

	el := elementText(prefix, ns, declareOnElement, enc, p)
	tag := img[root.start:root.end]
	selfClosing := bytes.HasSuffix(tag, []byte("/>"))
	tagEnd := len(tag) - 1
	if selfClosing {
		tagEnd--
	}

	var out bytes.Buffer
	out.Grow(len(img) + len(el) + len(ns) + 32)
	out.Write(img[:root.start])
	out.Write(tag[:tagEnd])
	if declareOnRoot {
		fmt.Fprintf(&out, ` xmlns:%s="%s"`, prefix, ns)
	}
	out.WriteString(">\n")
	out.Write(el)
	if selfClosing {
		out.WriteString("\n</")
		out.Write(rawName(tag))
		out.WriteString(">")
	}
	// Copy the rest, leaving out the credential elements being replaced.
	pos := root.end
	for _, e := range els {
		remove := e.kind == KindOpenBadges3 || e.kind == KindCLR2 || (e.kind == KindOpenBadges2 && o.RemoveOpenBadges2)
		if !remove || e.start < pos {
			continue
		}
		// Take the white space before the element with it, so that
		// baking the same image again gives the same bytes.
		start := e.start
		for start > pos && isXMLSpace(img[start-1]) {
			start--
		}
		out.Write(img[pos:start])
		pos = e.end
	}
	out.Write(img[pos:])
	return out.Bytes(), nil
}

// elementText writes the credential element: a JWS in the verify attribute
// of an empty element, JSON in CDATA. "]]>" cannot occur inside a CDATA
// section, so a payload containing it is split across two sections.
func elementText(prefix, ns string, declare bool, enc Encoding, p []byte) []byte {
	var b bytes.Buffer
	b.WriteString("<" + prefix + ":credential")
	if declare {
		fmt.Fprintf(&b, ` xmlns:%s="%s"`, prefix, ns)
	}
	if enc == EncodingJWS {
		// A compact JWS is base64url and dots: nothing to escape.
		fmt.Fprintf(&b, ` verify="%s"></%s:credential>`, p, prefix)
		return b.Bytes()
	}
	b.WriteString("><![CDATA[")
	b.Write(bytes.ReplaceAll(p, []byte("]]>"), []byte("]]]]><![CDATA[>")))
	b.WriteString("]]></" + prefix + ":credential>")
	return b.Bytes()
}

// rawName returns the element name as written in a start tag ("svg",
// "svg:svg").
func rawName(tag []byte) []byte {
	name := tag[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	return name
}

// validXMLText reports whether every rune of p is allowed in an XML 1.0
// document (which rules out most control characters and U+FFFE/U+FFFF).
func validXMLText(p []byte) bool {
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		p = p[n:]
		switch {
		case r == utf8.RuneError && n == 1:
			return false
		case r == 0x9 || r == 0xA || r == 0xD:
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
