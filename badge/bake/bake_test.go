package bake

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/microcred/microcred/internal/fixtures"
)

// Payloads used across tests.
var (
	credJSON = []byte(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":"https://example.edu/i","validFrom":"2024-01-01T00:00:00Z",` +
		`"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"https://example.edu/a","type":["Achievement"],"name":"Teamwork ]]> <&>","description":"x","criteria":{"narrative":"y"}}}}`)
	clrJSON = []byte(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"],` +
		`"id":"urn:uuid:2","type":["VerifiableCredential","ClrCredential"],"issuer":"https://example.edu/i","validFrom":"2024-01-01T00:00:00Z","credentialSubject":{"type":"ClrSubject"}}`)
	credJWS = []byte(jws(`{"alg":"EdDSA"}`, `{"vc":{"type":["VerifiableCredential","OpenBadgeCredential"]},"iss":"did:example:1"}`))
	clrJWS  = []byte(jws(`{"alg":"EdDSA"}`, `{"type":["VerifiableCredential","ClrCredential"]}`))
)

func jws(header, payload string) string {
	e := base64.RawURLEncoding
	return e.EncodeToString([]byte(header)) + "." + e.EncodeToString([]byte(payload)) + "." + e.EncodeToString([]byte("not-a-real-signature"))
}

