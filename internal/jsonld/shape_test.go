package jsonld

import (
	"bytes"
	"context"
	"maps"
	"reflect"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// shapeSeeds are documents on each side of every fact a Shape records.
var shapeSeeds = []string{
	`{}`, `[]`, `"x"`, `1`, `{"a":1}`, `{"a":[1,{"b":[]}]}`,
	`{"":1}`, `{"a":{"":null}}`, `{"a":[{"":1}]}`,
	`{"@language":"en"}`, `{"a":{"@language":"en"}}`, `{"a":{"@language":"en","@value":"x"}}`,
	`{"@context":{"@language":"en"}}`, `{"@context":[{"@language":"en"}]}`,
	`{"@context":{"@version":1.1}}`, `{"@context":[{"a":{"@context":{"b":2}}}]}`, `{"a":{"@context":1}}`,
	`{"n":1,"m":-2.5e3}`, `{"@context":"https://www.w3.org/ns/credentials/v2","n":[1,2,3]}`,
	`{"\u0040context":{"x":1}}`, `{"@language":"en","x":1}`, `{"a":[[[[[]]]]]}`,
}

// shapeLimits are the limits the differential tests try: every depth and
// value count up to a little past the seeds', where the Shape's exact
// counts are on trial, and the defaults.
func shapeLimits() []Limits {
	var out []Limits
	for d := 1; d <= 7; d++ {
		for v := 1; v <= 12; v++ {
			out = append(out, Limits{MaxDepth: d, MaxValues: v}.withDefaults())
		}
	}
	return append(out, Limits{}.withDefaults())
}

// checkShapeVouches holds the Shape to the copier it stands in for: when
// the Shape says a tree is plain under lim, the copier (share mode, text
// checked, as Canonicalize runs it on the strict reader's trees) must
// accept the tree and return it unchanged. (The Shape may be stricter than
// the copier: it refuses a lone @language inside a context, say.)
func checkShapeVouches(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	tree, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{MaxDepth: 100}, true)
	if err != nil {
		return
	}
	if !shape.PlainWithin(lim.MaxDepth, lim.MaxValues) {
		return
	}
	c := copier{lim: lim, share: true, utf8Checked: true}
	got, changed, err := c.copy(tree, 0, false)
	if err != nil || changed {
		t.Fatalf("%s: the Shape vouches for it under MaxDepth %d, MaxValues %d, but the copier says changed %v, %v", data, lim.MaxDepth, lim.MaxValues, changed, err)
	}
	if m, ok := tree.(map[string]any); ok {
		if !sameMap(got, m) {
			t.Fatalf("%s: the copier returned another map", data)
		}
		var s ShapedContext
		ctx := s.Wrap(context.Background(), m, shape)
		if !readAlready(ctx, m, lim, true) {
			t.Fatalf("%s: readAlready refuses the tree its Shape vouches for", data)
		}
		v, aliased, err := readDocumentShared(m, lim, true, true, true)
		if err != nil || !aliased || !sameMap(v, m) {
			t.Fatalf("%s: readDocumentShared gives %v, %v, %v where readAlready takes the tree as it is", data, v, aliased, err)
		}
		// ExpandDocument takes it as read too, where it would have
		// walked it with the UTF-8 scan on: the reader checked the text,
		// so the scan changes nothing.
		v, aliased, err = readDocumentShared(m, lim, true, false, false)
		if err != nil || !aliased || !sameMap(v, m) {
			t.Fatalf("%s: ExpandDocument's walk gives %v, %v, %v where readAlready takes the tree as it is", data, v, aliased, err)
		}
	}
}

// sameMap reports whether v is the map m itself, not an equal one.
func sameMap(v any, m map[string]any) bool {
	n, ok := v.(map[string]any)
	return ok && reflect.ValueOf(n).UnsafePointer() == reflect.ValueOf(m).UnsafePointer()
}

// TestShapeVouchesOnlyForWhatTheCopierAccepts is the differential test of
// the copier's shortcut over the seeds under every small limit.
func TestShapeVouchesOnlyForWhatTheCopierAccepts(t *testing.T) {
	for _, s := range shapeSeeds {
		for _, lim := range shapeLimits() {
			checkShapeVouches(t, []byte(s), lim)
		}
	}
	for name, doc := range corpus(t) {
		t.Run(name, func(t *testing.T) { checkShapeVouches(t, doc, Limits{}.withDefaults()) })
	}
}

// FuzzReadShape is the same differential test on arbitrary JSON.
func FuzzReadShape(f *testing.F) {
	for _, s := range shapeSeeds {
		f.Add([]byte(s), uint8(3), uint16(5))
	}
	f.Fuzz(func(t *testing.T, data []byte, depth uint8, values uint16) {
		checkShapeVouches(t, data, Limits{MaxDepth: int(depth%16) + 1, MaxValues: int(values%200) + 1}.withDefaults())
		checkShapeVouches(t, data, Limits{}.withDefaults())
	})
}

