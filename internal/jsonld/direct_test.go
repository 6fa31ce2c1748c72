package jsonld

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// takesDirect reports whether Canonicalize takes the straight path for doc.
func takesDirect(t testing.TB, doc []byte, l *Loader, lim Limits) bool {
	t.Helper()
	lim = lim.withDefaults()
	in, err := readDocument(doc, lim)
	if err != nil {
		return false
	}
	_, ok := directToRDF(context.Background(), in, l, lim, nil)
	return ok
}

// sameAsGeneral fails t unless Canonicalize, which may take the straight
// path, and the generic path give the same bytes, or both fail. (Which
// error a document with several faults reports can follow map order in
// json-gold, so only the outcome is compared here; TestDirectMatchesGeneral
// compares the messages of its own documents.)
func sameAsGeneral(t *testing.T, name string, doc []byte, l *Loader, lim Limits) {
	t.Helper()
	ctx := context.Background()
	got, gotErr := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l, Limits: lim})
	want, wantErr := generalCanonicalize(ctx, doc, l, lim)
	if (gotErr == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
		t.Errorf("%s: Canonicalize: %v\n%s\nthe generic path: %v\n%s", name, gotErr, got, wantErr, want)
	}
}

// docSet reads testdata/golden/<name>.docs, an array of documents.
func docSet(t testing.TB, name string) []json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", name+".docs"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []json.RawMessage
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestDirectCoversCorpus: every document of the corpus and of the
// generated Open Badges set gives the same canonical form on the straight
// path as on the generic one, and the straight path is taken for all of
// them but the few that use what it leaves to the generic path (so a change
// that quietly disables it fails here). The jsonld.js goldens then pin the
// bytes.
func TestDirectCoversCorpus(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every document of the corpus now takes it; a name here says why one
	// does not.
	generic := map[string]bool{}
	docs := corpus(t)
	names := slices.Sorted(maps.Keys(docs))
	for _, name := range names {
		sameAsGeneral(t, name, docs[name], l, Limits{})
		if got := takesDirect(t, docs[name], l, Limits{}); got == generic[name] {
			t.Errorf("%s: took the straight path: %v, want %v", name, got, !generic[name])
		}
	}
	// The generated documents the generic path accepts (some hold numbers
	// too small to canonicalize faithfully, or undefined terms).
	gen := docSet(t, "generated-ob3")
	direct, accepted := 0, 0
	for i, d := range gen {
		sameAsGeneral(t, fmt.Sprintf("generated-ob3 document %d", i), d, l, Limits{})
		if _, err := generalCanonicalize(context.Background(), d, l, Limits{}); err == nil {
			accepted++
			if takesDirect(t, d, l, Limits{}) {
				direct++
			}
		}
	}
	t.Logf("generated-ob3: %d of the %d documents accepted take the straight path", direct, accepted)
	if direct < accepted*9/10 {
		t.Errorf("only %d of %d accepted generated documents take the straight path", direct, accepted)
	}
	for i, d := range docSet(t, "fallback") {
		sameAsGeneral(t, fmt.Sprintf("fallback document %d", i), d, l, Limits{})
	}
}

