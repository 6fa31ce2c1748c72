package badge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/microcred/microcred/internal/fixtures"
)

// quickCorpus is every credential the package's fixtures hold, decoded as
// the schema check reads them (numbers as json.Number), VC 1.1 documents
// in their VC 2.0 reading.
func quickCorpus(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	var files []string
	for _, f := range fixtures.Files(t, "1edtech/validator") {
		files = append(files, "1edtech/validator/"+f)
	}
	for _, g := range []string{"1edtech/testvectors/*.json", "1edtech/spec/examples_*.json"} {
		files = append(files, fixtures.Glob(t, g)...)
	}
	for _, file := range files {
		data := fixtures.Read(t, file)
		switch filepath.Ext(file) {
		case ".json", ".jwt", ".png", ".svg", ".1ob":
			data = fixturePayload(t, file, data)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			continue // not JSON: no schema check to compare
		}
		vc2Reading(doc)
		out[file] = doc
	}
	return out
}

func quickSchemas(t testing.TB) map[string]*officialSchema {
	t.Helper()
	set, err := sharedSchemas()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*officialSchema{"achievement": set.achievement, "endorsement": set.endorsement, "clr": set.clr, "profile": set.profile}
}

// agree fails t unless the quick form and the library give the same
// answer for doc: accepting a document the library rejects would drop its
// findings, and rejecting (or being unsure of) one the library accepts
// would mean the quick form is not doing its work.
func agree(t testing.TB, name string, os *officialSchema, doc any) bool {
	t.Helper()
	lib := os.lib.Validate(doc)
	if quick := os.quick.accepts(doc); quick != (lib == nil) {
		t.Errorf("%s: quick form accepts=%v, library error: %v", name, quick, lib)
		return false
	}
	return lib == nil
}

// TestQuickSchemaAgrees runs every fixture credential, and thousands of
// mutations of each, through every official schema, both ways.
func TestQuickSchemaAgrees(t *testing.T) {
	corpus := quickCorpus(t)
	if len(corpus) < 30 {
		t.Fatalf("only %d fixture documents: the corpus globs no longer find the fixtures", len(corpus))
	}
	schemas := quickSchemas(t)
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	sort.Strings(names)
	mutations := 40
	if testing.Short() {
		mutations = 5
	}
	accepted, rejected := 0, 0
	rng := rand.New(rand.NewPCG(13, 3))
	for _, n := range names {
		for sn, os := range schemas {
			if agree(t, n+" ("+sn+")", os, corpus[n]) {
				accepted++
			} else {
				rejected++
			}
		}
		// Mutations against the schema of the document's own class, where
		// one changed value is the difference between pass and fail.
		os := schemas["achievement"]
		if doc, ok := corpus[n].(map[string]any); ok {
			switch ts := fmt.Sprint(doc["type"]); {
			case strings.Contains(ts, "ClrCredential"):
				os = schemas["clr"]
			case strings.Contains(ts, "EndorsementCredential"):
				os = schemas["endorsement"]
			}
		}
		for i := range mutations {
			doc := deepCopy(corpus[n])
			what := mutate(rng, &doc)
			if agree(t, fmt.Sprintf("%s mutation %d (%s)", n, i, what), os, doc) {
				accepted++
			} else {
				rejected++
			}
		}
	}
	t.Logf("%d documents accepted, %d rejected, the quick form and the library agreeing on each", accepted, rejected)
	if accepted < 100 || rejected < 100 {
		t.Errorf("the corpus must exercise both answers: %d accepted, %d rejected", accepted, rejected)
	}
}

// mutate changes one value somewhere in *doc, in a way a schema cares
// about, and says what it did.
func mutate(rng *rand.Rand, doc *any) string {
	// Collect the places: pointers to each value, so a change writes back.
	type place struct {
		path string
		get  func() any
		set  func(any)
		del  func() // nil for array items and the root
	}
	var places []place
	var walk func(path string, get func() any, set func(any), del func())
	walk = func(path string, get func() any, set func(any), del func()) {
		places = append(places, place{path, get, set, del})
		switch v := get().(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(path+"/"+k, func() any { return v[k] }, func(x any) { v[k] = x }, func() { delete(v, k) })
			}
		case []any:
			for i := range v {
				walk(fmt.Sprintf("%s/%d", path, i), func() any { return v[i] }, func(x any) { v[i] = x }, nil)
			}
		}
	}
	walk("", func() any { return *doc }, func(x any) { *doc = x }, nil)
	p := places[rng.IntN(len(places))]
	replacements := []any{
		"x", "", "not a date", "2024-01-01T00:00:00Z", "https://example.org/x", "did:example:1", "urn:uuid:1",
		json.Number("1"), json.Number("1.5"), json.Number("-0"), true, nil,
		[]any{}, []any{"x"}, map[string]any{}, map[string]any{"type": "Profile"},
		"OpenBadgeCredential", "Achievement", "AchievementSubject", "Profile", "VerifiableCredential",
	}
	switch op := rng.IntN(4); {
	case op == 0 && p.del != nil:
		p.del()
		return "delete " + p.path
	case op == 1:
		// Wrap in an array, or unwrap a one-item array: oneOf branches
		// of the official schemas differ on exactly this.
		if a, ok := p.get().([]any); ok && len(a) > 0 {
			p.set(a[0])
			return "unwrap " + p.path
		}
		p.set([]any{p.get()})
		return "wrap " + p.path
	default:
		x := replacements[rng.IntN(len(replacements))]
		p.set(x)
		return fmt.Sprintf("set %s to %#v", p.path, x)
	}
}

