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
// part way may have written; and put clears no more than was written.
func TestQuadBufPutClears(t *testing.T) {
	secret := rdfc.Quad{Subject: iri("https://example.org/secret")}
	tests := []struct {
		reason       string
		len, written int
		cleared      int // quads of the array of 6 put must clear
	}{
		{"nothing beyond the dataset was written", 3, 3, 3},
		{"a path that gave up wrote further", 2, 5, 5},
		{"a path that gave up went on in a larger array", 2, 9, 6},
		{"written understated: the dataset itself is cleared", 4, 1, 4},
	}
	for _, tt := range tests {
		arr := make(rdfc.Dataset, 6)
		for i := range arr {
			arr[i] = secret
		}
		b := new(quadBuf)
		b.put(arr[:tt.len], tt.written)
		if len(b.ds) != 0 || cap(b.ds) != 6 {
			t.Fatalf("%s: pooled dataset has len %d cap %d, want 0 and 6", tt.reason, len(b.ds), cap(b.ds))
		}
		for i, q := range arr {
			if cleared := q == (rdfc.Quad{}); cleared != (i < tt.cleared) {
				t.Errorf("%s: quad %d cleared: %v, want %v", tt.reason, i, cleared, i < tt.cleared)
			}
		}
	}
}

// TestDirectReportsPartialOutput: when the straight path gives up after
// making statements, it returns them, so that Canonicalize knows how much
// of the pooled array to clear.
func TestDirectReportsPartialOutput(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	// An array's values are converted in order: "x" and "y" make a
	// statement each, then the null makes the straight path give up.
	lim := Limits{}.withDefaults()
	in, err := readDocument([]byte(`{"@context": {"@vocab": "https://e.org/"}, "a": ["x", "y", null]}`), lim)
	if err != nil {
		t.Fatal(err)
	}
	dst := make(rdfc.Dataset, 0, 8)
	ds, ok := directToRDF(context.Background(), in, l, lim, dst)
	if ok || len(ds) != 2 || &ds[0] != &dst[:1][0] {
		t.Fatalf("directToRDF = %d statements, ok %v; want the 2 made before the null, in dst, and ok false", len(ds), ok)
	}
}
