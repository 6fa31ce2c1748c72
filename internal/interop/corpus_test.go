package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDoc is one credential of the interop corpus, before signing.
type corpusDoc struct {
	name string
	raw  []byte
}

// needsCLR reports whether the reference loader needs our extra contexts.
func (d corpusDoc) needsCLR() bool { return bytes.Contains(d.raw, []byte("/spec/clr/v2p0/")) }

// loadCorpus returns the corpus documents in name order. Helper documents
// (referenced by "$SIGNED:NAME" placeholders) are not listed on their own.
func loadCorpus(t *testing.T) []corpusDoc {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "corpus", "[0-9]*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	sort.Strings(paths)
	var docs []corpusDoc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, corpusDoc{name: strings.TrimSuffix(filepath.Base(p), ".json"), raw: b})
	}
	return docs
}

// resolvePlaceholders replaces every string "$SIGNED:NAME" in doc with the
// corpus file NAME signed by sign, so nested credentials carry real proofs.
func resolvePlaceholders(t *testing.T, raw []byte, sign func(doc []byte) []byte) []byte {
	t.Helper()
	if !bytes.Contains(raw, []byte(`"$SIGNED:`)) {
		return raw
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		case string:
			if name, ok := strings.CutPrefix(x, "$SIGNED:"); ok {
				b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
				if err != nil {
					t.Fatal(err)
				}
				var signed any
				if err := json.Unmarshal(sign(resolvePlaceholders(t, b, sign)), &signed); err != nil {
					t.Fatal(err)
				}
				return signed
			}
		}
		return x
	}
	out, err := json.Marshal(walk(v))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tamperings returns copies of a signed document with one value changed each:
// every string, number and boolean outside the top-level proof, including
// values inside nested credentials and their proofs.
func tamperings(t *testing.T, signed []byte) map[string][]byte {
	t.Helper()
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(signed))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	var paths [][]any
	var collect func(x any, path []any)
	collect = func(x any, path []any) {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				if len(path) == 0 && k == "proof" {
					continue
				}
				collect(e, append(append([]any{}, path...), k))
			}
		case []any:
			for i, e := range x {
				collect(e, append(append([]any{}, path...), i))
			}
		default:
			paths = append(paths, path)
		}
	}
	collect(root, nil)
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		var doc map[string]any
		d := json.NewDecoder(bytes.NewReader(signed))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		var parent any = doc
		for _, step := range p[:len(p)-1] {
			switch s := step.(type) {
			case string:
				parent = parent.(map[string]any)[s]
			case int:
				parent = parent.([]any)[s]
			}
		}
		last := p[len(p)-1]
		get := func() any {
			if s, ok := last.(string); ok {
				return parent.(map[string]any)[s]
			}
			return parent.([]any)[last.(int)]
		}
		set := func(v any) {
			if s, ok := last.(string); ok {
				parent.(map[string]any)[s] = v
			} else {
				parent.([]any)[last.(int)] = v
			}
		}
		switch v := get().(type) {
		case string:
			if v == "" {
				set("x")
			} else {
				r := []rune(v)
				r[len(r)-1]++ // a changed character, same length
				set(string(r))
			}
		case json.Number:
			set(json.Number(string(v) + "1"))
		case bool:
			set(!v)
		case nil:
			set("x")
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(p)] = b
	}
	return out
}
