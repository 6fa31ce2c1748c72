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
		if after, _ := json.Marshal(tree); !bytes.Equal(before, after) {
			t.Errorf("%s: ParseAndValidateDecoded changed the caller's tree", name)
		}
	}
}
