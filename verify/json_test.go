package verify

import (
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestStrictCredentialJSON: a signed credential rewritten so that parsers
// would disagree about it is refused at the parse check, before any proof
// is looked at, with the JSON pointer of the problem in the message.
func TestStrictCredentialJSON(t *testing.T) {
	signed := string(issue(t, newIssuer(t), nil))
	v := offlineVerifier(t, Config{})
	for _, tc := range []struct {
		name    string
		doc     string
		target  error
		pointer string
		reason  string
	}{
		{"duplicate name", strings.Replace(signed, `"name":"Teamwork Badge"`, `"name":"Teamwork Badge","name":"Other"`, 1),
			strictjson.ErrDuplicateKey, "/name", "encoding/json keeps the last, other parsers the first"},
		{"validUntil beside ValidUntil", strings.Replace(signed, `{`, `{"validUntil":"2020-01-01T00:00:00Z","ValidUntil":"2099-01-01T00:00:00Z",`, 1),
			strictjson.ErrCaseVariant, "/ValidUntil", "a case-insensitive struct decode would read either"},
		{"issuer ID beside id", strings.Replace(signed, `"issuer":{`, `"issuer":{"ID":"did:example:attacker",`, 1),
			strictjson.ErrCaseVariant, "/issuer/id", "the same in a nested object"},
		{"lone surrogate", strings.Replace(signed, `"Teamwork Badge"`, `"Teamwork \ud800Badge"`, 1),
			strictjson.ErrInvalidUTF8, "/name", "encoding/json would read U+FFFD"},
		{"too deep", strings.Replace(signed, `"Teamwork Badge"`, `[`+strings.Repeat("[", 70)+strings.Repeat("]", 70)+`]`, 1),
			ErrLimit, "/name/0/0", "nesting past Limits.MaxDepth is a limit error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, v, []byte(tc.doc))
			expectFail(t, r, CheckParse, ErrMalformed)
			if !errors.Is(r.Err(), tc.target) {
				t.Errorf("%s: Err() = %v, want errors.Is %v", tc.reason, r.Err(), tc.target)
			}
			var je *strictjson.Error
			if !errors.As(r.Err(), &je) || !strings.HasPrefix(je.Pointer, tc.pointer) {
				t.Errorf("%s: pointer of %v, want %s", tc.reason, r.Err(), tc.pointer)
			}
			if msg := r.Check(CheckParse).Message; !strings.Contains(msg, tc.pointer) {
				t.Errorf("the message does not say where: %s", msg)
			}
		})
	}
}
