package sqlite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/sqlite"
)

// FuzzCredential upserts arbitrary learners, ids, issuers and payloads:
// each is refused with ErrInvalid or stored and read back exactly, under
// the key the store says it is equal to.
func FuzzCredential(f *testing.F) {
	f.Add("alice", "urn:uuid:1", "https://i.example", []byte(`{}`), int64(0))
	f.Add("'; DROP TABLE credentials; --", "urn:%00", "%ff", []byte{0}, int64(-62135596800))
	f.Add("a", " urn:%20x ", "\x00", []byte("x.y.z"), int64(253402300799))
	s, err := sqlite.Open(context.Background(), ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, learner, id, issuer string, raw []byte, sec int64) {
		ctx := context.Background()
		c := store.Credential{Learner: learner, Kind: store.OpenBadges, Format: store.FormatJWS, Raw: raw,
			ID: id, Issuer: issuer, ValidFrom: time.Unix(sec%253402300800, 0)}
		out, err := s.UpsertCredential(ctx, c)
		if errors.Is(err, store.ErrInvalid) {
			return
		}
		if err != nil {
			t.Fatalf("neither stored nor refused as invalid: %v", err)
		}
		got, err := s.Credential(ctx, learner, store.OpenBadges, store.CredentialKey(issuer), store.CredentialKey(id))
		if err != nil {
			t.Fatalf("stored but not found by its keys: %v", err)
		}
		switch {
		case got.Learner != learner:
			t.Fatalf("read back learner %q, want %q", got.Learner, learner)
		case out == store.Kept && got.ValidFrom.Before(c.ValidFrom):
			t.Fatalf("kept a credential from %v over one from %v", got.ValidFrom, c.ValidFrom)
		case out != store.Kept && (string(got.Raw) != string(raw) || !got.ValidFrom.Equal(c.ValidFrom)):
			t.Fatalf("%v, then read back %q from %v; want %q from %v", out, got.Raw, got.ValidFrom, raw, c.ValidFrom)
		}
	})
}