// testPNG encodes a small image with the standard library, so the tests do
// not depend only on hand-made chunks.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.NRGBA{R: uint8(i * 16), G: 100, B: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const testSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>
`

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBakeExtractIdentity(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		opts    *Options
		kind    Kind
		enc     Encoding
	}{
		{"JSON credential is Open Badges 3.0", credJSON, nil, KindOpenBadges3, EncodingJSON},
		{"compact JWS with vc claim is Open Badges 3.0", credJWS, nil, KindOpenBadges3, EncodingJWS},
		{"ClrCredential type selects the CLR keyword", clrJSON, nil, KindCLR2, EncodingJSON},
		{"CLR inside a JWS payload is detected too", clrJWS, nil, KindCLR2, EncodingJWS},
		{"explicit Kind wins over detection", credJSON, &Options{Kind: KindCLR2}, KindCLR2, EncodingJSON},
		{"surrounding white space is not baked", append(append([]byte("\n  "), credJWS...), '\n'), nil, KindOpenBadges3, EncodingJWS},
	}
	images := []struct {
		format Format
		img    []byte
		bake   func([]byte, []byte, *Options) ([]byte, error)
	}{
		{FormatPNG, testPNG(t), PNG},
		{FormatSVG, []byte(testSVG), SVG},
		{FormatPNG, fixtures.Read(t, "1edtech/validator/ob30/simple-json.png"), Bake}, // re-bake over an existing credential
		{FormatSVG, fixtures.Read(t, "1edtech/validator/ob30/simple-json.svg"), Bake},
	}
	for _, im := range images {
		for _, tt := range tests {
			t.Run(im.format.String()+"/"+tt.name, func(t *testing.T) {
				out, err := im.bake(im.img, tt.payload, tt.opts)
				if err != nil {
					t.Fatalf("bake: %v", err)
				}
				got, err := Extract(out)
				if err != nil {
					t.Fatalf("extract: %v", err)
				}
				want := &Baked{Format: im.format, Kind: tt.kind, Encoding: tt.enc, Payload: bytes.TrimSpace(tt.payload)}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("extract(bake(x)) (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestPNGChunkLayout(t *testing.T) {
	out, err := PNG(testPNG(t), credJWS, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := chunks(out)
	if err != nil {
		t.Fatalf("baked PNG does not parse: %v", err)
	}
	// The credential is the last chunk before IEND, byte for byte the layout
	// of the specification's example.
	n := len(cs)
	if cs[n-1].typ != "IEND" || cs[n-2].typ != "iTXt" {
		t.Fatalf("chunk order ends %s, %s; want iTXt, IEND", cs[n-2].typ, cs[n-1].typ)
	}
	want := append([]byte("openbadgecredential\x00\x00\x00\x00\x00"), credJWS...)
	if !bytes.Equal(cs[n-2].data, want) {
		t.Errorf("iTXt data = %q, want %q", cs[n-2].data, want)
	}
	// The image itself still decodes.
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("image/png cannot decode the baked image: %v", err)
	}
}

func TestRebakeReplaces(t *testing.T) {
	for _, tc := range []struct {
		name string
		img  []byte
	}{
		{"PNG", testPNG(t)},
		{"SVG", []byte(testSVG)},
		{"validator PNG", fixtures.Read(t, "1edtech/validator/ob30/simple-jwt.png")},
		{"validator SVG", fixtures.Read(t, "1edtech/validator/ob30/simple-jwt.svg")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := tc.img
			// OB 3.0, then CLR, then OB 3.0 again: one credential at every step.
			for i, p := range [][]byte{credJSON, clrJWS, credJWS, credJWS} {
				var err error
				img, err = Bake(img, p, nil)
				if err != nil {
					t.Fatalf("bake %d: %v", i, err)
				}
				if n := countCredentials(t, img); n != 1 {
					t.Fatalf("after bake %d the image holds %d credentials, want 1", i, n)
				}
				got, err := Extract(img)
				if err != nil {
					t.Fatalf("extract %d: %v", i, err)
				}
				if !bytes.Equal(got.Payload, p) {
					t.Fatalf("extract %d returned %.40q, want %.40q", i, got.Payload, p)
				}
			}
			// Re-baking the same payload is idempotent.
			again, err := Bake(img, credJWS, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, img) {
				t.Errorf("re-baking the same credential changed the image")
			}
		})
	}
}

var credentialTag = regexp.MustCompile(`<[A-Za-z_][\w.-]*:credential[\s>/]`)

// countCredentials counts OB 3.0 and CLR credential carriers with a method
// independent of the extractor's duplicate check.
func countCredentials(t *testing.T, img []byte) int {
	if Sniff(img) == FormatPNG {
		cs, err := chunks(img)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cs {
			if k := credentialKind(c); k == KindOpenBadges3 || k == KindCLR2 {
				n++
			}
		}
		return n
	}
	return len(credentialTag.FindAll(img, -1))
}

func TestValidatorFixtures(t *testing.T) {
	var want map[string]any
	if err := json.Unmarshal(fixtures.Read(t, "1edtech/validator/ob30/simple.json"), &want); err != nil {
		t.Fatal(err)
	}
	delete(want, "proof") // the baked copies were signed separately
	docs := map[string]map[string]any{}
	for _, tt := range []struct {
		file   string // under internal/fixtures/1edtech/validator/ob30
		format Format
		enc    Encoding
		id     string
	}{
		{"simple-json.png", FormatPNG, EncodingJSON, "http://example.com/credentials/3527"},
		{"simple-json.svg", FormatSVG, EncodingJSON, "http://example.com/credentials/3527"},
		{"simple-jwt.png", FormatPNG, EncodingJWS, "http://example.com/credentials/3527"},
		{"simple-jwt.svg", FormatSVG, EncodingJWS, "http://example.com/credentials/3527"},
		{"simple-jwt_v1.png", FormatPNG, EncodingJWS, "http://example.edu/credentials/3732"},
		{"simple-jwt_v1.svg", FormatSVG, EncodingJWS, "http://example.edu/credentials/3732"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			b, err := Extract(fixtures.Read(t, "1edtech/validator/ob30/"+tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if b.Format != tt.format || b.Kind != KindOpenBadges3 || b.Encoding != tt.enc || b.Compressed {
				t.Fatalf("got %v %v %v compressed=%v, want %v %v %v", b.Format, b.Kind, b.Encoding, b.Compressed, tt.format, KindOpenBadges3, tt.enc)
			}
			doc := credentialOf(t, b)
			docs[tt.file] = doc
			if id := doc["id"]; id != tt.id {
				t.Errorf("credential id = %v, want %v", id, tt.id)
			}
			if tt.enc == EncodingJSON {
				got := maps(doc)
				delete(got, "proof")
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("baked credential differs from simple.json (-want +got):\n%s", diff)
				}
			}
		})
	}
	// PNG and SVG carry the same credential; the JWTs were issued at
	// different times, so iat differs.
	for _, pair := range [][2]string{{"simple-json.png", "simple-json.svg"}, {"simple-jwt.png", "simple-jwt.svg"}, {"simple-jwt_v1.png", "simple-jwt_v1.svg"}} {
		a, b := maps(docs[pair[0]]), maps(docs[pair[1]])
		delete(a, "iat")
		delete(b, "iat")
		if diff := cmp.Diff(a, b); diff != "" || a == nil {
			t.Errorf("%s and %s hold different credentials:\n%s", pair[0], pair[1], diff)
		}
	}
}

// credentialOf decodes the credential JSON, or the claims of a JWS.
func credentialOf(t *testing.T, b *Baked) map[string]any {
	t.Helper()
	p := b.Payload
	if b.Encoding == EncodingJWS {
		var err error
		if p, err = b64url(bytes.Split(p, []byte("."))[1]); err != nil {
			t.Fatal(err)
		}
	}
	var doc map[string]any
	if err := json.Unmarshal(p, &doc); err != nil {
		t.Fatal(err)
	}
	if vc, ok := doc["vc"].(map[string]any); ok { // VC 1.1 JWT claims
		vc["iat"] = doc["iat"]
		return vc
	}
	return doc
}

func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestOpenBadges2(t *testing.T) {
	assertion := bytes.TrimSpace(readFixture(t, "ob2-assertion.json"))
	tests := []struct {
		file      string
		want      Baked
		assertion bool // payload is the assertion JSON
	}{
		{"ob2-itxt-json.png", Baked{Format: FormatPNG, Kind: KindOpenBadges2, Encoding: EncodingJSON}, true},
		{"ob2-text-url.png", Baked{Format: FormatPNG, Kind: KindOpenBadges2, Encoding: EncodingURL, Payload: []byte("https://example.org/assertions/123")}, false},
		{"ob2-hosted.svg", Baked{Format: FormatSVG, Kind: KindOpenBadges2, Encoding: EncodingJSON, VerifyURL: "https://example.org/assertions/123"}, true},
		{"ob2-signed.svg", Baked{Format: FormatSVG, Kind: KindOpenBadges2, Encoding: EncodingJWS, Payload: []byte("eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiIxMjMifQ.c2lnbmF0dXJl")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Extract(readFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if tt.assertion {
				want.Payload = assertion
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpenBadges2AlongsideOB3(t *testing.T) {
	got, err := Extract(readFixture(t, "ob3-and-ob2.png"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != KindOpenBadges3 {
		t.Errorf("Kind = %v, want the Open Badges 3.0 credential to win", got.Kind)
	}
	// Re-baking keeps the 2.0 assertion unless asked to remove it.
	img := readFixture(t, "ob2-hosted.svg")
	kept, err := SVG(img, credJWS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(kept, []byte("<openbadges:assertion")) {
		t.Error("the Open Badges 2.0 assertion was removed without RemoveOpenBadges2")
	}
	// The 2.0 prefix "openbadges" is bound to http://openbadges.org on the
	// root, so the new element must redeclare it for itself.
	b, err := Extract(kept)
	if err != nil || b.Kind != KindOpenBadges3 || !bytes.Equal(b.Payload, credJWS) {
		t.Fatalf("extract after baking over an OB 2.0 SVG: %+v, %v", b, err)
	}
	removed, err := SVG(img, credJWS, &Options{RemoveOpenBadges2: true})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(removed, []byte("<openbadges:assertion")) {
		t.Error("RemoveOpenBadges2 left the assertion in the SVG")
	}
	pngOut, err := PNG(readFixture(t, "ob2-itxt-json.png"), credJSON, &Options{RemoveOpenBadges2: true})
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := chunks(pngOut)
	for _, c := range cs {
		if credentialKind(c) == KindOpenBadges2 {
			t.Error("RemoveOpenBadges2 left the openbadges chunk in the PNG")
		}
	}
}

func TestCompressedITXtTolerated(t *testing.T) {
	got, err := Extract(readFixture(t, "ob3-compressed.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Compressed || got.Encoding != EncodingJSON || !bytes.Equal(got.Payload, bytes.TrimSpace(fixtures.Read(t, "1edtech/validator/ob30/simple.json"))) {
		t.Errorf("got compressed=%v %v %.60q", got.Compressed, got.Encoding, got.Payload)
	}
}

func TestSVGLayout(t *testing.T) {
	tests := []struct {
		name, in, payload, want string
	}{
		{
			name:    "JWS goes in verify, namespace on the root, element directly after it",
			in:      `<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`,
			payload: "a.b.c",
			want:    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential verify="a.b.c"></openbadges:credential><g/></svg>`,
		},
		{
			name:    "JSON goes in CDATA",
			in:      `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
			payload: `{"a":1}`,
			want:    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential><![CDATA[{"a":1}]]></openbadges:credential></svg>`,
		},
		{
			name:    "]]> in the JSON is split across CDATA sections",
			in:      `<svg/>`,
			payload: `{"a":"]]>"}`,
			want:    `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential><![CDATA[{"a":"]]]]><![CDATA[>"}]]></openbadges:credential>` + "\n</svg>",
		},
		{
			name:    "a self-closing prefixed root is opened and closed",
			in:      `<s:svg xmlns:s="http://www.w3.org/2000/svg" />`,
			payload: "a.b.c",
			want:    `<s:svg xmlns:s="http://www.w3.org/2000/svg"  xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential verify="a.b.c"></openbadges:credential>` + "\n</s:svg>",
		},
		{
			name:    "an existing declaration is reused and the old credential cut out",
			in:      `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="x.y.z"/><g/></svg>`,
			payload: "a.b.c",
			want:    `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential verify="a.b.c"></openbadges:credential><g/></svg>`,
		},
		{
			name:    "a credential under another prefix is found by namespace and cut out",
			in:      `<svg xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><g/><ob:credential>  <![CDATA[{}]]> </ob:credential></svg>`,
			payload: "a.b.c",
			want:    `<svg xmlns:ob="https://purl.imsglobal.org/ob/v3p0" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">` + "\n" + `<openbadges:credential verify="a.b.c"></openbadges:credential><g/></svg>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SVG([]byte(tt.in), []byte(tt.payload), &Options{Kind: KindOpenBadges3})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			b, err := Extract(got)
			if err != nil || string(b.Payload) != tt.payload {
				t.Errorf("extract: %+v, %v", b, err)
			}
		})
	}
}

// pngWith returns a valid PNG with the given raw chunk bytes before IEND.
func pngWith(t testing.TB, extra ...[]byte) []byte {
	img := testPNG(t)
	iend := len(img) - 12
	out := append([]byte{}, img[:iend]...)
	for _, e := range extra {
		out = append(out, e...)
	}
	return append(out, img[iend:]...)
}

func rawChunk(typ string, data []byte) []byte {
	return appendChunk(nil, typ, data)
}

func TestHostileInput(t *testing.T) {
	small := Limits{MaxPayloadBytes: 64, MaxImageBytes: 4096}
	good := pngWith(t, rawChunk("iTXt", itxt(KeywordOpenBadges3, credJWS)))
	badCRC := bytes.Clone(good)
	badCRC[len(badCRC)-13] ^= 1 // last byte of the iTXt CRC
	flipped := bytes.Clone(good)
	flipped[bytes.Index(flipped, []byte("openbadgecredential"))+30] ^= 1 // a byte of the JWS
	bomb := func() []byte {
		// 2 MiB of zeros compresses to about 2 KiB.
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(append([]byte("{"), make([]byte, 2<<20)...))
		zw.Close()
		data := append([]byte("openbadgecredential\x00\x01\x00\x00\x00"), z.Bytes()...)
		return pngWith(t, rawChunk("iTXt", data))
	}()
	hugeLen := bytes.Clone(good)
	binary.BigEndian.PutUint32(hugeLen[33:], 0xfffffff0) // first chunk after IHDR

	tests := []struct {
		name   string
		img    []byte
		limits Limits
		want   error
	}{
		{"empty input", nil, Limits{}, ErrNotImage},
		{"plain text", []byte("hello, world"), Limits{}, ErrNotImage},
		{"JPEG magic", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), Limits{}, ErrNotImage},
		{"PNG signature only", pngSignature, Limits{}, ErrMalformed},
		{"truncated in the middle of a chunk", good[:len(good)-40], Limits{}, ErrMalformed},
		{"truncated before IEND", good[:len(good)-12], Limits{}, ErrMalformed},
		{"bad CRC on the credential chunk", badCRC, Limits{}, ErrMalformed},
		{"a flipped payload byte fails the CRC", flipped, Limits{}, ErrMalformed},
		{"chunk length beyond 2^31-1", hugeLen, Limits{}, ErrMalformed},
		{"no IHDR first", append(bytes.Clone(pngSignature), rawChunk("IEND", nil)...), Limits{}, ErrMalformed},
		{"chunk type with a digit", append(append(bytes.Clone(pngSignature), rawChunk("IHDR", make([]byte, 13))...), rawChunk("iT5t", nil)...), Limits{}, ErrMalformed},
		{"no credential", testPNG(t), Limits{}, ErrNotBaked},
		{"two credential chunks", readFixture(t, "ob3-duplicate.png"), Limits{}, ErrDuplicate},
		{"OB 3.0 and CLR chunks together", pngWith(t, rawChunk("iTXt", itxt(KeywordOpenBadges3, credJWS)), rawChunk("iTXt", itxt(KeywordCLR2, clrJWS))), Limits{}, ErrDuplicate},
		{"payload over the limit", good, small, ErrTooLarge},
		{"image over the limit", good, Limits{MaxImageBytes: 100}, ErrTooLarge},
		{"zlib bomb", bomb, Limits{}, ErrTooLarge},
		{"corrupt zlib", pngWith(t, rawChunk("iTXt", []byte("openbadgecredential\x00\x01\x00\x00\x00garbage"))), Limits{}, ErrMalformed},
		{"unknown compression method", pngWith(t, rawChunk("iTXt", []byte("openbadgecredential\x00\x00\x07\x00\x00a.b.c"))), Limits{}, ErrMalformed},
		{"iTXt without language NULs", pngWith(t, rawChunk("iTXt", []byte("openbadgecredential\x00\x00\x00a.b.c"))), Limits{}, ErrMalformed},
		{"payload neither JSON nor JWS", pngWith(t, rawChunk("iTXt", itxt(KeywordOpenBadges3, []byte("hello")))), Limits{}, ErrPayload},
		{"payload is broken JSON", pngWith(t, rawChunk("iTXt", itxt(KeywordOpenBadges3, []byte(`{"a":`)))), Limits{}, ErrPayload},
		{"OB 3.0 does not take a URL", pngWith(t, rawChunk("iTXt", itxt(KeywordOpenBadges3, []byte("https://example.org/a")))), Limits{}, ErrPayload},

		{"SVG with an internal DTD subset", []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>`), Limits{}, ErrEntity},
		{"billion laughs", []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&lol2;</openbadges:credential></svg>`), Limits{}, ErrEntity},
		{"undeclared entity reference", []byte(`<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&xxe;</openbadges:credential></svg>`), Limits{}, ErrMalformed},
		{"external entity via SYSTEM in subset", []byte(`<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg/>`), Limits{}, ErrEntity},
		{"root is not svg", []byte(`<?xml version="1.0"?><html/>`), Limits{}, ErrNotImage},
		{"unclosed SVG", []byte(`<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c">`), Limits{}, ErrMalformed},
		{"element inside the credential", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential><g/></o:credential></svg>`), Limits{}, ErrMalformed},
		{"verify and body both present", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.c"><![CDATA[{}]]></o:credential></svg>`), Limits{}, ErrMalformed},
		{"empty credential element", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential/></svg>`), Limits{}, ErrPayload},
		{"two SVG credentials", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.c"/><o:credential verify="a.b.c"/></svg>`), Limits{}, ErrDuplicate},
		{"SVG payload over the limit", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential><![CDATA[{"a":"` + strings.Repeat("x", 100) + `"}]]></o:credential></svg>`), small, ErrTooLarge},
		{"SVG verify over the limit", []byte(`<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.` + strings.Repeat("c", 100) + `"/></svg>`), small, ErrTooLarge},
		{"SVG without a credential", []byte(testSVG), Limits{}, ErrNotBaked},
		{"non-UTF-8 encoding declared", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><svg/>`), Limits{}, ErrMalformed},
		{"nesting beyond MaxSVGDepth", []byte("<svg>" + strings.Repeat("<g>", MaxSVGDepth) + strings.Repeat("</g>", MaxSVGDepth) + "</svg>"), Limits{}, ErrMalformed},
		{"two root elements", []byte(`<svg></svg><svg></svg>`), Limits{}, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.limits.Extract(tt.img)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Extract = %+v, %v; want error %v", b, err, tt.want)
			}
			if b != nil {
				t.Errorf("Extract returned a result with its error")
			}
		})
	}
	if _, err := Extract(good); err != nil {
		t.Fatalf("the unmodified image must extract: %v", err)
	}
}

func TestBakeRejects(t *testing.T) {
	tests := []struct {
		name    string
		img     []byte
		payload []byte
		opts    *Options
		want    error
	}{
		{"not an image", []byte("GIF89a"), credJWS, nil, ErrNotImage},
		{"payload is plain text", testPNG(t), []byte("hello"), nil, ErrPayload},
		{"payload is a URL", testPNG(t), []byte("https://example.org/assertion"), nil, ErrPayload},
		{"payload over the limit", testPNG(t), credJSON, &Options{Limits: Limits{MaxPayloadBytes: 10}}, ErrTooLarge},
		{"image over the limit", testPNG(t), credJWS, &Options{Limits: Limits{MaxImageBytes: 10}}, ErrTooLarge},
		{"payload not UTF-8", []byte(testSVG), []byte("{\"a\":\"\xff\"}"), nil, ErrPayload},
		{"payload with U+FFFF cannot go in XML", []byte(testSVG), []byte("{\"a\":\"\uffff\"}"), nil, ErrPayload},
		{"corrupt PNG", testPNG(t)[:40], credJWS, nil, ErrMalformed},
		{"SVG with entities", []byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`), credJWS, nil, ErrEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out, err := Bake(tt.img, tt.payload, tt.opts); !errors.Is(err, tt.want) {
				t.Fatalf("Bake = %d bytes, %v; want %v", len(out), err, tt.want)
			}
		})
	}
	if _, err := PNG(testPNG(t), credJWS, &Options{Kind: KindOpenBadges2}); err == nil {
		t.Error("baking Open Badges 2.0 must be refused")
	}
}

