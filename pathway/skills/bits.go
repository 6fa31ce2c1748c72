package skills

import mbits "math/bits"

// bits is a set of component indexes of one definition.
type bits []uint64

func newBits(n int) bits { return make(bits, (n+63)/64) }

func (b bits) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bits) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bits) clone() bits    { return append(bits(nil), b...) }

func (b bits) or(o bits) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b bits) and(o bits) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bits) andNot(o bits) {
	for i := range b {
		b[i] &^= o[i]
	}
}

func (b bits) count() int {
	n := 0
	for _, w := range b {
		n += mbits.OnesCount64(w)
	}
	return n
}
