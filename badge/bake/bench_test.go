package bake

import (
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

func BenchmarkExtractPNG(b *testing.B) {
	img := fixtures.Read(b, "1edtech/validator/ob30/simple-jwt.png")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := Extract(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBakePNG(b *testing.B) {
	img := fixtures.Read(b, "1edtech/validator/ob30/simple-jwt.png")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := PNG(img, credJWS, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractSVG(b *testing.B) {
	img := fixtures.Read(b, "1edtech/validator/ob30/simple-json.svg")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := Extract(img); err != nil {
			b.Fatal(err)
		}
	}
}
