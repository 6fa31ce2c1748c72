package pathway

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
)

// Lint locates each finding with an RFC 6901 JSON Pointer into the
// definition document, as badge validation does, so one tool reads both.
// The pointer of a representative finding of each family must resolve, in
// the parsed JSON of the definition, to the very value the finding is
// about; every other pointer must resolve at least to the member's parent
// (a "missing" finding points at what is absent).
func TestLintPointersResolve(t *testing.T) {
	// Errors stop Lint before satisfiability and thresholds, so the
	// warnings those produce get a document of their own.
	const withErrors = `{
	  "format": "microcred-pathway/1", "id": "urn:p", "version": "1",
	  "destination": {"id": "urn:d"},
	  "components": [
	    {"id": "a", "match": {"achievements": ["urn:a"], "result": {"minLevel": "A+", "scale": ["C", "B", "A"]}}},
	    {"id": "b", "match": {"achievements": ["urn:b"]}, "prerequisites": ["zz"]},
	    {"match": {"achievements": ["urn:c"]}},
	    {"id": "a", "match": {"achievements": ["urn:a2"]}}
	  ],
	  "requirement": {"kind": "allOf", "items": [
	    {"kind": "component", "component": "a"},
	    {"kind": "component", "component": "nope"},
	    {"kind": "nOf", "min": 3, "items": [{"kind": "component", "component": "b"}]}
	  ]},
	  "milestones": [{"id": "m", "achievement": {"id": "urn:m"}, "node": "no-such-node"}]
	}`
	const withWarnings = `{
	  "format": "microcred-pathway/1", "id": "urn:p", "version": "1",
	  "destination": {"id": "urn:d"},
	  "components": [
	    {"id": "a", "match": {"achievements": ["urn:a"]}, "credits": {"value": 2, "unit": "ECTS"}},
	    {"id": "b", "match": {"achievements": ["urn:b"]}, "credits": {"value": 2, "unit": "ECTS"}},
	    {"id": "c", "name": "Unused", "match": {"achievements": ["urn:c"]}}
	  ],
	  "requirement": {"kind": "allOf", "items": [
	    {"kind": "component", "component": "a"},
	    {"kind": "credits", "id": "electives", "credits": {"value": 10, "unit": "ECTS"}, "items": [
	      {"kind": "component", "component": "a"}, {"kind": "component", "component": "b"}]},
	    {"kind": "allOf", "id": "nothing"}
	  ]},
	  "milestones": [{"id": "m", "achievement": {"id": "urn:m"}, "node": "nothing"}]
	}`
	tests := []struct {
		name, doc, code, pointer string
		want                     any // the value the pointer must resolve to
		why                      string
	}{
		{"n of m", withErrors, "n-greater-than-m", "/requirement/items/2", nil, "the nOf node itself"},
		{"dangling component", withErrors, "dangling", "/requirement/items/1/component", "nope", "the reference that names nothing"},
		{"dangling prerequisite", withErrors, "dangling", "/components/1/prerequisites", []any{"zz"}, "by index, not by id: the id may be missing or repeated"},
		{"duplicate component id", withErrors, "duplicate-id", "/components/3/id", "a", "the second use of the id"},
		{"minLevel off the scale", withErrors, "bad-scale", "/components/0/match/result/minLevel", "A+", "a path through nested objects"},
		{"missing component id", withErrors, "missing", "/components/2/id", absent{}, "an absent member: its parent resolves"},
		{"milestone node", withErrors, "dangling", "/milestones/0/node", "no-such-node", ""},
		{"credits above declared", withWarnings, "threshold-above-declared", "/requirement/items/1", nil, "found by the tree walk that threshold checks make"},
		{"empty group", withWarnings, "empty-group", "/requirement/items/2", nil, ""},
		{"unreachable", withWarnings, "unreachable", "/components/2", nil, ""},
		{"vacuous milestone", withWarnings, "vacuous", "/milestones/0/node", "nothing", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var def Definition
			if err := json.Unmarshal([]byte(tt.doc), &def); err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal([]byte(tt.doc), &doc); err != nil {
				t.Fatal(err)
			}
			findings := Lint(&def)
			for _, f := range findings {
				ptr := f.Pointer
				if f.Code == "missing" {
					ptr = ptr[:strings.LastIndexByte(ptr, '/')]
				}
				if _, err := resolvePointer(doc, ptr); err != nil {
					t.Errorf("%v: pointer does not resolve: %v", f, err)
				}
			}
			var f *badge.Finding
			for i := range findings {
				if findings[i].Code == tt.code && findings[i].Pointer == tt.pointer {
					f = &findings[i]
				}
			}
			if f == nil {
				t.Fatalf("%s: no %s finding at %s among\n%v", tt.why, tt.code, tt.pointer, findings)
			}
			got, err := resolvePointer(doc, f.Pointer)
			switch want := tt.want.(type) {
			case absent:
				if err == nil {
					t.Errorf("%s: %s resolves to %v, want an absent member", tt.why, f.Pointer, got)
				}
			case nil: // an object: the node or component itself
				if _, ok := got.(map[string]any); !ok || err != nil {
					t.Errorf("%s: %s resolves to %v (%v), want an object", tt.why, f.Pointer, got, err)
				}
			default:
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s resolves to %v (%v), want %v", tt.why, f.Pointer, got, err, want)
				}
			}
		})
	}
}

type absent struct{}

// resolvePointer follows an RFC 6901 JSON Pointer through the result of
// json.Unmarshal into any.
func resolvePointer(doc any, ptr string) (any, error) {
	if ptr == "" {
		return doc, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("%q does not start with /", ptr)
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := doc.(type) {
		case map[string]any:
			next, ok := v[tok]
			if !ok {
				return nil, fmt.Errorf("no member %q", tok)
			}
			doc = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return nil, fmt.Errorf("no element %q of %d", tok, len(v))
			}
			doc = v[i]
		default:
			return nil, fmt.Errorf("%q: not a container", tok)
		}
	}
	return doc, nil
}
