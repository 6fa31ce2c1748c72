package rdfc

import (
	"crypto"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAppendTerm(t *testing.T) {
	tests := []struct {
		reason string
		term   Term
		want   string
	}{
		{"IRIs are written as they are", iri("a:é>"), "<a:é>>"},
		{"blank nodes get the _: prefix", bnode("b0"), "_:b0"},
		{"xsd:string is implicit", Term{Kind: Literal, Value: "x", Datatype: XSDString}, `"x"`},
		{"other datatypes are written", Term{Kind: Literal, Value: "1", Datatype: "a:int"}, `"1"^^<a:int>`},
		{"a language tag replaces rdf:langString", Term{Kind: Literal, Value: "x", Language: "en", Datatype: RDFLangString}, `"x"@en`},
		{"RDFC-1.0 uses ECHAR for BS HT LF FF CR \" and \\", lit("\b\t\n\f\r\"\\"), `"\b\t\n\f\r\"\\"`},
		{"other C0 controls and DEL become upper-case \\u00XX (W3C test060)", lit("\x00\x07\x0b\x0e\x1f\x7f"), `"\u0000\u0007\u000B\u000E\u001F\u007F"`},
		{"apostrophe and non-ASCII stay raw", lit("'é\u0080\U0001F303"), "\"'é\u0080\U0001F303\""},
		{"the default graph is written as nothing", Term{Kind: DefaultGraph}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if got := tt.term.String(); got != tt.want {
				t.Errorf("%s: got %s, want %s", tt.reason, got, tt.want)
			}
		})
	}
}

func TestQuadString(t *testing.T) {
	tests := []struct {
		reason string
		quad   Quad
		want   string
	}{
		{"the zero graph is the default graph", Quad{Subject: iri("a:s"), Predicate: iri("a:p"), Object: lit("o")}, `<a:s> <a:p> "o" .`},
		{"named graphs are the fourth term", Quad{bnode("s"), iri("a:p"), bnode("o"), bnode("g")}, `_:s <a:p> _:o _:g .`},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if got := tt.quad.String(); got != tt.want {
				t.Errorf("%s: got %s, want %s", tt.reason, got, tt.want)
			}
			if got := string(tt.quad.AppendNQuad([]byte("x"))); got != "x"+tt.want+"\n" {
				t.Errorf("%s: AppendNQuad gave %q", tt.reason, got)
			}
		})
	}
}

