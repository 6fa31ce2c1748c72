package jsonld

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// goldenInput is a document whose canonical form jsonld.js gave (or which
// it refused): testdata/golden/<name>.nq (or .jserr).
type goldenInput struct {
	name string
	doc  []byte
}

// goldenInputs returns the documents of testdata/golden and the 1EdTech
// validator's JSON fixtures, whose single copy is in internal/fixtures; the
// expected output of validator fixture ob30/sd/x.json is
// testdata/golden/validator/ob30_sd_x.nq.
func goldenInputs(t testing.TB) []goldenInput {
	t.Helper()
	own, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []goldenInput
	for _, f := range own {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, goldenInput{strings.TrimSuffix(filepath.Base(f), ".json"), doc})
	}
	for _, f := range fixtures.Files(t, "1edtech/validator") {
		if name, ok := strings.CutSuffix(f, ".json"); ok {
			inputs = append(inputs, goldenInput{"validator/" + strings.ReplaceAll(name, "/", "_"), fixtures.Read(t, "1edtech/validator/"+f)})
		}
	}
	return inputs
}

// TestGoldenJSONLDjs compares our canonical form with jsonld.js's for the
// documents of goldenInputs (see testdata/golden/SOURCES.md).
func TestGoldenJSONLDjs(t *testing.T) {
	inputs := goldenInputs(t)
	if len(inputs) < 40 {
		t.Fatalf("only %d golden inputs", len(inputs))
	}
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		name := filepath.Join("testdata", "golden", filepath.FromSlash(in.name))
		t.Run(in.name, func(t *testing.T) {
			got, err := Canonicalize(context.Background(), in.doc, &CanonicalizeOptions{Loader: l})
			if jsErr, readErr := os.ReadFile(name + ".jserr"); readErr == nil {
				if err == nil {
					t.Errorf("jsonld.js refuses it (%s), we accept it:\n%s", bytes.TrimSpace(jsErr), got)
				}
				return
			}
			want, rerr := os.ReadFile(name + ".nq")
			if rerr != nil {
				t.Fatal(rerr)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("differs from jsonld.js\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
