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
	var inputs []string
	for _, dir := range []string{"golden", filepath.Join("golden", "validator")} {
		in, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in...)
	}
	if len(inputs) < 40 {
		t.Fatalf("only %d golden inputs", len(inputs))
	}
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(in, ".json")
		t.Run(strings.TrimPrefix(name, filepath.Join("testdata", "golden")+string(filepath.Separator)), func(t *testing.T) {
			doc, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Loader: l})
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
