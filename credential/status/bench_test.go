package status

import "testing"

// BenchmarkDecodeBitstring decodes a minimum-size list with a few bits set,
// the work a verifier does once per list before caching it.
func BenchmarkDecodeBitstring(b *testing.B) {
	l, _ := New(Revocation, Options{})
	for i := 0; i < 100; i++ {
		_ = l.Revoke(i * 1000)
	}
	enc, err := l.Encode()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeBitstring(enc, Bitstring, DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
