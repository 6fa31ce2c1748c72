package jsonld

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
)

// fuzzLimits keep each fuzz iteration small.
var fuzzLimits = Limits{MaxDocumentBytes: 64 << 10, MaxDepth: 32, MaxValues: 5000, MaxQuads: 2000, MaxContextLoads: 32}

// FuzzCanonicalize: any input gives an error or a canonical form, never a
// panic; a canonical form is valid N-Quads that canonicalizes to itself; and
// our expander agrees with json-gold's.
func FuzzCanonicalize(f *testing.F) {
	for _, doc := range corpus(f) {
		f.Add(doc)
	}
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"@context": null}`, `{"@graph": [{"@id": "urn:a", "urn:p": "v"}]}`,
		`{"@context": {"@vocab": "urn:v:"}, "a": {"@list": [1, [2, [3]]]}}`,
		`{"@context": {"@vocab": "urn:v:", "j": {"@type": "@json"}}, "j": {"z": [1.5e300, -0, "\u0000"]}}`,
		`{"@context": {"@vocab": "urn:v:"}, "@reverse": {"r": {"@id": "urn:x"}}, "@included": [{"@id": "urn:y", "p": 1}]}`,
		`{"@context": ["https://www.w3.org/ns/credentials/v2", {"@base": "urn:b/"}], "id": "x"}`,
		`{"@context": {"@version": 1.1, "@import": "https://www.w3.org/ns/credentials/v2"}, "type": "VerifiableCredential"}`,
		`{"@context": {"@vocab": "urn:v:", "j": {"@type": "@json"}}, "j": [null, {"n": null}], "@reverse": {"r": {"@id": "urn:x"}}}`,
		`{"@context": {"@vocab": "urn:v:", "j": {"@type": "@json"}}, "j": {"n": null}, "k": [null]}`,
		`{"@context": {"@vocab": "urn:v:", "dir": "@direction"}, "p": {"@value": "x", "@language": "AR", "dir": "rtl"}}`,
		`{"@context": {"@vocab": "urn:v:"}, "p": {"@value": "x", "@direction": "ltr"}, "@included": [{"@id": "urn:y", "p": {"@value": "y", "@direction": "rtl"}}]}`,
		`{"@context": {"@vocab": "urn:v:", "@direction": "rtl"}, "p": "x", "q": {"@value": "y", "@direction": "ltr"}}`,
		// The straight path's subset and its edges.
		`{"@context": {"@vocab": "urn:v:", "l": {"@container": "@list"}, "g": {"@container": "@graph"}}, "@id": "_:a", "l": [1, [2, []], {"@id": "_:a"}], "g": [{"p": {"@id": "_:a"}}, {}]}`,
		`{"@context": {"@vocab": "urn:v:", "q": "urn:v:p", "r": {"@type": "@id"}}, "p": [], "q": [[]], "r": ["_:b", "urn:x", 5]}`,
		`{"@context": {"@vocab": "urn:v:", "T": {"@id": "urn:T", "@context": {"p": {"@id": "urn:q", "@type": "@vocab"}}}}, "@type": ["T", "_:t"], "p": "T", "n": {"p": "T"}}`,
	} {
		f.Add([]byte(s))
	}
	l, err := NewLoader(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Our expander and json-gold's must agree wherever both accept.
		compareEngines(t, "input", data, l)
		out, err := Canonicalize(context.Background(), data, &CanonicalizeOptions{Loader: l, Limits: fuzzLimits})
		// Canonicalize may take the straight path; the generic one must
		// give the same bytes, or also fail (which error a document with
		// several faults reports can follow map order, so not its text).
		want, wantErr := generalCanonicalize(context.Background(), data, l, fuzzLimits)
		if (err == nil) != (wantErr == nil) || !bytes.Equal(out, want) {
			t.Fatalf("Canonicalize: %v\n%s\nthe generic path: %v\n%s", err, out, wantErr, want)
		}
		if err != nil {
			return
		}
		again, err := rdfc.CanonicalizeNQuads(out, nil)
		if err != nil {
			t.Fatalf("output is not valid N-Quads: %v\n%s", err, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("output is not canonical:\n%s\nre-canonicalized:\n%s", out, again)
		}
	})
}

// FuzzLoadContext: any bytes offered as a context are rejected with an error
// or, once accepted, can be used to process a document without a panic, and
// our expander and json-gold's agree on the result.
func FuzzLoadContext(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join("contexts"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") || strings.HasSuffix(e.Name(), ".jsonld") {
			raw, err := os.ReadFile(filepath.Join("contexts", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(raw)
		}
	}
	for _, s := range []string{
		`{"@context": {"@vocab": 5}}`, `{"@context": {"a": {"@id": "@type"}}}`,
		`{"@context": {"@version": "1.1"}}`, `{"@context": {"@version": 1.1, "@propagate": false, "a": {"@context": {"b": "urn:b"}}}}`,
		`{"@context": {"@import": "https://www.w3.org/ns/credentials/v2"}}`, `{"@context": [null, "https://fuzz.example/ctx"]}`,
		`{"@context": {"favouriteColour": {"@id": "urn:c", "@type": "@vocab", "@container": ["@set", "@language"]}}}`,
	} {
		f.Add([]byte(s))
	}
	const url = "https://fuzz.example/ctx"
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + url + `"], "type": ["VerifiableCredential"],
		"issuer": "did:example:1", "favouriteColour": "blue", "credentialSubject": {"id": "did:example:2", "a": {"b": "c"}}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Loader
		if err := l.AddContext(url, data); err != nil {
			if !errors.Is(err, ErrInvalidContext) && !errors.Is(err, ErrLimit) {
				t.Fatalf("AddContext error wraps no sentinel: %v", err)
			}
			return
		}
		compareEngines(t, "document using the context", doc, &l)
	})
}
