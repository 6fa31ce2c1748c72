package jsonld

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
)

// TestCanonicalizePooledDatasets canonicalizes the golden documents one
// after another, forwards and then backwards, so that each reuses the
// pooled dataset (and canonicalizer) a larger or smaller document, or one
// refused part way, left behind: the output must still match jsonld.js.
func TestCanonicalizePooledDatasets(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	inputs := goldenInputs(t)
	reversed := slices.Clone(inputs)
	slices.Reverse(reversed)
	for _, in := range append(inputs, reversed...) {
		name := filepath.Join("testdata", "golden", filepath.FromSlash(in.name))
		want, rerr := os.ReadFile(name + ".nq")
		got, err := Canonicalize(context.Background(), in.doc, &CanonicalizeOptions{Loader: l})
		if rerr != nil {
			continue // refused by jsonld.js; TestGoldenJSONLDjs checks we refuse it too
		}
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s after reusing pooled buffers: differs from jsonld.js\n got:\n%s\nwant:\n%s", in.name, got, want)
		}
	}
}

// TestQuadBufPutClears: a dataset going back to the pool keeps none of the
// document's strings, not even past its length, where a path that gave up
// part way may have written.
func TestQuadBufPutClears(t *testing.T) {
	ds := make(rdfc.Dataset, 3, 4)
	for i := range ds[:cap(ds)] {
		ds[:cap(ds)][i] = rdfc.Quad{Subject: iri("https://example.org/secret")}
	}
	b := new(quadBuf)
	b.put(ds[:1])
	if len(b.ds) != 0 || cap(b.ds) != 4 {
		t.Fatalf("pooled dataset has len %d cap %d, want 0 and 4", len(b.ds), cap(b.ds))
	}
	for i, q := range b.ds[:cap(b.ds)] {
		if q != (rdfc.Quad{}) {
			t.Errorf("quad %d still set after put: %+v", i, q)
		}
	}
}
