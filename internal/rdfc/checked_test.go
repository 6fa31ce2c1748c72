package rdfc

import (
	"errors"
	"testing"
)

// TestIRIsChecked: Options.IRIsChecked skips only the scan of IRIs the
// caller vouches for. Everything else about a quad is still checked, and
// without the option an IRI rdfc cannot write is refused as before.
func TestIRIsChecked(t *testing.T) {
	iri := func(s string) Term { return Term{Kind: IRI, Value: s} }
	ok := Quad{Subject: iri("urn:s"), Predicate: iri("urn:p"), Object: iri("urn:o")}
	with := func(f func(q *Quad)) Dataset { q := ok; f(&q); return Dataset{q} }
	tests := []struct {
		reason    string
		ds        Dataset
		checked   bool // the outcome with IRIsChecked set
		unchecked bool // the outcome without it
	}{
		{"a valid quad", Dataset{ok}, true, true},
		{"an IRI with a space: the caller's check refused it, rdfc's does",
			with(func(q *Quad) { q.Object = iri("urn:a b") }), true, false},
		{"a relative IRI: likewise",
			with(func(q *Quad) { q.Subject = iri("a/b") }), true, false},
		{"a datatype with '>': likewise",
			with(func(q *Quad) { q.Object = Term{Kind: Literal, Value: "v", Datatype: "urn:a>b"} }), true, false},
		{"an empty IRI is never one, checked or not",
			with(func(q *Quad) { q.Predicate = iri("") }), false, false},
		{"a blank node label with a space is still refused",
			with(func(q *Quad) { q.Object = Term{Kind: BlankNode, Value: "b 1"} }), false, false},
		{"a language tag with a space is still refused",
			with(func(q *Quad) { q.Object = Term{Kind: Literal, Value: "v", Language: "en gb"} }), false, false},
		{"a literal predicate is still refused",
			with(func(q *Quad) { q.Predicate = Term{Kind: Literal, Value: "p"} }), false, false},
	}
	for _, tt := range tests {
		for _, checked := range []bool{true, false} {
			_, err := CanonicalBytes(tt.ds, &Options{IRIsChecked: checked})
			want := tt.unchecked
			if checked {
				want = tt.checked
			}
			if (err == nil) != want {
				t.Errorf("%s (IRIsChecked %v): err = %v, want success %v", tt.reason, checked, err, want)
			}
			if err != nil && !errors.Is(err, ErrInvalidDataset) {
				t.Errorf("%s (IRIsChecked %v): err = %v, want ErrInvalidDataset", tt.reason, checked, err)
			}
		}
	}
}
