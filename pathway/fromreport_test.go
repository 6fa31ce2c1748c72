package pathway

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

func signedForReport(t *testing.T, validUntil time.Time, tamper bool) []byte {
	t.Helper()
	key, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	c, err := badge.NewAchievementCredential(badge.Profile{ID: did, Name: "Issuer"}, badge.AchievementSubject{
		ID: "did:example:learner",
		Achievement: &badge.Achievement{ID: "https://example.edu/achievements/sql", Name: "SQL",
			Description: "SQL", Criteria: &badge.Criteria{Narrative: "Pass."}},
	}, &badge.Options{ValidFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ValidUntil: validUntil})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	signed, err := credential.AddProof(context.Background(), b, credential.SignOptions{Signer: key, VerificationMethod: vm, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if tamper {
		var m map[string]any
		_ = json.Unmarshal(signed, &m)
		m["name"] = "Advanced SQL"
		signed, _ = json.Marshal(m)
	}
	return signed
}

func TestFromReport(t *testing.T) {
	v, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		doc         []byte
		wantErr     error
		wantExpired bool
	}{
		{"a verified credential counts", signedForReport(t, time.Time{}, false), nil, false},
		{"an expired one is kept with its dates, so the evaluator can say it expired", signedForReport(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false), nil, true},
		{"a tampered one never counts", signedForReport(t, time.Time{}, true), ErrNotVerified, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := v.Verify(context.Background(), tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			earned, err := FromReport(r)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(earned) != 1 || earned[0].AchievementID != "https://example.edu/achievements/sql" || earned[0].Status != StatusActive {
				t.Fatalf("earned = %+v", earned)
			}
			if got := !earned[0].ValidUntil.IsZero(); got != tt.wantExpired {
				t.Errorf("ValidUntil set = %v, want %v", got, tt.wantExpired)
			}
		})
	}
	if _, err := FromReport(nil); !errors.Is(err, ErrNotVerified) {
		t.Errorf("nil report: err = %v", err)
	}
}
