package jsonld

import (
	"context"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
)

// TestLiterals pins the lexical forms jsonld.js produces (lib/toRdf.js:
// doubles via toExponential(15), integers via toFixed(0), rdf:JSON via JCS).
func TestLiterals(t *testing.T) {
	const ctx = `"@context": {"ex": "https://example.org/", "v": "ex:v",
		"d": {"@id": "ex:d", "@type": "http://www.w3.org/2001/XMLSchema#double"},
		"f": {"@id": "ex:f", "@type": "http://www.w3.org/2001/XMLSchema#float"},
		"j": {"@id": "ex:j", "@type": "@json"},
		"l": {"@id": "ex:l", "@language": "en"}}, "@id": "urn:s"`
	const xsd = "http://www.w3.org/2001/XMLSchema#"
	tests := []struct {
		name, member string
		want         string // the object term in N-Quads form
	}{
		{"fraction below one", `"v": 0.75`, `"7.5E-1"^^<` + xsd + `double>`},
		{"fraction above one", `"v": 123.456`, `"1.23456E2"^^<` + xsd + `double>`},
		{"negative fraction", `"v": -2.5`, `"-2.5E0"^^<` + xsd + `double>`},
		{"integer", `"v": 42`, `"42"^^<` + xsd + `integer>`},
		{"integer written with a fraction", `"v": 1.0`, `"1"^^<` + xsd + `integer>`},
		{"negative zero", `"v": -0`, `"0"^^<` + xsd + `integer>`},
		{"large integer below 1e21", `"v": 1e20`, `"100000000000000000000"^^<` + xsd + `integer>`},
		{"integer beyond int64", `"v": 12345678901234567890`, `"12345678901234567168"^^<` + xsd + `integer>`},
		{"1e21 is a double in JavaScript", `"v": 1e21`, `"1.0E21"^^<` + xsd + `double>`},
		{"small fraction with two digits", `"v": 1.5e-7`, `"1.5E-7"^^<` + xsd + `double>`},
		{"integer coerced to xsd:double", `"d": 5`, `"5.0E0"^^<` + xsd + `double>`},
		{"fraction typed xsd:float (OB creditsEarned)", `"f": 0.75`, `"7.5E-1"^^<` + xsd + `float>`},
		{"integer typed xsd:float", `"f": 3`, `"3"^^<` + xsd + `float>`},
		{"string typed xsd:float stays as written", `"f": "0.750"`, `"0.750"^^<` + xsd + `float>`},
		{"boolean", `"v": true`, `"true"^^<` + xsd + `boolean>`},
		{"language string", `"l": "colour"`, `"colour"@en`},
		{"control characters and quotes", `"v": "a\"b\\c\nd\u0001"`, `"a\"b\\c\nd\u0001"`},
		{"non-Latin and emoji", `"v": "证书 🎓"`, `"证书 🎓"`},
		{"JSON literal in JCS form", `"j": {"b": [1, 2.50, "x"], "a": true, "c": 1e21}`,
			`"{\"a\":true,\"b\":[1,2.5,\"x\"],\"c\":1e+21}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>`},
		{"JSON array literal", `"j": [3, "y"]`, `"[3,\"y\"]"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>`},
		{"JSON number literal is not a double", `"j": 7.5`, `"7.5"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>`},
		{"JSON string literal", `"j": "s"`, `"\"s\""^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := ToRDF(context.Background(), []byte(`{`+ctx+`, `+tt.member+`}`), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 1 {
				t.Fatalf("got %d quads, want 1: %v", len(ds), ds)
			}
			got := string(rdfc.AppendTerm(nil, ds[0].Object))
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
