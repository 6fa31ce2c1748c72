package strictjson

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// The 25 KB 1EdTech complete example, read four ways: the strict reader
// (Decode, Check) against encoding/json (decode with UseNumber, Valid),
// which checks less (no duplicate, case-variant or surrogate refusal).
func benchInput(b *testing.B) []byte {
	data := fixtures.Read(b, "1edtech/validator/ob30/complete.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	return data
}

func BenchmarkDecode(b *testing.B) {
	data := benchInput(b)
	for b.Loop() {
		if _, err := Decode(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodingJSONDecode(b *testing.B) {
	data := benchInput(b)
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	data := benchInput(b)
	for b.Loop() {
		if err := Check(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodingJSONValid(b *testing.B) {
	data := benchInput(b)
	for b.Loop() {
		if !json.Valid(data) {
			b.Fatal("invalid")
		}
	}
}
