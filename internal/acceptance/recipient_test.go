package acceptance

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// TestRecipientForms: identifiers as other issuers write them, matched by
// Report.MatchRecipient (OB 3.0 verification step 5: hashed → compare
// IdentityHash(known ‖ salt), md5 or sha256, hex in either case; unhashed →
// compare the plain value).
func TestRecipientForms(t *testing.T) {
	t.Parallel()
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	v := newVerifier(t, verify.Config{})
	sum256 := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	summd5 := func(s string) string { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]) }
	for _, c := range []struct {
		name       string
		identifier obj
		typ, value string
		want       bool
	}{
		{"plain-email", obj{"hashed": false, "identityHash": "learner@example.com", "identityType": "emailAddress"}, "emailAddress", "learner@example.com", true},
		{"md5-salted", obj{"hashed": true, "identityHash": "md5$" + summd5("learner@example.com"+"NaCl"), "salt": "NaCl", "identityType": "emailAddress"}, "emailAddress", "learner@example.com", true},
		{"sha256-unsalted-sisSourcedId", obj{"hashed": true, "identityHash": "sha256$" + sum256("S-12345"), "identityType": "sisSourcedId"}, "sisSourcedId", "S-12345", true},
		{"sha256-wrong-type", obj{"hashed": true, "identityHash": "sha256$" + sum256("S-12345"), "identityType": "sisSourcedId"}, "emailAddress", "S-12345", false},
		{"sha256-other-value", obj{"hashed": true, "identityHash": "sha256$" + sum256("S-12345"), "identityType": "sisSourcedId"}, "sisSourcedId", "S-12346", false},
		{"plain-sisSourcedId-case-matters", obj{"hashed": false, "identityHash": "abc-1", "identityType": "sisSourcedId"}, "sisSourcedId", "ABC-1", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cr := baseCredential()
			s := cr["credentialSubject"].(obj)
			delete(s, "id")
			id := jsonClone(c.identifier).(map[string]any)
			id["type"] = "IdentityObject"
			s["identifier"] = arr{id}
			rep := runVerify(t, v, signAs(t, key, "", cr))
			wantVerdict(t, rep, verify.Verified)
			got, err := rep.MatchRecipient(badgeIdentifierType(c.typ), c.value)
			if err != nil || got != c.want {
				t.Errorf("MatchRecipient(%s, %s) = %v, %v; want %v", c.typ, c.value, got, err, c.want)
			}
		})
	}
}

func badgeIdentifierType(s string) badge.IdentifierType { return badge.IdentifierType(s) }
