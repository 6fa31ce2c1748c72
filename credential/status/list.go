package status

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"math/bits"
	"strconv"
)

// Purpose is a statusPurpose value.
type Purpose string

// The purposes W3C Bitstring Status List v1.0 defines.
const (
	Revocation Purpose = "revocation" // permanent: a set bit can never be cleared
	Suspension Purpose = "suspension" // temporary: Reinstate clears it
	Message    Purpose = "message"    // statusSize bits select a StatusMessage
	Refresh    Purpose = "refresh"    // a set bit tells the holder to fetch a fresh copy
)

func (p Purpose) valid() bool {
	switch p {
	case Revocation, Suspension, Message, Refresh:
		return true
	}
	return false
}

// StatusMessage explains one status value of a list whose statusSize is
// greater than one. Status is the value as a hexadecimal string ("0x2").
type StatusMessage struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Options configures New. The zero value makes a one-bit list of MinEntries
// entries.
type Options struct {
	// Entries is the number of entries; 0 means MinEntries. Values below
	// MinEntries are refused.
	Entries int
	// StatusSize is the number of bits per entry, 1..MaxStatusSize; 0 means 1.
	StatusSize int
	// Messages is required when StatusSize > 1: one message for each of the
	// 2^StatusSize values, in order.
	Messages []StatusMessage
}

// List is a status list being issued. Its zero value is not usable; call New.
// A List is not safe for concurrent use.
type List struct {
	purpose  Purpose
	size     int
	entries  int
	messages []StatusMessage
	bits     []byte // the published statuses, MSB first
	used     []byte // allocation map, one bit per entry; never published
	next     int    // sequential allocation cursor
}

// New returns an empty list (every status 0) with the given purpose.
func New(purpose Purpose, o Options) (*List, error) {
	if !purpose.valid() {
		return nil, fmt.Errorf("%w: unknown statusPurpose %q", ErrPurpose, purpose)
	}
	size := o.StatusSize
	if size == 0 {
		size = 1
	}
	if size < 1 || size > MaxStatusSize {
		return nil, fmt.Errorf("%w: statusSize %d not in 1..%d", ErrMalformed, size, MaxStatusSize)
	}
	entries := o.Entries
	if entries == 0 {
		entries = MinEntries
	}
	if entries < MinEntries {
		return nil, fmt.Errorf("%w: %d entries requested, minimum %d", ErrTooShort, entries, MinEntries)
	}
	if entries > DefaultMaxDecodedBytes*8/size {
		return nil, fmt.Errorf("%w: %d entries of %d bits exceed %d bytes, more than verifiers accept by default",
			ErrTooLarge, entries, size, DefaultMaxDecodedBytes)
	}
	if size > 1 || len(o.Messages) > 0 {
		if err := checkMessages(o.Messages, size); err != nil {
			return nil, err
		}
	}
	nbits := entries * size
	return &List{
		purpose:  purpose,
		size:     size,
		entries:  entries,
		messages: append([]StatusMessage(nil), o.Messages...),
		bits:     make([]byte, (nbits+7)/8),
		used:     make([]byte, (entries+7)/8),
	}, nil
}

func checkMessages(msgs []StatusMessage, size int) error {
	if want := 1 << size; len(msgs) != want {
		return fmt.Errorf("%w: statusSize %d needs %d statusMessage entries, have %d", ErrMalformed, size, want, len(msgs))
	}
	for i, m := range msgs {
		v, err := strconv.ParseUint(m.Status, 0, 16)
		if err != nil || int(v) != i || len(m.Status) < 3 || m.Status[:2] != "0x" {
			return fmt.Errorf("%w: statusMessage[%d].status is %q, want %q", ErrMalformed, i, m.Status, "0x"+strconv.FormatInt(int64(i), 16))
		}
	}
	return nil
}

// Purpose reports the list's status purpose.
func (l *List) Purpose() Purpose { return l.purpose }

