package verify

import (
	"context"
	"testing"

	"github.com/microcred/microcred/credential/status"
)

// BenchmarkVerifyReport measures the whole pipeline on a signed Open
// Badges 3.0 credential with a Bitstring Status List entry, the list coming
// from the verifier's cache after the first iteration.
func BenchmarkVerifyReport(b *testing.B) {
	f := newStatusFixture(b, status.Revocation)
	v := onlineVerifier(b, f.s, Config{})
	i, _ := f.list.Allocate()
	cred := f.credential(b, i)
	if r := mustVerify(b, v, cred); r.Verdict != Verified {
		b.Fatalf("setup:\n%s", r)
	}
	hits := f.s.hits.Load()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := v.Verify(ctx, cred)
		if err != nil || r.Verdict != Verified {
			b.Fatal(err, r)
		}
	}
	if f.s.hits.Load() != hits {
		b.Fatal("the status list was fetched again: the benchmark must measure the cached path")
	}
}
