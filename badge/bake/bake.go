package bake

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/microcred/microcred/internal/strictjson"
)

// Default limits, used where a [Limits] field is zero.
const (
	// DefaultMaxImageBytes caps the size of an image read or baked. Badge
	// images are small; 16 MiB leaves room for large artwork.
	DefaultMaxImageBytes = 16 << 20
	// DefaultMaxPayloadBytes caps the baked credential. A CLR bundling many
	// signed credentials stays well below 1 MiB.
	DefaultMaxPayloadBytes = 1 << 20
)

// Limits bounds the work done on an image. The zero value applies the
// defaults; a field may be raised or lowered individually.
type Limits struct {
	MaxImageBytes   int64 // whole image; 0 means DefaultMaxImageBytes
	MaxPayloadBytes int   // baked credential, after any decompression; 0 means DefaultMaxPayloadBytes
}

func (l Limits) maxImage() int64 {
	if l.MaxImageBytes <= 0 {
		return DefaultMaxImageBytes
	}
	return l.MaxImageBytes
}

func (l Limits) maxPayload() int {
	if l.MaxPayloadBytes <= 0 {
		return DefaultMaxPayloadBytes
	}
	return l.MaxPayloadBytes
}

// Errors returned by the package, wrapped with detail; test with errors.Is.
var (
	// ErrNotImage: the bytes are neither a PNG nor an SVG document.
	ErrNotImage = errors.New("bake: not a PNG or SVG image")
	// ErrMalformed: the image is damaged (truncated chunk, bad CRC, missing
	// IEND, XML syntax error) or a credential element/chunk is ill-formed.
	ErrMalformed = errors.New("bake: malformed image")
	// ErrTooLarge: the image or the payload exceeds the configured Limits.
	ErrTooLarge = errors.New("bake: size limit exceeded")
	// ErrNotBaked: the image holds no credential of any known kind.
	ErrNotBaked = errors.New("bake: image holds no baked credential")
	// ErrDuplicate: the image holds more than one Open Badges 3.0 or CLR
	// credential, which the baking rules forbid; displayers taking the first
	// and the last would show different credentials.
	ErrDuplicate = errors.New("bake: image holds more than one credential")
	// ErrEntity: the SVG declares a DTD internal subset (ENTITY, ATTLIST,
	// ...). It is refused rather than expanded.
	ErrEntity = errors.New("bake: SVG declares a DTD internal subset (entities are not allowed)")
	// ErrPayload: the payload to bake, or the one found, is neither a JSON
	// object nor a compact JWS (nor, for Open Badges 2.0, a URL).
	ErrPayload = errors.New("bake: payload is not credential JSON or a compact JWS")
)

// Kind says which specification an image was baked under.
type Kind uint8

const (
	// KindOpenBadges3 is an Open Badges 3.0 credential: PNG keyword
	// "openbadgecredential", SVG namespace https://purl.imsglobal.org/ob/v3p0.
	KindOpenBadges3 Kind = iota + 1
	// KindCLR2 is a Comprehensive Learner Record 2.0 credential: PNG keyword
	// "clrcredential", SVG namespace https://purl.imsglobal.org/clr/v2p0.
	KindCLR2
	// KindOpenBadges2 is an Open Badges 2.0 assertion: PNG keyword
	// "openbadges" (iTXt, or tEXt in pre-2013 images), SVG namespace
	// http://openbadges.org. It is not a Verifiable Credential.
	KindOpenBadges2
)

