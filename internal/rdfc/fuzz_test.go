package rdfc

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// fuzzSeeds adds small W3C inputs and hand-written edge cases, so that the
// fuzz targets run as ordinary tests too.
func fuzzSeeds(f *testing.F) {
	for _, name := range []string{"test001", "test017", "test020", "test044", "test060", "test074"} {
		f.Add(readFile(f, filepath.Join("testdata", "rdf-canon", "rdfc10", name+"-in.nq")))
	}
	for _, s := range []string{
		"",
		"# only a comment",
		"<a:s><a:p><a:o>.",
		"_:a <a:p> _:a _:a .\n_:a <a:p> _:a _:a .",
		"<a:s> <a:p> \"\\u0000\\t\\b\\\\\\\"\"@en-x .\r\n",
		"<a:s> <a:p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .",
		"_:a.b <a:p> _:c.",
		"<a:\\U0001F303> <a:p> \"\\uD800\" .",
	} {
		f.Add([]byte(s))
	}
}

var fuzzLimits = ParseLimits{MaxBytes: 1 << 16, MaxQuads: 512}

func FuzzParseNQuads(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ParseNQuads(data, fuzzLimits)
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrLimit) {
				t.Fatalf("error %v wraps neither ErrSyntax nor ErrLimit", err)
			}
			return
		}
		// What we serialize must parse back to the same quads.
		out := ds.AppendNQuads(nil)
		again, err := ParseNQuads(out, ParseLimits{MaxBytes: -1, MaxQuads: -1})
		if err != nil {
			t.Fatalf("serialized form does not parse: %v\n%q", err, out)
		}
		if len(ds) == 0 && len(again) == 0 {
			return
		}
		if !reflect.DeepEqual(ds, again) {
			t.Fatalf("round trip changed the quads:\n%v\n%v", ds, again)
		}
	})
}

func FuzzCanonicalize(f *testing.F) {
	fuzzSeeds(f)
	opts := &Options{MaxWork: 20_000, MaxBlankNodes: 256}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ParseNQuads(data, fuzzLimits)
		if err != nil {
			return
		}
		r, err := Canonicalize(ds, opts)
		if errors.Is(err, ErrWorkLimit) || errors.Is(err, ErrLimit) {
			return
		}
		if err != nil {
			t.Fatalf("parsed input failed to canonicalize: %v", err)
		}
		// The pooled entry point, whose canonicalizer ran on earlier
		// inputs, gives the same bytes.
		if b, err := CanonicalBytes(ds, opts); err != nil || !bytes.Equal(b, r.NQuads) {
			t.Fatalf("CanonicalBytes differs from Canonicalize (%v):\n%s\n---\n%s", err, b, r.NQuads)
		}
		issued := r.Issued()
		seen := map[string]bool{}
		for _, c := range issued {
			n, err := strconv.Atoi(strings.TrimPrefix(c, "c14n"))
			if err != nil || n < 0 || n >= len(issued) || seen[c] {
				t.Fatalf("issued labels are not c14n0..c14n%d: %v", len(issued)-1, issued)
			}
			seen[c] = true
		}
		// Labels and quad order do not matter.
		rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
		r3, err := Canonicalize(shuffleAndRelabel(ds, rng), opts)
		if err == nil && !bytes.Equal(r.NQuads, r3.NQuads) {
			t.Fatalf("relabelling and shuffling changed the canonical form:\n%s\n---\n%s", r.NQuads, r3.NQuads)
		}
		// The canonical form is a fixed point.
		ds2, err := ParseNQuads(r.NQuads, ParseLimits{MaxBytes: -1, MaxQuads: -1})
		if err != nil {
			t.Fatalf("canonical output does not parse: %v\n%s", err, r.NQuads)
		}
		r2, err := Canonicalize(ds2, opts)
		if errors.Is(err, ErrWorkLimit) {
			return // the same graph under other labels may prune differently
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(r.NQuads, r2.NQuads) {
			t.Fatalf("canonicalizing the canonical form changed it:\n%s\n---\n%s", r.NQuads, r2.NQuads)
		}
	})
}
