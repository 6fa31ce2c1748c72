package acceptance

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
)

// TestWeSignReferenceVerifies: the same unusual shapes, signed by
// credential.AddProof, verify in the reference stack. This is the other half
// of interoperability: what we issue, others must accept.
func TestWeSignReferenceVerifies(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	type signed struct {
		name      string
		doc       []byte
		bug       string
		diContext string
	}
	keys := map[string]struct {
		kt    credential.KeyType
		suite string
	}{
		"eddsa":  {credential.KeyEd25519, credential.SuiteEdDSARDFC2022},
		"p256":   {credential.KeyP256, credential.SuiteECDSARDFC2019},
		"p384":   {credential.KeyP384, credential.SuiteECDSARDFC2019},
		"ed2020": {credential.KeyEd25519, credential.SuiteEd25519Signature2020},
	}
	signWith := func(t *testing.T, kind string, unsigned []byte) []byte {
		t.Helper()
		k := keys[kind]
		key, err := credential.GenerateKey(k.kt)
		if err != nil {
			t.Fatal(err)
		}
		did, _ := credential.DIDKey(key.Public())
		vm, _ := credential.DIDKeyVerificationMethod(key.Public())
		// The issuer id is replaced textually so the rest of the JSON text
		// (number spellings, escapes) is exactly what we wrote.
		doc := []byte(strings.ReplaceAll(string(unsigned), "https://example.edu/issuers/565049", did))
		out, err := credential.AddProof(context.Background(), doc, credential.SignOptions{Signer: key, VerificationMethod: vm,
			Cryptosuite: k.suite, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("AddProof(%s): %v", kind, err)
		}
		return out
	}
	var docs []signed
	for _, c := range diCases() {
		if c.refRejects || c.bareVM || c.bug != "" || c.weRefuse {
			continue
		}
		kind := "eddsa"
		switch c.suite {
		case "ecdsa-rdfc-2019-p256":
			kind = "p256"
		case "ecdsa-rdfc-2019-p384":
			kind = "p384"
		case "Ed25519Signature2020":
			kind = "ed2020"
		}
		if c.diContext == "" && strings.HasPrefix(kind, "e") && kind != "ed2020" && c.doc["@context"].([]any)[0] == ctxVC1 {
			// VC 1.1 without a data-integrity context: the reference stack
			// would add one; we sign what we are given, so add it ourselves.
			continue
		}
		docs = append(docs, signed{name: c.name, doc: signWith(t, kind, mustJSON(t, c.doc)), diContext: c.diContext})
	}
	// Numbers as other encoders spell them, signed from that exact text.
	numbers := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002","type":["VerifiableCredential","OpenBadgeCredential"],` +
		`"issuer":{"id":"https://example.edu/issuers/565049","type":["Profile"],"name":"U","address":{"type":["Address"],` +
		`"geo":{"type":"GeoCoordinates","latitude":52.0,"longitude":-0}}},"validFrom":"2024-01-01T00:00:00Z","name":"N",` +
		`"credentialSubject":{"id":"did:example:1","type":["AchievementSubject"],"creditsEarned":1e3,` +
		`"achievement":{"id":"https://example.edu/a","type":["Achievement"],"criteria":{"narrative":"n"},"description":"d","name":"n","creditsAvailable":25e-1}}}`
	docs = append(docs, signed{name: "numbers-as-written", doc: signWith(t, "eddsa", []byte(numbers))})
	bigInt := strings.Replace(numbers, `"creditsEarned":1e3`, `"creditsEarned":12345678901234567890`, 1)
	// Beyond 2^53 JSON parsers disagree (RFC 8259 §6); we must agree with jsonld.js, which reads a float64.
	docs = append(docs, signed{name: "integer-beyond-float64", doc: signWith(t, "eddsa", []byte(bigInt))})
	nfd := strings.Replace(numbers, `"name":"N"`, `"name":"Cafe\u0301"`, 1)
	docs = append(docs, signed{name: "nfd-escaped", doc: signWith(t, "eddsa", []byte(nfd))})

	var jobs []job
	for _, d := range docs {
		j := job{"name": d.name, "op": "verify", "doc": jsonRaw(d.doc)}
		if d.diContext != "" {
			j["diContext"] = d.diContext
		}
		jobs = append(jobs, j)
	}
	res := s.batch(t, jobs)
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			r := res[d.name]
			if d.bug != "" && r.Error != "" {
				t.Skip("BUG: " + d.bug)
			}
			if r.Error != "" {
				t.Errorf("the reference stack rejects what we signed: %s\n%s", r.Error, shorten(d.doc))
			}
		})
	}
}
