package multibase

import "fmt"

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
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.366; size the digit buffer once.
	digits := make([]byte, 0, (len(b)-zeros)*138/100+1)
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, zeros+len(digits))
	for i := 0; i < zeros; i++ {
		out[i] = '1'
	}
	for i, d := range digits {
		out[len(out)-1-i] = alphabet[d]
	}
	return string(out)
}

// DecodeBase58 decodes s, which has no multibase prefix. It refuses input
// longer than MaxEncodedLen because the work is quadratic in its length.
func DecodeBase58(s string) ([]byte, error) {
	if len(s) > MaxEncodedLen {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLong, len(s), MaxEncodedLen)
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// Little-endian base-256 digits of the value.
	num := make([]byte, 0, len(s)*733/1000+1)
	for i := zeros; i < len(s); i++ {
		d := decodeTable[s[i]]
		if d == 0xff {
			return nil, fmt.Errorf("%w: base58btc: invalid character %q at offset %d", ErrInvalid, s[i], i)
		}
		carry := int(d)
		for j := range num {
			carry += int(num[j]) * 58
			num[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			num = append(num, byte(carry))
			carry >>= 8
		}
	}
	out := make([]byte, zeros+len(num))
	for i, c := range num {
		out[len(out)-1-i] = c
	}
	return out, nil
}
