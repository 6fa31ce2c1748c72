package jsonld

import (
	"bytes"
	"context"
	"crypto"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
)

const v2 = `"@context": ["https://www.w3.org/ns/credentials/v2"]`

var safeModeDocs = func() []string {
	var docs []string
	for _, tt := range safeModeTests {
		docs = append(docs, tt.doc)
	}
	return docs
}()

var safeModeTests = []struct {
	name    string
	doc     string
	wantErr error
	mention string // must appear in the message
}{
	{"undefined top-level property (would be dropped)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "issuer": "did:example:1", "credentialSubject": {"id": "did:example:2"}, "favouriteColour": "blue"}`,
		ErrUndefinedTerm, "favouriteColour"},
	{"undefined property in a nested node",
		`{` + v2 + `, "type": ["VerifiableCredential"], "credentialSubject": {"id": "did:example:2", "nickname": "x"}}`,
		ErrUndefinedTerm, "nickname"},
	{"undefined type (would become a relative IRI)",
		`{` + v2 + `, "type": ["VerifiableCredential", "MadeUpCredential"]}`,
		ErrUndefinedTerm, "MadeUpCredential"},
	{"term mapped to null in a local context",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"hidden": null}], "type": ["VerifiableCredential"], "hidden": "x"}`,
		ErrUndefinedTerm, "hidden"},
	{"keyword-like key (reserved, dropped)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "@foo": "x"}`,
		ErrUndefinedTerm, ""},
	{"reserved term in a context (ignored by JSON-LD, refused by jsonld.js)",
		`{"@context": {"@vocab": "urn:v:", "@n": ""}, "p": "x"}`,
		ErrInvalidDocument, `"@n"`},
	{"reserved term in a context json-gold expands (@base is outside our expander)",
		`{"@context": [{"@vocab": "urn:v:"}, {"@base": "https://b.example/", "@n": ""}], "@id": "x", "p": "x"}`,
		ErrInvalidDocument, `"@n"`},
	{"reserved term in a term's scoped context, json-gold expanding",
		`{"@context": {"@vocab": "urn:v:", "@base": "https://b.example/", "t": {"@id": "urn:v:t", "@context": {"@Q": "x"}}}, "t": {"p": "x"}}`,
		ErrInvalidDocument, `"@Q"`},
	{"@base that is not hierarchical (json-gold and jsonld.js resolve against it differently)",
		`{"@context": [{"@base": "urn:b/"}, {"@vocab": "urn:v:"}], "@id": "x", "p": "x"}`,
		ErrUnsafeDocument, `"urn:b/"`},
	{"empty default @language (jsonld.js refuses the context)",
		`{"@context": {"@language": "", "l": "urn:l"}, "@id": "urn:s", "l": "would be tagged \"\""}`,
		ErrUnsafeDocument, "@language"},
	{"empty default @language, json-gold expanding, no string to tag",
		`{"@context": {"@base": "https://b.example/", "@language": "", "r": {"@id": "urn:r", "@type": "@id"}}, "@id": "s", "r": "o"}`,
		ErrUnsafeDocument, "@language"},
	{"relative @id (dropped from RDF)",
		`{` + v2 + `, "id": "relative/path", "type": ["VerifiableCredential"]}`,
		ErrUnsafeDocument, "relative/path"},
	{"relative IRI value of an @id-typed term",
		`{` + v2 + `, "type": ["VerifiableCredential"], "issuer": "issuers/1"}`,
		ErrUnsafeDocument, "issuers/1"},
	{"unknown context",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/unknown/v1"], "type": ["VerifiableCredential"]}`,
		ErrUnknownContext, "https://example.org/unknown/v1"},
	{"null value (dropped by expansion)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": null}`,
		ErrUnsafeDocument, "/name"},
	{"empty array (no statement)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "credentialSchema": []}`,
		ErrUnsafeDocument, "credentialSchema"},
	{"@index is not represented in RDF",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"ex": "https://example.org/", "items": {"@id": "ex:items", "@container": "@index"}}], "type": ["VerifiableCredential"], "items": {"a": "x"}}`,
		ErrUnsafeDocument, "@index"},
	{"@direction other than ltr or rtl (JSON-LD 1.1 invalid base direction)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": {"@value": "x", "@direction": "up"}}`,
		ErrInvalidDocument, "@direction"},
	{"@direction with a datatype (no i18n-datatype literal can carry both)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": {"@value": "x", "@type": "https://example.org/t", "@direction": "rtl"}}`,
		ErrInvalidDocument, "@direction"},
	{"@direction on a number",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": {"@value": 1, "@direction": "rtl"}}`,
		ErrInvalidDocument, "@direction"},
	{"null @direction (jsonld.js: invalid base direction)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": {"@value": "x", "@direction": null}}`,
		ErrInvalidDocument, "@direction"},
	{"@direction in a term definition (applied by json-gold, ignored by jsonld.js)",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"label": {"@id": "https://example.org/label", "@direction": "rtl"}}], "type": ["VerifiableCredential"], "label": "x"}`,
		ErrUnsafeDocument, "@direction"},
	{"default @direction in a context (applied by json-gold, ignored by jsonld.js)",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"@direction": "rtl"}], "type": ["VerifiableCredential"], "name": "x"}`,
		ErrUnsafeDocument, "@direction"},
	{"null beside a JSON literal: the literal keeps its nulls, expansion drops the other",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"raw": {"@id": "https://example.org/raw", "@type": "@json"}}], "type": ["VerifiableCredential"], "raw": {"a": null}, "name": null}`,
		ErrUnsafeDocument, "/name"},
	{"null as a whole JSON literal",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"raw": {"@id": "https://example.org/raw", "@type": "@json"}}], "type": ["VerifiableCredential"], "raw": null}`,
		ErrUnsafeDocument, "/raw"},
	{"null in a JSON literal shape under an ordinary term",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"ex": "https://example.org/"}], "type": ["VerifiableCredential"], "ex:raw": {"@type": "ex:T", "ex:a": [null, "x"]}}`,
		ErrUnsafeDocument, "null"},
	{"invalid language tag (RDF drops the literal)",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": {"@value": "x", "@language": "not a tag"}}`,
		ErrUnsafeDocument, "not a tag"},
	{"IRI with a character N-Quads cannot write",
		`{` + v2 + `, "id": "urn:x>y", "type": ["VerifiableCredential"]}`,
		ErrUnsafeDocument, "urn:x>y"},
	{"number jsonld.js would turn into 0",
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"n": "https://example.org/n"}], "type": ["VerifiableCredential"], "n": 1e-7}`,
		ErrUnsafeDocument, "too small"},
	{"duplicate key",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": "a", "name": "b"}`,
		ErrInvalidDocument, "name"},
	{"lone surrogate",
		`{` + v2 + `, "type": ["VerifiableCredential"], "name": "\ud800"}`,
		ErrInvalidDocument, ""},
	{"not JSON", `{"@context": `, ErrInvalidDocument, ""},
	{"not an object", `["x"]`, ErrInvalidDocument, ""},
	{"trailing data", `{` + v2 + `} {}`, ErrInvalidDocument, ""},
}

