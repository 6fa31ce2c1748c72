package jsonld

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenJSONLDjs compares our canonical form with jsonld.js's for the
// documents in testdata/golden (see its SOURCES.md).
func TestGoldenJSONLDjs(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(in, ".json") + ".nq")
			if err != nil {
				t.Fatal(err)
			}
			got, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Loader: l})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("differs from jsonld.js\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
