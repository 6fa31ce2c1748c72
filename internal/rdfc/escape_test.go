package rdfc

import (
	"bytes"
	"testing"
)

// appendEscapedBytewise is appendEscaped as it was before plainPrefix: one
// byte at a time, the reference the word-at-a-time scan must agree with.
func appendEscapedBytewise(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case !needsEscape[c]:
			dst = append(dst, c)
		case c == '\b':
			dst = append(dst, `\b`...)
		case c == '\t':
			dst = append(dst, `\t`...)
		case c == '\n':
			dst = append(dst, `\n`...)
		case c == '\f':
			dst = append(dst, `\f`...)
		case c == '\r':
			dst = append(dst, `\r`...)
		case c == '"':
			dst = append(dst, `\"`...)
		case c == '\\':
			dst = append(dst, `\\`...)
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexUpper[c>>4], hexUpper[c&0xf])
		}
	}
	return dst
}

// TestAppendEscapedEveryByte puts every byte value at every position of
// strings of up to 19 bytes (both sides of each eight-byte word, and the
// tail), alone and after a byte that needs escaping, on a background of
// plain bytes below and above the ones tested for.
func TestAppendEscapedEveryByte(t *testing.T) {
	for _, bg := range []byte{'a', 0x21, 0x5b, 0x80, 0xff} {
		for n := 1; n <= 19; n++ {
			for p := range n {
				for c := range 256 {
					b := bytes.Repeat([]byte{bg}, n)
					b[p] = byte(c)
					check(t, string(b))
					if p > 0 {
						b[0] = '"'
						check(t, string(b))
					}
				}
			}
		}
	}
}

func check(t *testing.T, s string) {
	t.Helper()
	if got, want := appendEscaped([]byte("x"), s), appendEscapedBytewise([]byte("x"), s); !bytes.Equal(got, want) {
		t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
	}
	i := plainPrefix(s)
	j := 0
	for j < len(s) && !needsEscape[s[j]] {
		j++
	}
	if i != j {
		t.Fatalf("plainPrefix(%q) = %d, want %d", s, i, j)
	}
}

func FuzzAppendEscaped(f *testing.F) {
	for _, s := range []string{"", "plain text of a credential", "a\"b\\c\x7fd\x00e\x1f", "\u00e9\u4e16\U0001F303 \x7e\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
