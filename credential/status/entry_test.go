package status

import (
	"encoding/json"
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
