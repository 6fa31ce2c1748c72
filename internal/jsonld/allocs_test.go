package jsonld

import (
	"context"
	"encoding/json"
	"testing"
)

// TestCanonicalizeAllocs: allocations are what made canonicalization
// GC-bound under load, and they are deterministic, so a change that adds
// some fails here. The ceilings sit a little above what each measured
// when set; lower them when a change removes some.
func TestCanonicalizeAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	if testing.Short() {
		t.Skip("measures allocations")
	}
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	raw := ob3Sample(t)
	var decoded map[string]any
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	var config map[string]any
	if err := json.Unmarshal([]byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
		"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-02T03:04:05Z",
		"verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "assertionMethod"}`), &config); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		doc    any
		max    float64
		reason string
	}{
		{"the OB 3.0 sample as bytes", raw, 46,
			"44 when set: the strict JSON decoder's maps, slices and boxed values, its copy of the text, and the output"},
		{"the OB 3.0 sample decoded", decoded, 2,
			"1 when set: the straight path builds no tree, so only the output is left"},
		{"a proof configuration decoded", config, 2,
			"1 when set: the output alone"},
	}
	opts := &CanonicalizeOptions{Loader: l}
	ctx := context.Background()
	for _, tt := range tests {
		if _, err := Canonicalize(ctx, tt.doc, opts); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := testing.AllocsPerRun(200, func() {
			if _, err := Canonicalize(ctx, tt.doc, opts); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %.0f allocations per run (ceiling %.0f)", tt.name, got, tt.max)
		if got > tt.max {
			t.Errorf("%s allocates %.0f times per run, more than its ceiling of %.0f (%s); find the new allocation with go test -bench -memprofile, or raise the ceiling with a reason", tt.name, got, tt.max, tt.reason)
		}
	}
}
