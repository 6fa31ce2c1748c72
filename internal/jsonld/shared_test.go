package jsonld

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCanonicalizeLeavesDecodedInputAlone: Canonicalize no longer copies a
// decoded document before reading it (only what needs converting is
// copied), so it must neither modify the caller's value nor canonicalize it
// differently from the same JSON given as bytes, whichever expander runs.
func TestCanonicalizeLeavesDecodedInputAlone(t *testing.T) {
	tests := []struct {
		doc, reason string
	}{
		{`{"@context": {"@vocab": "https://example.org/", "n": {"@type": "http://www.w3.org/2001/XMLSchema#integer"}}, "n": 5, "x": [1.5, {"y": 2e3}], "z": "s"}`,
			"numbers outside @context are converted, so their containers are copied"},
		{`{"@context": [{"@version": 1.1, "@vocab": "https://example.org/"}], "a": {"b": ["c", "d"]}}`,
			"a number inside @context is converted to float64"},
		{`{"@context": {"@vocab": "https://example.org/", "j": {"@type": "@json"}}, "j": {"k": [1, {"m": null}]}}`,
			"a JSON literal is placed in the expanded form as it is"},
		{`{"@context": {"@vocab": "https://example.org/", "label": {"@container": "@language"}}, "label": {"en": "hello", "fr": "bonjour"}}`,
			"a language map goes through json-gold, which gets a copy"},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			want, err := Canonicalize(ctx, []byte(tt.doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, useNumber := range []bool{false, true} {
				decode := func() any {
					dec := json.NewDecoder(bytes.NewReader([]byte(tt.doc)))
					if useNumber {
						dec.UseNumber()
					}
					var v any
					if err := dec.Decode(&v); err != nil {
						t.Fatal(err)
					}
					return v
				}
				v, pristine := decode(), decode()
				got, err := Canonicalize(ctx, v, nil)
				if err != nil {
					t.Fatalf("UseNumber %v: %v", useNumber, err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("UseNumber %v: decoded value canonicalizes to\n%s\nbytes to\n%s", useNumber, got, want)
				}
				if diff := cmp.Diff(pristine, v); diff != "" {
					t.Errorf("UseNumber %v: Canonicalize modified the caller's value (-before +after):\n%s", useNumber, diff)
				}
			}
		})
	}
}
