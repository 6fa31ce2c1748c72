package verify

import (
	"testing"

	"github.com/microcred/microcred/badge"
)

func TestMatchRecipient(t *testing.T) {
	iss := newIssuer(t)
	hashed := badge.HashedEmail("Learner@Example.org", "pepper")
	cred := issue(t, iss, func(m map[string]any) {
		m["credentialSubject"].(map[string]any)["identifier"] = []any{map[string]any{
			"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
			"identityHash": hashed.IdentityHash, "salt": hashed.Salt,
		}}
	})
	r := mustVerify(t, offlineVerifier(t, Config{}), cred)
	if r.Verdict != Verified {
		t.Fatalf("%s", r)
	}
	for _, tc := range []struct {
		typ   badge.IdentifierType
		value string
		want  bool
		why   string
	}{
		{"id", "did:example:ebfeb1f712ebc6f1c276e12ec21", true, "the subject id matches"},
		{"id", "did:example:someone", false, "another subject id"},
		{badge.IdentifierEmailAddress, "learner@example.org", true, "the hashed email matches, case aside, under its salt"},
		{badge.IdentifierEmailAddress, "other@example.org", false, "another email"},
		{badge.IdentifierType("studentId"), "learner@example.org", false, "the right value under another identifier type"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if got, err := r.MatchRecipient(tc.typ, tc.value); got != tc.want || err != nil {
				t.Errorf("MatchRecipient(%s, %s) = %v, %v; want %v (%s)", tc.typ, tc.value, got, err, tc.want, tc.why)
			}
		})
	}
	if _, err := (&Report{}).MatchRecipient("id", "x"); err != ErrNoRecipient {
		t.Errorf("empty report: %v", err)
	}
}
