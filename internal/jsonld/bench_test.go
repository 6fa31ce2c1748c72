package jsonld

import (
	"context"
	"crypto"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
	"github.com/microcred/microcred/internal/strictjson"
)

// The Open Badges 3.0 sample of /work/shared/interop (copied to
// testdata/golden/ob3-sample.json), the credential BENCHMARKS.md measures.
func ob3Sample(b testing.TB) []byte {
	doc, err := os.ReadFile(filepath.Join("testdata", "golden", "ob3-sample.json"))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func BenchmarkCanonicalizeOB3(b *testing.B) {
	benchmarkCanonicalize(b, ob3Sample(b))
}

// BenchmarkCanonicalizeOB3Decoded is BenchmarkCanonicalizeOB3 for the
// decoded document, as package credential passes it: no JSON decoding.
func BenchmarkCanonicalizeOB3Decoded(b *testing.B) {
	var doc map[string]any
	if err := json.Unmarshal(ob3Sample(b), &doc); err != nil {
		b.Fatal(err)
	}
	benchmarkCanonicalize(b, doc)
}

// BenchmarkCanonicalizeOB3Checked is the step of a verification or a
// signature alone: the document as package credential decodes it
// (internal/strictjson, shared strings, json.Number), TextChecked, SHA-256.
func BenchmarkCanonicalizeOB3Checked(b *testing.B) {
	doc, err := strictjson.DecodeShared(ob3Sample(b), strictjson.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	l, err := NewLoader(nil)
	if err != nil {
		b.Fatal(err)
	}
	opts := &CanonicalizeOptions{Loader: l, Hash: crypto.SHA256, TextChecked: true}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(ctx, doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// benchmarkCanonicalize canonicalizes doc (bytes or decoded) with one
// shared Loader, as a host does.
func benchmarkCanonicalize(b *testing.B, doc any) {
	l, err := NewLoader(nil)
	if err != nil {
		b.Fatal(err)
	}
	opts := &CanonicalizeOptions{Loader: l}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(ctx, doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeOB3ColdLoader gives no Loader, so every call
// processes the contexts again (what a host that does not share a Loader
// pays).
func BenchmarkCanonicalizeOB3ColdLoader(b *testing.B) {
	doc := ob3Sample(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(ctx, doc, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeOB3JSONGold forces json-gold's expansion, the
// fallback for documents outside our expander, for comparison.
func BenchmarkCanonicalizeOB3JSONGold(b *testing.B) {
	doc := ob3Sample(b)
	l, err := NewLoader(nil)
	if err != nil {
		b.Fatal(err)
	}
	opts := &CanonicalizeOptions{Loader: l, Limits: Limits{goldOnly: true}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(ctx, doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// The stages of BenchmarkCanonicalizeOB3, to see where the time goes.
func BenchmarkCanonicalizeOB3Stages(b *testing.B) {
	doc := ob3Sample(b)
	l, err := NewLoader(nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lim := Limits{}.withDefaults()
	in, err := readDocument(doc, lim)
	if err != nil {
		b.Fatal(err)
	}
	expanded, err := expandSafe(ctx, in, l, lim)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := expandedToRDF(expanded, lim, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			readDocument(doc, lim)
		}
	})
	b.Run("expand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			expandSafe(ctx, in, l, lim)
		}
	})
	b.Run("toRDF", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			expandedToRDF(expanded, lim, nil)
		}
	})
	b.Run("rdfc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rdfc.Canonicalize(ds, nil)
		}
	})
}
