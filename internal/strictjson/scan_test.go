package strictjson

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// naiveSkipPlain is skipPlain a byte at a time, as scanString read before.
func naiveSkipPlain(d []byte, i int) int {
	for ; i < len(d); i++ {
		if c := d[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// TestSkipPlainExhaustive compares the eight-bytes-at-a-time scan with the
// byte loop for every byte value at every position of a word, after every
// other byte value (the subtractions borrow across bytes, so a byte's
// neighbour matters), and over every start and length of a short buffer.
func TestSkipPlainExhaustive(t *testing.T) {
	for pos := range 8 {
		for b := range 256 {
			for prev := range 256 {
				var d [16]byte
				for i := range d {
					d[i] = 'a'
				}
				if pos > 0 {
					d[pos-1] = byte(prev)
				}
				d[pos] = byte(b)
				if got, want := skipPlain(d[:], 0), naiveSkipPlain(d[:], 0); got != want {
					t.Fatalf("% x: skipPlain %d, byte loop %d", d, got, want)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{0, 0x1f, 0x20, 0x21, '"', '#', '[', '\\', ']', 'a', 0x7f, 0x80, 0xa2, 0xdc, 0xff}
	for range 200_000 {
		d := make([]byte, r.IntN(24))
		for i := range d {
			if r.IntN(4) == 0 {
				d[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				d[i] = byte(r.IntN(256))
			}
		}
		start := 0
		if len(d) > 0 {
			start = r.IntN(len(d) + 1)
		}
		if got, want := skipPlain(d, start), naiveSkipPlain(d, start); got != want {
			t.Fatalf("% x from %d: skipPlain %d, byte loop %d", d, start, got, want)
		}
	}
}

// TestFoldDiffersAtStart: the shortcut never says two names differ when
// bytes.EqualFold says they are equal, for every pair of single bytes,
// every pair of one-byte names followed by the same rest, and names whose
// folding crosses into multi-byte runes (K and the Kelvin sign, s and the
// long s); and it does tell apart names such as "id" and "type".
func TestFoldDiffersAtStart(t *testing.T) {
	var names [][]byte
	for b := range 256 {
		names = append(names, []byte{byte(b)}, []byte{byte(b), 'x'})
	}
	names = append(names, []byte{}, []byte("\u212a"), []byte("\u212aid"), []byte("\u017f"), []byte("\u017fx"), []byte("K"), []byte("k"), []byte("S"), []byte("s"),
		[]byte("\u00e9"), []byte("\u00c9"), []byte("@context"), []byte("@Context"), []byte("id"), []byte("ID"))
	for _, a := range names {
		for _, b := range names {
			d := foldDiffersAtStart(a, b)
			if d && bytes.EqualFold(a, b) {
				t.Fatalf("%q and %q: said to differ, but equal under case folding", a, b)
			}
		}
	}
	if !foldDiffersAtStart([]byte("id"), []byte("type")) || !foldDiffersAtStart([]byte("@context"), []byte("Type")) {
		t.Error("names with different ASCII first letters are not told apart")
	}
}
