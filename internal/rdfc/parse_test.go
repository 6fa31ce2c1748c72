package rdfc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func iri(v string) Term   { return Term{Kind: IRI, Value: v} }
func bnode(v string) Term { return Term{Kind: BlankNode, Value: v} }
func lit(v string) Term   { return Term{Kind: Literal, Value: v} }

var defaultGraph = Term{Kind: DefaultGraph}

func TestParseNQuads(t *testing.T) {
	tests := []struct {
		name, in string
		want     Dataset
	}{
		{"empty document has no quads", "", Dataset{}},
		{"comments and blank lines are skipped", "# c\n\n  \t\n# d", Dataset{}},
		{"triple goes to the default graph", "<a:s> <a:p> <a:o> .\n",
			Dataset{{iri("a:s"), iri("a:p"), iri("a:o"), defaultGraph}}},
		{"whitespace between tokens is optional", "<a:s><a:p><a:o>.",
			Dataset{{iri("a:s"), iri("a:p"), iri("a:o"), defaultGraph}}},
		{"tabs, CRLF and a trailing comment are allowed", "<a:s>\t<a:p>\t\"x\"\t<a:g>\t.\t# c\r\n_:b <a:p> _:c _:g .\r",
			Dataset{{iri("a:s"), iri("a:p"), lit("x"), iri("a:g")}, {bnode("b"), iri("a:p"), bnode("c"), bnode("g")}}},
		{"a dot after a blank node ends the statement", "_:a.b <a:p> _:c.d.",
			Dataset{{bnode("a.b"), iri("a:p"), bnode("c.d"), defaultGraph}}},
		{"blank node labels may use digits, '-', ':' and non-ASCII", "_:0-x:é·y <a:p> _:_z .",
			Dataset{{bnode("0-x:é·y"), iri("a:p"), bnode("_z"), defaultGraph}}},
		{"all ECHAR and UCHAR forms decode", `<a:s> <a:p> "\t\b\n\r\f\"\'\\\u00e9\U0001F303" .`,
			Dataset{{iri("a:s"), iri("a:p"), lit("\t\b\n\r\f\"'\\é\U0001F303"), defaultGraph}}},
		{"UCHAR decodes in IRIs", `<a:\u0065x\U0000221E> <a:p> <a:o> .`,
			Dataset{{iri("a:ex∞"), iri("a:p"), iri("a:o"), defaultGraph}}},
		{"language tags keep their case", `<a:s> <a:p> "x"@en-GB-oed .`,
			Dataset{{iri("a:s"), iri("a:p"), Term{Kind: Literal, Value: "x", Language: "en-GB-oed"}, defaultGraph}}},
		{"datatype is kept", `<a:s> <a:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
			Dataset{{iri("a:s"), iri("a:p"), Term{Kind: Literal, Value: "1", Datatype: "http://www.w3.org/2001/XMLSchema#integer"}, defaultGraph}}},
		{"explicit xsd:string is the plain literal", `<a:s> <a:p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .`,
			Dataset{{iri("a:s"), iri("a:p"), lit("x"), defaultGraph}}},
		{"empty literal", `<a:s> <a:p> "" .`,
			Dataset{{iri("a:s"), iri("a:p"), lit(""), defaultGraph}}},
		{"'#' inside IRIs and literals is not a comment", `<a:s#x> <a:p> "#y" . #z`,
			Dataset{{iri("a:s#x"), iri("a:p"), lit("#y"), defaultGraph}}},
		{"duplicates are kept for Canonicalize to remove", "<a:s> <a:p> <a:o> .\n<a:s> <a:p> <a:o> .\n",
			Dataset{{iri("a:s"), iri("a:p"), iri("a:o"), defaultGraph}, {iri("a:s"), iri("a:p"), iri("a:o"), defaultGraph}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNQuads([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				got = Dataset{}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseNQuadsErrors(t *testing.T) {
	tests := []struct {
		reason, in string
		line, col  int
		msg        string
	}{
		{"IRIs must be absolute", "<a:s> <p> <a:o> .", 1, 8, "not absolute"},
		{"an IRI must end", "<a:s> <a:p> <a:o", 1, 17, "unterminated IRI"},
		{"space is not allowed in IRIs", "<a:s x> <a:p> <a:o> .", 1, 5, "not allowed in an IRI"},
		{"escapes cannot smuggle forbidden characters into IRIs", `<a:s\u003E> <a:p> <a:o> .`, 1, 11, "not allowed in an IRI"},
		{"only \\u escapes exist in IRIs", `<a:\n> <a:p> <a:o> .`, 1, 4, "only \\u and \\U"},
		{"literals cannot be subjects", `"s" <a:p> <a:o> .`, 1, 1, "expected a subject"},
		{"blank nodes cannot be predicates", "<a:s> _:p <a:o> .", 1, 7, "expected a predicate"},
		{"literals cannot be graph names", `<a:s> <a:p> <a:o> "g" .`, 1, 19, "expected '.'"},
		{"a statement ends with a dot", "<a:s> <a:p> <a:o>\n", 1, 18, "expected '.'"},
		{"one statement per line", "<a:s> <a:p> <a:o> . <a:s> <a:p> <a:o> .", 1, 21, "after the end of the statement"},
		{"errors name the line", "<a:s> <a:p> <a:o> .\n\r\n# c\n<a:s> <a:p> \"x\n", 4, 15, "line break in string literal"},
		{"columns count code points", "<a:é> <a:p> \"é\\q\" .", 1, 16, "invalid escape"},
		{"a literal must end", `<a:s> <a:p> "x`, 1, 15, "unterminated string literal"},
		{"surrogates are not characters", `<a:s> <a:p> "\uD800" .`, 1, 14, "not a Unicode scalar value"},
		{"code points stop at U+10FFFF", `<a:s> <a:p> "\U00110000" .`, 1, 14, "not a Unicode scalar value"},
		{"hex digits only", `<a:s> <a:p> "\u00G0" .`, 1, 14, "invalid hex digit"},
		{"a short escape is an error", `<a:s> <a:p> "\u00`, 1, 14, "truncated"},
		{"input must be UTF-8", "<a:s> <a:p> \"\xff\" .", 1, 14, "invalid UTF-8"},
		{"IRIs must be UTF-8", "<a:\xc3> <a:p> <a:o> .", 1, 4, "invalid UTF-8"},
		{"a language tag needs letters", `<a:s> <a:p> "x"@ .`, 1, 17, "invalid language tag"},
		{"a language subtag cannot be empty", `<a:s> <a:p> "x"@en- .`, 1, 20, "invalid language tag"},
		{"a datatype is an IRI", `<a:s> <a:p> "x"^^_:d .`, 1, 16, "expected ^^<datatype IRI>"},
		{"a blank node needs a label", "_: <a:p> <a:o> .", 1, 3, "empty or invalid blank node label"},
		{"a label cannot start with '-'", "_:-a <a:p> <a:o> .", 1, 3, "empty or invalid blank node label"},
		{"'_' alone is not a blank node", "_a <a:p> <a:o> .", 1, 1, "expected '_:'"},
		{"long values are clipped in messages", "<" + strings.Repeat("x", 5000) + "> <a:p> <a:o> .", 1, 2, "<" + strings.Repeat("x", 64) + "...> is not absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := ParseNQuads([]byte(tt.in))
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("got %v, want a *SyntaxError wrapping ErrSyntax", err)
			}
			if se.Line != tt.line || se.Column != tt.col || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("got line %d column %d %q, want line %d column %d containing %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestParseNQuadsLimits(t *testing.T) {
	doc := []byte(strings.Repeat("<a:s> <a:p> <a:o> .\n", 10))
	tests := []struct {
		reason string
		lim    ParseLimits
		ok     bool
	}{
		{"the defaults admit a small document", ParseLimits{}, true},
		{"exactly MaxBytes is allowed", ParseLimits{MaxBytes: len(doc)}, true},
		{"one byte over MaxBytes is refused before parsing", ParseLimits{MaxBytes: len(doc) - 1}, false},
		{"exactly MaxQuads is allowed", ParseLimits{MaxQuads: 10}, true},
		{"one quad over MaxQuads is refused", ParseLimits{MaxQuads: 9}, false},
		{"negative means no limit", ParseLimits{MaxBytes: -1, MaxQuads: -1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			ds, err := ParseNQuads(doc, tt.lim)
			switch {
			case tt.ok && (err != nil || len(ds) != 10):
				t.Fatalf("got %d quads, %v", len(ds), err)
			case !tt.ok && !errors.Is(err, ErrLimit):
				t.Fatalf("got %v, want ErrLimit", err)
			}
		})
	}
}