// TestDirectMatchesGeneral compares Canonicalize with the generic path on
// documents at the edges of what the straight path takes: the same bytes,
// or the same error (every document here has a single fault or none).
func TestDirectMatchesGeneral(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	const vocab = `"@context": {"@vocab": "https://e.org/", "id": "@id", "type": "@type"`
	tests := []struct {
		reason string
		doc    string
		lim    Limits
		direct bool
	}{
		{"nested nodes with and without identifiers",
			`{` + vocab + `}, "id": "urn:a", "type": "T", "p": {"q": "x", "r": {"id": "urn:b", "type": ["U", "V"]}}}`, Limits{}, true},
		{"a node that is only a reference makes no statements about it",
			`{` + vocab + `}, "id": "urn:a", "p": {"id": "urn:b"}}`, Limits{}, true},
		{"an empty node is a blank node",
			`{` + vocab + `}, "p": {}}`, Limits{}, true},
		{"a blank node identifier used twice names one node",
			`{` + vocab + `}, "id": "_:a", "p": {"id": "_:a", "q": "x"}, "r": {"id": "_:b"}}`, Limits{}, true},
		{"a blank node type",
			`{` + vocab + `}, "type": "_:t", "p": "x"}`, Limits{}, true},
		{"no context: absolute IRIs only",
			`{"https://e.org/p": "x", "@type": "https://e.org/T"}`, Limits{}, true},
		{"compact IRIs through a prefix",
			`{"@context": {"ex": "https://e.org/"}, "ex:p": "x", "@type": "ex:T"}`, Limits{}, true},
		{"more than 16 members",
			`{` + vocab + `}, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "r": 18}`, Limits{}, true},
		{"numbers and booleans",
			`{` + vocab + `}, "i": 5, "f": 1.5, "big": 1e21, "neg": -0, "t": true, "n": [false, 0.25]}`, Limits{}, true},
		{"a number too small to write faithfully is refused",
			`{` + vocab + `}, "p": 1e-7}`, Limits{}, false},
		{"nested arrays outside a list are flattened",
			`{` + vocab + `}, "p": [["a", ["b"]], [], "c"]}`, Limits{}, true},
		{"datatypes, xsd:string left implicit, a typed number",
			`{` + vocab + `, "d": {"@type": "http://www.w3.org/2001/XMLSchema#date"}, "s": {"@type": "http://www.w3.org/2001/XMLSchema#string"}, "x": {"@type": "http://www.w3.org/2001/XMLSchema#double"}}, "d": "2024-01-01", "s": "x", "x": 2}`, Limits{}, true},
		{"a default language, a term's own and a term's null",
			`{` + vocab + `, "@language": "EN-gb", "fr": {"@language": "fr"}, "code": {"@language": null}}, "name": "colour", "fr": "couleur", "code": "X-1", "n": 3}`, Limits{}, true},
		{"a malformed default language is refused",
			`{` + vocab + `, "@language": "en_GB"}, "name": "colour"}`, Limits{}, false},
		{"terms typed @id and @vocab, and a number under @id",
			`{` + vocab + `, "r": {"@type": "@id"}, "v": {"@type": "@vocab"}, "Thing": "https://e.org/Thing"}, "r": ["urn:x", "_:b", 7], "v": "Thing"}`, Limits{}, true},
		{"a relative reference is refused",
			`{` + vocab + `, "r": {"@type": "@id"}}, "r": "x"}`, Limits{}, false},
		{"a relative @id is refused",
			`{` + vocab + `}, "id": "x", "p": "y"}`, Limits{}, false},
		{"@id given twice is refused",
			`{` + vocab + `, "ident": "@id"}, "id": "urn:a", "ident": "urn:b", "p": "x"}`, Limits{}, false},
		{"@id that is not a string is refused",
			`{` + vocab + `}, "id": 5, "p": "x"}`, Limits{}, false},
		{"a type that is not a string is refused",
			`{` + vocab + `}, "type": [5], "p": "x"}`, Limits{}, false},
		{"an undefined term is refused",
			`{"@context": {"p": "https://e.org/p"}, "p": "x", "q": "y"}`, Limits{}, false},
		{"a blank node predicate is refused",
			`{"@context": {"@vocab": "_:"}, "p": "x"}`, Limits{}, false},
		{"a null member is refused",
			`{` + vocab + `}, "p": "x", "q": null}`, Limits{}, false},
		{"a null in an array is refused",
			`{` + vocab + `}, "p": ["x", null]}`, Limits{}, false},
		{"an empty array is refused",
			`{` + vocab + `}, "p": "x", "q": []}`, Limits{}, false},
		{"an empty array is accepted when another term gives the property values",
			`{` + vocab + `, "q": "https://e.org/p"}, "p": [], "q": "x"}`, Limits{}, false},
		{"a JSON literal keeps its nulls",
			`{` + vocab + `, "j": {"@type": "@json"}}, "j": {"z": [null, 1.5, "\u0000"], "a": null}}`, Limits{}, true},
		{"a JSON literal that is null is refused",
			`{` + vocab + `, "j": {"@type": "@json"}}, "j": null}`, Limits{}, false},
		{"a JSON literal in a list",
			`{` + vocab + `, "j": {"@type": "@json", "@container": "@list"}}, "j": [{"a": 1}]}`, Limits{}, false},
		{"a property-scoped context that makes its own term a JSON literal",
			`{` + vocab + `, "p": {"@context": {"p": {"@id": "https://e.org/p", "@type": "@json"}}}}, "p": 5}`, Limits{}, false},
		{"lists: empty, of one, nested, of nodes",
			`{` + vocab + `, "l": {"@container": "@list"}, "m": {"@container": "@list"}, "n": {"@container": "@list"}, "o": {"@container": "@list"}}, "l": [], "m": "one", "n": [1, [2, [3]], []], "o": [{"id": "urn:a", "p": "x"}, {"p": "y"}]}`, Limits{}, true},
		{"a null in a list is refused",
			`{` + vocab + `, "l": {"@container": "@list"}}, "l": [1, null]}`, Limits{}, false},
		{"a null list is refused",
			`{` + vocab + `, "l": {"@container": "@list"}}, "p": "x", "l": null}`, Limits{}, false},
		{"an explicit list object",
			`{` + vocab + `}, "l": {"@list": [1, 2]}}`, Limits{}, false},
		{"@set containers",
			`{` + vocab + `, "s": {"@container": "@set"}}, "s": ["a", "a", "b"]}`, Limits{}, true},
		{"graph containers, nested, with an empty node and a null scoped context",
			`{` + vocab + `, "g": {"@container": "@graph", "@context": null}, "h": {"@container": "@graph"}}, "h": [{"id": "urn:c", "type": "T", "h": {"p": "inner"}}, {}], "g": {"@context": {"@vocab": "https://f.org/"}, "q": "y"}}`, Limits{}, true},
		{"a reference alone in a graph is refused",
			`{` + vocab + `, "g": {"@container": "@graph", "@type": "@id"}}, "p": "x", "g": "urn:x"}`, Limits{}, false},
		{"a node that is only a reference in a graph is refused",
			`{` + vocab + `, "g": {"@container": "@graph"}}, "p": "x", "g": {"id": "urn:x"}}`, Limits{}, false},
		{"a string in a graph is refused",
			`{` + vocab + `, "g": {"@container": "@graph"}}, "p": "x", "g": "s"}`, Limits{}, false},
		{"value objects: a language (lower-cased), a datatype, a direction, a number, a JSON literal",
			`{` + vocab + `, "T": "https://e.org/T"}, "p": [{"@value": "x", "@language": "EN-gb"}, {"@value": "y", "@type": "T"}, {"@value": "z", "@language": "ar", "@direction": "rtl"}, {"@value": "w", "@direction": "ltr"}, {"@value": 5}, {"@value": {"a": [null]}, "@type": "@json"}]}`, Limits{}, true},
		{"a value object in a list and inside a typed node (no revert)",
			`{` + vocab + `, "l": {"@container": "@list"}, "T": {"@id": "https://e.org/T", "@context": {"v": "https://t.org/v"}}}, "type": "T", "n": {"v": {"@value": "x"}}, "l": [{"@value": true}, "y"]}`, Limits{}, true},
		{"a value object with a property is refused",
			`{` + vocab + `}, "p": {"@value": "x", "q": "y"}}`, Limits{}, false},
		{"a value object with an @id is refused",
			`{` + vocab + `}, "p": {"@value": "x", "id": "urn:x"}}`, Limits{}, false},
		{"a null @value is refused",
			`{` + vocab + `}, "q": "x", "p": {"@value": null}}`, Limits{}, false},
		{"@value given twice is refused",
			`{` + vocab + `, "val": "@value"}, "p": {"@value": "x", "val": "y"}}`, Limits{}, false},
		{"a language on a number is refused",
			`{` + vocab + `}, "p": {"@value": 5, "@language": "en"}}`, Limits{}, false},
		{"a language and a datatype are refused",
			`{` + vocab + `}, "p": {"@value": "x", "@language": "en", "@type": "https://e.org/D"}}`, Limits{}, false},
		{"a malformed language tag is refused",
			`{` + vocab + `}, "p": {"@value": "x", "@language": "en gb"}}`, Limits{}, false},
		{"a direction that is neither ltr nor rtl is refused",
			`{` + vocab + `}, "p": {"@value": "x", "@direction": "up"}}`, Limits{}, false},
		{"two types of a value are refused",
			`{` + vocab + `, "kind": "@type"}, "p": {"@value": "x", "type": "https://e.org/D", "kind": "https://e.org/E"}}`, Limits{}, false},
		{"a type array on a value is refused",
			`{` + vocab + `}, "p": {"@value": "x", "type": ["https://e.org/D"]}}`, Limits{}, false},
		{"an object value that is not a JSON literal is refused",
			`{` + vocab + `}, "p": {"@value": {"a": 1}}}`, Limits{}, false},
		{"a language outside a value is refused",
			`{` + vocab + `}, "p": {"@language": "en", "q": "x"}}`, Limits{}, false},
		{"a value at the top is refused",
			`{` + vocab + `}, "@value": "x"}`, Limits{}, false},
		{"a value in a graph is refused",
			`{` + vocab + `, "g": {"@container": "@graph"}}, "p": "x", "g": {"@value": "x"}}`, Limits{}, false},
		{"@graph at the top",
			`{` + vocab + `}, "@graph": [{"id": "urn:a", "p": "x"}]}`, Limits{}, false},
		{"@included goes through json-gold",
			`{` + vocab + `}, "p": "x", "@included": [{"id": "urn:y", "p": 1}]}`, Limits{}, false},
		{"a top-level node that is only an @id is refused",
			`{` + vocab + `}, "id": "urn:a"}`, Limits{}, false},
		{"a top-level node without statements is refused",
			`{` + vocab + `}, "id": "urn:a", "type": []}`, Limits{}, false},
		{"type-scoped contexts apply to the node's values, not to nested nodes",
			`{` + vocab + `, "T": {"@id": "https://e.org/T", "@context": {"p": "https://t.org/p"}}}, "type": "T", "p": "x", "n": {"p": "y"}}`, Limits{}, true},
		// The straight path takes a node's members in map order, and
		// applies type-scoped contexts in key order only when that order
		// can change the outcome: these fail if it does not.
		{"two keys for @type apply their type-scoped contexts in key order",
			`{` + vocab + `, "kind": "@type", "T": {"@id": "https://e.org/T", "@context": {"p": "https://t.org/p"}}, "U": {"@id": "https://e.org/U", "@context": {"p": "https://u.org/p"}}}, "type": "T", "kind": "U", "p": "x"}`, Limits{}, true},
		{"a type-scoped context that makes a later key an alias of @type applies that type's context too",
			`{` + vocab + `, "T": {"@id": "https://e.org/T", "@context": {"z": "@type"}}, "U": {"@id": "https://e.org/U", "@context": {"p": "https://u.org/p"}}}, "type": "T", "z": "U", "p": "x"}`, Limits{}, true},
		{"a type-scoped context that makes an earlier key an alias of @type applies no other context",
			`{` + vocab + `, "T": {"@id": "https://e.org/T", "@context": {"a": "@type"}}, "U": {"@id": "https://e.org/U", "@context": {"p": "https://u.org/p"}}}, "type": "T", "a": "U", "p": "x"}`, Limits{}, true},
		{"MaxQuads is reported by the generic path",
			`{` + vocab + `}, "p": ["a", "b", "c"]}`, Limits{MaxQuads: 2}, false},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			doc := []byte(tt.doc)
			want, wantErr := generalCanonicalize(ctx, doc, l, tt.lim)
			got, gotErr := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l, Limits: tt.lim})
			if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
				t.Fatalf("error %v, the generic path's %v", gotErr, wantErr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nthe generic path gives\n%s", got, want)
			}
			if direct := takesDirect(t, doc, l, tt.lim); direct != tt.direct {
				t.Errorf("took the straight path: %v, want %v", direct, tt.direct)
			}
			if tt.direct && wantErr != nil {
				t.Errorf("the straight path takes a document the generic path refuses: %v", wantErr)
			}
		})
	}
}

