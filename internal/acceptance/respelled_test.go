package acceptance

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

// TestRespelledProperties: issue 15 §1 and DESIGN.md principle 9. An RDF
// proof (eddsa-rdfc-2022, Ed25519Signature2020, ...) covers the RDF dataset,
// not the JSON text, so a holder can respell a property and keep the
// signature: validUntil written as its IRI, through an appended alias or
// an appended @vocab; credentialStatus or endorsement renamed to their
// IRIs; achievement.id written as a compact IRI. The reference stack
// verifies every rewrite below (that is what makes them dangerous); each
// must end failed here, be refused by pathway.FromReport, and make
// examples/verify exit 1.
func TestRespelledProperties(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	const (
		now       = "2026-01-01T00:00:00Z"
		listURL   = "https://status.example.edu/respelled"
		expiredAt = "2025-06-01T00:00:00Z"
	)
	expired := baseCredential()
	expired["validUntil"] = expiredAt
	expired11 := vc11Credential(ctxVC1, ctxOB303, ctxEd2020)
	expired11["expirationDate"] = expiredAt
	revoked := baseCredential()
	revoked["credentialStatus"] = obj{"id": listURL + "#5", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": listURL}
	endorsementDoc := obj{
		"@context": arr{ctxVC2, ctxOB303}, "id": "urn:uuid:00000000-0000-4000-8000-00000000e001",
		"type": arr{"VerifiableCredential", "EndorsementCredential"}, "issuer": obj{"id": "did:placeholder", "type": arr{"Profile"}},
		"validFrom": "2024-01-01T00:00:00Z", "name": "Endorsement",
		"credentialSubject": obj{"id": achievementID, "type": arr{"EndorsementSubject"}, "endorsementComment": "sound"},
	}
	endorsed := baseCredential()
	endorsed["endorsement"] = arr{"$tampered:endorsement"}
	plain := baseCredential()
	list := obj{
		"@context": arr{ctxVC2}, "id": listURL, "type": arr{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": "did:placeholder", "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": listURL + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
			"encodedList": encodedList(t, 5)},
	}
	sign := func(name, suite string, doc any) job {
		return job{"name": name, "op": "sign", "suite": suite, "seed": issuerSeed, "doc": doc, "date": "2024-01-01T00:00:00Z"}
	}
	res := s.batch(t, []job{
		sign("expired", "eddsa-rdfc-2022", expired),
		sign("expired-p256", "ecdsa-rdfc-2019-p256", expired),
		sign("expired11", "Ed25519Signature2020", expired11),
		sign("list", "eddsa-rdfc-2022", list),
		sign("revoked", "eddsa-rdfc-2022", revoked),
		{"name": "endorsement", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": endorsementDoc, "date": "2024-01-01T00:00:00Z"},
		sign("endorsed", "eddsa-rdfc-2022", endorsed),
		sign("plain", "eddsa-rdfc-2022", plain),
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	// The same credentials signed by us.
	var ourEndorsement obj
	json.Unmarshal(ourSignedWith(t, endorsementDoc, credential.SuiteEdDSARDFC2022), &ourEndorsement)
	ourEndorsement["name"] = "A name the endorser never signed"
	endorsedOurs := baseCredential()
	endorsedOurs["endorsement"] = arr{ourEndorsement}
	ours := map[string][]byte{
		"expired":   ourSignedWith(t, expired, credential.SuiteEdDSARDFC2022),
		"expired11": ourSignedWith(t, expired11, credential.SuiteEd25519Signature2020),
		"endorsed":  ourSignedWith(t, endorsedOurs, credential.SuiteEdDSARDFC2022),
		"plain":     ourSignedWith(t, plain, credential.SuiteEdDSARDFC2022),
	}

	cases := []struct {
		name, base, term string
		rewrite          func(d obj)
	}{
		{"validUntil-iri", "expired", "validUntil", func(d obj) { asIRI(d, "validUntil", credNS+"validUntil", dateTime) }},
		{"validUntil-alias", "expired", "validUntil", func(d obj) { viaAlias(d, "validUntil", credNS+"validUntil") }},
		{"validUntil-vocab", "expired", "validUntil", func(d obj) { viaVocab(d, "validUntil", credNS+"valid", "Until") }},
		{"validUntil-iri-ecdsa", "expired-p256", "validUntil", func(d obj) { asIRI(d, "validUntil", credNS+"validUntil", dateTime) }},
		{"expirationDate-iri-Ed25519Signature2020", "expired11", "expirationDate", func(d obj) {
			asIRI(d, "expirationDate", credNS+"expirationDate", dateTime)
		}},
		{"expirationDate-alias-Ed25519Signature2020", "expired11", "expirationDate", func(d obj) {
			viaAlias(d, "expirationDate", credNS+"expirationDate")
		}},
		{"expirationDate-vocab-Ed25519Signature2020", "expired11", "expirationDate", func(d obj) {
			viaVocab(d, "expirationDate", credNS+"expiration", "Date")
		}},
		{"credentialStatus-iri-revoked", "revoked", "credentialStatus", func(d obj) {
			asIRI(d, "credentialStatus", credNS+"credentialStatus", nil)
		}},
		{"endorsement-iri", "endorsed", "endorsement", func(d obj) {
			asIRI(d, "endorsement", "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement", nil)
		}},
		{"achievement-id-compact", "plain", "id", func(d obj) {
			d["@context"] = append(d["@context"].(arr), obj{"ach": "https://example.edu/achievements/"})
			d["credentialSubject"].(obj)["achievement"].(obj)["id"] = "ach:teamwork"
		}},
	}

	rt := &routes{docs: map[string][]byte{listURL: res["list"].OK}}
	v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}, Clock: at(now)})
	verifyBin := exampleBin(t, "verify")
	dir := t.TempDir()
	var refJobs []job
	type input struct {
		name, term string
		doc        []byte
	}
	var inputs []input
	for _, c := range cases {
		signers := map[string][]byte{"ref": res[c.base].OK}
		if b, ok := ours[c.base]; ok {
			signers["ours"] = b
		}
		for who, signed := range signers {
			var d obj
			if err := json.Unmarshal(signed, &d); err != nil {
				t.Fatal(err)
			}
			c.rewrite(d)
			name := c.name + "/" + who
			inputs = append(inputs, input{name, c.term, mustJSON(t, d)})
			refJobs = append(refJobs, job{"name": name, "op": "verify", "doc": jsonRaw(mustJSON(t, d))})
		}
	}
	// The reference stack checks the proofs (and, for the rewrites, no
	// longer sees validUntil): each rewrite kept the signature. The control:
	// it refuses the expired original, so it is the rewrite that fools it.
	refJobs = append(refJobs, job{"name": "original", "op": "verify", "doc": jsonRaw(res["expired"].OK)})
	ref := s.batch(t, refJobs)
	if ref["original"].Error == "" {
		t.Errorf("the reference stack verifies the expired original (validUntil %s)", expiredAt)
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			if r := ref[in.name]; r.Error != "" {
				t.Errorf("the reference stack does not verify the rewrite, so it did not keep the signature: %s", shorten([]byte(r.Error)))
			}
			rep := runVerify(t, v, in.doc)
			if rep.OK() || !errors.Is(rep.Err(), verify.ErrRespelled) || !errors.Is(rep.Err(), verify.ErrProof) {
				t.Fatalf("want failed with ErrRespelled under ErrProof; %s", describe(rep))
			}
			if msg := rep.Check(verify.CheckProof).Message; !strings.Contains(msg, in.term) {
				t.Errorf("the proof check does not name %q: %s", in.term, msg)
			}
			if es, err := pathway.FromReport(rep); !errors.Is(err, pathway.ErrNotVerified) {
				t.Errorf("pathway.FromReport accepted a respelled credential: %v, %+v", err, es)
			}
			file := writeFile(t, dir, strings.ReplaceAll(in.name, "/", "-")+".json", in.doc)
			if code, out, errOut := runCmd(t, nil, verifyBin, "-offline", "-now", now, file); code != 1 {
				t.Errorf("examples/verify -offline -now %s: exit %d, want 1\n%s\n%s", now, code, shorten([]byte(out)), shorten([]byte(errOut)))
			}
		})
	}
}

