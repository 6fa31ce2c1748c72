package badge

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/strictjson"
)

// TestParseAndValidateAgrees: the one-pass ParseAndValidate (and
// ParseAndValidateDecoded) gives exactly what Parse and Validate give
// separately, on every fixture (VC 1.1 ones included) and on inputs each of
// them refuses.
func TestParseAndValidateAgrees(t *testing.T) {
	v := newTestValidator(t)
	inputs := map[string][]byte{
		"not JSON":            []byte(`{"a":`),
		"duplicate key":       []byte(`{"type":"OpenBadgeCredential","id":"a","id":"b"}`),
		"unknown type":        []byte(`{"type":["VerifiableCredential","Thing"],"id":"urn:x"}`),
		"wrong property type": []byte(`{"type":"OpenBadgeCredential","name":42}`),
		// The decoded path reads the class from the tree; these shapes
		// must give what the byte path gives.
		"no type":             []byte(`{"id":"urn:x"}`),
		"null type":           []byte(`{"type":null,"id":"urn:x"}`),
		"number in type":      []byte(`{"type":["VerifiableCredential",1]}`),
		"type object":         []byte(`{"type":{"a":"EndorsementCredential"}}`),
		"endorsement string":  []byte(`{"type":"EndorsementCredential"}`),
		"clr and endorsement": []byte(`{"type":["EndorsementCredential","ClrCredential"]}`),
	}
	for _, pattern := range []string{"1edtech/validator/*/*.json", "1edtech/testvectors/*.json", "1edtech/spec/*.json"} {
		for _, f := range fixtures.Glob(t, pattern) {
			inputs[f] = fixtures.Read(t, f)
		}
	}
	if len(inputs) < 10 {
		t.Fatalf("only %d inputs: fixtures missing", len(inputs))
	}
	for name, data := range inputs {
		c, fs := v.ParseAndValidate(data)
		want, err := Decoder{Limits: v.limits}.Parse(data)
		if (c == nil) != (err != nil) {
			t.Errorf("%s: ParseAndValidate credential %v, Parse error %v", name, c != nil, err)
		}
		if c != nil {
			got, _ := json.Marshal(c)
			exp, _ := json.Marshal(want)
			if string(got) != string(exp) || string(c.Raw()) != string(want.Raw()) {
				t.Errorf("%s: the credential differs from Parse's", name)
			}
		}
		wantFs := v.Validate(data)
		if !reflect.DeepEqual(fs, wantFs) {
			t.Errorf("%s: findings differ:\n%s\nwant\n%s", name, findingsText(fs), findingsText(wantFs))
		}
		// With the caller's strict reading under the Validator's limits
		// (what verify hands over), which must come back unchanged (VC
		// 1.1 documents are renamed on a copy).
		tree, err := strictjson.DecodeObject(data, strictjson.Limits{MaxBytes: v.limits.maxBytes(), MaxDepth: v.limits.maxDepth()})
		if err != nil {
			continue
		}
		before, _ := json.Marshal(tree)
		c2, fs2 := v.parseAndValidateDecoded(data, tree)
		if (c2 == nil) != (c == nil) || !reflect.DeepEqual(fs2, wantFs) {
			t.Errorf("%s: ParseAndValidateDecoded differs:\n%s\nwant\n%s", name, findingsText(fs2), findingsText(wantFs))
		}
		// The typed view read alongside the tree is the same value, field
		// for field (unexported compaction form and Raw included).
		if c2 != nil && !reflect.DeepEqual(c2, c) {
			t.Errorf("%s: the credential read with the tree differs from the one read from bytes", name)
		}
		if after, _ := json.Marshal(tree); !bytes.Equal(before, after) {
			t.Errorf("%s: ParseAndValidateDecoded changed the caller's tree", name)
		}
	}
}

// TestDecodeTreeForeignTree: the tree handed to decodeTree only ever saves
// copies. A tree that is not the reading of the bytes (every string
// changed, arrays of another length, objects where strings were) gives the
// credential the bytes give, never a value of the tree's.
func TestDecodeTreeForeignTree(t *testing.T) {
	var mutate func(v any) any
	mutate = func(v any) any {
		switch t := v.(type) {
		case string:
			if len(t) > 0 {
				return "x" + t[1:] // same length: only the bytes differ
			}
			return "x"
		case []any:
			out := make([]any, 0, len(t)+1)
			for _, x := range t {
				out = append(out, mutate(x))
			}
			if len(out) == 1 {
				out = append(out, "extra") // a different length
			}
			return out
		case map[string]any:
			out := make(map[string]any, len(t))
			for k, x := range t {
				if _, ok := x.(string); ok && len(k)%2 == 0 {
					out[k] = map[string]any{"id": x} // another shape
					continue
				}
				out[k] = mutate(x)
			}
			return out
		}
		return v
	}
	files := fixtures.Glob(t, "1edtech/validator/*/*.json")
	if len(files) < 5 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		data := fixtures.Read(t, f)
		tree, err := strictjson.DecodeObject(data, strictjson.Limits{})
		if err != nil {
			continue
		}
		for _, c := range []struct {
			name string
			tree any
		}{
			{"own tree", tree},
			{"foreign tree", mutate(tree)},
		} {
			for _, mk := range []func() treeDecoder{
				func() treeDecoder { return new(AchievementCredential) },
				func() treeDecoder { return new(EndorsementCredential) },
				func() treeDecoder { return new(ClrCredential) },
			} {
				want, got := mk(), mk()
				errWant := want.(json.Unmarshaler).UnmarshalJSON(data)
				errGot := got.decodeTree(data, c.tree)
				if (errWant == nil) != (errGot == nil) || !reflect.DeepEqual(want, got) {
					t.Errorf("%s, %s as %T: decodeTree gives another value than UnmarshalJSON (errors %v, %v)", f, c.name, want, errGot, errWant)
				}
			}
		}
	}
}
