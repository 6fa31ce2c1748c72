package status

import (
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestCaseSensitiveMembers: status entries, status list credentials and
// 1EdTech revocation lists are read as JSON-LD reads them, member names
// exactly. encoding/json alone would fill a field from a member named like
// it in another case, and of two equal names keep the last.
func TestCaseSensitiveMembers(t *testing.T) {
	const entry = `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"23","statusListCredential":"https://x"}`
	const list = `{"id":"https://x","type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":{"id":"did:example:i"},
		"credentialSubject":{"type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQsvoAAAAAAAAAAAAAAAAP4GcwM92tQwAAA"}}`
	const rl = `{"id":"https://r","issuer":"did:example:i","revokedCredential":[{"id":"urn:c","revoked":false}]}`
	if _, err := ParseEntry([]byte(entry)); err != nil {
		t.Fatalf("control entry: %v", err)
	}
	if _, err := ParseListCredential([]byte(list)); err != nil {
		t.Fatalf("control list: %v", err)
	}
	if _, err := ParseRevocationList([]byte(rl)); err != nil {
		t.Fatalf("control revocation list: %v", err)
	}
	for _, tc := range []struct {
		name   string
		parse  func([]byte) error
		doc    string
		target error
		reason string
	}{
		{"StatusListIndex", parseEntry, strings.Replace(entry, `"statusListIndex"`, `"StatusListIndex"`, 1), strictjson.ErrFieldCase,
			"a JSON-LD reader of the signed credential sees no index"},
		{"statusPurpose and StatusPurpose", parseEntry, strings.Replace(entry, `{`, `{"StatusPurpose":"suspension",`, 1), strictjson.ErrCaseVariant,
			"which purpose?"},
		{"statusListIndex twice", parseEntry, strings.Replace(entry, `{`, `{"statusListIndex":"7",`, 1), strictjson.ErrDuplicateKey,
			"encoding/json keeps the last, other readers the first"},
		{"EncodedList", parseList, strings.Replace(list, `"encodedList"`, `"EncodedList"`, 1), strictjson.ErrFieldCase,
			"nested in credentialSubject"},
		{"CredentialSubject", parseList, strings.Replace(list, `"credentialSubject"`, `"CredentialSubject"`, 1), strictjson.ErrFieldCase,
			"the subject itself"},
		{"issuer ID", parseList, strings.Replace(list, `{"id":"did:example:i"}`, `{"ID":"did:example:i"}`, 1), strictjson.ErrFieldCase,
			"the issuer the list is checked against"},
		{"RevokedCredential", parseRL, strings.Replace(rl, `"revokedCredential"`, `"RevokedCredential"`, 1), strictjson.ErrFieldCase,
			"the list of revoked credentials"},
		{"Revoked", parseRL, strings.Replace(rl, `"revoked":false`, `"Revoked":true`, 1), strictjson.ErrFieldCase,
			"the flag that says whether an entry counts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.parse([]byte(tc.doc))
			if !errors.Is(err, ErrMalformed) || !errors.Is(err, tc.target) {
				t.Errorf("%s: err = %v, want ErrMalformed and %v", tc.reason, err, tc.target)
			}
		})
	}
}

func parseEntry(b []byte) error { _, err := ParseEntry(b); return err }
func parseList(b []byte) error  { _, err := ParseListCredential(b); return err }
func parseRL(b []byte) error    { _, err := ParseRevocationList(b); return err }