const (
	credNS   = "https://www.w3.org/2018/credentials#"
	dateTime = "http://www.w3.org/2001/XMLSchema#dateTime"
)

// asIRI renames d[term] to iri; with typ, the value becomes the value
// object the term's type coercion would have made.
func asIRI(d obj, term, iri string, typ any) {
	v := d[term]
	delete(d, term)
	if typ != nil {
		v = obj{"@value": v, "@type": typ}
	}
	d[iri] = v
}

// viaAlias appends an inline context defining "until" as iri, typed as a
// date-time, and renames d[term] to it.
func viaAlias(d obj, term, iri string) {
	d["@context"] = append(d["@context"].(arr), obj{"until": obj{"@id": iri, "@type": dateTime}})
	d["until"] = d[term]
	delete(d, term)
}

// viaVocab appends an inline context whose @vocab is vocab, and renames
// d[term] to key, so that @vocab builds the term's IRI from it.
func viaVocab(d obj, term, vocab, key string) {
	d["@context"] = append(d["@context"].(arr), obj{"@vocab": vocab})
	d[key] = obj{"@value": d[term], "@type": dateTime}
	delete(d, term)
}

// ourSignedWith signs doc with a fresh Ed25519 key (issuer: its did:key)
// and the given suite.
func ourSignedWith(t *testing.T, doc obj, suite string) []byte {
	t.Helper()
	key, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	d := jsonClone(doc).(map[string]any)
	if iss, ok := d["issuer"].(map[string]any); ok {
		iss["id"] = did
	} else {
		d["issuer"] = did
	}
	out, err := credential.AddProof(context.Background(), mustJSON(t, d), credential.SignOptions{Signer: key, VerificationMethod: vm,
		Cryptosuite: suite, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
