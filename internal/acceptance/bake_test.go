package acceptance

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// pngChunk encodes one PNG chunk (PNG spec §5.3: length, type, data, CRC over type and data).
func pngChunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

// itxt is an iTXt chunk body (PNG spec §11.3.4.5): keyword, NUL, compression
// flag, method, language tag, NUL, translated keyword, NUL, text.
func itxt(keyword, lang, translated string, text []byte) []byte {
	var b bytes.Buffer
	b.WriteString(keyword)
	b.Write([]byte{0, 0, 0})
	b.WriteString(lang)
	b.WriteByte(0)
	b.WriteString(translated)
	b.WriteByte(0)
	b.Write(text)
	return b.Bytes()
}

// insertAfterIHDR places a chunk right after IHDR, as some tools write text
// chunks (before IDAT) instead of just before IEND.
func insertAfterIHDR(img, chunk []byte) []byte {
	const sig = 8
	ihdrLen := int(binary.BigEndian.Uint32(img[sig:]))
	end := sig + 12 + ihdrLen
	out := append([]byte{}, img[:end]...)
	out = append(out, chunk...)
	return append(out, img[end:]...)
}

// TestForeignBakedImages: images baked by other tools, written by hand
// here, in forms the baking specification allows (OB 3.0 §5.3): any
// namespace prefix, a default namespace, whitespace around the payload,
// a credential containing "]]>", the chunk before IDAT, an iTXt language tag.
func TestForeignBakedImages(t *testing.T) {
	t.Parallel()
	c := baseCredential()
	c["credentialSubject"].(obj)["achievement"].(obj)["criteria"] = obj{"narrative": "Write `a[b[0]]>c` and <b>bold</b> & more ]]> done"}
	signed := ourSigned(t, c)
	key, _ := credential.GenerateKey(credential.KeyP256)
	did, _ := credential.DIDKey(key.Public())
	kid, _ := credential.DIDKeyVerificationMethod(key.Public())
	jc := baseCredential()
	jc["issuer"].(obj)["id"] = did
	token, err := credential.SignJWT(context.Background(), mustJSON(t, jc), key, credential.JWTOptions{KeyID: kid})
	if err != nil {
		t.Fatal(err)
	}
	_ = time.Now
	v := newVerifier(t, verify.Config{})

	t.Run("our-baker-cdata-terminator", func(t *testing.T) {
		// A credential whose text contains "]]>" must survive SVG baking (XML 1.0 §2.7: CDATA ends at the first "]]>").
		for format, img := range bakeBoth(t, signed) {
			if rep := runVerify(t, v, img); rep.Verdict != verify.Verified {
				t.Errorf("%s: %s", format, describe(rep))
			}
		}
	})

	const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" `
	svgs := map[string]string{
		"prefix-ob":  svgOpen + `xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential verify="` + token + `"/><circle r="1"/></svg>`,
		"default-ns": svgOpen + `><credential xmlns="https://purl.imsglobal.org/ob/v3p0" verify="` + token + `"></credential></svg>`,
		"jwt-whitespace": svgOpen + `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
  <openbadges:credential verify="
    ` + token + `
  "></openbadges:credential></svg>`,
		"json-cdata-newlines": svgOpen + `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[
` + strings.ReplaceAll(string(signed), "]]>", "]]]]><![CDATA[>") + `
]]></openbadges:credential></svg>`,
		"json-escaped-text": svgOpen + `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>` +
			html.EscapeString(string(signed)) + `</openbadges:credential></svg>`,
		"xml-decl-doctype": `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generator: Some Editor -->
` + svgOpen + `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" version="1.1"><openbadges:credential verify="` + token + `"/></svg>`,
	}
	for name, svg := range svgs {
		t.Run("svg-"+name, func(t *testing.T) {
			rep := runVerify(t, v, []byte(svg))
			if rep.Verdict != verify.Verified || rep.Format != verify.FormatSVG {
				t.Errorf("format %q: %s", rep.Format, describe(rep))
			}
		})
	}

	base := badgePNG(t)
	iend := bytes.LastIndex(base, []byte("IEND")) - 4
	pngs := map[string][]byte{
		"itxt-before-idat": insertAfterIHDR(base, pngChunk("iTXt", itxt("openbadgecredential", "", "", signed))),
		"itxt-language-tag": append(append(append([]byte{}, base[:iend]...),
			pngChunk("iTXt", itxt("openbadgecredential", "en-US", "Open Badge Credential", []byte(token)))...), base[iend:]...),
		"jwt-trailing-newline": append(append(append([]byte{}, base[:iend]...),
			pngChunk("iTXt", itxt("openbadgecredential", "", "", []byte(token+"\r\n")))...), base[iend:]...),
	}
	t.Run("png-compressed-itxt", func(t *testing.T) {
		// OB 3.0 §5.3.1: "Compression MUST NOT be used". bake doc: Extract accepts it and says so "so a
		// verifier can warn" — a non-conformant image must not come back as plainly verified.
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(signed)
		zw.Close()
		var b bytes.Buffer
		b.WriteString("openbadgecredential")
		b.Write([]byte{0, 1, 0, 0, 0})
		b.Write(z.Bytes())
		img := append(append(append([]byte{}, base[:iend]...), pngChunk("iTXt", b.Bytes())...), base[iend:]...)
		rep := runVerify(t, v, img)
		if rep.Verdict == verify.Verified {
			t.Errorf("a compressed credential chunk verifies without a warning: %s", describe(rep))
		}
	})
	t.Run("png-ob2-assertion", func(t *testing.T) {
		// An Open Badges 2.0 image (keyword "openbadges") is not an OB 3.0 credential (bake doc).
		img := append(append(append([]byte{}, base[:iend]...),
			pngChunk("iTXt", itxt("openbadges", "", "", []byte(`{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a/1"}`)))...), base[iend:]...)
		if rep := runVerify(t, v, img); rep.OK() {
			t.Errorf("an OB 2.0 assertion verifies as a credential: %s", describe(rep))
		}
	})
	for name, img := range pngs {
		t.Run("png-"+name, func(t *testing.T) {
			rep := runVerify(t, v, img)
			if rep.Verdict != verify.Verified || rep.Format != verify.FormatPNG {
				t.Errorf("format %q: %s", rep.Format, describe(rep))
			}
		})
	}
}
