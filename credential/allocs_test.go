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
			max:    195,
			reason: "187 today; the benchmark reported 234 allocs/op before issue 13: strict JSON read, expansion maps, quads, RDFC-1.0 output",
		},
		{
			name: "sign",
			run: func() error {
				_, err := AddProof(ctx, unsigned, signOpts)
				return err
			},
			max:    295,
			reason: "284 today; the benchmark reported 555 allocs/op before issue 13: the document read once, two canonicalizations (document and proof configuration), the splice",
		},
		{
			name: "verify",
			run: func() error {
				_, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true})
				return err
			},
			max:    305,
			reason: "294 today; the benchmark reported 380 allocs/op before issue 13: as sign, plus resolving the did:key and the result",
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
