package jsonld

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// decodeGolden decodes a golden credential the way package verify does
// (UseNumber), with its canonical N-Quads as the reference stack wrote them.
func decodeGolden(t *testing.T, name string) (map[string]any, []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", name+".nq"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc, want
}

// TestExpandedReuseIsExact: an Expanded canonicalizes from its own
// expansion only the very document it was made from, under the same loader
// and limits; any other input is canonicalized afresh, so the result is
// always Canonicalize's.
func TestExpandedReuseIsExact(t *testing.T) {
	ctx := context.Background()
	doc, want := decodeGolden(t, "aliases-and-prefixes")
	e, err := ExpandDocument(ctx, doc, &Options{Limits: Limits{MaxDocumentBytes: 4096}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	changed := maps.Clone(doc)
	changed["id"] = "urn:uuid:another"
	floats := maps.Clone(doc)
	floats["extra"] = json.Number("1")
	floatsToo := maps.Clone(floats)
	floatsToo["extra"] = 1.0
	for _, tc := range []struct {
		name   string
		reason string
		e      *Expanded
		doc    any
		opts   *CanonicalizeOptions
		reuse  bool
	}{
		{"same", "the document it was expanded from, equal value for value", e, maps.Clone(doc), &CanonicalizeOptions{}, true},
		{"doc bytes limit", "MaxDocumentBytes caps raw JSON only, never a decoded value", e, doc, &CanonicalizeOptions{Limits: Limits{MaxDocumentBytes: 1 << 10}}, true},
		{"nil", "no expansion to reuse", nil, doc, &CanonicalizeOptions{}, false},
		{"other value", "a changed property must be expanded, not read from the stale expansion", e, changed, &CanonicalizeOptions{}, false},
		{"extra key", "a document with one more property is another document", e, floats, &CanonicalizeOptions{}, false},
		{"number type", "json.Number and float64 are not compared across types", &Expanded{doc: floats, nodes: e.nodes, lim: e.lim}, floatsToo, &CanonicalizeOptions{}, false},
		{"other loader", "another loader may resolve a context differently", e, doc, &CanonicalizeOptions{Loader: other}, false},
		{"other limits", "a tighter limit may refuse what the expansion accepted", e, doc, &CanonicalizeOptions{Limits: Limits{MaxDepth: 3}}, false},
		{"raw bytes", "raw JSON is not compared with a decoded value", e, []byte(`{}`), &CanonicalizeOptions{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.matches(tc.doc, tc.opts); got != tc.reuse {
				t.Fatalf("matches = %v, want %v: %s", got, tc.reuse, tc.reason)
			}
			got, gotErr := tc.e.Canonicalize(ctx, tc.doc, tc.opts)
			fresh, freshErr := Canonicalize(ctx, tc.doc, tc.opts)
			if (gotErr == nil) != (freshErr == nil) || !bytes.Equal(got, fresh) {
				t.Fatalf("Expanded.Canonicalize = %q, %v; Canonicalize = %q, %v", got, gotErr, fresh, freshErr)
			}
		})
	}
	got, err := e.Canonicalize(ctx, doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("reused expansion canonicalizes to\n%s\nthe reference stack to\n%s", got, want)
	}
}

// TestExpandedFromContext: the seam carries an Expanded through a context
// and nothing else.
func TestExpandedFromContext(t *testing.T) {
	ctx := context.Background()
	if ExpandedFrom(ctx) != nil {
		t.Fatal("an empty context carries an expansion")
	}
	e := &Expanded{}
	if ExpandedFrom(WithExpanded(ctx, e)) != e {
		t.Fatal("WithExpanded's expansion is not returned")
	}
	type otherKey struct{}
	if ExpandedFrom(context.WithValue(ctx, otherKey{}, e)) != nil {
		t.Fatal("a value under another key was taken for the expansion")
	}
}

// TestExpandDocumentInPlace: ExpandDocument reads its document in place
// instead of copying it first (Expand copies), which must change neither
// the expansion nor the document: every golden credential (numbers as
// json.Number, which the copy converts, aliases, @json literals among them)
// expands as Expand expands it, and the document is value for value what
// it was.
func TestExpandDocumentInPlace(t *testing.T) {
	ctx := context.Background()
	names, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden documents: %v", err)
	}
	for _, name := range names {
		name = strings.TrimSuffix(filepath.Base(name), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			var doc map[string]any
			if err := dec.Decode(&doc); err != nil {
				t.Skipf("not one JSON object: %v", err)
			}
			before, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			want, wantErr := Expand(ctx, doc, nil)
			e, gotErr := ExpandDocument(ctx, doc, nil)
			if (wantErr == nil) != (gotErr == nil) {
				t.Fatalf("ExpandDocument error %v, Expand error %v", gotErr, wantErr)
			}
			if gotErr == nil && !reflect.DeepEqual(e.Nodes(), want) {
				t.Fatalf("ExpandDocument expands to\n%v\nExpand to\n%v", e.Nodes(), want)
			}
			after, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Fatalf("ExpandDocument changed its document:\n%s\nwas\n%s", after, before)
			}
		})
	}
}
