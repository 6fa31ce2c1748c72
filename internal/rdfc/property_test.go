package rdfc

import (
	"bytes"
	"crypto"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
)

// shuffleAndRelabel returns a copy of ds with its quads in a random order
// and every blank node renamed to a random label.
func shuffleAndRelabel(ds Dataset, rng *rand.Rand) Dataset {
	names := map[string]string{}
	rename := func(t Term) Term {
		if t.Kind == BlankNode {
			n, ok := names[t.Value]
			if !ok {
				n = "r" + strconv.FormatUint(rng.Uint64(), 36)
				names[t.Value] = n
			}
			t.Value = n
		}
		return t
	}
	out := make(Dataset, len(ds))
	for i, q := range ds {
		out[i] = Quad{rename(q.Subject), q.Predicate, rename(q.Object), rename(q.Graph)}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestInvariance checks the defining property of canonicalization on every
// positive W3C input and the credential vectors: blank node labels and quad
// order do not change the output.
func TestInvariance(t *testing.T) {
	type input struct {
		name string
		ds   Dataset
		hash crypto.Hash
	}
	var inputs []input
	dir := filepath.Join("testdata", "rdf-canon")
	for _, e := range readManifest(t, filepath.Join(dir, "manifest.jsonld")) {
		if e.Type != "rdfc:RDFC10EvalTest" {
			continue
		}
		ds, err := ParseNQuads(readFile(t, filepath.Join(dir, e.Action)))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{e.ID, ds, hashFor(t, e.HashAlgorithm)})
	}
	for _, name := range credentialInputs {
		ds, err := ParseNQuads(readFile(t, filepath.Join("testdata", "credentials", name)))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{name, ds, crypto.SHA256})
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for _, in := range inputs {
		opts := &Options{Hash: in.hash}
		want, err := Canonicalize(in.ds, opts)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		for range 3 {
			got, err := Canonicalize(shuffleAndRelabel(in.ds, rng), opts)
			if err != nil {
				t.Fatalf("%s: %v", in.name, err)
			}
			if !bytes.Equal(got.NQuads, want.NQuads) {
				t.Fatalf("%s: relabelled and shuffled input gave\n%s\nwant\n%s", in.name, got.NQuads, want.NQuads)
			}
		}
	}
}

// TestTamperingChangesOutput changes one byte at a time inside each
// literal, IRI and blank node label of a credential: every change must
// either be refused by the parser or change the canonical form, since the
// canonical form is what gets signed.
func TestTamperingChangesOutput(t *testing.T) {
	_, in := loadCredential(t, "obv3p0-document-canon.txt")
	want, err := CanonicalizeNQuads(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i, c := range in {
		if c == ' ' || c == '\n' || c == '.' || c == '<' || c == '>' || c == '"' || c == '_' || c == ':' {
			continue // syntax, not content
		}
		tampered := bytes.Clone(in)
		tampered[i] ^= 0x01
		got, err := CanonicalizeNQuads(tampered, nil)
		if err != nil {
			continue
		}
		changed++
		if bytes.Equal(got, want) {
			t.Fatalf("flipping a bit of byte %d (%q) left the canonical form unchanged", i, c)
		}
	}
	if changed < len(in)/2 {
		t.Fatalf("only %d of %d tampered inputs parsed; the test checks too little", changed, len(in))
	}
}
