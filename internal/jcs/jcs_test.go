package jcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
func TestNumbersAppendixB(t *testing.T) {
	tests := []struct {
		bits uint64
		want string // "" means the value must be rejected
	}{
		{0x0000000000000000, "0"},
		{0x8000000000000000, "0"},
		{0x0000000000000001, "5e-324"},
		{0x8000000000000001, "-5e-324"},
		{0x7fefffffffffffff, "1.7976931348623157e+308"},
		{0xffefffffffffffff, "-1.7976931348623157e+308"},
		{0x4340000000000000, "9007199254740992"},
		{0xc340000000000000, "-9007199254740992"},
		{0x4430000000000000, "295147905179352830000"},
		{0x7fffffffffffffff, ""},
		{0x7ff0000000000000, ""},
		{0x44b52d02c7e14af5, "9.999999999999997e+22"},
		{0x44b52d02c7e14af6, "1e+23"},
		{0x44b52d02c7e14af7, "1.0000000000000001e+23"},
		{0x444b1ae4d6e2ef4e, "999999999999999700000"},
		{0x444b1ae4d6e2ef4f, "999999999999999900000"},
		{0x444b1ae4d6e2ef50, "1e+21"},
		{0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
		{0x3eb0c6f7a0b5ed8d, "0.000001"},
		{0x41b3de4355555553, "333333333.3333332"},
		{0x41b3de4355555554, "333333333.33333325"},
		{0x41b3de4355555555, "333333333.3333333"},
		{0x41b3de4355555556, "333333333.3333334"},
		{0x41b3de4355555557, "333333333.33333343"},
		{0xbecbf647612f3696, "-0.0000033333333333333333"},
		{0x43143ff3c1cb0959, "1424953923781206.2"},
	}
	for _, tt := range tests {
		t.Run(strconv.FormatUint(tt.bits, 16), func(t *testing.T) {
			f := math.Float64frombits(tt.bits)
			got, err := Marshal(f)
			if tt.want == "" {
				if !errors.Is(err, ErrNumber) {
					t.Errorf("%#016x: got %q, %v; want ErrNumber", tt.bits, got, err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("%#016x: got %q, %v; want %q", tt.bits, got, err, tt.want)
			}
		})
	}
}

func TestRFC8785Examples(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "section 3.2.2 (numbers, string escapes, literals)",
			in: `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`,
			want: `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
		},
		{
			name: "section 3.2.3 (sorting by UTF-16 code units)",
			in: `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`,
			want: "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
		},
		{
			name: "nested objects are sorted recursively, arrays keep their order",
			in:   `{"b":[3,{"z":1,"a":2}],"a":{"d":null,"c":"\u2028<>&"}}`,
			want: "{\"a\":{\"c\":\"\u2028<>&\",\"d\":null},\"b\":[3,{\"a\":2,\"z\":1}]}",
		},
		{
			name: "every C0 control character uses the short or \\u00xx form",
			in:   `"\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f"`,
			want: "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f\u007f\"",
		},
		{
			name: "integers beyond 2^53 round to the nearest double",
			in:   `[9007199254740993, -0, 0.1e1, 1e-7, 123456789012345678901234]`,
			want: `[9007199254740992,0,1,1e-7,1.2345678901234569e+23]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Transform([]byte(tt.in), nil)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				return
			}
			if string(got) != tt.want {
				t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
			}
		})
	}
}

// The vc-di-eddsa eddsa-jcs-2022 vectors: the canonical document and the
// canonical proof configuration, byte for byte.
func TestDataIntegrityVectors(t *testing.T) {
	const dir = "w3c/di/vc-di-eddsa-TestVectors/"
	for _, tt := range []struct{ in, want string }{
		{dir + "unsigned.json", dir + "eddsa-jcs-2022/canonDocJCS.txt"},
		{dir + "eddsa-jcs-2022/proofConfigJCS.json", dir + "eddsa-jcs-2022/proofCanonJCS.txt"},
	} {
		t.Run(tt.want[strings.LastIndex(tt.want, "/")+1:], func(t *testing.T) {
			in, want := fixtures.Read(t, tt.in), fixtures.Read(t, tt.want)
			got, err := Transform(in, nil)
			if err != nil {
				t.Fatalf("%s: %v", tt.in, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s:\n got %s\nwant %s", tt.in, got, want)
			}
		})
	}
}

func TestRejects(t *testing.T) {
	deep := strings.Repeat("[", DefaultMaxDepth+1) + strings.Repeat("]", DefaultMaxDepth+1)
	tests := []struct {
		name string
		in   string
		lim  *Limits
		want error
	}{
		{"duplicate member name", `{"a":1,"a":2}`, nil, ErrDuplicateKey},
		{"duplicate after unescaping", `{"a":1,"\u0061":2}`, nil, ErrDuplicateKey},
		{"invalid UTF-8", "\"\xff\"", nil, ErrInvalidUTF8},
		{"lone high surrogate", `"\ud800"`, nil, ErrInvalidUTF8},
		{"lone low surrogate", `"\udc00x"`, nil, ErrInvalidUTF8},
		{"high surrogate then non-surrogate", `"\ud800\u0041"`, nil, ErrInvalidUTF8},
		{"number overflows a double", `1e400`, nil, ErrNumber},
		{"too deep", deep, nil, ErrTooDeep},
		{"too deep for a custom limit", `[[[1]]]`, &Limits{MaxDepth: 2}, ErrTooDeep},
		{"too large", `"0123456789"`, &Limits{MaxBytes: 5}, ErrTooLarge},
		{"trailing data", `{} {}`, nil, ErrSyntax},
		{"leading zero", `01`, nil, ErrSyntax},
		{"bare dot", `1.`, nil, ErrSyntax},
		{"NaN literal", `NaN`, nil, ErrSyntax},
		{"raw control character in string", "\"a\nb\"", nil, ErrSyntax},
		{"unterminated string", `"abc`, nil, ErrSyntax},
		{"trailing comma", `[1,]`, nil, ErrSyntax},
		{"single quotes", `{'a':1}`, nil, ErrSyntax},
		{"empty input", ``, nil, ErrSyntax},
		{"backslash at end", `"\`, nil, ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Transform([]byte(tt.in), tt.lim)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: got %q, %v; want %v", tt.name, got, err, tt.want)
			}
		})
	}
}

func TestMarshalRejectsUnsupported(t *testing.T) {
	for _, v := range []any{struct{}{}, map[string]string{}, math.Inf(1), "\xff", json.Number("x")} {
		if _, err := Marshal(v); err == nil {
			t.Errorf("Marshal(%#v) succeeded; want an error", v)
		}
	}
}

func FuzzTransform(f *testing.F) {
	for _, s := range []string{
		`{"b":2,"a":[1,2.5,"x"]}`, `"\ud83d\ude00"`, `[1e21,1e-7,-0]`, `{"\u20ac":1,"\ufb33":2,"😀":3}`,
		`{"a":{"a":{"a":[]}}}`, `1e400`, `{"a":1,"a":2}`, `"\u0000"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Transform(in, &Limits{MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		// Canonical output is a fixed point and valid JSON meaning the same.
		again, err := Transform(out, nil)
		if err != nil {
			t.Fatalf("canonical output %q does not parse: %v", out, err)
		}
		if !bytes.Equal(out, again) {
			t.Fatalf("not idempotent: %q -> %q", out, again)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON output %q", out)
		}
	})
}
