package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/jsonld"
)

// BenchmarkCompareSigned measures what checkSigned adds to a verification:
// the comparison of the JSON with the expansion the context check made
// (which is not repeated), on the 1EdTech Open Badges test vector.
func BenchmarkCompareSigned(b *testing.B) {
	raw := fixtures.Read(b, "1edtech/testvectors/obv3p0-signed.json")
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		b.Fatal(err)
	}
	exp, err := jsonld.Expand(context.Background(), doc, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := compareSigned(doc, exp, DefaultMaxEndorsements); err != nil {
			b.Fatal(err)
		}
	}
}
