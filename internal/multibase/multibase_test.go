package multibase

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestBase58Vectors(t *testing.T) {
	// Vectors from draft-msporny-base58 and the multibase test suite.
	tests := []struct {
		in, out string
		why     string
	}{
		{"", "", "empty input encodes to empty output"},
		{"Hello World!", "2NEpo7TZRRrLZSi2U", "draft-msporny-base58 example 1"},
		{"The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z", "draft-msporny-base58 example 2"},
		{"\x00\x00\x28\x7f\xb4\xcd", "11233QC4", "leading zero bytes become leading '1's"},
		{"\x00", "1", "a single zero byte"},
		{"yes mani !", "7paNL19xttacUY", "multibase spec base58btc test"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if got := EncodeBase58([]byte(tt.in)); got != tt.out {
				t.Errorf("%s: EncodeBase58(%q) = %q, want %q", tt.why, tt.in, got, tt.out)
			}
			if got := AppendBase58([]byte("prefix:"), []byte(tt.in)); string(got) != "prefix:"+tt.out {
				t.Errorf("%s: AppendBase58(prefix:, %q) = %q, want prefix:%q", tt.why, tt.in, got, tt.out)
			}
			got, err := DecodeBase58(tt.out)
			if err != nil || !bytes.Equal(got, []byte(tt.in)) {
				t.Errorf("%s: DecodeBase58(%q) = %q, %v; want %q", tt.why, tt.out, got, err, tt.in)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in      string
		enc     Encoding
		out     string
		wantErr error
		why     string
	}{
		{"z7paNL19xttacUY", Base58BTC, "yes mani !", nil, "base58btc"},
		{"ueWVzIG1hbmkgIQ", Base64URL, "yes mani !", nil, "base64url unpadded"},
		{"ueWVzIG1hbmkgIQ==", 0, "", ErrInvalid, "base64url must not be padded"},
		{"u+/8", 0, "", ErrInvalid, "standard alphabet is not base64url"},
		{"u\r", 0, "", ErrInvalid, "encoding/base64 would skip a CR (found by fuzzing)"},
		{"ueWVz\nIG1hbmkgIQ", 0, "", ErrInvalid, "embedded newline"},
		{"z0OIl", 0, "", ErrInvalid, "characters outside the base58 alphabet"},
		{"", 0, "", ErrInvalid, "empty string"},
		{"mAQID", 0, "", ErrUnsupportedEncoding, "padded base64 ('m') is not supported"},
		{"f00", 0, "", ErrUnsupportedEncoding, "hex is not supported"},
		{"z" + strings.Repeat("2", MaxEncodedLen), 0, "", ErrTooLong, "over the size limit"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			enc, got, err := Decode(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("%s: Decode(%.20q) error = %v, want %v", tt.why, tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || enc != tt.enc || string(got) != tt.out {
				t.Errorf("%s: Decode(%q) = %q, %q, %v", tt.why, tt.in, enc, got, err)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	for _, enc := range []Encoding{Base58BTC, Base64URL} {
		for n := 0; n < 70; n++ {
			b := bytes.Repeat([]byte{byte(n), 0, 0xff}, n)[:n]
			s, err := Encode(enc, b)
			if err != nil {
				t.Fatal(err)
			}
			e, got, err := Decode(s)
			if err != nil || e != enc || !bytes.Equal(got, b) {
				t.Fatalf("round trip %c of %x: got %x, %v", enc, b, got, err)
			}
		}
	}
	if _, err := Encode('f', nil); !errors.Is(err, ErrUnsupportedEncoding) {
		t.Errorf("Encode('f') error = %v, want ErrUnsupportedEncoding", err)
	}
}

func FuzzMultibaseDecode(f *testing.F) {
	for _, s := range []string{"z7paNL19xttacUY", "ueWVzIG1hbmkgIQ", "z111", "z1112", "u", "z", "zO", "m==", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Appending decodes as DecodeBase58BTC does, error for error, and
		// keeps what the buffer held (stale bytes past its length
		// included: the leading zeros are written, not assumed).
		want, wantErr := DecodeBase58BTC(s)
		buf := append(make([]byte, 0, 80), "\xffkeep"...)
		got, gotErr := AppendDecodeBase58BTC(buf[:5:5], s)
		if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Fatalf("AppendDecodeBase58BTC(%q): error %v, DecodeBase58BTC %v", s, gotErr, wantErr)
		}
		if gotErr == nil && (string(got[:5]) != "\xffkeep" || !bytes.Equal(got[5:], want)) {
			t.Fatalf("AppendDecodeBase58BTC(%q) = %x, want prefix then %x", s, got, want)
		}
		got, gotErr = AppendDecodeBase58BTC(buf[:0], s) // into spare capacity holding other bytes
		if gotErr == nil && !bytes.Equal(got, want) {
			t.Fatalf("AppendDecodeBase58BTC(%q) into a used buffer = %x, want %x", s, got, want)
		}
		enc, b, err := Decode(s)
		if err != nil {
			return
		}
		s2, err := Encode(enc, b)
		if err != nil {
			t.Fatalf("Encode after Decode(%q): %v", s, err)
		}
		if s2 != s {
			t.Fatalf("Decode/Encode not canonical: %q -> %q", s, s2)
		}
	})
}

func BenchmarkDecodeBase58Multikey(b *testing.B) {
	s := "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
	for b.Loop() {
		if _, _, err := Decode(s); err != nil {
			b.Fatal(err)
		}
	}
}

// encodeBase58Reference is the byte-at-a-time conversion EncodeBase58 used
// before it worked in base 58^5 limbs; the two must agree on every input.
func encodeBase58Reference(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	var digits []byte
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

func FuzzEncodeBase58(f *testing.F) {
	for _, s := range [][]byte{nil, {0}, {0, 0, 1}, {0xff, 0xff, 0xff, 0xff, 0xff}, bytes.Repeat([]byte{0xff}, 64), bytes.Repeat([]byte{0xff}, 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := encodeBase58Reference(b)
		if got := EncodeBase58(b); got != want {
			t.Fatalf("EncodeBase58(%x) = %s, want %s", b, got, want)
		}
		// Appending keeps what dst held and adds exactly the encoding.
		if got := AppendBase58([]byte("z"), b); string(got) != "z"+want {
			t.Fatalf("AppendBase58(z, %x) = %s, want z%s", b, got, want)
		}
	})
}

func TestEncodeBase58AllocatesOnlyTheResult(t *testing.T) {
	sig := bytes.Repeat([]byte{0xa5}, 64)
	if n := testing.AllocsPerRun(100, func() { _ = EncodeBase58(sig) }); n > 1 {
		t.Errorf("EncodeBase58 of a signature allocates %.0f times, want at most 1 (the string)", n)
	}
	dst := make([]byte, 0, 128)
	if n := testing.AllocsPerRun(100, func() { dst = AppendBase58(dst[:0], sig) }); n > 0 {
		t.Errorf("AppendBase58 of a signature into room enough allocates %.0f times, want none", n)
	}
}

// decodeBase58Reference is the digit-at-a-time conversion DecodeBase58 used
// before it worked in 32-bit limbs.
func decodeBase58Reference(s string) ([]byte, bool) {
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	var num []byte
	for i := zeros; i < len(s); i++ {
		d := decodeTable[s[i]]
		if d == 0xff {
			return nil, false
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
	return out, true
}

func FuzzDecodeBase58(f *testing.F) {
	for _, s := range []string{"", "1", "111z", "zzzzz", "zzzzzz", "2NEpo7TZRRrLZSi2U", "0OIl", strings.Repeat("z", 88)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > MaxEncodedLen {
			return
		}
		got, err := DecodeBase58(s)
		want, ok := decodeBase58Reference(s)
		if ok != (err == nil) {
			t.Fatalf("DecodeBase58(%q): error %v, reference ok %v", s, err, ok)
		}
		if ok && !bytes.Equal(got, want) {
			t.Fatalf("DecodeBase58(%q) = %x, want %x", s, got, want)
		}
		if ok && EncodeBase58(got) != s {
			t.Fatalf("EncodeBase58(DecodeBase58(%q)) = %q", s, EncodeBase58(got))
		}
	})
}
