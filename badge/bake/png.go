package bake

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
)

// chunk is one PNG chunk; start and end delimit it in the image, from the
// length field through the CRC.
type chunk struct {
	typ        string
	data       []byte
	start, end int
}

// maxChunkLen is the PNG limit on a chunk's data length (2^31-1).
const maxChunkLen = 1<<31 - 1

// walkChunks calls fn for each chunk of a PNG datastream in order, checking
// the signature, every chunk's length and CRC, that IHDR comes first and
// that IEND ends the stream. Bytes after IEND are ignored. Chunks are not
// collected: an image of a million empty chunks costs no memory.
func walkChunks(img []byte, fn func(chunk) error) error {
	if !bytes.HasPrefix(img, pngSignature) {
		return fmt.Errorf("%w: missing PNG signature", ErrNotImage)
	}
	for off, first := len(pngSignature), true; ; first = false {
		if len(img)-off < 12 {
			return fmt.Errorf("%w: PNG truncated at byte %d (no IEND chunk)", ErrMalformed, off)
		}
		n := binary.BigEndian.Uint32(img[off:])
		typ := img[off+4 : off+8]
		if n > maxChunkLen {
			return fmt.Errorf("%w: PNG chunk at byte %d declares length %d", ErrMalformed, off, n)
		}
		if !validChunkType(typ) {
			return fmt.Errorf("%w: PNG chunk at byte %d has invalid type %q", ErrMalformed, off, typ)
		}
		end := off + 12 + int(n)
		if end > len(img) || end < off {
			return fmt.Errorf("%w: PNG chunk %s at byte %d is truncated (declares %d bytes)", ErrMalformed, typ, off, n)
		}
		data := img[off+8 : off+8+int(n)]
		want := binary.BigEndian.Uint32(img[end-4:])
		if got := crc32.Update(crc32.ChecksumIEEE(typ), crc32.IEEETable, data); got != want {
			return fmt.Errorf("%w: PNG chunk %s at byte %d has CRC %08x, want %08x", ErrMalformed, typ, off, want, got)
		}
		c := chunk{typ: string(typ), data: data, start: off, end: end}
		if first && c.typ != "IHDR" {
			return fmt.Errorf("%w: PNG does not start with IHDR", ErrMalformed)
		}
		if err := fn(c); err != nil {
			return err
		}
		off = end
		if c.typ == "IEND" {
			return nil
		}
	}
}

