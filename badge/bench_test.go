package badge

import (
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

func BenchmarkParse(b *testing.B) {
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	c, err := Parse(fixtures.Read(b, "1edtech/validator/ob30/complete.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	v := newTestValidator(b)
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if fs := v.Validate(data); fs.HasErrors() {
			b.Fatal(fs)
		}
	}
}

func BenchmarkNewValidator(b *testing.B) {
	for b.Loop() {
		if _, err := NewValidator(Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLimitsCheck(b *testing.B) {
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (Limits{}).Check(data); err != nil {
			b.Fatal(err)
		}
	}
}