// TestURLKeysDiffer: the memo of contexts derived by an embedded @context
// of URLs is keyed by appendURLKey, so two different values must never
// share a key (one would get the other's context).
func TestURLKeysDiffer(t *testing.T) {
	values := []struct {
		reason string
		local  any
	}{
		{"one URL", "u"},
		{"a list of that URL", []any{"u"}},
		{"the empty URL", ""},
		{"an empty list", []any{}},
		{"a list of the empty URL", []any{""}},
		{"two URLs", []any{"a", "b"}},
		{"one URL holding a NUL between them", []any{"a\x00b"}},
		{"one URL holding the first's length byte", []any{"a\x01b"}},
		{"the URLs joined", []any{"ab"}},
		{"the joined URL alone", "ab"},
	}
	seen := make(map[string]string)
	for _, v := range values {
		key, ok := appendURLKey(nil, v.local)
		if !ok {
			t.Fatalf("%s: not cacheable", v.reason)
		}
		if other, dup := seen[string(key)]; dup {
			t.Errorf("%s and %s share the key %q", v.reason, other, key)
		}
		seen[string(key)] = v.reason
	}
	for _, local := range []any{map[string]any{"@vocab": "urn:v:"}, []any{"u", map[string]any{}}, nil, 5} {
		if _, ok := appendURLKey(nil, local); ok {
			t.Errorf("%v is keyed, but its meaning is not the Loader's alone", local)
		}
	}
}
