package status

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestListLifecycle(t *testing.T) {
	rev, err := New(Revocation, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rev.Len() != MinEntries {
		t.Fatalf("Len = %d", rev.Len())
	}
	i, _ := rev.Allocate()
	j, _ := rev.Allocate()
	if i != 0 || j != 1 {
		t.Fatalf("sequential allocation gave %d, %d", i, j)
	}
	if err := rev.Revoke(j); err != nil {
		t.Fatal(err)
	}
	if err := rev.Set(j, 0); !errors.Is(err, ErrPurpose) {
		t.Errorf("clearing a revocation: %v, want ErrPurpose", err)
	}
	if err := rev.Suspend(i); !errors.Is(err, ErrPurpose) {
		t.Errorf("Suspend on revocation list: %v", err)
	}
	if err := rev.Reinstate(j); !errors.Is(err, ErrPurpose) {
		t.Errorf("Reinstate on revocation list: %v", err)
	}
	if err := rev.Revoke(MinEntries); !errors.Is(err, ErrRange) {
		t.Errorf("Revoke past the end: %v", err)
	}

	// What the issuer writes, the reader reads.
	cred, err := rev.Credential(CredentialOptions{ID: "https://issuer.example/status/1", Issuer: "did:example:issuer"})
	if err != nil {
		t.Fatal(err)
	}
	lc, err := ParseListCredential(cred)
	if err != nil {
		t.Fatal(err)
	}
	bits, err := lc.Bits(DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for idx, want := range map[int]bool{i: false, j: true} {
		e, _ := rev.Entry("https://issuer.example/status/1", idx)
		entryJSON, _ := json.Marshal(e)
		pe, err := ParseEntry(entryJSON)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Lookup(pe, lc, bits)
		if err != nil || r.Set() != want {
			t.Errorf("index %d: %+v %v, want set=%v", idx, r, err, want)
		}
	}

	sus, _ := New(Suspension, Options{})
	k, _ := sus.AllocateRandom(nil)
	if err := sus.Suspend(k); err != nil {
		t.Fatal(err)
	}
	if v, _ := sus.Get(k); v != 1 {
		t.Fatal("suspension not set")
	}
	if err := sus.Reinstate(k); err != nil {
		t.Fatal(err)
	}
	if v, _ := sus.Get(k); v != 0 {
		t.Fatal("reinstate did not clear")
	}
}

func TestNewRefusals(t *testing.T) {
	tests := []struct {
		name   string
		p      Purpose
		o      Options
		want   error
		reason string
	}{
		{"short", Revocation, Options{Entries: 1000}, ErrTooShort, "below the spec minimum"},
		{"purpose", "expired", Options{}, ErrPurpose, "not a statusPurpose"},
		{"size 9", Message, Options{StatusSize: 9}, ErrMalformed, "beyond MaxStatusSize"},
		{"no messages", Message, Options{StatusSize: 2}, ErrMalformed, "statusSize > 1 requires statusMessage"},
		{"wrong message order", Message, Options{StatusSize: 1, Messages: []StatusMessage{{"0x1", "a"}, {"0x0", "b"}}}, ErrMalformed, "status values must be 0x0, 0x1, ..."},
		{"huge", Revocation, Options{Entries: 1 << 30}, ErrTooLarge, "past what verifiers accept"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.p, tc.o); !errors.Is(err, tc.want) {
				t.Errorf("%s: %v, want %v (%s)", tc.name, err, tc.want, tc.reason)
			}
		})
	}
}

// TestAllocationNeverReuses fills a whole list with random allocation,
// which also drives the fallback path once rejection sampling stalls.
func TestAllocationNeverReuses(t *testing.T) {
	l, _ := New(Revocation, Options{})
	seen := make([]bool, l.Len())
	r := rand.NewChaCha8([32]byte{1})
	for n := 0; n < l.Len(); n++ {
		i, err := l.AllocateRandom(r)
		if err != nil {
			t.Fatalf("allocation %d: %v", n, err)
		}
		if seen[i] {
			t.Fatalf("index %d handed out twice", i)
		}
		seen[i] = true
	}
	if _, err := l.AllocateRandom(r); !errors.Is(err, ErrFull) {
		t.Fatalf("full list: %v", err)
	}
	if _, err := l.Allocate(); !errors.Is(err, ErrFull) {
		t.Fatalf("full list, sequential: %v", err)
	}
}

