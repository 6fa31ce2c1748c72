package multibase

import (
	"fmt"
	"slices"
)

const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// decodeTable maps an ASCII byte to its base58 digit, or 0xff.
var decodeTable = func() [256]byte {
	var t [256]byte
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// EncodeBase58 encodes b with the Bitcoin base58 alphabet, without a
// multibase prefix. Leading zero bytes become leading '1's.
func EncodeBase58(b []byte) string {
	var buf [128]byte // a 64-byte signature takes 88
	return string(AppendBase58(buf[:0], b))
}

// AppendBase58 appends the base58 encoding of b (as [EncodeBase58]) to
// dst: a signer writes a proof value straight into the proof it builds.
func AppendBase58(dst, b []byte) []byte {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// The value is converted to base 58^5 limbs (little-endian), taking the
	// input 32 bits at a time: a limb is below 2^30, so limb<<32 + carry fits
	// in a uint64. That is 16 times fewer steps than one byte into one base-58
	// digit at a time, and every proof signed pays for it.
	const limbBase = 58 * 58 * 58 * 58 * 58 // 656,356,768
	rest := b[zeros:]
	var stack [24]uint32 // enough for a 64-byte signature
	limbs := stack[:0]
	if n := (len(rest)*138/100)/5 + 2; n > len(stack) {
		limbs = make([]uint32, 0, n)
	}
	addWord := func(w uint64, shift uint) {
		carry := w
		for i := range limbs {
			carry += uint64(limbs[i]) << shift
			limbs[i] = uint32(carry % limbBase)
			carry /= limbBase
		}
		for carry > 0 {
			limbs = append(limbs, uint32(carry%limbBase))
			carry /= limbBase
		}
	}
	// A leading partial word first, so the rest is whole words.
	if head := len(rest) % 4; head > 0 {
		var w uint64
		for _, c := range rest[:head] {
			w = w<<8 | uint64(c)
		}
		addWord(w, uint(8*head))
		rest = rest[head:]
	}
	for ; len(rest) >= 4; rest = rest[4:] {
		addWord(uint64(rest[0])<<24|uint64(rest[1])<<16|uint64(rest[2])<<8|uint64(rest[3]), 32)
	}
	// Digits, least significant first; the top limb has no leading zeros.
	var buf [128]byte
	digits := buf[:0]
	if len(limbs)*5 > len(buf) {
		digits = make([]byte, 0, len(limbs)*5)
	}
	for i, l := range limbs {
		for j := 0; j < 5; j++ {
			if i == len(limbs)-1 && l == 0 {
				break
			}
			digits = append(digits, byte(l%58))
			l /= 58
		}
	}
	for range zeros {
		dst = append(dst, '1')
	}
	for i := len(digits) - 1; i >= 0; i-- {
		dst = append(dst, alphabet[digits[i]])
	}
	return dst
}

// DecodeBase58 decodes s, which has no multibase prefix. It refuses input
// longer than MaxEncodedLen because the work is quadratic in its length.
func DecodeBase58(s string) ([]byte, error) {
	b, err := AppendDecodeBase58(nil, s)
	if err == nil && b == nil {
		b = []byte{} // empty input: an empty value, not none
	}
	return b, err
}

// AppendDecodeBase58 appends the decoding of s (as [DecodeBase58]) to dst,
// and returns dst unchanged with an error. A verifier decodes a proof value
// and a key on every verification: into a buffer of its own, they cost no
// allocation.
func AppendDecodeBase58(dst []byte, s string) ([]byte, error) {
	if len(s) > MaxEncodedLen {
		return dst, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLong, len(s), MaxEncodedLen)
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// The value in little-endian 32-bit limbs, taking five base-58 digits
	// (58^5 < 2^30) per step, as EncodeBase58 does the other way; a proof
	// value and a did:key are decoded on every verification.
	var stack [24]uint32
	limbs := stack[:0]
	for i := zeros; i < len(s); {
		var chunk, mul uint64 = 0, 1
		for end := min(i+5, len(s)); i < end; i++ {
			d := decodeTable[s[i]]
			if d == 0xff {
				return dst, fmt.Errorf("%w: base58btc: invalid character %q at offset %d", ErrInvalid, s[i], i)
			}
			chunk = chunk*58 + uint64(d)
			mul *= 58
		}
		carry := chunk
		for j := range limbs {
			carry += uint64(limbs[j]) * mul
			limbs[j] = uint32(carry)
			carry >>= 32
		}
		for carry > 0 {
			limbs = append(limbs, uint32(carry))
			carry >>= 32
		}
	}
	n := 4 * len(limbs)
	if len(limbs) > 0 {
		for top := limbs[len(limbs)-1]; top>>24 == 0; top <<= 8 {
			n--
		}
	}
	dst = slices.Grow(dst, zeros+n)
	start := len(dst)
	dst = dst[:start+zeros+n]
	out := dst[start:]
	clear(out[:zeros])
	for i := 0; i < n; i++ {
		out[len(out)-1-i] = byte(limbs[i/4] >> (8 * (i % 4)))
	}
	return dst, nil
}
