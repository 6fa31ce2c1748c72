package credential

import (
	"encoding/json"
	"testing"
)

// TestAppendProof: the proof is spliced into the issuer's text, which is
// otherwise kept byte for byte.
func TestAppendProof(t *testing.T) {
	const p = `{"type":"X"}`
	tests := []struct {
		in, want, reason string
	}{
		{`{}`, `{"proof":{"type":"X"}}`, "empty object"},
		{"{ \n}", `{"proof":{"type":"X"} ` + "\n}", "empty object with whitespace"},
		{"{\n  \"a\": 1\n}\n", "{\n  \"a\": 1,\"proof\":{\"type\":\"X\"}\n}\n", "pretty-printed, trailing newline kept"},
		{`{"proof":{"type":"A"},"z":2}`, `{"proof":[{"type":"A"},{"type":"X"}],"z":2}`, "second proof makes a set"},
		{`{"proof":[{"type":"A"}, {"type":"B"}]}`, `{"proof":[{"type":"A"},{"type":"B"},{"type":"X"}]}`, "set grows"},
		{`{"proof":[]}`, `{"proof":[{"type":"X"}]}`, "empty set"},
		{`{"a":"}","b":{"proof":1}}`, `{"a":"}","b":{"proof":1},"proof":{"type":"X"}}`, "nested proof member and braces in strings are not the top-level ones"},
		{`{"a":"\u00e9<>"}`, `{"a":"\u00e9<>","proof":{"type":"X"}}`, "escapes kept as written"},
	}
	for _, tt := range tests {
		got, err := diAppendProof([]byte(tt.in), []byte(p))
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.reason, got, tt.want)
		}
		if !json.Valid(got) {
			t.Errorf("%s: invalid JSON %s", tt.reason, got)
		}
	}
	for _, bad := range []string{`[]`, `{"proof":"x"}`, `{"proof":1}`, `{`} {
		if _, err := diAppendProof([]byte(bad), []byte(p)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
