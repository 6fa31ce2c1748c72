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
	eddsa, err := lookupSuite(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := standardProofConfig(config, config["@context"], DefaultMaxDepth); !ok {
		t.Fatal("the benchmark configuration does not take the proof configuration shortcut")
	}
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
			max:    37,
			reason: "34 today (120 before the straight-to-statements path of package jsonld and the strict reader's element stack, pooled scratch and constant terms, 127 before the pooled dataset and canonicalizer, 192 at v0.1.0, 234 before issue 13): strict JSON read with strings cut from one copy of the text, statements made without the expanded tree, RDFC-1.0 output",
		},
		{
			name: "canonicalize proof configuration",
			run: func() error {
				_, err := jsonld.Canonicalize(ctx, config, &jsonld.CanonicalizeOptions{Loader: loader.internal(), Hash: crypto.SHA256})
				return err
			},
			max:    2,
			reason: "1 today (5 with the one-node path it replaced, 12 before the pooled dataset and canonicalizer, 48 at v0.1.0): the straight-to-statements path, no expanded tree; more means it no longer takes that path",
		},
		{
			name: "canonicalize proof configuration as sign and verify do",
			run: func() error {
				_, err := eddsa.canonicalizeConfig(ctx, config, crypto.SHA256, loader, DefaultMaxDepth)
				return err
			},
			max:    1,
			reason: "1 today: the N-Quads written directly (standardProofConfig); more means it no longer takes that path",
		},
		{
			name: "strict read",
			run: func() error {
				_, err := diParseTransient(ctx, signed, DefaultMaxDocumentBytes, DefaultMaxDepth, DefaultMaxProofs)
				return err
			},
			max:    40,
			reason: "37 today (53 before the element stack, pooled scratch and constant terms): one copy of the text, a map per object (two allocations each), a list per array and its box, a box per string that is not a term credentials repeat, the document",
		},
		{
			name: "sign",
			run: func() error {
				_, err := AddProof(ctx, unsigned, signOpts)
				return err
			},
			max:    48,
			reason: "44 today (161 before issue 13's third round: canonicalization straight to statements, the strict reader's element stack, pooled scratch and constant terms, the proof written without encoding/json, hashes in one array, no copy of a proof-less document, the read's limits and the prepared signer in the caller's frame; 176 before the pooled dataset and canonicalizer, 284 at v0.1.0, 555 before issue 13): the document read once, two canonicalizations (document and proof configuration), the proof written and spliced into one output",
		},
		{
			name: "verify",
			run: func() error {
				_, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true})
				return err
			},
			max:    49,
			reason: "46 today (51 before the proof configuration written directly from the proof and the proof-less document and the proof configuration were made in place from the verifier's own decoding and a single proof's report and result were allocated together, 170 before issue 13's third round: as for sign, plus the did:key method without its DID document, the signature and key decoded into stack buffers, a struct cache key and the first canonical document kept outside the cache map; 184 before the pooled dataset and canonicalizer, 294 at v0.1.0, 380 before issue 13): as sign, plus resolving the did:key and the report's own copies of the proof's strings",
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