func (k Kind) String() string {
	switch k {
	case KindOpenBadges3:
		return "Open Badges 3.0"
	case KindCLR2:
		return "CLR 2.0"
	case KindOpenBadges2:
		return "Open Badges 2.0"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Keywords and namespaces of the baking specifications.
const (
	KeywordOpenBadges3   = "openbadgecredential"
	KeywordCLR2          = "clrcredential"
	KeywordOpenBadges2   = "openbadges"
	NamespaceOpenBadges3 = "https://purl.imsglobal.org/ob/v3p0"
	NamespaceCLR2        = "https://purl.imsglobal.org/clr/v2p0"
	NamespaceOpenBadges2 = "http://openbadges.org"
)

func (k Kind) keyword() string {
	switch k {
	case KindOpenBadges3:
		return KeywordOpenBadges3
	case KindCLR2:
		return KeywordCLR2
	case KindOpenBadges2:
		return KeywordOpenBadges2
	}
	return ""
}

func (k Kind) namespace() string {
	switch k {
	case KindOpenBadges3:
		return NamespaceOpenBadges3
	case KindCLR2:
		return NamespaceCLR2
	case KindOpenBadges2:
		return NamespaceOpenBadges2
	}
	return ""
}

// Encoding says how the payload is written.
type Encoding uint8

const (
	// EncodingJSON is a credential (or OB 2.0 assertion) as a JSON object.
	EncodingJSON Encoding = iota + 1
	// EncodingJWS is a compact JWS: a VC-JWT (or a signed OB 2.0 assertion).
	EncodingJWS
	// EncodingURL is the URL of a hosted Open Badges 2.0 assertion; only
	// KindOpenBadges2 uses it, and fetching it is the caller's business.
	EncodingURL
)

func (e Encoding) String() string {
	switch e {
	case EncodingJSON:
		return "JSON"
	case EncodingJWS:
		return "compact JWS"
	case EncodingURL:
		return "URL"
	}
	return fmt.Sprintf("Encoding(%d)", uint8(e))
}

// Format is the image format.
type Format uint8

const (
	FormatPNG Format = iota + 1 // a PNG with an iTXt "openbadges" chunk
	FormatSVG                   // an SVG with an openbadges:credential element
)

func (f Format) String() string {
	switch f {
	case FormatPNG:
		return "PNG"
	case FormatSVG:
		return "SVG"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// Baked is what Extract found in an image.
type Baked struct {
	Format   Format
	Kind     Kind
	Encoding Encoding
	// Payload is the credential JSON, the compact JWS, or (Open Badges 2.0
	// only) the hosted assertion URL, with surrounding white space removed.
	Payload []byte
	// Compressed reports a zlib-compressed iTXt chunk, which the baking
	// specifications forbid; the payload is the inflated text.
	Compressed bool
	// VerifyURL is the verify attribute of an Open Badges 2.0 SVG assertion
	// that also carries the assertion JSON in its body: the hosted URL the
	// assertion can be checked against.
	VerifyURL string
}

// Options controls baking. The zero value bakes an Open Badges 3.0
// credential (or a CLR when the payload's type says ClrCredential) within
// the default limits.
type Options struct {
	Limits
	// Kind is the specification to bake under: KindOpenBadges3 or KindCLR2.
	// Zero means: KindCLR2 if the payload's type includes "ClrCredential",
	// else KindOpenBadges3. Baking Open Badges 2.0 is not supported.
	Kind Kind
	// RemoveOpenBadges2 also removes an Open Badges 2.0 assertion baked in
	// the image. By default it is kept, since the 2.0 and 3.0 forms of a
	// badge may live side by side during migration.
	RemoveOpenBadges2 bool
}

func (o *Options) orDefault() *Options {
	if o == nil {
		return &Options{}
	}
	return o
}

// Bake bakes payload into a PNG or SVG image, detected by content.
func Bake(img, payload []byte, opts *Options) ([]byte, error) {
	switch Sniff(img) {
	case FormatPNG:
		return PNG(img, payload, opts)
	case FormatSVG:
		return SVG(img, payload, opts)
	}
	return nil, ErrNotImage
}

// Extract returns the credential baked in a PNG or SVG image, detected by
// content, within the default Limits.
func Extract(img []byte) (*Baked, error) {
	return Limits{}.Extract(img)
}

// Extract returns the credential baked in a PNG or SVG image within l.
func (l Limits) Extract(img []byte) (*Baked, error) {
	if int64(len(img)) > l.maxImage() {
		return nil, fmt.Errorf("%w: image is %d bytes, limit %d", ErrTooLarge, len(img), l.maxImage())
	}
	switch Sniff(img) {
	case FormatPNG:
		return l.extractPNG(img)
	case FormatSVG:
		return l.extractSVG(img)
	}
	return nil, ErrNotImage
}

// ExtractFrom reads an image from r, never more than l.MaxImageBytes, and
// returns its credential.
func (l Limits) ExtractFrom(r io.Reader) (*Baked, error) {
	max := l.maxImage()
	img, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("bake: reading image: %w", err)
	}
	if int64(len(img)) > max {
		return nil, fmt.Errorf("%w: image is larger than %d bytes", ErrTooLarge, max)
	}
	return l.Extract(img)
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Sniff tells a PNG from an SVG by content, as Bake and Extract do, and
// returns 0 for anything else. PNG is its signature; SVG an XML
// declaration, comment, doctype or <svg start (or a prefixed root naming
// svg) after an optional UTF-8 byte-order mark and white space. It does not
// parse the image: Extract may still find it malformed. A verifier that
// detects its input with Sniff reads exactly the images Extract reads.
func Sniff(img []byte) Format {
	if bytes.HasPrefix(img, pngSignature) {
		return FormatPNG
	}
	s := bytes.TrimPrefix(img, []byte("\xef\xbb\xbf"))
	s = bytes.TrimLeft(s, " \t\r\n")
	if bytes.HasPrefix(s, []byte("<?xml")) || bytes.HasPrefix(s, []byte("<svg")) ||
		bytes.HasPrefix(s, []byte("<!--")) || bytes.HasPrefix(s, []byte("<!DOCTYPE")) {
		return FormatSVG
	}
	// A prefixed root such as <svg:svg ...>.
	if len(s) > 1 && s[0] == '<' && bytes.Contains(s[:min(len(s), 256)], []byte("svg")) {
		return FormatSVG
	}
	return 0
}

// classify decides how a found payload is encoded. Open Badges 3.0 and CLR
// allow JSON or a compact JWS; Open Badges 2.0 also a hosted URL.
func classify(p []byte, k Kind) (Encoding, error) {
	switch {
	case len(p) > 0 && p[0] == '{':
		if !json.Valid(p) || !utf8.Valid(p) {
			return 0, fmt.Errorf("%w: payload starts with '{' but is not valid JSON", ErrPayload)
		}
		return EncodingJSON, nil
	case isCompactJWS(p):
		return EncodingJWS, nil
	case k == KindOpenBadges2 && isHTTPURL(p):
		return EncodingURL, nil
	}
	return 0, ErrPayload
}

// isCompactJWS checks the shape BASE64URL.BASE64URL.BASE64URL (signature may
// be empty); whether it verifies is not this package's concern.
func isCompactJWS(p []byte) bool {
	parts := bytes.Split(p, []byte("."))
	if len(parts) != 3 || len(parts[0]) == 0 || len(parts[1]) == 0 {
		return false
	}
	for _, part := range parts {
		for _, c := range part {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

func isHTTPURL(p []byte) bool {
	if !utf8.Valid(p) || bytes.ContainsAny(p, " \t\r\n\"<>") {
		return false
	}
	return bytes.HasPrefix(p, []byte("https://")) || bytes.HasPrefix(p, []byte("http://"))
}

// checkPayload validates a payload before baking and picks its Kind.
func checkPayload(payload []byte, o *Options) (Kind, Encoding, []byte, error) {
	p := bytes.TrimSpace(payload)
	if len(p) > o.maxPayload() {
		return 0, 0, nil, fmt.Errorf("%w: payload is %d bytes, limit %d", ErrTooLarge, len(p), o.maxPayload())
	}
	if !utf8.Valid(p) {
		return 0, 0, nil, fmt.Errorf("%w: payload is not UTF-8", ErrPayload)
	}
	enc, err := classify(p, KindOpenBadges3)
	if err != nil {
		return 0, 0, nil, err
	}
	k := o.Kind
	switch k {
	case 0:
		k = KindOpenBadges3
		if isCLR(p, enc) {
			k = KindCLR2
		}
	case KindOpenBadges3, KindCLR2:
	default:
		return 0, 0, nil, fmt.Errorf("bake: cannot bake %v; use KindOpenBadges3 or KindCLR2", k)
	}
	return k, enc, p, nil
}

// isCLR reports whether the credential's type includes ClrCredential,
// looking inside a JWS payload too (and its VC 1.1 "vc" claim).
func isCLR(p []byte, enc Encoding) bool {
	if enc == EncodingJWS {
		parts := bytes.Split(p, []byte("."))
		dec, err := b64url(parts[1])
		if err != nil {
			return false
		}
		p = dec
	}
	var doc struct {
		Type json.RawMessage `json:"type"`
		VC   struct {
			Type json.RawMessage `json:"type"`
		} `json:"vc"`
	}
	// Case-sensitively, as the verifier that reads the payload next: a
	// "TYPE" must not make a credential a CLR here only.
	if strictjson.Unmarshal(p, &doc, strictjson.Limits{MaxBytes: max(len(p), 1)}) != nil {
		return false
	}
	return hasType(doc.Type, "ClrCredential") || hasType(doc.VC.Type, "ClrCredential")
}

func hasType(raw json.RawMessage, want string) bool {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return one == want
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		for _, t := range many {
			if t == want {
				return true
			}
		}
	}
	return false
}

func b64url(s []byte) ([]byte, error) {
	return base64.RawURLEncoding.AppendDecode(nil, s)
}
