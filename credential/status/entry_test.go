package status

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
)

// The entry a List hands out is the badge builder's own credentialStatus
// type, so a host issues a badge with status without writing JSON by hand;
// the built credential must validate and carry an entry ParseEntry reads
// back to the same index.
func TestEntryThroughBadgeBuilder(t *testing.T) {
	v, err := badge.NewValidator(badge.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []StatusMessage{{"0x0", "valid"}, {"0x1", "revoked"}, {"0x2", "suspended"}, {"0x3", "unknown"}}
	for _, tt := range []struct {
		name     string
		purpose  Purpose
		opts     Options
		wantSize int // what ParseEntry must read back as Size()
	}{
		{"one-bit revocation list: no statusSize written", Revocation, Options{}, 1},
		{"one-bit suspension list", Suspension, Options{}, 1},
		{"two-bit message list: statusSize and statusMessage written", Message, Options{StatusSize: 2, Messages: msgs}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := New(tt.purpose, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			i, err := l.AllocateRandom(nil)
			if err != nil {
				t.Fatal(err)
			}
			entry, err := l.Entry("https://issuer.example/status/7", i)
			if err != nil {
				t.Fatal(err)
			}
			cred, err := badge.NewAchievementCredential(
				badge.Profile{ID: "did:example:issuer", Name: "Issuer"},
				badge.AchievementSubject{ID: "did:example:learner", Achievement: &badge.Achievement{
					ID: "https://issuer.example/a/1", Name: "A", Description: "d",
					Criteria: &badge.Criteria{Narrative: "n"},
				}},
				&badge.Options{Status: entry, Clock: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }},
			)
			if err != nil {
				t.Fatal(err)
			}
			if fs := v.ValidateCredential(cred); len(fs) != 0 {
				t.Fatalf("the built credential has findings: %v", fs)
			}
			doc, err := json.Marshal(cred)
			if err != nil {
				t.Fatal(err)
			}
			var w struct {
				Status json.RawMessage `json:"credentialStatus"`
			}
			if err := json.Unmarshal(doc, &w); err != nil {
				t.Fatal(err)
			}
			e, err := ParseEntry(w.Status)
			if err != nil {
				t.Fatalf("ParseEntry(%s): %v", w.Status, err)
			}
			if e.Index != i || e.StatusPurpose != tt.purpose || e.Size() != tt.wantSize || e.StatusListCredential != "https://issuer.example/status/7" {
				t.Errorf("read back %+v from %s, want index %d, purpose %s, size %d", e, w.Status, i, tt.purpose, tt.wantSize)
			}
		})
	}
}

// TestParseEntryObjectAgrees: ParseEntryObject gives what ParseEntry gives
// for the member's JSON, entry and error alike, on the shapes it reads
// directly and on those it hands over.
func TestParseEntryObjectAgrees(t *testing.T) {
	const ok = `"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListCredential":"https://x/sl"`
	for _, tc := range []struct{ json, why string }{
		{`{"id":"https://x/sl#5",` + ok + `,"statusListIndex":"5"}`, "the usual entry"},
		{`{` + ok + `,"statusListIndex":5}`, "a number index"},
		{`{` + ok + `,"statusListIndex":"\u0035"}`, "an escaped index"},
		{`{"type":["BitstringStatusListEntry","X"],"statusPurpose":"suspension","statusListCredential":"u","statusListIndex":"0"}`, "a type array"},
		{`{"type":"StatusList2021Entry","statusPurpose":"revocation","statusListCredential":"u","statusListIndex":"7"}`, "StatusList2021"},
		{`{` + ok + `,"statusListIndex":"2147483648"}`, "index past 2^31"},
		{`{` + ok + `,"statusListIndex":"+5"}`, "a signed index"},
		{`{` + ok + `,"statusListIndex":5.0}`, "a fractional number"},
		{`{` + ok + `,"statusListIndex":-0}`, "minus zero"},
		{`{` + ok + `}`, "no index"},
		{`{` + ok + `,"statusListIndex":true}`, "a bool index"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1"}`, "no list"},
		{`{"type":[],"statusPurpose":"revocation","statusListCredential":"u","statusListIndex":"1"}`, "no type"},
		{`{"type":[1],"statusPurpose":"revocation","statusListCredential":"u","statusListIndex":"1"}`, "a number in type"},
		{`{"statusPurpose":"revocation","statusListCredential":"u","statusListIndex":"1"}`, "type missing"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"bogus","statusListCredential":"u","statusListIndex":"1"}`, "unknown purpose"},
		{`{"id":null,` + ok + `,"statusListIndex":"1"}`, "a null id"},
		{`{"id":7,` + ok + `,"statusListIndex":"1"}`, "a number id"},
		{`{` + ok + `,"statusListIndex":"1","statusSize":1}`, "statusSize 1"},
		{`{` + ok + `,"statusListIndex":"1","statusSize":9}`, "statusSize past the maximum"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListCredential":"u","statusListIndex":"1","statusSize":2,
			"statusMessage":[{"status":"0x0","message":"a"},{"status":"0x1","message":"b"},{"status":"0x2","message":"c"},{"status":"0x3","message":"d"}]}`, "messages"},
		{`{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListCredential":"u","statusListIndex":"1"}`, "purpose message without messages"},
		{`{` + ok + `,"statusListIndex":"1","statusReference":"https://x/ref"}`, "a statusReference"},
		{`{` + ok + `,"statusListIndex":"1","StatusListIndex":"2"}`, "a case variant"},
		{`{` + ok + `,"statusListIndex":"1","extension":{"a":1}}`, "an extension member"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tc.json))
			dec.UseNumber()
			var m map[string]any
			if err := dec.Decode(&m); err != nil {
				t.Fatal(err)
			}
			// The member as encoding/json writes it (keys sorted), which
			// is what an error's position refers to.
			raw, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			want, wantErr := ParseEntry(raw)
			got, err := ParseEntryObject(m)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("ParseEntryObject = %+v, %v\nParseEntry       = %+v, %v", got, err, want, wantErr)
			}
		})
	}
}