func TestSafeModeRejects(t *testing.T) {
	for _, tt := range safeModeTests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Canonicalize(context.Background(), []byte(tt.doc), nil)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got (%q, %v), want %v", out, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	deep := `{` + v2 + `, "type": ["VerifiableCredential"], "credentialSubject": ` +
		strings.Repeat(`{"id": "did:example:x", "credentialSubject": `, 80) + `{}` + strings.Repeat(`}`, 80) + `}`
	big := `{` + v2 + `, "type": ["VerifiableCredential"], "name": "` + strings.Repeat("a", 2<<20) + `"}`
	many := `{"@context": ["https://www.w3.org/ns/credentials/v2", {"ex": "https://example.org/", "v": "ex:v"}], "type": ["VerifiableCredential"], "v": [` +
		manyValues(2000) + `]}`
	loads := `{"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"], "type": ["VerifiableCredential"]}`
	// @included is outside our expander, so this goes through json-gold.
	fallback := `{"@context": {"@vocab": "https://example.org/"}, "@id": "urn:a", "p": "x", "@included": [{"@id": "urn:b", "p": ["1", "2", "3", "4", "5", "6", "7", "8"]}]}`
	tests := []struct {
		name   string
		doc    string
		limits Limits
	}{
		{"nesting beyond MaxDepth", deep, Limits{}},
		{"document beyond MaxDocumentBytes", big, Limits{}},
		{"more JSON values than MaxValues", many, Limits{MaxValues: 1000}},
		{"more quads than MaxQuads", many, Limits{MaxQuads: 100}},
		{"more context loads than MaxContextLoads", loads, Limits{MaxContextLoads: 1}},
		{"more context loads than MaxContextLoads (json-gold)", loads, Limits{MaxContextLoads: 1, goldOnly: true}},
		{"more context processing than MaxContextWork", loads, Limits{MaxContextWork: 50}},
		{"json-gold fallback for a document over MaxFallbackValues", fallback, Limits{MaxFallbackValues: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Canonicalize(context.Background(), []byte(tt.doc), &CanonicalizeOptions{Limits: tt.limits})
			if !errors.Is(err, ErrLimit) {
				t.Fatalf("got %v, want ErrLimit", err)
			}
		})
	}
	// The same documents pass when the limits allow them, so the errors
	// above come from the limits and not from something else.
	for _, doc := range []string{many, loads, fallback} {
		if _, err := Canonicalize(context.Background(), []byte(doc), nil); err != nil {
			t.Errorf("within default limits: %v", err)
		}
	}
}

