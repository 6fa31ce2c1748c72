package strictjson

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestDecodeFinite: DecodeFinite refuses exactly the numbers strconv
// cannot hold in a double, reports every other fault first (as a second
// walk over the decoded value did), and names the first such number.
func TestDecodeFinite(t *testing.T) {
	digits := func(n int) string { return "1" + strings.Repeat("0", n-1) }
	tests := []struct {
		reason string
		in     string
		err    error  // nil: accepted
		detail string // the number reported, for ErrNumberRange
	}{
		{"the largest double", `1.7976931348623157e308`, nil, ""},
		{"just past the largest double", `1.8e308`, ErrNumberRange, "1.8e308"},
		{"a negative overflow", `[-1e309]`, ErrNumberRange, "-1e309"},
		{"an underflow rounds to zero, as RFC 8785 serializes it", `1e-400`, nil, ""},
		{"308 digits, no exponent: 10^307", digits(308), nil, ""},
		{"309 digits, no exponent: 10^308, still a double", digits(309), nil, ""},
		{"310 digits, no exponent: 10^309", digits(310), ErrNumberRange, digits(310)},
		{"a long fraction is only rounded", "0." + strings.Repeat("9", 400), nil, ""},
		{"an upper-case exponent", `{"n": 2E308}`, ErrNumberRange, "2E308"},
		{"the first in document order", `{"a": [1, 3e999], "b": 2e999}`, ErrNumberRange, "3e999"},
		{"a duplicate name after the number wins, as before", `{"a": 1e999, "a": 1}`, ErrDuplicateKey, ""},
		{"a syntax error after the number wins", `[1e999, ]`, ErrSyntax, ""},
		{"invalid UTF-8 wins", "[1e999, \"\xff\"]", ErrInvalidUTF8, ""},
	}
	for _, tt := range tests {
		for _, shared := range []bool{false, true} {
			v, err := DecodeFinite([]byte(tt.in), Limits{MaxBytes: 1 << 20}, shared)
			if tt.err == nil {
				if err != nil || v == nil && tt.in != "null" {
					t.Errorf("%s (shared %v): %v, %v; want accepted", tt.reason, shared, v, err)
				}
				continue
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("%s (shared %v): err = %v, want %v", tt.reason, shared, err, tt.err)
				continue
			}
			var e *Error
			if tt.err == ErrNumberRange && (!errors.As(err, &e) || e.Detail != tt.detail || tt.in[e.Offset:e.Offset+len(tt.detail)] != tt.detail) {
				t.Errorf("%s (shared %v): err = %v, want the number %s and its offset", tt.reason, shared, err, tt.detail)
			}
		}
		// Decode does not check the range.
		if _, err := Decode([]byte(tt.in), Limits{MaxBytes: 1 << 20}); (err == nil) != (tt.err == nil || tt.err == ErrNumberRange) {
			t.Errorf("%s: Decode: %v", tt.reason, err)
		}
	}
}

// TestFitsDoubleAgreesWithStrconv: the shortcut that parses only long
// numbers and numbers with exponents decides as strconv.ParseFloat does,
// around every length and exponent where the answer changes.
func TestFitsDoubleAgreesWithStrconv(t *testing.T) {
	var nums []string
	for n := 300; n <= 312; n++ {
		for _, lead := range []string{"1", "9", "17976931348623157", "17976931348623159"} {
			s := lead + strings.Repeat("0", max(n-len(lead), 0))
			nums = append(nums, s, "-"+s, s+".5", "0."+s)
		}
	}
	for e := 300; e <= 312; e++ {
		for _, m := range []string{"1", "1.7976931348623157", "1.7976931348623159", "0.1", "179.76931348623157"} {
			nums = append(nums, m+"e"+strconv.Itoa(e), m+"E+"+strconv.Itoa(e), "-"+m+"e"+strconv.Itoa(e), m+"e-"+strconv.Itoa(e))
		}
	}
	for _, s := range nums {
		_, err := strconv.ParseFloat(s, 64)
		if got := fitsDouble([]byte(s)); got != (err == nil) {
			t.Errorf("fitsDouble(%s) = %v, strconv: %v", s, got, err)
		}
	}
}
