package bake

import "testing"

func BenchmarkExtractPNG(b *testing.B) {
	img := readFixture(b, "simple-jwt.png")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := Extract(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBakePNG(b *testing.B) {
	img := readFixture(b, "simple-jwt.png")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := PNG(img, credJWS, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractSVG(b *testing.B) {
	img := readFixture(b, "simple-json.svg")
	b.SetBytes(int64(len(img)))
	for b.Loop() {
		if _, err := Extract(img); err != nil {
			b.Fatal(err)
		}
	}
}