// TestTamper checks that every change of meaning changes the canonical form.
func TestTamper(t *testing.T) {
	orig := readVector(t, "1edtech/testvectors/obv3p0-unsigned.json")
	want, err := Canonicalize(context.Background(), orig, nil)
	if err != nil {
		t.Fatal(err)
	}
	tampered := [][2]string{
		{`"Example Corp"`, `"Example Corq"`},
		{`"Teamwork Badge"`, `"Teamwork badge"`},
		{`"2010-01-01T00:00:00Z"`, `"2010-01-01T00:00:01Z"`},
		{`"did:example:ebfeb1f712ebc6f1c276e12ec21"`, `"did:example:ebfeb1f712ebc6f1c276e12ec22"`},
	}
	for _, tc := range tampered {
		if !bytes.Contains(orig, []byte(tc[0])) {
			t.Fatalf("vector does not contain %s", tc[0])
		}
		doc := bytes.Replace(orig, []byte(tc[0]), []byte(tc[1]), 1)
		got, err := Canonicalize(context.Background(), doc, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc[1], err)
		}
		if bytes.Equal(got, want) {
			t.Errorf("changing %s to %s left the canonical form unchanged", tc[0], tc[1])
		}
	}
}

func manyValues(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"x%d"`, i)
	}
	return b.String()
}

func TestIsAbsIRI(t *testing.T) {
	tests := []struct {
		iri  string
		want bool
		why  string
	}{
		{"https://example.org/a#b", true, "an https IRI with a fragment"},
		{"urn:uuid:1", true, "a URN"},
		{"did:example:123", true, "a DID"},
		{"xsd:anyURI", true, "the CLR 2.0 context's undefined prefix: jsonld.js keeps it"},
		{"a+b.c-d:x", true, "a scheme may hold + . and -"},
		{"https://例え.jp/パス", true, "non-ASCII characters are allowed in an IRI"},
		{"relative/path", false, "no scheme"},
		{"", false, "empty"},
		{":nothing", false, "an empty scheme"},
		{"1http://x", false, "a scheme must start with a letter"},
		{"ht tp://x", false, "a space in the scheme"},
		{"https://x/a b", false, "a space in the path"},
		{"urn:x>y", false, "> is excluded"},
		{"urn:x<y", false, "< is excluded"},
		{`urn:x"y`, false, "a double quote is excluded"},
		{"urn:x{y}", false, "braces are excluded"},
		{"urn:x|y", false, "| is excluded"},
		{"urn:x^y", false, "^ is excluded"},
		{"urn:x`y", false, "a backtick is excluded"},
		{`urn:x\y`, false, "a backslash is excluded"},
		{"urn:x\ny", false, "a control character is excluded"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if got := isAbsIRI(tt.iri); got != tt.want {
				t.Errorf("isAbsIRI(%q) = %v, want %v (%s)", tt.iri, got, tt.want, tt.why)
			}
		})
	}
}

func TestUnsupportedHash(t *testing.T) {
	_, err := Canonicalize(context.Background(), readVector(t, "w3c/di/vc-di-eddsa-TestVectors/unsigned.json"), &CanonicalizeOptions{Hash: crypto.SHA512})
	if !errors.Is(err, rdfc.ErrUnsupportedHash) {
		t.Fatalf("got %v, want rdfc.ErrUnsupportedHash", err)
	}
}

// TestReservedTermInLoadedContext: a loaded context defining a term of
// keyword form is refused on both expanders' paths, as jsonld.js refuses it
// (json-gold alone would ignore the term).
func TestReservedTermInLoadedContext(t *testing.T) {
	l, _ := NewLoader(nil)
	if err := l.AddContext("https://example.org/reserved", []byte(`{"@context": {"@vocab": "urn:v:", "@n": ""}}`)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, doc string }{
		{"our expander", `{"@context": "https://example.org/reserved", "p": "x"}`},
		{"json-gold (@base is outside our expander)", `{"@context": [{"@base": "https://b.example/"}, "https://example.org/reserved"], "@id": "x", "p": "x"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Canonicalize(context.Background(), []byte(tt.doc), &CanonicalizeOptions{Loader: l})
			if !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), `"@n"`) {
				t.Fatalf("got (%q, %v), want ErrInvalidDocument naming \"@n\"", out, err)
			}
		})
	}
}
