package verify

import (
	"context"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// BenchmarkReadDocument measures how parse reads a credential's bytes: the
// 25 KB 1EdTech complete example, checked and decoded.
func BenchmarkReadDocument(b *testing.B) {
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := readDocument(data, 64); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyComplete measures a whole offline verification of the
// same document (its remote checks are skipped offline; what is measured
// is everything else).
func BenchmarkVerifyComplete(b *testing.B) {
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	v := offlineVerifier(b, Config{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, data); err != nil {
			b.Fatal(err)
		}
	}
}