func TestCanonicalizeErrors(t *testing.T) {
	ok := Quad{Subject: iri("a:s"), Predicate: iri("a:p"), Object: lit("o")}
	bad := func(f func(*Quad)) Dataset { q := ok; f(&q); return Dataset{ok, q} }
	many := make(Dataset, 5)
	for i := range many {
		many[i] = Quad{Subject: bnode(string(rune('a' + i))), Predicate: iri("a:p"), Object: lit("o")}
	}
	tests := []struct {
		reason string
		ds     Dataset
		opts   *Options
		want   error
	}{
		{"a literal subject has no canonical form", bad(func(q *Quad) { q.Subject = lit("s") }), nil, ErrInvalidDataset},
		{"a blank node predicate is generalized RDF", bad(func(q *Quad) { q.Predicate = bnode("p") }), nil, ErrInvalidDataset},
		{"an unset object is a bug in the caller", bad(func(q *Quad) { q.Object = Term{} }), nil, ErrInvalidDataset},
		{"a literal graph name is invalid", bad(func(q *Quad) { q.Graph = lit("g") }), nil, ErrInvalidDataset},
		{"an empty blank node label would merge nodes", bad(func(q *Quad) { q.Object = bnode("") }), nil, ErrInvalidDataset},
		{"an IRI cannot smuggle in another term", bad(func(q *Quad) { q.Object = iri("a:o> <a:x") }), nil, ErrInvalidDataset},
		{"a relative IRI has no canonical form", bad(func(q *Quad) { q.Subject = iri("/s") }), nil, ErrInvalidDataset},
		{"an empty IRI is invalid even after valid ones", bad(func(q *Quad) { q.Object = iri("") }), nil, ErrInvalidDataset},
		{"a datatype cannot smuggle in another term", bad(func(q *Quad) { q.Object.Datatype = "a:d> <a:g" }), nil, ErrInvalidDataset},
		{"a label cannot hold a space", bad(func(q *Quad) { q.Subject = bnode("a <a:p> _:b") }), nil, ErrInvalidDataset},
		{"a label cannot end with a dot", bad(func(q *Quad) { q.Subject = bnode("a.") }), nil, ErrInvalidDataset},
		{"a language tag cannot hold a space", bad(func(q *Quad) { q.Object.Language = "en <a:g>" }), nil, ErrInvalidDataset},
		{"a literal is either tagged or typed", bad(func(q *Quad) { q.Object.Language, q.Object.Datatype = "en", "a:d" }), nil, ErrInvalidDataset},
		{"rdf:langString with a tag is fine", bad(func(q *Quad) { q.Object.Language, q.Object.Datatype = "en", RDFLangString }), nil, nil},
		{"non-ASCII IRIs and labels are fine", bad(func(q *Quad) { q.Subject, q.Object = bnode("é.1"), iri("a:∞") }), nil, nil},
		{"MD5 is not offered", Dataset{ok}, &Options{Hash: crypto.MD5}, ErrUnsupportedHash},
		{"SHA-512 is offered", Dataset{ok}, &Options{Hash: crypto.SHA512}, nil},
		{"MaxBlankNodes is enforced", many, &Options{MaxBlankNodes: 4}, ErrLimit},
		{"MaxBlankNodes admits exactly its count", many, &Options{MaxBlankNodes: 5}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := Canonicalize(tt.ds, tt.opts)
			if tt.want == nil && err != nil || !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// TestCanonicalizeDuplicates checks that a dataset is treated as a set: a
// repeated quad holding a blank node would otherwise change that node's
// first-degree hash and so its label.
func TestCanonicalizeDuplicates(t *testing.T) {
	set := `_:x <a:p> _:y .
_:x <a:p> "v" .
_:y <a:q> "w" .
`
	dup := set + "_:x <a:p> \"v\"^^<http://www.w3.org/2001/XMLSchema#string> .\n_:x <a:p> _:y .\n"
	want, err := CanonicalizeNQuads([]byte(set), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := CanonicalizeNQuads([]byte(dup), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("duplicates changed the canonical form (-set +with duplicates):\n%s", diff)
	}
	if n := strings.Count(string(got), "\n"); n != 3 {
		t.Errorf("got %d lines, want 3", n)
	}

	// Whether a duplicate would flip the order of two first-degree hashes
	// depends on the data; over twenty pairs some would.
	for i := range 20 {
		set := fmt.Sprintf("_:x <a:p> \"%d\" .\n_:y <a:p> \"%d\" .\n", i, i+100)
		dup := set + fmt.Sprintf("_:x <a:p> \"%d\" .\n", i)
		want, err1 := CanonicalizeNQuads([]byte(set), nil)
		got, err2 := CanonicalizeNQuads([]byte(dup), nil)
		if err1 != nil || err2 != nil || string(got) != string(want) {
			t.Fatalf("pair %d: with a duplicate got\n%s\nwant\n%s (%v, %v)", i, got, want, err1, err2)
		}
	}
}

func TestResultLinesAndIssued(t *testing.T) {
	ds, err := ParseNQuads([]byte("_:b <a:p> _:a .\n_:a <a:p> \"x\" .\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Canonicalize(ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := r.Lines()
	if strings.Join(lines, "") != string(r.NQuads) || len(lines) != 2 {
		t.Errorf("Lines() = %q do not make up NQuads %q", lines, r.NQuads)
	}
	issued := r.Issued()
	if len(issued) != 2 || issued["a"] == issued["b"] {
		t.Fatalf("Issued() = %v", issued)
	}
	for label, c := range issued {
		if !strings.Contains(string(r.NQuads), "_:"+c+" ") {
			t.Errorf("%s was issued %s, which is not in the output", label, c)
		}
	}
	empty, err := Canonicalize(nil, nil)
	if err != nil || len(empty.NQuads) != 0 || len(empty.Lines()) != 0 || len(empty.Issued()) != 0 {
		t.Errorf("empty dataset: %+v, %v", empty, err)
	}
}
