package jsonld

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
)

// TestKeywordOfMatchesExpandKey: keywordOf, which the straight path asks
// instead of expanding a key, says @id, @type or @value exactly when
// expandKey returns that keyword, for every term of the credential
// contexts, of contexts with aliases, prefixes and keyword-named terms,
// and of the scoped contexts they define, and for keys that are none of
// their terms.
func TestKeywordOfMatchesExpandKey(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	locals := []struct {
		ctx   string
		known bool // keywordOf answers for it (else the straight path expands every key)
	}{
		{`"https://www.w3.org/ns/credentials/v2"`, true},
		{`["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]`, true},
		{`{"@vocab": "https://e.org/", "id": "@id", "kind": "@type", "ex": "https://e.org/",
			"T": {"@id": "https://e.org/T", "@context": {"z": "@type", "id": null}}}`, true},
		{`{"e": "https://e.org/", "f": "urn:", "type": "@type", "@vocab": "urn:v:"}`, true},
		{`{"a": "@id", "b": "@id", "c": "@type", "d": "@type", "e": "@type"}`, false}, // more aliases than kept
		{`{}`, true},
	}
	keys := []string{"", "@id", "@type", "@value", "@context", "@graph", "@foo", "@", "id", "type", "value", "x", "ex:", "ex:id",
		"e:x", "_:b", "https://e.org/p", "urn:x", "@id:x", "type:", "val", "kind", "z", "v"}
	for _, lc := range locals {
		var local any
		if err := json.Unmarshal([]byte(lc.ctx), &local); err != nil {
			t.Fatal(err)
		}
		r := newFastRun(context.Background(), l, Limits{}.withDefaults())
		top, err := r.applyEmbedded(r.initial, local)
		if err != nil {
			t.Fatalf("%s: %v", lc.ctx, err)
		}
		if top.aliasesKnown != lc.known {
			t.Errorf("%.60s: aliasesKnown %v, want %v", lc.ctx, top.aliasesKnown, lc.known)
		}
		ctxs := []*activeCtx{top}
		for _, d := range top.terms {
			if d.hasScoped {
				for _, mode := range []uint8{modeProperty, modeType} {
					if c, err := r.applyScoped(top, d, mode); err == nil {
						ctxs = append(ctxs, c)
					}
				}
			}
		}
		for _, a := range ctxs {
			ks := slices.Clone(keys)
			for k := range a.terms {
				ks = append(ks, k, k+":", k+":x", "@"+k)
			}
			for _, k := range ks {
				kw, ok := a.keywordOf(k)
				if !ok {
					if a.aliasesKnown {
						t.Fatalf("keywordOf(%q) gives no answer with aliasesKnown", k)
					}
					continue
				}
				ek, _ := r.expandKey(a, k)
				if ek != "@id" && ek != "@type" && ek != "@value" {
					ek = ""
				}
				if kw != "@id" && kw != "@type" && kw != "@value" {
					kw = ""
				}
				if kw != ek {
					t.Errorf("%.60s: keywordOf(%q) = %q, expandKey gives %q", lc.ctx, k, kw, ek)
				}
			}
		}
	}
}
