package credential

import (
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestParseDIDDocumentCaseSensitive: DID and controller documents are read
// with member names matched exactly, as every other DID resolver reads
// them. encoding/json alone would take "AssertionMethod" for
// assertionMethod and authorize a key no other reader would.
func TestParseDIDDocumentCaseSensitive(t *testing.T) {
	const doc = `{"@context":["https://www.w3.org/ns/did/v1"],"id":"did:web:issuer.example",
		"verificationMethod":[{"id":"did:web:issuer.example#k","type":"Multikey","controller":"did:web:issuer.example",
		"publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}],
		"authentication":["did:web:issuer.example#k"],
		"assertionMethod":[{"id":"did:web:issuer.example#e","type":"Multikey","controller":"did:web:issuer.example","publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}]}`
	if _, err := ParseDIDDocument([]byte(doc)); err != nil {
		t.Fatalf("control document: %v", err)
	}
	for _, tc := range []struct {
		name, doc string
		target    error
		reason    string
	}{
		{"AssertionMethod", strings.Replace(strings.Replace(doc, `"assertionMethod"`, `"capabilityDelegation"`, 1), `"authentication"`, `"AssertionMethod"`, 1), strictjson.ErrFieldCase,
			"an authentication key must not become an assertion key for us alone"},
		{"VerificationMethod", strings.Replace(doc, `"verificationMethod"`, `"VerificationMethod"`, 1), strictjson.ErrFieldCase,
			"the key list itself"},
		{"ID", strings.Replace(doc, `"id":"did:web:issuer.example",`, `"ID":"did:web:issuer.example",`, 1), strictjson.ErrFieldCase,
			"the document's subject"},
		{"PublicKeyMultibase in an embedded method", strings.Replace(doc, `"controller":"did:web:issuer.example","publicKeyMultibase"`, `"controller":"did:web:issuer.example","PublicKeyMultibase"`, 1), strictjson.ErrFieldCase,
			"a key inside verificationMethod"},
		{"Controller in a method embedded under a relationship", strings.Replace(doc, `"type":"Multikey","controller":"did:web:issuer.example","publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}]}`, `"type":"Multikey","Controller":"did:web:issuer.example","publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}]}`, 1), strictjson.ErrFieldCase,
			"MethodRef decodes its embedded method itself and must be as strict"},
		{"id twice", strings.Replace(doc, `"id":"did:web:issuer.example",`, `"id":"did:web:issuer.example","id":"did:web:attacker.example",`, 1), strictjson.ErrDuplicateKey,
			"which document is this?"},
		{"authentication and Authentication", strings.Replace(doc, `"authentication"`, `"Authentication":[],"authentication"`, 1), strictjson.ErrCaseVariant,
			"two spellings of one relationship"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDIDDocument([]byte(tc.doc))
			if !errors.Is(err, errInvalidDIDDocument) || !errors.Is(err, tc.target) {
				t.Errorf("%s: err = %v, want errInvalidDIDDocument and %v", tc.reason, err, tc.target)
			}
		})
	}
}
