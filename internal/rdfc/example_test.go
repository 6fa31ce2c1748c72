package rdfc_test

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/internal/rdfc"
)

func ExampleCanonicalizeNQuads() {
	in := []byte(`# blank node labels and quad order are arbitrary
_:issuer <https://schema.org/name> "Example University" .
<urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> _:issuer .
<urn:uuid:1> <https://schema.org/description> "line one\nline\ttwo"@en .
`)
	out, err := rdfc.CanonicalizeNQuads(in, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// <urn:uuid:1> <https://schema.org/description> "line one\nline\ttwo"@en .
	// <urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> _:c14n0 .
	// _:c14n0 <https://schema.org/name> "Example University" .
}

func ExampleCanonicalize() {
	ds := rdfc.Dataset{
		{
			Subject:   rdfc.Term{Kind: rdfc.BlankNode, Value: "b1"},
			Predicate: rdfc.Term{Kind: rdfc.IRI, Value: "https://schema.org/knows"},
			Object:    rdfc.Term{Kind: rdfc.BlankNode, Value: "b0"},
		},
		{
			Subject:   rdfc.Term{Kind: rdfc.BlankNode, Value: "b0"},
			Predicate: rdfc.Term{Kind: rdfc.IRI, Value: "https://schema.org/name"},
			Object:    rdfc.Term{Kind: rdfc.Literal, Value: "Ada"},
		},
	}
	r, err := rdfc.Canonicalize(ds, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(r.NQuads))
	issued := r.Issued()
	fmt.Println("b0 ->", issued["b0"], "b1 ->", issued["b1"])
	// Output:
	// _:c14n0 <https://schema.org/name> "Ada" .
	// _:c14n1 <https://schema.org/knows> _:c14n0 .
	// b0 -> c14n0 b1 -> c14n1
}

func ExampleParseNQuads_error() {
	_, err := rdfc.ParseNQuads([]byte("<urn:a> <urn:b> <urn:c> .\n<urn:a> <b> <urn:c> .\n"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, rdfc.ErrSyntax))
	// Output:
	// rdfc: invalid N-Quads at line 2, column 10: IRI <b> is not absolute
	// true
}

// A dataset whose blank nodes cannot be told apart (here eight nodes all
// linked to each other) would take factorial time; the default work limit
// stops it within milliseconds.
func ExampleOptions_workLimit() {
	var clique []byte
	for i := range 8 {
		for j := range 8 {
			clique = fmt.Appendf(clique, "_:n%d <urn:ex:knows> _:n%d .\n", i, j)
		}
	}
	_, err := rdfc.CanonicalizeNQuads(clique, nil)
	fmt.Println(errors.Is(err, rdfc.ErrWorkLimit))
	// Output:
	// true
}
