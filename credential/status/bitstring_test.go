package status

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

type derivedVector struct {
	Source                   string `json:"source"`
	EncodedList              string `json:"encodedList"`
	ExpectedLengthBits       int    `json:"expectedLengthBits"`
	ExpectedSetIndices       []int  `json:"expectedSetIndices"`
	ActualSetIndicesMSBFirst []int  `json:"actualSetIndicesMSBFirst"`
}

func setIndices(t *testing.T, bits []byte) []int {
	t.Helper()
	var out []int
	for i := 0; i < len(bits)*8; i++ {
		v, err := ReadStatus(bits, i, 1)
		if err != nil {
			t.Fatal(err)
		}
		if v == 1 {
			out = append(out, i)
		}
	}
	return out
}

// TestDerivedVectors decodes every vector in the shared W3C status-list
// material. Three of them predate the 131,072 minimum (100,000 entries), so
// the test lowers the minimum for them and separately proves the default
// refuses them.
func TestDerivedVectors(t *testing.T) {
	raw, err := os.ReadFile("testdata/derived-statuslist-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vecs []derivedVector
	if err := json.Unmarshal(raw, &vecs); err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 4 {
		t.Fatalf("got %d vectors, want 4", len(vecs))
	}
	for _, v := range vecs {
		t.Run(v.Source, func(t *testing.T) {
			bits, err := DecodeBitstring(v.EncodedList, Bitstring, DecodeOptions{MinEntries: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(bits) * 8; got != v.ExpectedLengthBits {
				t.Errorf("length %d bits, want %d", got, v.ExpectedLengthBits)
			}
			want := v.ExpectedSetIndices
			if v.ActualSetIndicesMSBFirst != nil {
				// The bit-order trap: the mock's name claims bit 50000 but
				// only an LSB-first reader sees that. MSB-first sees 50007.
				want = v.ActualSetIndicesMSBFirst
			}
			if got := setIndices(t, bits); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("set indices %v, want %v", got, want)
			}
			_, err = DecodeBitstring(v.EncodedList, Bitstring, DecodeOptions{})
			if v.ExpectedLengthBits < MinEntries && !errors.Is(err, ErrTooShort) {
				t.Errorf("default options accepted a %d-entry list: err=%v", v.ExpectedLengthBits, err)
			}
			if v.ExpectedLengthBits >= MinEntries && err != nil {
				t.Errorf("default options refused a spec-sized list: %v", err)
			}
		})
	}
}

// TestBitOrderTrap pins the exact bit the trap vector sets: byte 6250's
// least significant bit. An LSB-first reader would report index 50000.
func TestBitOrderTrap(t *testing.T) {
	const trap = "uH4sIAAAAAAAAA-3OMQ0AAAgDsOHfNB72EJJWQRMAAAAAAIDWXAcAAAAAAIDHFrc4zDzUMAAA"
	bits, err := DecodeBitstring(trap, Bitstring, DecodeOptions{MinEntries: 1})
	if err != nil {
		t.Fatal(err)
	}
	if bits[6250] != 0x01 {
		t.Fatalf("byte 6250 = %#x, want 0x01", bits[6250])
	}
	if v, _ := ReadStatus(bits, 50000, 1); v != 0 {
		t.Error("index 50000 reads as set: that is LSB-first order")
	}
	if v, _ := ReadStatus(bits, 50007, 1); v != 1 {
		t.Error("index 50007 reads as clear; MSB-first order puts the bit there")
	}
}

// TestValidatorTestlist reads the list the 1EdTech validator's revoked
// fixture points at: index 23 is the only set bit.
func TestValidatorTestlist(t *testing.T) {
	lc, bits := readListFixture(t, "1edtech-validator-testlist.json")
	if got := setIndices(t, bits); !slices.Equal(got, []int{23}) {
		t.Fatalf("set indices %v, want [23]", got)
	}
	e, err := ParseEntry([]byte(`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":23,"statusListCredential":"https://x"}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Lookup(e, lc, bits)
	if err != nil || !r.Set() {
		t.Fatalf("Lookup = %+v, %v; want revoked", r, err)
	}
	if lc.Issuer != "https://1edtech.edu/issuers/565049" {
		t.Errorf("issuer %q", lc.Issuer)
	}
}

func TestSpecExamples(t *testing.T) {
	lc, bits := readListFixture(t, "spec-ex03-status-list-credential.json")
	raw, err := os.ReadFile("testdata/spec-ex04-revocable-credential.json")
	if err != nil {
		t.Fatal(err)
	}
	var cred struct {
		CredentialStatus json.RawMessage `json:"credentialStatus"`
	}
	if err := json.Unmarshal(raw, &cred); err != nil {
		t.Fatal(err)
	}
	e, err := ParseEntry(cred.CredentialStatus)
	if err != nil {
		t.Fatal(err)
	}
	if e.Index != 94567 {
		t.Fatalf("index %d", e.Index)
	}
	r, err := Lookup(e, lc, bits)
	if err != nil || r.Set() {
		t.Fatalf("Lookup = %+v, %v; want not revoked", r, err)
	}
}

// readListFixture parses testdata/name as a status list credential and
// decodes its bitstring.
func readListFixture(t *testing.T, name string) (*ListCredential, []byte) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	lc, err := ParseListCredential(raw)
	if err != nil {
		t.Fatal(err)
	}
	bits, err := lc.Bits(DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return lc, bits
}

func gz(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

func TestDecodeRefusals(t *testing.T) {
	ok := gz(t, make([]byte, MinEntries/8))
	bomb := gz(t, make([]byte, DefaultMaxDecodedBytes+1)) // one byte past the default cap, ~16 KiB compressed
	twoMembers := append(append([]byte{}, ok...), ok...)
	corruptCRC := append([]byte{}, ok...)
	corruptCRC[len(corruptCRC)-5] ^= 0xff
	u := func(b []byte) string { return "u" + base64.RawURLEncoding.EncodeToString(b) }
	tests := []struct {
		name, in string
		f        Format
		o        DecodeOptions
		want     error
		reason   string
	}{
		{"ok", u(ok), Bitstring, DecodeOptions{}, nil, "exactly the minimum"},
		{"no prefix", u(ok)[1:], Bitstring, DecodeOptions{}, ErrEncoding, "Bitstring Status List requires the multibase 'u'"},
		{"base58 prefix", "z" + u(ok)[1:], Bitstring, DecodeOptions{}, ErrEncoding, "only base64url is allowed"},
		{"padded", u(ok) + "==", Bitstring, DecodeOptions{}, ErrEncoding, "multibase base64url is unpadded"},
		{"std alphabet", "u" + base64.RawStdEncoding.EncodeToString(ok) + "+/", Bitstring, DecodeOptions{}, ErrEncoding, "standard alphabet is a different multibase"},
		{"not gzip", u([]byte("hello world")), Bitstring, DecodeOptions{}, ErrEncoding, "zlib or raw data is not GZIP"},
		{"bomb", u(bomb), Bitstring, DecodeOptions{}, ErrTooLarge, "one byte over the 16 MiB default"},
		{"small cap", u(ok), Bitstring, DecodeOptions{MaxDecodedBytes: 1024}, ErrTooLarge, "caller cap below the list"},
		{"short", u(gz(t, make([]byte, 100))), Bitstring, DecodeOptions{}, ErrTooShort, "800 entries is below the minimum"},
		{"size 2 halves entries", u(ok), Bitstring, DecodeOptions{StatusSize: 2}, ErrTooShort, "131072 bits are only 65536 two-bit entries"},
		{"two members", u(twoMembers), Bitstring, DecodeOptions{}, ErrEncoding, "concatenated gzip members are refused"},
		{"bad crc", u(corruptCRC), Bitstring, DecodeOptions{}, ErrEncoding, "a changed byte must fail"},
		{"2021 ok", base64.RawURLEncoding.EncodeToString(ok), StatusList2021, DecodeOptions{}, nil, "StatusList2021 has no prefix"},
		{"2021 padded ok", base64.URLEncoding.EncodeToString(ok), StatusList2021, DecodeOptions{}, nil, "padding carries no information"},
		{"huge encoded", "u" + strings.Repeat("A", 2<<20), Bitstring, DecodeOptions{MaxDecodedBytes: 1 << 20}, ErrTooLarge, "refused before decoding"},
		{"negative cap", u(ok), Bitstring, DecodeOptions{MaxDecodedBytes: -1}, ErrInvalidOptions, "a decompression cap cannot be switched off"},
		{"negative cap, bomb", u(bomb), Bitstring, DecodeOptions{MaxDecodedBytes: -1}, ErrInvalidOptions, "negative is not unlimited"},
		{"negative minimum", u(gz(t, make([]byte, 100))), Bitstring, DecodeOptions{MinEntries: -1}, nil, "negative MinEntries means no minimum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeBitstring(tc.in, tc.f, tc.o)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v (%s)", err, tc.want, tc.reason)
			}
		})
	}
}

func TestReadStatusMultiBit(t *testing.T) {
	// 0b1011_0010: two-bit entries are 10, 11, 00, 10.
	bits := []byte{0xb2}
	for i, want := range []uint{2, 3, 0, 2} {
		if v, err := ReadStatus(bits, i, 2); err != nil || v != want {
			t.Errorf("entry %d = %d, %v; want %d", i, v, err, want)
		}
	}
	if _, err := ReadStatus(bits, 4, 2); !errors.Is(err, ErrRange) {
		t.Errorf("index past the end: %v", err)
	}
	if _, err := ReadStatus(bits, -1, 1); !errors.Is(err, ErrRange) {
		t.Errorf("negative index: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	raw, _ := os.ReadFile("testdata/derived-statuslist-vectors.json")
	var vecs []derivedVector
	_ = json.Unmarshal(raw, &vecs)
	for _, v := range vecs {
		f.Add(v.EncodedList, 1, uint16(1))
	}
	f.Add("u", 1, uint16(0))
	f.Add("uH4sI", 2, uint16(3))
	f.Add("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQsvoAAAAAAAAAAAAAAAAP4GcwM92tQwAAA", 1, uint16(7))
	f.Fuzz(func(t *testing.T, s string, size int, idx uint16) {
		for _, format := range []Format{Bitstring, StatusList2021} {
			bits, err := DecodeBitstring(s, format, DecodeOptions{MinEntries: 1, MaxDecodedBytes: 1 << 20, StatusSize: size})
			if err != nil {
				continue
			}
			if len(bits) > 1<<20 {
				t.Fatalf("decoded %d bytes past the cap", len(bits))
			}
			if size == 0 {
				size = 1 // DecodeOptions' default
			}
			if _, err := ReadStatus(bits, int(idx), size); err != nil && !errors.Is(err, ErrRange) {
				t.Fatalf("ReadStatus: %v", err)
			}
		}
	})
}
