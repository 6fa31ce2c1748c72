package multibase

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Encoding is a multibase prefix character.
type Encoding byte

const (
	// Base58BTC is base58 with the Bitcoin alphabet, prefix 'z'.
	Base58BTC Encoding = 'z'
	// Base64URL is RFC 4648 base64url without padding, prefix 'u'.
	Base64URL Encoding = 'u'
)

// MaxEncodedLen is the longest multibase string, prefix included, that
// Decode accepts. It comfortably holds a 4096-bit RSA key or a P-384
// signature; anything larger in a key or proof field is hostile.
const MaxEncodedLen = 4096

var (
	// ErrUnsupportedEncoding means the prefix is not 'z' or 'u'.
	ErrUnsupportedEncoding = errors.New("multibase: unsupported encoding prefix")
	// ErrInvalid means the data is not valid in its encoding.
	ErrInvalid = errors.New("multibase: invalid encoding")
	// ErrTooLong means the input exceeds MaxEncodedLen.
	ErrTooLong = errors.New("multibase: input too long")
)

// Encode returns data as a multibase string in the given encoding.
func Encode(enc Encoding, data []byte) (string, error) {
	switch enc {
	case Base58BTC:
		var buf [128]byte // a key or a signature fits
		return string(AppendBase58(append(buf[:0], 'z'), data)), nil
	case Base64URL:
		return "u" + base64.RawURLEncoding.EncodeToString(data), nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnsupportedEncoding, rune(enc))
}

// Decode decodes a multibase string and reports which encoding it used.
func Decode(s string) (Encoding, []byte, error) {
	if len(s) > MaxEncodedLen {
		return 0, nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLong, len(s), MaxEncodedLen)
	}
	if s == "" {
		return 0, nil, fmt.Errorf("%w: empty string has no prefix", ErrInvalid)
	}
	enc, body := Encoding(s[0]), s[1:]
	switch enc {
	case Base58BTC:
		b, err := DecodeBase58(body)
		return enc, b, err
	case Base64URL:
		// base64url must be unpadded here; a padded or standard-alphabet
		// string is a different multibase ('U', 'm', ...), not a variant.
		// The alphabet is checked first because encoding/base64 skips
		// '\r' and '\n', which would give one value two encodings.
		for i := 0; i < len(body); i++ {
			if !isBase64URL(body[i]) {
				return 0, nil, fmt.Errorf("%w: base64url: invalid character %q at offset %d (unpadded URL alphabet only)", ErrInvalid, body[i], i+1)
			}
		}
		b, err := base64.RawURLEncoding.Strict().DecodeString(body)
		if err != nil {
			return 0, nil, fmt.Errorf("%w: base64url: %v", ErrInvalid, err)
		}
		return enc, b, nil
	}
	return 0, nil, fmt.Errorf("%w: %q (want 'z' base58btc or 'u' base64url)", ErrUnsupportedEncoding, s[0])
}

// DecodeBase58BTC decodes s, which must start with 'z'.
func DecodeBase58BTC(s string) ([]byte, error) {
	if !strings.HasPrefix(s, "z") {
		return nil, fmt.Errorf("%w: want base58btc prefix 'z'", ErrUnsupportedEncoding)
	}
	_, b, err := Decode(s)
	return b, err
}

// AppendDecodeBase58BTC appends the decoding of s, which must start with
// 'z', to dst, with DecodeBase58BTC's checks and errors; with an error it
// returns dst unchanged.
func AppendDecodeBase58BTC(dst []byte, s string) ([]byte, error) {
	if !strings.HasPrefix(s, "z") {
		return dst, fmt.Errorf("%w: want base58btc prefix 'z'", ErrUnsupportedEncoding)
	}
	if len(s) > MaxEncodedLen {
		return dst, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLong, len(s), MaxEncodedLen)
	}
	return AppendDecodeBase58(dst, s[1:])
}

func isBase64URL(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}
