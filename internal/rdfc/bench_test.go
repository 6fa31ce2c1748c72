package rdfc

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/microcred/microcred/internal/rusage"
)

// credentialInputs are real credentials' canonical N-Quads (1EdTech test
// vectors) with their c14n labels replaced by random ones, so that
// canonicalization has to do the whole job.
var credentialInputs = []string{"obv3p0-document-canon.txt", "clrv2p0-document-canon.txt"}

var c14nLabel = regexp.MustCompile(`_:c14n[0-9]+`)

// relabel gives every blank node label in nq a fresh random label and
// shuffles the lines, deterministically for a seed.
func relabel(nq []byte, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	fresh := map[string]string{}
	out := c14nLabel.ReplaceAllFunc(nq, func(l []byte) []byte {
		if _, ok := fresh[string(l)]; !ok {
			fresh[string(l)] = "_:n" + strconv.FormatUint(rng.Uint64(), 36)
		}
		return []byte(fresh[string(l)])
	})
	lines := bytes.SplitAfter(out, []byte("\n"))
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	return bytes.Join(lines, nil)
}

func loadCredential(tb testing.TB, name string) (canonical, shuffled []byte) {
	tb.Helper()
	canonical = readFile(tb, filepath.Join("testdata", "credentials", name))
	return canonical, relabel(canonical, 1)
}

// TestCredentialVectors checks the benchmark inputs: relabelled and
// shuffled, they must canonicalize back to the published canonical form.
func TestCredentialVectors(t *testing.T) {
	for _, name := range credentialInputs {
		want, in := loadCredential(t, name)
		if bytes.Equal(want, in) {
			t.Fatalf("%s: relabel changed nothing", name)
		}
		got, err := CanonicalizeNQuads(in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
		}
	}
}

// loop runs f like b.Loop and also reports the CPU time per operation.
func loop(b *testing.B, f func() error) {
	b.ReportAllocs()
	start, ok := rusage.CPU()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	if end, _ := rusage.CPU(); ok && b.N > 0 {
		b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkCanonicalize(b *testing.B) {
	for _, name := range credentialInputs {
		_, in := loadCredential(b, name)
		ds, err := ParseNQuads(in)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			loop(b, func() error { _, err := Canonicalize(ds, nil); return err })
		})
	}
}

func BenchmarkCanonicalizeNQuads(b *testing.B) {
	for _, name := range credentialInputs {
		_, in := loadCredential(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			loop(b, func() error { _, err := CanonicalizeNQuads(in, nil); return err })
		})
	}
}

func BenchmarkParseNQuads(b *testing.B) {
	for _, name := range credentialInputs {
		_, in := loadCredential(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			loop(b, func() error { _, err := ParseNQuads(in); return err })
		})
	}
}

// BenchmarkCanonicalizeNDegree covers the expensive path: W3C inputs whose
// blank nodes share first-degree hashes (test024 a double circle of three, test044 a
// dense graph that needs the most work in the suite).
func BenchmarkCanonicalizeNDegree(b *testing.B) {
	for _, name := range []string{"test024", "test044"} {
		ds, err := ParseNQuads(readFile(b, filepath.Join("testdata", "rdf-canon", "rdfc10", name+"-in.nq")))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			loop(b, func() error { _, err := Canonicalize(ds, nil); return err })
		})
	}
}
