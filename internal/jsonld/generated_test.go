package jsonld

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedAgainstJSONLDjs compares 150 generated Open Badges
// credentials with jsonld.js (testdata/golden/SOURCES.md): the same canonical
// form, or both refuse. The one allowed difference is ours: numbers below
// 1e-6 that JavaScript prints without a '.', which jsonld.js turns into "0".
func TestGeneratedAgainstJSONLDjs(t *testing.T) {
	compareDocSet(t, "generated-ob3", 100)
}

// TestFallbackAgainstJSONLDjs does the same for documents using features
// outside our expander (@included, @reverse, @language and @id/@type maps,
// @nest, @base, @propagate...), which go through json-gold.
func TestFallbackAgainstJSONLDjs(t *testing.T) {
	compareDocSet(t, "fallback", 10)
	l, _ := NewLoader(nil)
	lim := Limits{}.withDefaults()
	var docs []json.RawMessage
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "fallback.docs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		in, err := readDocument([]byte(d), lim)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fastExpand(context.Background(), in, l, lim); !errors.Is(err, errUnsupported) {
			t.Errorf("document %d does not exercise the fallback (fast path: %v)", i, err)
		}
	}
}

func compareDocSet(t *testing.T, name string, min int) {
	var docs []json.RawMessage
	var want []struct{ NQ, Err *string }
	for file, v := range map[string]any{name + ".docs": &docs, name + ".jsonld-js": &want} {
		raw, err := os.ReadFile(filepath.Join("testdata", "golden", file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatal(err)
		}
	}
	if len(docs) != len(want) || len(docs) < min {
		t.Fatalf("%d documents, %d results", len(docs), len(want))
	}
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	var same, refused, tooSmall int
	for i, d := range docs {
		got, err := Canonicalize(context.Background(), d, &CanonicalizeOptions{Loader: l})
		switch {
		case err != nil && want[i].Err != nil:
			refused++
		case err != nil && errors.Is(err, ErrUnsafeDocument) && strings.Contains(err.Error(), "too small"):
			tooSmall++
		case err != nil:
			t.Errorf("document %d: we refuse it (%v), jsonld.js does not", i, err)
		case want[i].Err != nil:
			t.Errorf("document %d: jsonld.js refuses it (%s), we do not", i, *want[i].Err)
		case string(got) != *want[i].NQ:
			t.Errorf("document %d differs from jsonld.js\n got:\n%s\nwant:\n%s", i, got, *want[i].NQ)
		default:
			same++
		}
	}
	t.Logf("%d identical, %d refused by both, %d too-small numbers refused by us only", same, refused, tooSmall)
	if same < len(docs)/2 {
		t.Errorf("only %d identical", same)
	}
}
