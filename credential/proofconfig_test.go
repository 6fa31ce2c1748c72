package credential

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProofConfigMatchesRoundTrip: AddProof builds the proof configuration
// directly instead of encoding the proof and reading it back; what it
// builds must be exactly what a verifier reads from the proof it writes.
func TestProofConfigMatchesRoundTrip(t *testing.T) {
	base := proofJSON{
		Type:               ProofTypeDataIntegrity,
		Cryptosuite:        SuiteEdDSARDFC2022,
		Created:            "2026-01-02T03:04:05Z",
		VerificationMethod: "did:key:z6Mk#z6Mk",
		ProofPurpose:       PurposeAssertionMethod,
	}
	with := func(f func(*proofJSON)) proofJSON { p := base; f(&p); return p }
	tests := []struct {
		name   string
		p      proofJSON
		direct bool // built without the round trip
	}{
		{"the usual eddsa-rdfc-2022 proof", base, true},
		{"every optional member", with(func(p *proofJSON) {
			p.ID, p.Expires, p.Domain, p.Challenge = "urn:uuid:1", "2027-01-01T00:00:00Z", "example.org", "c-1"
		}), true},
		{"a previousProof string", with(func(p *proofJSON) { p.PreviousProof = "urn:uuid:0" }), true},
		{"a previousProof list reads back as []any", with(func(p *proofJSON) { p.PreviousProof = []string{"urn:a", "urn:b"} }), true},
		{"a legacy proof has no cryptosuite", with(func(p *proofJSON) { p.Type, p.Cryptosuite = SuiteEd25519Signature2020, "" }), true},
		{"a JCS proof carries the document's context", with(func(p *proofJSON) {
			p.Context = []any{"https://www.w3.org/ns/credentials/v2", map[string]any{"ex": "https://e.org/"}}
		}), true},
		{"characters JSON escapes read back as themselves", with(func(p *proofJSON) { p.Challenge = "a\"b\\c\n<&>\u2028" }), true},
		{"invalid UTF-8 is replaced by encoding/json, so only the round trip knows", with(func(p *proofJSON) { p.Challenge = "a\xffb" }), false},
		{"invalid UTF-8 in a previousProof list", with(func(p *proofJSON) { p.PreviousProof = []string{"urn:\xfe"} }), false},
		{"a proofValue is not part of a configuration", with(func(p *proofJSON) { p.ProofValue = "z1" }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unsigned, err := diMarshal(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			want, err := diToMap(unsigned)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := tt.p.configMap()
			if ok != tt.direct {
				t.Fatalf("configMap ok = %v, want %v", ok, tt.direct)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("configMap differs from reading the encoded proof back (-want +got):\n%s", diff)
			}
			full, err := proofConfig(&tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, full); diff != "" {
				t.Errorf("proofConfig (-want +got):\n%s", diff)
			}
		})
	}
}