func validChunkType(t []byte) bool {
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// textKeyword returns the keyword of a tEXt, zTXt or iTXt chunk ("" for
// other chunks or a missing terminator).
func textKeyword(c chunk) string {
	switch c.typ {
	case "tEXt", "zTXt", "iTXt":
	default:
		return ""
	}
	// Keywords are 1-79 bytes followed by a NUL.
	i := bytes.IndexByte(c.data[:min(len(c.data), 80)], 0)
	if i <= 0 {
		return ""
	}
	return string(c.data[:i])
}

// credentialKind maps a text chunk to the Kind its keyword announces.
func credentialKind(c chunk) Kind {
	switch textKeyword(c) {
	case KeywordOpenBadges3:
		if c.typ == "iTXt" {
			return KindOpenBadges3
		}
	case KeywordCLR2:
		if c.typ == "iTXt" {
			return KindCLR2
		}
	case KeywordOpenBadges2:
		if c.typ == "iTXt" || c.typ == "tEXt" {
			return KindOpenBadges2
		}
	}
	return 0
}

func (l Limits) extractPNG(img []byte) (*Baked, error) {
	var found, ob2 *chunk
	err := walkChunks(img, func(c chunk) error {
		switch credentialKind(c) {
		case KindOpenBadges3, KindCLR2:
			if found != nil {
				return fmt.Errorf("%w: PNG has %s chunks at bytes %d and %d", ErrDuplicate, c.typ, found.start, c.start)
			}
			found = &c
		case KindOpenBadges2:
			if ob2 == nil {
				ob2 = &c
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		found = ob2
	}
	if found == nil {
		return nil, ErrNotBaked
	}
	b := &Baked{Format: FormatPNG, Kind: credentialKind(*found)}
	var text []byte
	if found.typ == "tEXt" {
		text = found.data[len(KeywordOpenBadges2)+1:]
	} else {
		text, b.Compressed, err = l.itxtText(found.data)
		if err != nil {
			return nil, err
		}
	}
	if len(text) > l.maxPayload() {
		return nil, fmt.Errorf("%w: baked payload is %d bytes, limit %d", ErrTooLarge, len(text), l.maxPayload())
	}
	b.Payload = bytes.Clone(bytes.TrimSpace(text))
	if b.Encoding, err = classify(b.Payload, b.Kind); err != nil {
		return nil, fmt.Errorf("%s chunk %q: %w", found.typ, b.Kind.keyword(), err)
	}
	return b, nil
}

// itxtText decodes an iTXt body: keyword NUL, compression flag, compression
// method, language tag NUL, translated keyword NUL, text.
func (l Limits) itxtText(data []byte) (text []byte, compressed bool, err error) {
	kw := bytes.IndexByte(data, 0)
	rest := data[kw+1:]
	if len(rest) < 2 {
		return nil, false, fmt.Errorf("%w: iTXt chunk too short", ErrMalformed)
	}
	flag, method := rest[0], rest[1]
	if flag > 1 || method != 0 {
		return nil, false, fmt.Errorf("%w: iTXt compression flag %d, method %d", ErrMalformed, flag, method)
	}
	rest = rest[2:]
	for range 2 { // language tag, translated keyword
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return nil, false, fmt.Errorf("%w: iTXt chunk lacks a NUL after its language tag or translated keyword", ErrMalformed)
		}
		rest = rest[i+1:]
	}
	if flag == 0 {
		return rest, false, nil
	}
	text, err = l.inflate(rest)
	return text, true, err
}

// inflate decompresses zlib data, refusing to produce more than the payload
// limit so that a small chunk cannot expand into gigabytes.
func (l Limits) inflate(z []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, fmt.Errorf("%w: compressed iTXt: %v", ErrMalformed, err)
	}
	defer r.Close()
	max := l.maxPayload()
	out, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("%w: compressed iTXt: %v", ErrMalformed, err)
	}
	if len(out) > max {
		return nil, fmt.Errorf("%w: compressed iTXt inflates past %d bytes", ErrTooLarge, max)
	}
	return out, nil
}

// PNG bakes payload (credential JSON or a compact JWS) into a PNG image and
// returns the new image; img is not modified. Every Open Badges 3.0 or CLR
// credential chunk already present is removed, and one uncompressed iTXt
// chunk is written just before IEND. Bytes after IEND are dropped.
func PNG(img, payload []byte, opts *Options) ([]byte, error) {
	o := opts.orDefault()
	if int64(len(img)) > o.maxImage() {
		return nil, fmt.Errorf("%w: image is %d bytes, limit %d", ErrTooLarge, len(img), o.maxImage())
	}
	kind, _, p, err := checkPayload(payload, o)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(img)+len(p)+64)
	out = append(out, pngSignature...)
	err = walkChunks(img, func(c chunk) error {
		switch k := credentialKind(c); {
		case k == KindOpenBadges3 || k == KindCLR2:
			return nil
		case k == KindOpenBadges2 && o.RemoveOpenBadges2:
			return nil
		case c.typ == "IEND":
			out = appendChunk(out, "iTXt", itxt(kind.keyword(), p))
		}
		out = append(out, img[c.start:c.end]...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// itxt builds an uncompressed iTXt body with empty language tag and
// translated keyword, as the baking specifications show.
func itxt(keyword string, text []byte) []byte {
	b := make([]byte, 0, len(keyword)+5+len(text))
	b = append(b, keyword...)
	b = append(b, 0, 0, 0, 0, 0) // NUL, flag 0, method 0, empty lang NUL, empty translated NUL
	return append(b, text...)
}

func appendChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	crc := crc32.Update(crc32.ChecksumIEEE([]byte(typ)), crc32.IEEETable, data)
	return binary.BigEndian.AppendUint32(out, crc)
}