func TestExtractFrom(t *testing.T) {
	img, err := PNG(testPNG(t), credJWS, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Limits{}.ExtractFrom(bytes.NewReader(img))
	if err != nil || !bytes.Equal(b.Payload, credJWS) {
		t.Fatalf("ExtractFrom: %v", err)
	}
	if _, err := (Limits{MaxImageBytes: int64(len(img) - 1)}).ExtractFrom(bytes.NewReader(img)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ExtractFrom over the limit: %v, want ErrTooLarge", err)
	}
}

func TestCRCMatchesSpecAlgorithm(t *testing.T) {
	// The PNG CRC of an IEND chunk is the well-known AE 42 60 82.
	if got := rawChunk("IEND", nil); !bytes.Equal(got[8:], []byte{0xae, 0x42, 0x60, 0x82}) {
		t.Errorf("IEND CRC = % x", got[8:])
	}
}

// chunks collects the chunks of a PNG, for tests.
func chunks(img []byte) ([]chunk, error) {
	var cs []chunk
	err := walkChunks(img, func(c chunk) error {
		cs = append(cs, c)
		return nil
	})
	return cs, err
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   Format
		reason string
	}{
		{"\x89PNG\r\n\x1a\nrest", FormatPNG, "the PNG signature"},
		{"<svg xmlns='http://www.w3.org/2000/svg'/>", FormatSVG, "a bare svg root"},
		{"\xef\xbb\xbf<svg/>", FormatSVG, "a UTF-8 byte-order mark first (issue 15 §4: verify refused this, Extract read it)"},
		{"\xef\xbb\xbf\n  <?xml version='1.0'?><svg/>", FormatSVG, "BOM, white space, then an XML declaration"},
		{"<!-- made by hand --><svg/>", FormatSVG, "a comment first"},
		{"<!DOCTYPE svg><svg/>", FormatSVG, "a doctype first"},
		{"<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>", FormatSVG, "a prefixed root"},
		{"<html><body/></html>", 0, "XML that names no svg"},
		{`{"type":"OpenBadgeCredential"}`, 0, "JSON is not an image"},
		{"\xef\xbb\xbf{}", 0, "a BOM alone does not make an image"},
		{"", 0, "nothing"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			if got := Sniff([]byte(tc.in)); got != tc.want {
				t.Errorf("%s: Sniff = %v, want %v", tc.reason, got, tc.want)
			}
		})
	}
}