// Len reports the number of entries.
func (l *List) Len() int { return l.entries }

// StatusSize reports the number of bits per entry.
func (l *List) StatusSize() int { return l.size }

// Messages returns a copy of the status messages (nil for one-bit lists).
func (l *List) Messages() []StatusMessage { return append([]StatusMessage(nil), l.messages...) }

func (l *List) isUsed(i int) bool { return l.used[i/8]>>(7-i%8)&1 == 1 }
func (l *List) markUsed(i int)    { l.used[i/8] |= 1 << (7 - i%8) }

// Allocated reports whether index i has been handed out.
func (l *List) Allocated(i int) bool { return i >= 0 && i < l.entries && l.isUsed(i) }

// Allocate hands out the lowest index never handed out before. Sequential
// indexes are simple and dense, but they reveal issuance order; prefer
// AllocateRandom when that matters.
func (l *List) Allocate() (int, error) {
	for ; l.next < l.entries; l.next++ {
		if !l.isUsed(l.next) {
			i := l.next
			l.markUsed(i)
			l.next++
			return i, nil
		}
	}
	return 0, ErrFull
}

// AllocateRandom hands out a uniformly random index never handed out
// before, reading randomness from r (crypto/rand.Reader when nil). The
// specification recommends random assignment so that an index says nothing
// about when or to whom a credential was issued.
func (l *List) AllocateRandom(r io.Reader) (int, error) {
	if r == nil {
		r = rand.Reader
	}
	// Rejection sampling stays fast while the list is sparse; once it is
	// mostly full, fall back to picking the k-th free index so the cost is
	// bounded instead of unbounded retries.
	for try := 0; try < 64; try++ {
		n, err := rand.Int(r, big.NewInt(int64(l.entries)))
		if err != nil {
			return 0, fmt.Errorf("status: reading randomness: %w", err)
		}
		if i := int(n.Int64()); !l.isUsed(i) {
			l.markUsed(i)
			return i, nil
		}
	}
	free := 0
	for _, b := range l.used {
		free += 8 - bits.OnesCount8(b)
	}
	free -= len(l.used)*8 - l.entries // padding bits past the last entry
	if free <= 0 {
		return 0, ErrFull
	}
	n, err := rand.Int(r, big.NewInt(int64(free)))
	if err != nil {
		return 0, fmt.Errorf("status: reading randomness: %w", err)
	}
	k := int(n.Int64())
	for j, b := range l.used {
		// Whole bytes at a time: a nearly full list is mostly 0xff.
		if f := 8 - bits.OnesCount8(b); k >= f {
			k -= f
			continue
		}
		for i := j * 8; i < j*8+8 && i < l.entries; i++ {
			if !l.isUsed(i) {
				if k == 0 {
					l.markUsed(i)
					return i, nil
				}
				k--
			}
		}
	}
	return 0, ErrFull // unreachable: free > k
}

// Get returns the status value at index i.
func (l *List) Get(i int) (uint, error) {
	if i < 0 || i >= l.entries {
		return 0, fmt.Errorf("%w: index %d, list holds %d entries", ErrRange, i, l.entries)
	}
	return ReadStatus(l.bits, i, l.size)
}

// Set stores status value v at index i. It refuses to clear a revocation,
// which the specification makes permanent; use it directly for message and
// refresh lists.
func (l *List) Set(i int, v uint) error {
	if i < 0 || i >= l.entries {
		return fmt.Errorf("%w: index %d, list holds %d entries", ErrRange, i, l.entries)
	}
	if v >= 1<<l.size {
		return fmt.Errorf("%w: value %d does not fit in %d bits", ErrRange, v, l.size)
	}
	if l.purpose == Revocation {
		if cur, _ := ReadStatus(l.bits, i, l.size); cur != 0 && v == 0 {
			return fmt.Errorf("%w: revocation is permanent; index %d cannot be reinstated", ErrPurpose, i)
		}
	}
	writeStatus(l.bits, i, l.size, v)
	return nil
}

