package pathway

import (
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
)

// TestOneRecipient: one evaluation is for one learner. Credentials naming
// different recipients are refused unless bound.
func TestOneRecipient(t *testing.T) {
	def := pathwayOf(All(C("a"), C("b")), comp("a", "urn:a"), comp("b", "urn:b"))
	alice := Recipient{ID: "did:example:alice"}
	hashed := Recipient{Identifiers: []badge.IdentityObject{badge.HashedEmail("alice@example.org", "pepper")}}
	with := func(e Earned, r Recipient) Earned { e.Recipient = r; return e }
	a, b := earn("e1", "urn:a", "2025-01-01"), earn("e2", "urn:b", "2025-02-01")
	tests := []struct {
		name    string
		earned  []Earned
		opts    Options
		wantErr error
	}{
		{"one recipient throughout", []Earned{with(a, alice), with(b, alice)}, Options{}, nil},
		{"host records name nobody and are not compared", []Earned{with(a, alice), b}, Options{}, nil},
		{"a DID and a hashed e-mail are two recipients until bound", []Earned{with(a, alice), with(b, hashed)}, Options{}, ErrRecipient},
		{"two learners' DIDs", []Earned{with(a, alice), with(b, Recipient{ID: "did:example:bob"})}, Options{}, ErrRecipient},
		{"bound by the host (FromReportFor sets Learner)", []Earned{with(a, Recipient{ID: alice.ID, Learner: "id:did:example:alice"}),
			with(b, Recipient{Identifiers: hashed.Identifiers, Learner: "id:did:example:alice"})}, Options{}, nil},
		{"bound by the host's own check", []Earned{with(a, alice), with(b, hashed)}, Options{RecipientsBound: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Evaluate(def, tt.earned, asOf, tt.opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !p.Complete {
				t.Fatalf("not complete:\n%s", p.Explain())
			}
			if err != nil && !strings.Contains(err.Error(), "RecipientsBound") {
				t.Errorf("the error does not say how to bind: %v", err)
			}
		})
	}
}

// TestAwardRecipient: the award names the learner as the issuers did, and
// never publishes an e-mail address in credentialSubject.id.
func TestAwardRecipient(t *testing.T) {
	def := pathwayOf(C("a"), comp("a", "urn:a"))
	p := evaluate(t, def, []Earned{earn("e1", "urn:a", "2025-01-01")}, Options{})
	email := badge.HashedEmail("alice@example.org", "pepper")
	tests := []struct {
		name    string
		opts    AwardOptions
		wantErr error
		wantID  string
	}{
		{"a DID", AwardOptions{Recipient: "did:example:alice"}, nil, "did:example:alice"},
		{"a hashed e-mail, as the platform issued", AwardOptions{RecipientIdentifiers: []badge.IdentityObject{email}}, nil, ""},
		{"a plain e-mail as id is refused", AwardOptions{Recipient: "alice@example.org"}, ErrRecipient, ""},
		{"a mailto: URI as id is refused", AwardOptions{Recipient: "mailto:alice@example.org"}, ErrRecipient, ""},
		{"an unhashed e-mail identifier is refused", AwardOptions{RecipientIdentifiers: []badge.IdentityObject{{IdentityType: badge.IdentifierEmailAddress, IdentityHash: "alice@example.org"}}}, ErrRecipient, ""},
		{"nobody", AwardOptions{}, ErrInput, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aw, err := AwardDestination(def, p, tt.opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			s := aw.Credential.CredentialSubject
			if s.ID != tt.wantID {
				t.Errorf("credentialSubject.id = %q, want %q", s.ID, tt.wantID)
			}
			if len(tt.opts.RecipientIdentifiers) > 0 {
				if len(s.Identifier) != 1 || s.Identifier[0].IdentityHash != email.IdentityHash || !s.Identifier[0].Hashed {
					t.Fatalf("identifier = %+v, want the hashed e-mail", s.Identifier)
				}
				if ok, _ := s.Identifier[0].Matches("alice@example.org"); !ok {
					t.Error("the award's identifier does not match the learner's e-mail")
				}
			}
			v, err := badge.NewValidator(badge.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if fs := v.ValidateCredential(aw.Credential); fs.Err() != nil {
				t.Errorf("award does not validate: %v", fs.Err())
			}
		})
	}
}