// TestQuickSchemaDefers pins the cases the quick form must leave to the
// library: keywords it does not implement, and a $ref cycle, which the
// library reports as an error of its own.
func TestQuickSchemaDefers(t *testing.T) {
	for _, tc := range []struct {
		schema, doc string
		why         string
	}{
		{`{"maxLength": 3}`, `"ab"`, "maxLength is not implemented: valid, but the library must say so"},
		{`{"not": {"type": "string"}}`, `1`, "not is not implemented"},
		{`{"properties": {"a": {"const": 1}}}`, `{"a": 1}`, "an unimplemented keyword deep inside, reached"},
		{`{"enum": [1, 2]}`, `1`, "number enums are the library's equality"},
		{`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`, `{}`, "a $ref cycle that never enters the document"},
		{`{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}`, `{}`, "another draft: its rules differ"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			q := compileQuick(t, tc.schema)
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if q.quick.accepts(doc) {
				t.Errorf("the quick form accepted %s under %s; it must defer to the library", tc.doc, tc.schema)
			}
		})
	}
}

// TestQuickSchemaKeywords checks each implemented keyword both ways on
// small schemas, against the library.
func TestQuickSchemaKeywords(t *testing.T) {
	for _, tc := range []struct {
		schema string
		docs   []string
		why    string
	}{
		{`{"type": ["string", "integer"]}`, []string{`"a"`, `1`, `1.0`, `1e2`, `1.5`, `null`, `true`, `[]`, `{}`}, "type, integer read as the library reads it"},
		{`{"enum": ["a", "b"]}`, []string{`"a"`, `"c"`, `1`, `["a"]`}, "a string enum"},
		{`{"pattern": "^x"}`, []string{`"xy"`, `"yx"`, `1`}, "pattern applies to strings only"},
		{`{"format": "date-time"}`, []string{`"2024-01-01T00:00:00Z"`, `"2024-01-01"`, `1`}, "format, asserted"},
		{`{"format": "uri"}`, []string{`"https://x"`, `"x"`}, "format uri"},
		{`{"required": ["a"], "properties": {"a": {"type": "string"}}, "additionalProperties": false}`,
			[]string{`{"a": "x"}`, `{"a": 1}`, `{}`, `{"a": "x", "b": 1}`, `[]`}, "required, properties, additionalProperties false"},
		{`{"patternProperties": {"^x": {"type": "string"}}, "additionalProperties": {"type": "integer"}}`,
			[]string{`{"xa": "s", "b": 1}`, `{"xa": 1}`, `{"b": "s"}`}, "patternProperties and an additionalProperties schema"},
		{`{"propertyNames": {"pattern": "^[a-z]+$"}}`, []string{`{"ab": 1}`, `{"A": 1}`}, "propertyNames"},
		{`{"items": {"type": "string"}, "minItems": 1}`, []string{`["a"]`, `[]`, `[1]`}, "items and minItems"},
		{`{"items": [{"type": "string"}], "additionalItems": false}`, []string{`["a"]`, `["a", "b"]`, `[1]`, `[]`}, "tuple items, additionalItems false"},
		{`{"items": [{"type": "string"}], "additionalItems": {"type": "integer"}}`, []string{`["a", 1]`, `["a", "b"]`}, "additionalItems schema"},
		{`{"contains": {"type": "integer"}}`, []string{`["a", 1]`, `["a"]`, `[]`}, "contains"},
		{`{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}`, []string{`[1]`, `[1, 2]`, `[1, 2, 3, 4]`}, "minContains and maxContains"},
		{`{"contains": {"type": "integer"}, "minContains": 0}`, []string{`["a"]`}, "minContains 0 accepts no match"},
		{`{"oneOf": [{"type": "string"}, {"pattern": "^a"}]}`, []string{`"a"`, `"b"`, `1`}, "oneOf: exactly one (a non-string matches pattern vacuously)"},
		{`{"anyOf": [{"type": "string"}, {"type": "integer"}]}`, []string{`"a"`, `1`, `null`}, "anyOf"},
		{`{"allOf": [{"type": "string"}, {"pattern": "^a"}]}`, []string{`"a"`, `"b"`}, "allOf"},
		{`{"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "pattern": "^a"}`, []string{`"a"`, `"b"`, `1`}, "$ref beside other keywords (draft 2019-09)"},
		{`{"properties": {"a": true, "b": false}}`, []string{`{"a": 1}`, `{"b": 1}`}, "boolean schemas"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			q := compileQuick(t, tc.schema)
			for _, d := range tc.docs {
				doc, err := jsonschema.UnmarshalJSON(strings.NewReader(d))
				if err != nil {
					t.Fatal(err)
				}
				agree(t, d, q, doc)
			}
		})
	}
}

func compileQuick(t *testing.T, schema string) *officialSchema {
	t.Helper()
	if !strings.Contains(schema, `"$schema"`) {
		schema = `{"$schema": "https://json-schema.org/draft/2019-09/schema", ` + strings.TrimPrefix(schema, "{")
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("test.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("test.json")
	if err != nil {
		t.Fatal(err)
	}
	return &officialSchema{lib: sch, quick: newQuickSchema(sch)}
}

// FuzzQuickSchema: on any JSON document, the quick form accepts only what
// the library accepts, for every official schema.
func FuzzQuickSchema(f *testing.F) {
	addFixtureSeeds(f)
	schemas := quickSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if (Limits{}).Check(data) != nil {
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		vc2Reading(doc)
		for name, os := range schemas {
			if os.quick.accepts(doc) {
				if err := os.lib.Validate(doc); err != nil {
					t.Fatalf("%s: the quick form accepted what the library rejects: %v", name, err)
				}
			}
		}
	})
}