func TestMessageList(t *testing.T) {
	msgs := []StatusMessage{{"0x0", "pending_review"}, {"0x1", "accepted"}, {"0x2", "rejected"}, {"0x3", "undefined"}}
	l, err := New(Message, Options{StatusSize: 2, Messages: msgs})
	if err != nil {
		t.Fatal(err)
	}
	i, _ := l.Allocate()
	if err := l.Set(i, 2); err != nil {
		t.Fatal(err)
	}
	if err := l.Set(i, 4); !errors.Is(err, ErrRange) {
		t.Errorf("value 4 in 2 bits: %v", err)
	}
	cred, _ := l.Credential(CredentialOptions{ID: "https://x/8", Issuer: "did:example:1"})
	lc, _ := ParseListCredential(cred)
	e, _ := l.Entry("https://x/8", i)
	ej, _ := json.Marshal(e)
	pe, err := ParseEntry(ej)
	if err != nil {
		t.Fatal(err)
	}
	bits, err := lc.Bits(DecodeOptions{StatusSize: pe.Size()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Lookup(pe, lc, bits)
	if err != nil || r.Value != 2 || r.Message != "rejected" {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestMarshalBinaryRoundTrip(t *testing.T) {
	msgs := []StatusMessage{{"0x0", "a"}, {"0x1", "b"}, {"0x2", "c"}, {"0x3", "d"}}
	l, _ := New(Message, Options{StatusSize: 2, Messages: msgs})
	a, _ := l.Allocate()
	_ = l.Set(a, 3)
	b, _ := l.AllocateRandom(nil)
	data, _ := l.MarshalBinary()
	var back List
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if v, _ := back.Get(a); v != 3 || !back.Allocated(b) || back.StatusSize() != 2 || back.Messages()[2].Message != "c" {
		t.Fatal("round trip lost state")
	}
	if n, _ := back.Allocate(); n == a || n == b {
		t.Fatal("restored list re-used an index")
	}
	data2, _ := back.MarshalBinary()
	if bytes.Equal(data, data2) {
		t.Fatal("allocation after restore did not change state")
	}
	for _, bad := range [][]byte{nil, {9}, data[:10], append(data, 0)} {
		if err := new(List).UnmarshalBinary(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("UnmarshalBinary(%d bytes) = %v", len(bad), err)
		}
	}
}

func TestParseEntryRefusals(t *testing.T) {
	tests := []struct{ json, reason string }{
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1","statusListCredential":"u"}`, "negative index"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1e3","statusListCredential":"u"}`, "exponent"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"+5","statusListCredential":"u"}`, "sign"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"99999999999","statusListCredential":"u"}`, "index past 2^31"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1"}`, "no list URL"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"bogus","statusListIndex":"1","statusListCredential":"u"}`, "unknown purpose"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"message","statusSize":2,"statusListIndex":"1","statusListCredential":"u"}`, "statusSize 2 without messages"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusSize":0,"statusListIndex":"1","statusListCredential":"u"}`, "statusSize 0"},
		{`{"type":"RevocationList2020Status","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"u"}`, "unsupported type"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if _, err := ParseEntry([]byte(tc.json)); err == nil {
				t.Errorf("%s: accepted", tc.reason)
			}
		})
	}
}

func TestLookupPurposeMismatch(t *testing.T) {
	l, _ := New(Suspension, Options{})
	cred, _ := l.Credential(CredentialOptions{ID: "https://x/1", Issuer: "did:example:1"})
	lc, _ := ParseListCredential(cred)
	bits, _ := lc.Bits(DecodeOptions{})
	e, _ := ParseEntry([]byte(`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://x/1"}`))
	if _, err := Lookup(e, lc, bits); !errors.Is(err, ErrPurpose) {
		t.Fatalf("revocation entry against a suspension list: %v", err)
	}
}

func TestRevocationList(t *testing.T) {
	rl, err := ParseRevocationList([]byte(`{"id":"https://r","issuer":{"id":"https://i"},"revokedCredential":[
		{"id":"urn:a","revocationReason":"mistake"},{"id":"urn:b","revoked":false},{"id":"urn:c","revoked":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"urn:a": true, "urn:b": false, "urn:c": true, "urn:d": false} {
		if got, _ := rl.Revoked(id); got != want {
			t.Errorf("%s: revoked=%v, want %v", id, got, want)
		}
	}
	if _, reason := rl.Revoked("urn:a"); reason != "mistake" || rl.Issuer != "https://i" {
		t.Errorf("reason %q issuer %q", reason, rl.Issuer)
	}
	if _, err := ParseRevocationList([]byte(`{"id":"x"}`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("no revokedCredential: %v", err)
	}
}

// TestStatusList2021 reads the predecessor format: base64url without a
// multibase prefix, same bit order.
func TestStatusList2021(t *testing.T) {
	bits := make([]byte, MinEntries/8)
	bits[0] = 0x20 // index 2
	enc, err := EncodeBitstring(bits, StatusList2021)
	if err != nil || enc[0] == 'u' {
		t.Fatalf("%q %v", enc[:4], err)
	}
	lc, err := ParseListCredential([]byte(`{"id":"https://x/sl","type":["VerifiableCredential","StatusList2021Credential"],
		"issuer":"did:example:1","issuanceDate":"2021-01-01T00:00:00Z",
		"credentialSubject":{"id":"https://x/sl#list","type":"StatusList2021","statusPurpose":"revocation","encodedList":"` + enc + `"}}`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := lc.Bits(DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int]bool{1: false, 2: true, 3: false} {
		e, err := ParseEntry([]byte(`{"type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":"` + string(rune('0'+i)) + `","statusListCredential":"https://x/sl"}`))
		if err != nil {
			t.Fatal(err)
		}
		r, err := Lookup(e, lc, got)
		if err != nil || r.Set() != want {
			t.Errorf("index %d: %+v %v", i, r, err)
		}
	}
	// A Bitstring entry must not be read from a StatusList2021 list.
	e, _ := ParseEntry([]byte(`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"2","statusListCredential":"https://x/sl"}`))
	if _, err := Lookup(e, lc, got); !errors.Is(err, ErrMalformed) {
		t.Errorf("format mismatch: %v", err)
	}
}
