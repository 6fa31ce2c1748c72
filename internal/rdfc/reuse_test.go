package rdfc

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCanonicalizerReuse runs the W3C RDFC-1.0 evaluation and negative
// tests through one canonicalizer, first in manifest order and then in
// reverse, as CanonicalBytes reuses pooled ones: every run then starts
// with the tables, buffers, hash and duplicate marks of a different
// dataset (larger or smaller, SHA-256 or SHA-384, aborted by the work
// limit or not), and any state that leaks from one run into the next
// changes some output.
func TestCanonicalizerReuse(t *testing.T) {
	dir := filepath.Join("testdata", "rdf-canon")
	var entries []manifestEntry
	for _, e := range readManifest(t, filepath.Join(dir, "manifest.jsonld")) {
		if e.Type != "rdfc:RDFC10MapTest" {
			entries = append(entries, e)
		}
	}
	reversed := slices.Clone(entries)
	slices.Reverse(reversed)
	c := new(canonicalizer)
	for _, e := range append(entries, reversed...) {
		ds, err := ParseNQuads(readFile(t, filepath.Join(dir, e.Action)))
		if err != nil {
			t.Fatal(err)
		}
		opts := &Options{Hash: hashFor(t, e.HashAlgorithm)}
		err = c.canonicalize(ds, opts, true)
		if e.Type == "rdfc:RDFC10NegativeEvalTest" {
			if !errors.Is(err, ErrWorkLimit) {
				t.Errorf("%s: got error %v, want ErrWorkLimit", e.ID, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		want := readFile(t, filepath.Join(dir, e.Result))
		if got := c.output(); !bytes.Equal(got, want) {
			t.Errorf("%s after a reused canonicalizer: canonical N-Quads differ (-want +got):\n%s", e.ID, cmp.Diff(string(want), string(got)))
		}
		// The pooled entry point gives the same bytes.
		got, err := CanonicalBytes(ds, opts)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: CanonicalBytes = %q, %v; want the suite's result", e.ID, got, err)
		}
	}
}

// TestCanonicalBytesKeepsNoCallerMemory checks that a canonicalizer going
// back to the pool refers to nothing of the caller's dataset, and that the
// bytes CanonicalBytes returned are not overwritten by the next call.
func TestCanonicalBytesKeepsNoCallerMemory(t *testing.T) {
	ds, err := ParseNQuads([]byte("_:a <http://ex/p> _:b .\n_:b <http://ex/p> \"x\" .\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := new(canonicalizer)
	if err := c.canonicalize(ds, nil, true); err != nil {
		t.Fatal(err)
	}
	c.release()
	if c.quads != nil {
		t.Error("released canonicalizer still holds the dataset")
	}
	for i, l := range c.labels[:cap(c.labels)] {
		if l != "" {
			t.Errorf("released canonicalizer still holds label %d (%q)", i, l)
		}
	}

	first, err := CanonicalBytes(ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	keep := bytes.Clone(first)
	other, err := ParseNQuads([]byte("_:z <http://ex/q> \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\" .\n"))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := CanonicalBytes(other, nil); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(first, keep) {
		t.Errorf("a later CanonicalBytes call changed earlier output:\n%s\nwas\n%s", first, keep)
	}
}

// TestCanonicalizerReuseAfterDuplicates: duplicate quads are marked dead
// during a run; the next dataset through the same canonicalizer must not
// inherit the marks and lose its own quads.
func TestCanonicalizerReuseAfterDuplicates(t *testing.T) {
	dup, err := ParseNQuads([]byte("_:a <http://ex/p> \"x\" .\n_:a <http://ex/p> \"x\" .\n_:b <http://ex/p> _:a .\n"))
	if err != nil {
		t.Fatal(err)
	}
	next, err := ParseNQuads([]byte("_:a <http://ex/p> \"1\" .\n_:b <http://ex/p> \"2\" .\n_:b <http://ex/p> \"3\" .\n"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Canonicalize(next, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := new(canonicalizer)
	for _, ds := range []Dataset{dup, next} {
		if err := c.canonicalize(ds, nil, true); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.output(); !bytes.Equal(got, want.NQuads) {
		t.Errorf("after a dataset with duplicates (-want +got):\n%s", cmp.Diff(string(want.NQuads), string(got)))
	}
}
