package bake_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"log"

	"github.com/microcred/microcred/badge/bake"
)

func blankPNG() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func Example() {
	// A VC-JWT (header.payload.signature) as an issuer would produce it.
	jwt := []byte("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2ln")

	baked, err := bake.PNG(blankPNG(), jwt, nil)
	if err != nil {
		log.Fatal(err)
	}
	b, err := bake.Extract(baked)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Format, b.Kind, b.Encoding)
	fmt.Println(string(b.Payload) == string(jwt))
	// Output:
	// PNG Open Badges 3.0 compact JWS
	// true
}

func ExampleSVG() {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>`)
	cred := []byte(`{"type":["VerifiableCredential","OpenBadgeCredential"]}`)

	baked, err := bake.SVG(svg, cred, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(baked))
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
	// <openbadges:credential><![CDATA[{"type":["VerifiableCredential","OpenBadgeCredential"]}]]></openbadges:credential><circle r="4"/></svg>
}

func ExampleExtract_openBadges2() {
	// An Open Badges 2.0 image baked with a hosted assertion URL.
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
  <openbadges:assertion verify="https://example.org/assertions/123"/>
</svg>`)
	b, err := bake.Extract(svg)
	if err != nil {
		log.Fatal(err)
	}
	if b.Kind == bake.KindOpenBadges2 {
		fmt.Printf("an %v badge, %v: %s\n", b.Kind, b.Encoding, b.Payload)
	}
	// Output:
	// an Open Badges 2.0 badge, URL: https://example.org/assertions/123
}

func ExampleLimits_Extract() {
	strict := bake.Limits{MaxPayloadBytes: 16}
	baked, _ := bake.PNG(blankPNG(), []byte(`{"id":"urn:uuid:0f0e4c3a-2b8a-4c1e-9b0a-1d2c3b4a5f60"}`), nil)
	_, err := strict.Extract(baked)
	fmt.Println(err)
	// Output:
	// bake: size limit exceeded: baked payload is 54 bytes, limit 16
}