// TestShapeRefuses: each fact the copier acts on makes the Shape refuse,
// and the limits are exact.
func TestShapeRefuses(t *testing.T) {
	for _, tc := range []struct {
		doc           string
		depth, values int
		plain         bool
	}{
		{`{"a":[1,{"b":[]}]}`, 4, 5, true},
		{`{"a":[1,{"b":[]}]}`, 3, 5, false},
		{`{"a":[1,{"b":[]}]}`, 4, 4, false},
		{`"x"`, 1, 1, true},
		{`{"":1}`, 9, 9, false},
		{`{"a":{"@language":"en"}}`, 9, 9, false},
		{`{"a":{"@language":"en","@value":"x"}}`, 9, 9, true},
		{`{"@context":[{"a":{"@id":"urn:a","@version":1.1}}]}`, 9, 9, false},
		{`{"a":1,"@context":"urn:x"}`, 9, 9, true},
	} {
		_, shape, err := strictjson.DecodeFiniteShape([]byte(tc.doc), strictjson.Limits{}, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := shape.PlainWithin(tc.depth, tc.values); got != tc.plain {
			t.Errorf("%s: PlainWithin(%d, %d) = %v, want %v", tc.doc, tc.depth, tc.values, got, tc.plain)
		}
	}
	if (strictjson.Shape{}).PlainWithin(1<<30, 1<<30) {
		t.Error("the zero Shape vouches for a tree")
	}
}

// TestReadAlready: Canonicalize takes as read only the very map a
// ShapedContext carries, with its text checked and within the limits, and
// the canonical form is the same either way.
func TestReadAlready(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(`{"@context":"https://www.w3.org/ns/credentials/v2","id":"urn:uuid:1","type":["VerifiableCredential"],"issuer":"did:example:1","validFrom":"2024-01-01T00:00:00Z","credentialSubject":{"id":"did:example:2"},"proof":{"type":"DataIntegrityProof"}}`)
	tree, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{}, true)
	if err != nil {
		t.Fatal(err)
	}
	root := tree.(map[string]any)
	delete(root, "proof") // as VerifyProofs takes the proof out
	var s ShapedContext
	ctx := s.Wrap(context.Background(), root, shape)
	lim := Limits{}.withDefaults()
	for _, tc := range []struct {
		why   string
		ctx   context.Context
		doc   any
		lim   Limits
		text  bool
		taken bool
	}{
		{"the reader's map", ctx, root, lim, true, true},
		{"an equal copy", ctx, maps.Clone(root), lim, true, false},
		{"text not vouched for", ctx, root, lim, false, false},
		{"nothing in ctx", context.Background(), root, lim, true, false},
		{"a zero Shape", new(ShapedContext).Wrap(context.Background(), root, strictjson.Shape{}), root, lim, true, false},
		{"a smaller depth limit", ctx, root, Limits{MaxDepth: 1}.withDefaults(), true, false},
		{"a smaller value limit", ctx, root, Limits{MaxValues: 5}.withDefaults(), true, false},
		{"raw JSON", ctx, data, lim, true, false},
	} {
		if got := readAlready(tc.ctx, tc.doc, tc.lim, tc.text); got != tc.taken {
			t.Errorf("%s: readAlready = %v, want %v", tc.why, got, tc.taken)
		}
	}
	opts := &CanonicalizeOptions{Loader: l, TextChecked: true}
	got, err := Canonicalize(ctx, root, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Canonicalize(context.Background(), maps.Clone(root), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("taken as read:\n%s\nwalked:\n%s", got, want)
	}
	// The copier is what keeps the limits when the Shape does not: a
	// document over them is refused either way.
	if _, err := Canonicalize(ctx, root, &CanonicalizeOptions{Loader: l, TextChecked: true, Limits: Limits{MaxValues: 5}}); err == nil {
		t.Error("a document over MaxValues canonicalized")
	}
}

// TestExpandDocumentShaped: ExpandDocument takes as read the very map a
// ShapedContext carries (package verify's document without its proof, a
// new map of the reader's members) and expands it exactly as it expands
// an equal map it walks; any other map, a zero Shape or tighter limits
// are walked.
func TestExpandDocumentShaped(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := &Options{Loader: l}
	for name, data := range corpus(t) {
		tree, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{MaxDepth: 100}, false)
		if err != nil {
			continue
		}
		root, ok := tree.(map[string]any)
		if !ok {
			continue
		}
		u := maps.Clone(root)
		delete(u, "proof")
		var s ShapedContext
		ctx := s.Wrap(context.Background(), u, shape)
		got, gerr := ExpandDocument(ctx, u, opts)
		want, werr := ExpandDocument(context.Background(), maps.Clone(u), opts)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%s: taken as read: %v; walked: %v", name, gerr, werr)
		}
		if gerr == nil && !reflect.DeepEqual(got.Nodes(), want.Nodes()) {
			t.Errorf("%s: taken as read:\n%v\nwalked:\n%v", name, got.Nodes(), want.Nodes())
		}
	}

	// A promise broken on purpose shows which maps are taken as read:
	// the walk refuses the bad string, the shortcut does not look.
	data := []byte(`{"@context":"https://www.w3.org/ns/credentials/v2","type":"VerifiableCredential","name":"x","credentialSubject":{"id":"did:example:1"}}`)
	tree, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{}, false)
	if err != nil {
		t.Fatal(err)
	}
	m := tree.(map[string]any)
	m["name"] = "\xff"
	var s ShapedContext
	ctx := s.Wrap(context.Background(), m, shape)
	if _, err := ExpandDocument(ctx, m, opts); err != nil {
		t.Fatalf("the very map, vouched for: walked anyway (%v)", err)
	}
	for _, tc := range []struct {
		why  string
		ctx  context.Context
		doc  map[string]any
		opts *Options
	}{
		{"an equal copy", ctx, maps.Clone(m), opts},
		{"nothing in ctx", context.Background(), m, opts},
		{"a zero Shape", new(ShapedContext).Wrap(context.Background(), m, strictjson.Shape{}), m, opts},
		{"a smaller depth limit", ctx, m, &Options{Loader: l, Limits: Limits{MaxDepth: 1}}},
		{"a smaller value limit", ctx, m, &Options{Loader: l, Limits: Limits{MaxValues: 3}}},
	} {
		if _, err := ExpandDocument(tc.ctx, tc.doc, tc.opts); err == nil {
			t.Errorf("%s: taken as read, not walked", tc.why)
		}
	}
}
