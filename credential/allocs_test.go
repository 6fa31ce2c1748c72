package credential

import (
	"context"
	"crypto"
	"testing"

	"github.com/microcred/microcred/internal/jsonld"
)

// TestAllocationCeilings pins how much the hot paths allocate, on the
// benchmark credential (BenchmarkSignEdDSARDFC and friends), so that a
// change which makes them allocate more fails here, deterministically,
// instead of showing up later as a slower benchmark on a quiet machine.
// Allocation is what made SignBatch GC-bound. The ceilings sit a little
// above today's counts (in each reason); lower them when the count drops.
func TestAllocationCeilings(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	if testing.Short() {
		t.Skip("allocation counts take a few hundred runs")
	}
	key, vm, unsigned, loader := diBenchInput(t)
	ctx := context.Background()
	signOpts := SignOptions{Signer: key, VerificationMethod: vm, Loader: loader}
	signed, err := AddProof(ctx, unsigned, signOpts)
	if err != nil {
		t.Fatal(err)
	}
	// The proof configuration a verifier canonicalizes: the proof without
	// its proofValue, under the document's @context.
	doc := diDecodeObject(t, signed)
	config := doc["proof"].(map[string]any)
	delete(config, "proofValue")
	config["@context"] = doc["@context"]
	tests := []struct {
		name   string
		run    func() error
		max    float64
		reason string
	}{
		{
			name: "canonicalize",
			run: func() error {
				_, err := jsonld.Canonicalize(ctx, unsigned, &jsonld.CanonicalizeOptions{Loader: loader.internal(), Hash: crypto.SHA256})
				return err
			},
			max:    126,
			reason: "120 today (127 before the pooled dataset and canonicalizer, 192 at v0.1.0, 234 before issue 13): strict JSON read with strings cut from one copy of the text, expansion maps, quads, RDFC-1.0 output",
		},
		{
			name: "canonicalize proof configuration",
			run: func() error {
				_, err := jsonld.Canonicalize(ctx, config, &jsonld.CanonicalizeOptions{Loader: loader.internal(), Hash: crypto.SHA256})
				return err
			},
			max:    8,
			reason: "5 today (12 before the pooled dataset and canonicalizer, 48 at v0.1.0): the flat-node path, no expanded tree; many more means it no longer takes that path",
		},
		{
			name: "sign",
			run: func() error {
				_, err := AddProof(ctx, unsigned, signOpts)
				return err
			},
			max:    169,
			reason: "161 today (176 before the pooled dataset and canonicalizer, 284 at v0.1.0, 555 before issue 13): the document read once, two canonicalizations (document and proof configuration), the splice",
		},
		{
			name: "verify",
			run: func() error {
				_, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true})
				return err
			},
			max:    178,
			reason: "170 today (184 before the pooled dataset and canonicalizer, 294 at v0.1.0, 380 before issue 13): as sign, plus resolving the did:key (its key decoded once) and the report's own copies of the proof's strings",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); err != nil {
				t.Fatal(err)
			}
			got := testing.AllocsPerRun(200, func() {
				if err := tt.run(); err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%s: %.0f allocations per run (ceiling %.0f)", tt.name, got, tt.max)
			if got > tt.max {
				t.Errorf("%s allocates %.0f times per run, more than its ceiling of %.0f (%s); find the new allocation with go test -bench -memprofile, or raise the ceiling with a reason", tt.name, got, tt.max, tt.reason)
			}
		})
	}
}
