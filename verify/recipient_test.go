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
	}{
		{"id", "did:example:ebfeb1f712ebc6f1c276e12ec21", true},
		{"id", "did:example:someone", false},
		{badge.IdentifierEmailAddress, "learner@example.org", true},
		{badge.IdentifierEmailAddress, "other@example.org", false},
		{badge.IdentifierType("studentId"), "learner@example.org", false},
	} {
		if got, err := r.MatchRecipient(tc.typ, tc.value); got != tc.want || err != nil {
			t.Errorf("MatchRecipient(%s, %s) = %v, %v; want %v", tc.typ, tc.value, got, err, tc.want)
		}
	}
	if _, err := (&Report{}).MatchRecipient("id", "x"); err != ErrNoRecipient {
		t.Errorf("empty report: %v", err)
	}
}
