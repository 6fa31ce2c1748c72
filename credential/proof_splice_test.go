package credential

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/multibase"
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
		{`{"pro\u006ff":{"type":"A"}}`, `{"pro\u006ff":[{"type":"A"},{"type":"X"}]}`, "a member name written with escapes is still the proof"},
		{`{"a":"x\"}\\","proof":{"k":"]"}}`, `{"a":"x\"}\\","proof":[{"k":"]"},{"type":"X"}]}`, "escaped quotes and backslashes do not end a string early"},
		{"{\"n\":-1.5e3 ,\"t\":true,\"z\":null}", "{\"n\":-1.5e3 ,\"t\":true,\"z\":null,\"proof\":{\"type\":\"X\"}}", "numbers and literals run to their delimiter"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			got, err := diAppendProof([]byte(tt.in), []byte(p))
			if err != nil {
				t.Errorf("%s: %v", tt.reason, err)
				return
			}
			if string(got) != tt.want {
				t.Errorf("%s:\n got %s\nwant %s", tt.reason, got, tt.want)
			}
			// AddProof's splice, which trusts the strict decoding.
			v, err := jcs.Decode([]byte(tt.in), nil)
			if err != nil {
				t.Fatalf("%s: %v", tt.reason, err)
			}
			if got, err := diAppendFirstProof([]byte(tt.in), v.(map[string]any), []byte(p)); err != nil || string(got) != tt.want {
				t.Errorf("%s: diAppendFirstProof\n got %s, %v\nwant %s", tt.reason, got, err, tt.want)
			}
			if !json.Valid(got) {
				t.Errorf("%s: invalid JSON %s", tt.reason, got)
			}
		})
	}
	for _, bad := range []string{`[]`, `{"proof":"x"}`, `{"proof":1}`, `{`, `{"a":1,}`, `{"a" 1}`, `{"a":1}x`, `{"a":"`, `{"a":[1}`, `{"a":}`, `{1:2}`, ``} {
		if _, err := diAppendProof([]byte(bad), []byte(p)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// diMemberSpanReference is the encoding/json tokenizer diMemberSpan
// replaced; FuzzMemberSpan holds the scanner to it on every valid object.
func diMemberSpanReference(raw []byte, key string) (start, end, closing int, empty, ok bool, err error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return 0, 0, 0, false, false, errMalformedDocument
	}
	empty = true
	for dec.More() {
		empty = false
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, 0, false, false, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return 0, 0, 0, false, false, err
		}
		if k, _ := tok.(string); k == key {
			end = int(dec.InputOffset())
			start, ok = end-len(v), true
		}
	}
	if _, err := dec.Token(); err != nil {
		return 0, 0, 0, false, false, err
	}
	closing = int(dec.InputOffset()) - 1
	return start, end, closing, empty, ok, nil
}

