package status

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MinEntries is the minimum number of entries a Bitstring Status List (and a
// StatusList2021) must hold: 131,072, i.e. 16 KiB of one-bit entries. The
// minimum gives every holder group privacy; a shorter list is refused.
const MinEntries = 131072

// DefaultMaxDecodedBytes caps decompression when the caller passes no cap:
// 16 MiB is 128 times the minimum list and far beyond any real deployment,
// yet small enough that a gzip bomb costs little.
const DefaultMaxDecodedBytes = 16 << 20

// MaxStatusSize is the largest statusSize this package accepts. The
// specification sets no bound; eight bits already give 256 messages, and a
// bound keeps 2^statusSize message tables small.
const MaxStatusSize = 8

// Format says how an encodedList string is wrapped.
type Format int

const (
	// Bitstring is W3C Bitstring Status List v1.0: multibase base64url
	// without padding (prefix 'u') over GZIP.
	Bitstring Format = iota
	// StatusList2021 is the predecessor: base64url over GZIP with no
	// multibase prefix. Its bit order is the same (left-most bit first).
	StatusList2021
)

func (f Format) String() string {
	switch f {
	case Bitstring:
		return "BitstringStatusList"
	case StatusList2021:
		return "StatusList2021"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// DecodeOptions bounds DecodeBitstring. The zero value enforces the
// specification minimum and DefaultMaxDecodedBytes.
type DecodeOptions struct {
	// MaxDecodedBytes caps the decompressed size; 0 means
	// DefaultMaxDecodedBytes. Negative is refused (ErrInvalidOptions): the
	// cap cannot be switched off.
	MaxDecodedBytes int
	// MinEntries is the minimum number of entries (decoded bits divided by
	// StatusSize); 0 means MinEntries, negative means no minimum. Lower it only for an ecosystem that
	// sets a lower bound, or to read test vectors that predate the minimum.
	MinEntries int
	// StatusSize is the number of bits per entry; 0 means 1.
	StatusSize int
}

// DecodeBitstring expands encodedList into the raw bitstring (index 0 is the
// most significant bit of byte 0). It refuses lists that decompress beyond
// the cap (ErrTooLarge) and lists shorter than the minimum (ErrTooShort).
func DecodeBitstring(encodedList string, f Format, o DecodeOptions) ([]byte, error) {
	maxBytes := o.MaxDecodedBytes
	switch {
	case maxBytes == 0:
		maxBytes = DefaultMaxDecodedBytes
	case maxBytes < 0:
		// An uncapped decompression is never safe, so negative is no
		// "unlimited": it is a mistake, said so.
		return nil, fmt.Errorf("%w: DecodeOptions.MaxDecodedBytes %d is negative; 0 means DefaultMaxDecodedBytes", ErrInvalidOptions, maxBytes)
	}
	size := o.StatusSize
	if size == 0 {
		size = 1
	}
	if size < 0 || size > MaxStatusSize {
		return nil, fmt.Errorf("%w: statusSize %d not in 1..%d", ErrMalformed, size, MaxStatusSize)
	}
	minEntries := o.MinEntries
	switch {
	case minEntries == 0:
		minEntries = MinEntries
	case minEntries < 0:
		minEntries = 0 // no minimum: a short list costs nothing
	}

	body := encodedList
	switch f {
	case Bitstring:
		if !strings.HasPrefix(body, "u") {
			return nil, fmt.Errorf("%w: encodedList must be multibase base64url and start with 'u'", ErrEncoding)
		}
		body = body[1:]
	case StatusList2021:
		// Some StatusList2021 issuers padded their base64url; the padding
		// carries no information, so accept it rather than split the
		// ecosystem.
		body = strings.TrimRight(body, "=")
	default:
		return nil, fmt.Errorf("%w: unknown format %v", ErrUnsupported, f)
	}
	// GZIP compresses a 16 KiB zero list to ~50 bytes, but a list of random
	// bits does not compress at all; the encoded form can therefore be up to
	// 4/3 of the cap plus gzip framing. Refuse anything longer before decoding.
	if len(body) > base64.RawURLEncoding.EncodedLen(maxBytes+maxBytes/64+1024) {
		return nil, fmt.Errorf("%w: encodedList is %d characters", ErrTooLarge, len(body))
	}
	compressed, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: base64url: %v", ErrEncoding, err)
	}
	br := bytes.NewReader(compressed)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %v", ErrEncoding, err)
	}
	// A concatenated second gzip member is legal gzip but no encoder of
	// status lists writes one; reading it would only widen the attack surface.
	zr.Multistream(false)
	bits, err := io.ReadAll(io.LimitReader(zr, int64(maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %v", ErrEncoding, err)
	}
	if len(bits) > maxBytes {
		return nil, fmt.Errorf("%w: decompresses to more than %d bytes", ErrTooLarge, maxBytes)
	}
	// Surface a corrupt trailer (bad CRC or length) that ReadAll may not have
	// reached because the limit stopped it exactly at the end of the data.
	if _, err := zr.Read(make([]byte, 1)); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: gzip: %v", ErrEncoding, err)
	}
	// bytes.Reader is an io.ByteReader, so gzip consumed exactly one member;
	// anything left is a second member or trailing garbage.
	if br.Len() != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the gzip stream", ErrEncoding, br.Len())
	}
	if entries := len(bits) * 8 / size; entries < minEntries {
		return nil, fmt.Errorf("%w: %d entries, minimum %d", ErrTooShort, entries, minEntries)
	}
	return bits, nil
}

// EncodeBitstring compresses bits with GZIP and wraps them in format f.
func EncodeBitstring(bits []byte, f Format) (string, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := zw.Write(bits); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding.EncodeToString(buf.Bytes())
	switch f {
	case Bitstring:
		return "u" + enc, nil
	case StatusList2021:
		return enc, nil
	}
	return "", fmt.Errorf("%w: unknown format %v", ErrUnsupported, f)
}

// ReadStatus returns the statusSize-bit value at index in bits, most
// significant bit first: entry i occupies bits i*size .. i*size+size-1,
// and bit k is the (7 - k%8)-th bit of byte k/8.
func ReadStatus(bits []byte, index, size int) (uint, error) {
	if size < 1 || size > MaxStatusSize {
		return 0, fmt.Errorf("%w: statusSize %d not in 1..%d", ErrMalformed, size, MaxStatusSize)
	}
	if index < 0 || index > (len(bits)*8)/size-1 {
		return 0, fmt.Errorf("%w: index %d, list holds %d entries", ErrRange, index, len(bits)*8/size)
	}
	var v uint
	for k := index * size; k < (index+1)*size; k++ {
		v = v<<1 | uint(bits[k/8]>>(7-k%8)&1)
	}
	return v, nil
}

// writeStatus is ReadStatus's inverse; the caller has checked the range.
func writeStatus(bits []byte, index, size int, v uint) {
	for j := 0; j < size; j++ {
		k := index*size + j
		mask := byte(1) << (7 - k%8)
		if v>>(size-1-j)&1 == 1 {
			bits[k/8] |= mask
		} else {
			bits[k/8] &^= mask
		}
	}
}
