package badge

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestParseAndValidateAgrees: the one-pass ParseAndValidate gives exactly
// what Parse and Validate give separately, on every fixture and on inputs
// each of them refuses.
func TestParseAndValidateAgrees(t *testing.T) {
	v := newTestValidator(t)
	inputs := map[string][]byte{
		"not JSON":            []byte(`{"a":`),
		"duplicate key":       []byte(`{"type":"OpenBadgeCredential","id":"a","id":"b"}`),
		"unknown type":        []byte(`{"type":["VerifiableCredential","Thing"],"id":"urn:x"}`),
		"wrong property type": []byte(`{"type":"OpenBadgeCredential","name":42}`),
	}
	for _, dir := range []string{"testdata/validator/*/*.json", "testdata/testvectors/*.json", "testdata/spec/*.json"} {
		files, _ := filepath.Glob(dir)
		for _, f := range files {
			inputs[f] = readFixture(t, strings.TrimPrefix(f, "testdata/"))
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
		if wantFs := v.Validate(data); !reflect.DeepEqual(fs, wantFs) {
			t.Errorf("%s: findings differ:\n%s\nwant\n%s", name, findingsText(fs), findingsText(wantFs))
		}
	}
}
