package jsonld

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestHostileTextRefused: Canonicalize skips rdfc's IRI scan on the
// straight path and, with TextChecked, the copier's UTF-8 scan. Neither
// may let a hostile document through: each one here is refused as the
// generic path refuses it (the same message), decoded or raw, with or
// without TextChecked, except where TextChecked's promise is broken.
func TestHostileTextRefused(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const vc = `{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], "issuer": %q, "credentialSubject": {"id": "did:example:s", "name": %q}}`
	build := func(issuer, name string) []byte {
		s := strings.Replace(vc, "%q", jsonString(issuer), 1)
		return []byte(strings.Replace(s, "%q", jsonString(name), 1))
	}
	tests := []struct {
		reason string
		raw    []byte
		is     error
	}{
		{"an issuer with a space", build("urn:a b", "n"), ErrUnsafeDocument},
		{"an issuer with '>'", build("urn:a>b", "n"), ErrUnsafeDocument},
		{"a relative issuer", build("a/b", "n"), ErrUnsafeDocument},
		{"an issuer with DEL", build("urn:a\x7fb", "n"), ErrUnsafeDocument},
		{"an issuer with a backslash", build(`urn:a\b`, "n"), ErrUnsafeDocument},
	}
	for _, tt := range tests {
		_, want := generalCanonicalize(ctx, tt.raw, l, Limits{})
		if !errors.Is(want, tt.is) {
			t.Fatalf("%s: the generic path: %v, want %v", tt.reason, want, tt.is)
		}
		decoded := decodeForTest(t, tt.raw)
		for _, in := range []struct {
			name string
			doc  any
			opts CanonicalizeOptions
		}{
			{"raw", tt.raw, CanonicalizeOptions{Loader: l}},
			{"raw, TextChecked", tt.raw, CanonicalizeOptions{Loader: l, TextChecked: true}},
			{"decoded", decoded, CanonicalizeOptions{Loader: l}},
			{"decoded, TextChecked", decoded, CanonicalizeOptions{Loader: l, TextChecked: true}},
		} {
			_, err := Canonicalize(ctx, in.doc, &in.opts)
			if err == nil || err.Error() != want.Error() {
				t.Errorf("%s (%s): err = %v\nwant %v", tt.reason, in.name, err, want)
			}
		}
	}

	// Invalid UTF-8: refused in raw JSON whatever TextChecked says, and
	// in a decoded value unless the caller vouched for its text.
	for _, bad := range []struct{ reason, name, key string }{
		{"in a string", "caf\xe9", "name"},
		{"a lone continuation byte", "\x80", "name"},
		{"in a member name", "n", "na\xffme"},
	} {
		raw := []byte(strings.Replace(string(build("urn:i", bad.name)), `"name"`, `"`+bad.key+`"`, 1))
		for _, tc := range []bool{false, true} {
			_, err := Canonicalize(ctx, raw, &CanonicalizeOptions{Loader: l, TextChecked: tc})
			if !errors.Is(err, ErrInvalidDocument) {
				t.Errorf("%s, raw, TextChecked %v: err = %v, want ErrInvalidDocument", bad.reason, tc, err)
			}
		}
		m := map[string]any{
			"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "type": []any{"VerifiableCredential"}, "issuer": "urn:i",
			"credentialSubject": map[string]any{"id": "did:example:s", bad.key: bad.name},
		}
		_, err := Canonicalize(ctx, m, &CanonicalizeOptions{Loader: l})
		if !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), "not valid UTF-8") {
			t.Errorf("%s, decoded: err = %v, want ErrInvalidDocument for UTF-8", bad.reason, err)
		}
	}
}

// jsonString is s as a JSON string, its bytes kept as they are (invalid
// UTF-8 included), unlike encoding/json, which would replace them.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func decodeForTest(t *testing.T, raw []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
