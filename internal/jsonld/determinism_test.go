package jsonld

import (
	"context"
	"testing"
)

// TestContextErrorsDeterministic: a context with several faults is refused
// for the same one every time (FuzzCanonicalize found a context whose
// error named one of two terms at random, following Go's map order).
func TestContextErrorsDeterministic(t *testing.T) {
	for _, tc := range []struct{ doc, why string }{
		{`{"@context":[{"0A":"","0":""}]}`, "two terms that map to relative IRIs"},
		{`{"@context":{"a":"x","b":"y","c":"z"},"a":1}`, "three bad mappings"},
		{`{"@context":{"@version":2,"@vocab":"rel","@base":"x"}}`, "three bad keywords"},
		{`{"@context":{"t":{"@id":"x","@type":"y","@container":"@nope"}}}`, "a term with several bad members"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			var first string
			for i := range 60 {
				_, err := Canonicalize(context.Background(), []byte(tc.doc), &CanonicalizeOptions{})
				if err == nil {
					t.Fatalf("%s was accepted", tc.doc)
				}
				if i == 0 {
					first = err.Error()
				} else if err.Error() != first {
					t.Fatalf("run %d refused %s with %q, run 0 with %q", i, tc.doc, err, first)
				}
			}
		})
	}
}