func FuzzMemberSpan(f *testing.F) {
	for _, s := range []string{`{}`, `{"proof":{"a":[1,"]"]},"b":2}`, "{ \"pro\\u006ff\" : [ ] }\n", `{"a":"\\\"","proof":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		start, end, closing, empty, ok, err := diMemberSpan(raw, "proof")
		if !json.Valid(raw) || len(bytes.TrimSpace(raw)) == 0 || bytes.TrimSpace(raw)[0] != '{' {
			return // only valid objects reach the scanner; it must merely not panic on the rest
		}
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		rs, re, rc, rempty, rok, rerr := diMemberSpanReference(raw, "proof")
		if rerr != nil {
			t.Fatalf("reference failed on valid JSON %q: %v", raw, rerr)
		}
		if start != rs || end != re || closing != rc || empty != rempty || ok != rok {
			t.Fatalf("%q: got (%d,%d,%d,%v,%v), reference (%d,%d,%d,%v,%v)", raw, start, end, closing, empty, ok, rs, re, rc, rempty, rok)
		}
		// Where the strict reader accepts the object, the splice that
		// trusts its decoding must give what the scanning one gives.
		if v, err := jcs.Decode(raw, nil); err == nil {
			if obj, isObj := v.(map[string]any); isObj {
				const p = `{"type":"X"}`
				want, werr := diAppendProof(raw, []byte(p))
				got, gerr := diAppendFirstProof(raw, obj, []byte(p))
				if string(got) != string(want) || (gerr == nil) != (werr == nil) {
					t.Fatalf("%q: diAppendFirstProof %q, %v; diAppendProof %q, %v", raw, got, gerr, want, werr)
				}
			}
		}
	})
}

// TestAppendProofJSON holds the proof writer to diMarshal, which it
// replaces on the signing path: byte for byte where it writes, and it must
// decline (ok false) wherever encoding/json would escape or reorder.
func TestAppendProofJSON(t *testing.T) {
	sig := bytes.Repeat([]byte{0xa5, 0x00, 0x17}, 22)[:64]
	base := proofJSON{Type: ProofTypeDataIntegrity, Cryptosuite: SuiteEdDSARDFC2022, Created: "2024-01-01T00:00:00Z",
		VerificationMethod: "did:key:z6Mk#z6Mk", ProofPurpose: PurposeAssertionMethod}
	with := func(f func(*proofJSON)) proofJSON { p := base; f(&p); return p }
	tests := []struct {
		p      proofJSON
		ok     bool
		reason string
	}{
		{base, true, "the usual proof"},
		{with(func(p *proofJSON) { p.ID, p.Expires, p.Challenge = "urn:uuid:1", "2030-01-01T00:00:00Z", "c" }), true, "every optional string member, in struct order"},
		{with(func(p *proofJSON) { p.Domain = "example.org" }), true, "a domain string"},
		{with(func(p *proofJSON) { p.Domain = "" }), true, "an empty domain string is written (omitempty does not drop a non-nil interface)"},
		{with(func(p *proofJSON) { p.PreviousProof = "urn:uuid:0" }), true, "one previous proof"},
		{with(func(p *proofJSON) { p.Cryptosuite, p.Created = "", "" }), true, "legacy proof without cryptosuite or created"},
		{with(func(p *proofJSON) { p.ID = "a<b>&c" }), true, "HTML characters are not escaped (diMarshal sets SetEscapeHTML(false))"},
		{with(func(p *proofJSON) { p.PreviousProof = []string{"a", "b"} }), false, "a list of previous proofs is left to encoding/json"},
		{with(func(p *proofJSON) { p.Domain = []string{"a"} }), false, "a domain list is left to encoding/json"},
		{with(func(p *proofJSON) { p.Context = []any{"https://www.w3.org/ns/credentials/v2"} }), false, "a proof @context is left to encoding/json"},
		{with(func(p *proofJSON) { p.ID = `a"b` }), false, "a quote needs escaping"},
		{with(func(p *proofJSON) { p.VerificationMethod = `did:x:a\b` }), false, "a backslash needs escaping"},
		{with(func(p *proofJSON) { p.Challenge = "a\nb" }), false, "a control character needs escaping"},
		{with(func(p *proofJSON) { p.Domain = "é" }), false, "non-ASCII is left to encoding/json (U+2028 and invalid UTF-8 are rewritten there)"},
		{with(func(p *proofJSON) { p.ID = "\x7f" }), false, "DEL is left to encoding/json"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			got, ok := diAppendProofJSON([]byte("prefix"), &tt.p, sig)
			if ok != tt.ok {
				t.Fatalf("%s: ok = %v, want %v", tt.reason, ok, tt.ok)
			}
			if !ok {
				return
			}
			want := tt.p
			want.ProofValue = "z" + multibase.EncodeBase58(sig)
			wantJSON, err := diMarshal(want)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "prefix"+string(wantJSON) {
				t.Errorf("%s:\n got %s\nwant prefix%s", tt.reason, got, wantJSON)
			}
		})
	}
}

func FuzzAppendProofJSON(f *testing.F) {
	f.Add("urn:uuid:1", "did:key:z6Mk#z6Mk", "example.org", "c", "urn:uuid:0", []byte{1, 2, 3})
	f.Add("a\"b", "\u2028", "", "<&>", "\xff", []byte{0, 0})
	f.Fuzz(func(t *testing.T, id, vm, domain, challenge, previous string, sig []byte) {
		p := proofJSON{Type: ProofTypeDataIntegrity, ID: id, Cryptosuite: SuiteEdDSARDFC2022, Created: "2024-01-01T00:00:00Z",
			VerificationMethod: vm, ProofPurpose: PurposeAssertionMethod, Challenge: challenge}
		if domain != "" {
			p.Domain = domain
		}
		if previous != "" {
			p.PreviousProof = previous
		}
		got, ok := diAppendProofJSON(nil, &p, sig)
		if !ok {
			return
		}
		p.ProofValue = "z" + multibase.EncodeBase58(sig)
		want, err := diMarshal(p)
		if err != nil || string(got) != string(want) {
			t.Fatalf("wrote %s, encoding/json %s (%v)", got, want, err)
		}
	})
}