// Revoke sets index i on a revocation list. Revocation cannot be undone.
func (l *List) Revoke(i int) error {
	if l.purpose != Revocation {
		return fmt.Errorf("%w: Revoke on a %q list", ErrPurpose, l.purpose)
	}
	return l.Set(i, 1)
}

// Suspend sets index i on a suspension list.
func (l *List) Suspend(i int) error {
	if l.purpose != Suspension {
		return fmt.Errorf("%w: Suspend on a %q list", ErrPurpose, l.purpose)
	}
	return l.Set(i, 1)
}

// Reinstate clears a suspension. Only suspension lists allow it.
func (l *List) Reinstate(i int) error {
	if l.purpose != Suspension {
		return fmt.Errorf("%w: only a suspension can be reinstated, this is a %q list", ErrPurpose, l.purpose)
	}
	return l.Set(i, 0)
}

// Encode returns the encodedList value: GZIP, then multibase base64url.
func (l *List) Encode() (string, error) { return EncodeBitstring(l.bits, Bitstring) }

// binaryVersion tags MarshalBinary output so a later layout can coexist.
const binaryVersion = 1

// MarshalBinary serialises the whole list, allocation map included, for the
// host's storage. The layout is private to this package.
func (l *List) MarshalBinary() ([]byte, error) {
	msgs := make([]byte, 0, 64)
	for _, m := range l.messages {
		msgs = binary.AppendUvarint(msgs, uint64(len(m.Message)))
		msgs = append(msgs, m.Message...)
	}
	b := []byte{binaryVersion}
	b = binary.AppendUvarint(b, uint64(len(l.purpose)))
	b = append(b, l.purpose...)
	b = binary.AppendUvarint(b, uint64(l.size))
	b = binary.AppendUvarint(b, uint64(l.entries))
	b = binary.AppendUvarint(b, uint64(l.next))
	b = binary.AppendUvarint(b, uint64(len(l.messages)))
	b = append(b, msgs...)
	b = append(b, l.bits...)
	b = append(b, l.used...)
	return b, nil
}

// UnmarshalBinary restores a list written by MarshalBinary.
func (l *List) UnmarshalBinary(data []byte) error {
	bad := func(what string) error { return fmt.Errorf("%w: stored list: %s", ErrMalformed, what) }
	if len(data) == 0 || data[0] != binaryVersion {
		return bad("unknown version")
	}
	p := data[1:]
	uv := func() (int, bool) {
		v, n := binary.Uvarint(p)
		if n <= 0 || v > 1<<31 {
			return 0, false
		}
		p = p[n:]
		return int(v), true
	}
	str := func() (string, bool) {
		n, ok := uv()
		if !ok || n > len(p) {
			return "", false
		}
		s := string(p[:n])
		p = p[n:]
		return s, true
	}
	purpose, ok1 := str()
	size, ok2 := uv()
	entries, ok3 := uv()
	next, ok4 := uv()
	nmsg, ok5 := uv()
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || nmsg > 1<<MaxStatusSize {
		return bad("truncated header")
	}
	var msgs []StatusMessage
	for i := 0; i < nmsg; i++ {
		s, ok := str()
		if !ok {
			return bad("truncated messages")
		}
		msgs = append(msgs, StatusMessage{Status: "0x" + strconv.FormatInt(int64(i), 16), Message: s})
	}
	fresh, err := New(Purpose(purpose), Options{Entries: entries, StatusSize: size, Messages: msgs})
	if err != nil {
		return bad(err.Error())
	}
	if len(p) != len(fresh.bits)+len(fresh.used) || next > entries {
		return bad("length mismatch")
	}
	copy(fresh.bits, p)
	copy(fresh.used, p[len(fresh.bits):])
	fresh.next = next
	*l = *fresh
	return nil
}
