package pathway

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
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

// plainVC signs a W3C credential that is not an Open Badge.
func plainVC(t *testing.T) []byte {
	t.Helper()
	key, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	doc, _ := json.Marshal(map[string]any{
		"@context":          []string{"https://www.w3.org/ns/credentials/v2"},
		"id":                "urn:uuid:6f1e2f0c-52f0-4bd7-9a59-5b1d1a1c0b11",
		"type":              []string{"VerifiableCredential"},
		"issuer":            did,
		"validFrom":         "2024-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:learner"},
	})
	signed, err := credential.AddProof(context.Background(), doc, credential.SignOptions{Signer: key, VerificationMethod: vm, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// TestFromReport: only an OK report of an Open Badges credential counts;
// an authentic credential that is merely expired is refused with a
// NotCountedError carrying its Earned, so guidance can say "renew it".
func TestFromReport(t *testing.T) {
	v, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  []byte
		// wantErr: nil means it counts; notCounted: refused with a
		// NotCountedError carrying an Earned.
		wantErr    error
		notCounted bool
	}{
		{"a verified credential counts", signedForReport(t, time.Time{}, false), nil, false},
		{"an expired one never counts, but is kept for guidance", signedForReport(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false), ErrNotVerified, true},
		{"a tampered one never counts and gives no guidance", signedForReport(t, time.Time{}, true), ErrNotVerified, false},
		{"a plain W3C credential verifies but asserts no achievement", plainVC(t), ErrNotVerified, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := v.Verify(context.Background(), tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			earned, err := FromReport(r)
			var nc *NotCountedError
			if got := errors.As(err, &nc); got != tt.notCounted {
				t.Fatalf("NotCountedError = %v, want %v (err %v)", got, tt.notCounted, err)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || earned != nil {
					t.Fatalf("earned %v, err = %v, want %v", earned, err, tt.wantErr)
				}
				if nc != nil {
					if len(nc.Earned) != 1 || nc.Earned[0].ValidUntil.IsZero() {
						t.Fatalf("NotCountedError.Earned = %+v, want the credential with its validUntil", nc.Earned)
					}
					// Given to the evaluator, it is explained, never counted.
					def := pathwayOf(C("sql"), comp("sql", "https://example.edu/achievements/sql"))
					p := evaluate(t, def, nc.Earned, Options{})
					if p.Complete || !strings.Contains(p.Explain(), "expired") {
						t.Errorf("an expired credential counted or went unexplained:\n%s", p.Explain())
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(earned) != 1 || earned[0].AchievementID != "https://example.edu/achievements/sql" || earned[0].Status != StatusActive {
				t.Fatalf("earned = %+v", earned)
			}
			if earned[0].Recipient.ID != "did:example:learner" {
				t.Errorf("recipient = %+v, want the credentialSubject id", earned[0].Recipient)
			}
		})
	}
	if _, err := FromReport(nil); !errors.Is(err, ErrNotVerified) {
		t.Errorf("nil report: err = %v", err)
	}
}

// TestFromReportNotOK: whatever the verdict is called, a report whose
// OK() is false never yields an Earned, even when its only failing check
// is the validity window, unless its proof passed.
func TestFromReportNotOK(t *testing.T) {
	v, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	good, err := v.Verify(context.Background(), signedForReport(t, time.Time{}, false))
	if err != nil || !good.OK() {
		t.Fatalf("fixture: %v %v", err, good.Verdict)
	}
	withChecks := func(verdict verify.Verdict, set map[verify.CheckID]verify.Outcome) *verify.Report {
		r := *good
		r.Verdict = verdict
		r.Checks = slices.Clone(good.Checks)
		for i := range r.Checks {
			if o, ok := set[r.Checks[i].ID]; ok {
				r.Checks[i].Outcome = o
			}
		}
		return &r
	}
	tests := []struct {
		name       string
		r          *verify.Report
		notCounted bool
	}{
		{"unverified: the proof could not be checked", withChecks("unverified", map[verify.CheckID]verify.Outcome{verify.CheckProof: verify.Skipped}), false},
		{"failed proof", withChecks(verify.Failed, map[verify.CheckID]verify.Outcome{verify.CheckProof: verify.Fail}), false},
		{"expired with the proof unchecked gives no guidance either", withChecks(verify.Failed, map[verify.CheckID]verify.Outcome{verify.CheckProof: verify.Skipped, verify.CheckValidity: verify.Fail}), false},
		{"expired, proof passed", withChecks(verify.Failed, map[verify.CheckID]verify.Outcome{verify.CheckValidity: verify.Fail}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			earned, err := FromReport(tt.r)
			var nc *NotCountedError
			if earned != nil || !errors.Is(err, ErrNotVerified) || errors.As(err, &nc) != tt.notCounted {
				t.Fatalf("earned %v, err %v; want refusal, NotCountedError %v", earned, err, tt.notCounted)
			}
		})
	}
}

// TestFromReportFor: the recipient step binds credentials to the learner;
// a credential issued to someone else is refused.
func TestFromReportFor(t *testing.T) {
	v, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	r, err := v.Verify(context.Background(), signedForReport(t, time.Time{}, false))
	if err != nil {
		t.Fatal(err)
	}
	es, err := FromReportFor(r, "id", "did:example:learner")
	if err != nil || len(es) != 1 || es[0].Recipient.Learner == "" {
		t.Fatalf("matching learner: %v %+v", err, es)
	}
	if _, err := FromReportFor(r, "id", "did:example:someone-else"); !errors.Is(err, ErrRecipient) {
		t.Fatalf("another learner: err = %v, want ErrRecipient", err)
	}
}

// TestFromReportCLR: a CLR's nested credentials count one by one: those
// whose reports are OK are returned, the others are listed in a
// SkippedError.
func TestFromReportCLR(t *testing.T) {
	v, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	good, err := v.Verify(context.Background(), signedForReport(t, time.Time{}, false))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := v.Verify(context.Background(), signedForReport(t, time.Time{}, true))
	if err != nil {
		t.Fatal(err)
	}
	clr, _ := json.Marshal(map[string]any{
		"@context": []string{badge.ContextVCv2, badge.ContextCLR, badge.ContextOB},
		"id":       "urn:uuid:5d0f7a1c-7b53-4a4e-8d56-1f7c2e3a9b01", "type": []string{"VerifiableCredential", "ClrCredential"},
		"issuer": map[string]any{"id": "did:example:registrar", "type": []string{"Profile"}}, "validFrom": "2025-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:learner", "type": []string{"ClrSubject"}},
	})
	r := &verify.Report{Verdict: verify.Verified, Kind: "credential", CredentialID: "urn:uuid:5d0f7a1c-7b53-4a4e-8d56-1f7c2e3a9b01",
		Credential: clr, Nested: []*verify.Report{good, bad}}
	es, err := FromReport(r)
	var sk *SkippedError
	if !errors.As(err, &sk) || len(sk.Skipped) != 1 || !errors.Is(err, ErrNotVerified) {
		t.Fatalf("err = %v, want a SkippedError listing the tampered credential", err)
	}
	if len(es) != 1 || es[0].ID != good.CredentialID {
		t.Fatalf("earned %+v, want only the verified nested credential", es)
	}
	// A CLR that is not OK yields nothing, whatever it carries.
	r.Verdict = verify.Failed
	if es, err := FromReport(r); es != nil || !errors.Is(err, ErrNotVerified) {
		t.Fatalf("failed CLR: %v, %v", es, err)
	}
}
