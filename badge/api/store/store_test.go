package store_test

import (
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/api/store"
)

// TestCredentialKeyAgreesWithBadge checks that the store's notion of "the
// same credential" is badge.SameCredential's, on pairs chosen to tell
// them apart if either normalised differently.
func TestCredentialKeyAgreesWithBadge(t *testing.T) {
	mk := func(id, issuer string) badge.Credential {
		return &badge.AchievementCredential{VerifiableCredential: badge.VerifiableCredential{
			ID: id, Issuer: &badge.Profile{ID: issuer}, ValidFrom: "2026-01-01T00:00:00Z"}}
	}
	for _, tc := range []struct {
		idA, issA, idB, issB string
		why                  string
	}{
		{"urn:uuid:1", "https://i", "urn:uuid:1", "https://i", "identical"},
		{"http://e.edu/c/a%20b", "https://i", "http://e.edu/c/a b", "https://i", "percent-encoded space"},
		{" urn:uuid:1\n", "https://i ", "urn:uuid:1", "https://i", "white space around both"},
		{"urn:%2575", "https://i", "urn:%75", "https://i", "unescaped once, not twice"},
		{"urn:%zz", "https://i", "urn:%zz", "https://i", "an invalid escape is kept as written"},
		{"urn:%zz", "https://i", "urn:%ZZ", "https://i", "and compared as written"},
		{"urn:uuid:1", "https://i", "URN:UUID:1", "https://i", "case matters"},
		{"urn:uuid:1", "https://i", "urn:uuid:1", "https://j", "another issuer"},
		{"urn:a+b", "https://i", "urn:a b", "https://i", "a plus is not a space in a path"},
		{"urn:%20x%20", "https://i", "urn: x ", "https://i", "escaped white space is trimmed after unescaping"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			same := badge.SameCredential(mk(tc.idA, tc.issA), mk(tc.idB, tc.issB))
			keys := store.CredentialKey(tc.idA) == store.CredentialKey(tc.idB) && store.CredentialKey(tc.issA) == store.CredentialKey(tc.issB)
			if same != keys {
				t.Errorf("%s: badge.SameCredential %v, equal CredentialKeys %v", tc.why, same, keys)
			}
		})
	}
}

func TestTokenActive(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	base := store.Token{ExpiresAt: t0.Add(time.Hour)}
	for _, tc := range []struct {
		mutate func(*store.Token)
		at     time.Time
		want   bool
		why    string
	}{
		{func(*store.Token) {}, t0, true, "fresh"},
		{func(*store.Token) {}, t0.Add(time.Hour), false, "expiry is exclusive"},
		{func(tk *store.Token) { tk.Revoked = true }, t0, false, "revoked (itself or its grant)"},
		{func(tk *store.Token) { tk.UsedAt = t0 }, t0, false, "a consumed refresh token"},
		{func(tk *store.Token) { tk.ExpiresAt = time.Time{} }, t0, false, "no expiry is no validity"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			tk := base
			tc.mutate(&tk)
			if got := tk.Active(tc.at); got != tc.want {
				t.Errorf("%s: Active = %v, want %v", tc.why, got, tc.want)
			}
		})
	}
}
