package bake

import (
	"bytes"
	"errors"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// fuzzLimits keeps each fuzz iteration small.
var fuzzLimits = Limits{MaxImageBytes: 1 << 20, MaxPayloadBytes: 64 << 10}

// checkRebake is the property both fuzz targets share: whatever Extract
// accepts, baking its payload back gives an image that extracts to the same
// payload, with exactly one credential in it.
func checkRebake(t *testing.T, img []byte, b *Baked) {
	if len(b.Payload) > fuzzLimits.MaxPayloadBytes {
		t.Fatalf("payload of %d bytes passed a %d-byte limit", len(b.Payload), fuzzLimits.MaxPayloadBytes)
	}
	if b.Kind == KindOpenBadges2 || b.Compressed {
		return
	}
	opts := &Options{Limits: fuzzLimits, Kind: b.Kind}
	out, err := Bake(img, b.Payload, opts)
	if err != nil {
		if b.Format == FormatSVG && errors.Is(err, ErrPayload) {
			return // e.g. U+FFFE inside CDATA: valid input to encoding/xml, not bakeable
		}
		t.Fatalf("re-bake of an extracted %v payload failed: %v", b.Kind, err)
	}
	got, err := fuzzLimits.Extract(out)
	if err != nil {
		t.Fatalf("extract after re-bake: %v", err)
	}
	if got.Kind != b.Kind || !bytes.Equal(got.Payload, b.Payload) {
		t.Fatalf("re-bake changed the credential: %v %q -> %v %q", b.Kind, b.Payload, got.Kind, got.Payload)
	}
}

func FuzzExtractPNG(f *testing.F) {
	for _, name := range []string{"ob2-itxt-json.png", "ob2-text-url.png", "ob3-and-ob2.png", "ob3-compressed.png", "ob3-duplicate.png"} {
		f.Add(readFixture(f, name))
	}
	f.Add(testPNG(f))
	f.Add(pngWith(f, rawChunk("iTXt", itxt(KeywordOpenBadges3, credJWS))))
	f.Add(pngWith(f, rawChunk("iTXt", itxt(KeywordCLR2, clrJSON))))
	f.Add(pngWith(f, rawChunk("tEXt", []byte("openbadges\x00https://example.org/a"))))
	f.Fuzz(fuzzExtract(FormatPNG))
}

func FuzzExtractSVG(f *testing.F) {
	for _, name := range []string{"simple-json.svg", "simple-jwt.svg"} {
		f.Add(fixtures.Read(f, "1edtech/validator/ob30/"+name))
	}
	for _, name := range []string{"ob2-hosted.svg", "ob2-signed.svg"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(testSVG))
	f.Add([]byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.c"/></svg>`))
	f.Add([]byte(`<svg xmlns:c="https://purl.imsglobal.org/clr/v2p0"><c:credential><![CDATA[{"a":"]]]]><![CDATA[>"}]]></c:credential></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`))
	f.Fuzz(fuzzExtract(FormatSVG))
}

// fuzzExtract is the body of the Extract fuzz targets: an error comes
// without a result, and what is found in an image of the target's format
// must survive re-baking.
func fuzzExtract(format Format) func(*testing.T, []byte) {
	return func(t *testing.T, img []byte) {
		b, err := fuzzLimits.Extract(img)
		if err != nil {
			if b != nil {
				t.Fatal("result returned with an error")
			}
			return
		}
		if b.Format == format {
			checkRebake(t, img, b)
		}
	}
}
