package verify

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/credential/status"
	"github.com/microcred/microcred/internal/fixtures"
)

const xsdDateTime = "http://www.w3.org/2001/XMLSchema#dateTime"

// rewrite decodes a signed credential, lets f respell it and encodes it
// again. f must keep the RDF dataset, so the proof still verifies.
func rewrite(t testing.TB, signed []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(signed, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rename moves m[from] to m[to], optionally turning the value into what
// conv makes of it.
func rename(m map[string]any, from, to string, conv func(any) any) {
	v := m[from]
	delete(m, from)
	if conv != nil {
		v = conv(v)
	}
	m[to] = v
}

func dateValue(v any) any { return map[string]any{"@value": v, "@type": xsdDateTime} }

func appendContext(m map[string]any, c any) {
	m["@context"] = append(m["@context"].([]any), c)
}

// Respellings of validUntil (expirationDate in VC 1.1) that keep the RDF.
var dateRespellings = []struct {
	name string
	f    func(m map[string]any, term string)
}{
	{"absolute IRI key with @value and @type", func(m map[string]any, term string) {
		rename(m, term, "https://www.w3.org/2018/credentials#"+term, dateValue)
	}},
	{"alias from an appended inline context", func(m map[string]any, term string) {
		appendContext(m, map[string]any{"until": map[string]any{"@id": "https://www.w3.org/2018/credentials#" + term, "@type": xsdDateTime}})
		rename(m, term, "until", nil)
	}},
	{"key built by an appended @vocab", func(m map[string]any, term string) {
		appendContext(m, map[string]any{"@vocab": "https://www.w3.org/2018/credentials#" + term[:len(term)-5]})
		rename(m, term, term[len(term)-5:], dateValue)
	}},
	{"compact IRI key", func(m map[string]any, term string) {
		appendContext(m, map[string]any{"c": "https://www.w3.org/2018/credentials#"})
		rename(m, term, "c:"+term, dateValue)
	}},
	{"standard term as a value object", func(m map[string]any, term string) {
		m[term] = dateValue(m[term])
	}},
}

// expectRespelled asserts that r failed at the proof check with
// ErrRespelled although the signature itself verified: the rewrite kept
// the signed data, and only the respelling check stands between it and a
// verdict read from the wrong JSON.
func expectRespelled(t *testing.T, r *Report, term string) {
	t.Helper()
	expectFail(t, r, CheckProof, ErrRespelled)
	if !errors.Is(r.Err(), ErrProof) {
		t.Fatalf("Err() = %v; want ErrProof too", r.Err())
	}
	c := r.Check(CheckProof)
	proofs, _ := c.Detail["proofs"].([]map[string]any)
	if len(proofs) == 0 || proofs[0]["verified"] != true {
		t.Fatalf("the rewrite broke the signature, so this case proves nothing:\n%s", r)
	}
	if !strings.Contains(c.Message, term) {
		t.Errorf("message %q does not name %q", c.Message, term)
	}
}

func TestRespelledValidity(t *testing.T) {
	iss := newIssuer(t)
	v := offlineVerifier(t, Config{})
	vc2 := func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" }
	vc11 := func(m map[string]any) {
		m["@context"] = []any{"https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}
		rename(m, "validFrom", "issuanceDate", nil)
		m["expirationDate"] = "2020-01-01T00:00:00Z"
	}
	for _, c := range []struct {
		name, suite, term string
		mod               func(map[string]any)
	}{
		{"eddsa-rdfc-2022", credential.SuiteEdDSARDFC2022, "validUntil", vc2},
		{"Ed25519Signature2020 VC 2.0", credential.SuiteEd25519Signature2020, "validUntil", vc2},
		{"Ed25519Signature2020 VC 1.1", credential.SuiteEd25519Signature2020, "expirationDate", vc11},
	} {
		signed := signDI(t, unsignedCredential(t, iss.did, c.mod), iss, credential.SignOptions{Cryptosuite: c.suite})
		// The control: as issued, the credential has expired.
		expectFail(t, mustVerify(t, v, signed), CheckValidity, ErrExpired)
		for _, rs := range dateRespellings {
			t.Run(c.name+"/"+rs.name, func(t *testing.T) {
				r := mustVerify(t, v, rewrite(t, signed, func(m map[string]any) { rs.f(m, c.term) }))
				expectRespelled(t, r, c.term)
			})
		}
	}
}

func TestRespelledECDSA(t *testing.T) {
	k, err := credential.GenerateKey(credential.KeyP256)
	if err != nil {
		t.Fatal(err)
	}
	did, _ := credential.DIDKey(k.Public())
	vm, _ := credential.DIDKeyVerificationMethod(k.Public())
	iss := testIssuer{k, did, vm}
	signed := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" }), iss, credential.SignOptions{})
	r := mustVerify(t, offlineVerifier(t, Config{}), rewrite(t, signed, func(m map[string]any) { dateRespellings[0].f(m, "validUntil") }))
	expectRespelled(t, r, "validUntil")
}

func TestRespelledStatus(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	i, _ := f.list.AllocateRandom(nil)
	cred := f.credential(t, i)
	if err := f.list.Revoke(i); err != nil {
		t.Fatal(err)
	}
	f.publish(t, f.iss)
	expectFail(t, mustVerify(t, f.v, cred), CheckStatus, ErrRevoked)
	for _, c := range []struct {
		name string
		f    func(m map[string]any)
	}{
		{"credentialStatus as its IRI", func(m map[string]any) {
			rename(m, "credentialStatus", "https://www.w3.org/2018/credentials#credentialStatus", nil)
		}},
		{"statusListIndex as its IRI", func(m map[string]any) {
			rename(m["credentialStatus"].(map[string]any), "statusListIndex", "https://www.w3.org/ns/credentials/status#statusListIndex", nil)
		}},
		{"statusListCredential as a compact IRI", func(m map[string]any) {
			appendContext(m, map[string]any{"list": f.s.URL + "/status/"})
			m["credentialStatus"].(map[string]any)["statusListCredential"] = "list:1"
		}},
		{"status entry id written @id", func(m map[string]any) {
			rename(m["credentialStatus"].(map[string]any), "id", "@id", nil)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustVerify(t, f.v, rewrite(t, cred, c.f))
			expectRespelled(t, r, "")
			if !strings.Contains(r.Check(CheckProof).Message, "credentialStatus") {
				t.Errorf("message does not name credentialStatus: %s", r.Check(CheckProof).Message)
			}
			if c := r.Check(CheckStatus); c.Outcome == Pass {
				t.Errorf("status passed:\n%s", r)
			}
		})
	}
}

func TestRespelledEndorsement(t *testing.T) {
	iss, endorser := newIssuer(t), newIssuer(t)
	bad := endorsement(t, endorser, iss.did)
	bad["name"] = "tampered after signing" // its own proof now fails
	signed := issue(t, iss, func(m map[string]any) { m["endorsement"] = []any{bad} })
	// Under the default policy a failed endorsement only warns; the strict
	// policy fails it, so the respelling must not hide it there.
	v := offlineVerifier(t, Config{Policy: PolicyStrict})
	expectFail(t, mustVerify(t, v, signed), CheckEndorsements, ErrEndorsement)
	if r := mustVerify(t, offlineVerifier(t, Config{}), signed); r.Check(CheckEndorsements).Outcome != Warn {
		t.Errorf("default policy: the failed endorsement does not warn:\n%s", r)
	}
	r := mustVerify(t, v, rewrite(t, signed, func(m map[string]any) {
		rename(m, "endorsement", "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement", nil)
	}))
	expectRespelled(t, r, "endorsement")
}

func TestRespelledAchievementID(t *testing.T) {
	iss := newIssuer(t)
	signed := issue(t, iss, nil)
	v := offlineVerifier(t, Config{})
	if r := mustVerify(t, v, signed); r.Verdict != Verified {
		t.Fatalf("control:\n%s", r)
	}
	for _, c := range []struct {
		name, term string
		f          func(m map[string]any)
	}{
		{"achievement.id as a compact IRI", "id", func(m map[string]any) {
			appendContext(m, map[string]any{"ach": "https://example.com/achievements/"})
			m["credentialSubject"].(map[string]any)["achievement"].(map[string]any)["id"] = "ach:21st-century-skills/teamwork"
		}},
		{"achievement as its IRI", "achievement", func(m map[string]any) {
			rename(m["credentialSubject"].(map[string]any), "achievement", "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement", nil)
		}},
		{"issuer id as a compact IRI", "id", func(m map[string]any) {
			appendContext(m, map[string]any{"k": "did:key:"})
			m["issuer"].(map[string]any)["id"] = "k:" + strings.TrimPrefix(iss.did, "did:key:")
		}},
		{"credentialSubject id written @id", "id", func(m map[string]any) {
			rename(m["credentialSubject"].(map[string]any), "id", "@id", nil)
		}},
		{"type written @type", "type", func(m map[string]any) { rename(m, "type", "@type", nil) }},
		{"type as an IRI", "type", func(m map[string]any) {
			m["type"] = []any{"VerifiableCredential", "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustVerify(t, v, rewrite(t, signed, c.f))
			expectRespelled(t, r, c.term)
		})
	}
}

// TestRespelledControls pins what the check must leave alone: appended
// contexts that define other terms, JCS proofs (which sign the JSON as
// written) and VC-JWTs.
func TestRespelledControls(t *testing.T) {
	iss := newIssuer(t)
	v := offlineVerifier(t, Config{})
	extra := issue(t, iss, func(m map[string]any) {
		appendContext(m, map[string]any{"ex": "https://example.org/vocab#", "shoeSize": "ex:shoeSize"})
		m["shoeSize"] = "42"
		m["credentialSubject"].(map[string]any)["ex:favourite"] = "tea"
	})
	if r := mustVerify(t, v, extra); !r.OK() {
		t.Errorf("appended context for other terms:\n%s", r)
	}
	// A JCS proof signs the bytes: an issuer who writes validUntil as its
	// IRI signs exactly that, and the checks keep reading the JSON as
	// before (the validity check sees no validUntil).
	jcs := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) {
		m["https://www.w3.org/2018/credentials#validUntil"] = dateValue("2030-01-01T00:00:00Z")
	}), iss, credential.SignOptions{Cryptosuite: credential.SuiteEdDSAJCS2022})
	if r := mustVerify(t, v, jcs); !r.OK() || r.Check(CheckProof).Outcome != Pass {
		t.Errorf("JCS credential with an IRI key:\n%s", r)
	}
}

func TestCoversRDF(t *testing.T) {
	for _, c := range []struct {
		name  string
		proof any
		want  bool
	}{
		{"no proof", nil, false},
		{"eddsa-rdfc-2022", map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}, true},
		{"Ed25519Signature2020 has no cryptosuite", map[string]any{"type": "Ed25519Signature2020"}, true},
		{"eddsa-jcs-2022 alone signs the JSON", map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}, false},
		{"a JCS proof does not exempt an RDFC one", []any{
			map[string]any{"cryptosuite": "ecdsa-jcs-2019"}, map[string]any{"cryptosuite": "ecdsa-rdfc-2019"}}, true},
		{"a non-object proof is ignored", []any{"x"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := coversRDF(c.proof); got != c.want {
				t.Errorf("%s: coversRDF = %v, want %v", c.name, got, c.want)
			}
		})
	}
}

// TestRespelledUnexpandable: a second proof of an unknown type, whose terms
// no context defines, stops the whole document from expanding while the
// first proof (which signs the document without its proofs) still
// verifies. The respelling must still be found.
func TestRespelledUnexpandable(t *testing.T) {
	iss := newIssuer(t)
	signed := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" }), iss, credential.SignOptions{})
	r := mustVerify(t, offlineVerifier(t, Config{}), rewrite(t, signed, func(m map[string]any) {
		dateRespellings[0].f(m, "validUntil")
		m["proof"] = []any{m["proof"], map[string]any{"type": "SomeProofType", "created": "2022-11-16T18:54:22Z", "proofPurpose": "assertionMethod"}}
	}))
	expectRespelled(t, r, "validUntil")
}

func TestTypeMatches(t *testing.T) {
	for _, c := range []struct {
		term, iri string
		want      bool
		why       string
	}{
		{"OpenBadgeCredential", nsOB + "OpenBadgeCredential", true, "the standard term"},
		{"AchievementCredential", nsOB + "OpenBadgeCredential", true, "the OB contexts alias it to OpenBadgeCredential"},
		{"OpenBadgeCredential", nsOBBeta + "OpenBadgeCredential", true, "the 3.0 beta context's vocabulary"},
		{"OpenBadgeCredential", "https://example.org/OpenBadgeCredential", false, "redefined by an appended context"},
		{nsOB + "OpenBadgeCredential", nsOB + "OpenBadgeCredential", false, "a type the type check looks for, written as its IRI"},
		{"ex:OpenBadgeCredential", nsOB + "OpenBadgeCredential", false, "the same, through a compact IRI"},
		{"ex:Thing", "https://example.org/Thing", false, "a compact IRI reads otherwise than it is signed"},
		{"https://example.org/Thing", "https://example.org/Thing", true, "an absolute IRI is read as signed"},
		{"Alignment", "https://schema.org/AlignmentObject", true, "a term is what its context makes of it"},
	} {
		t.Run(c.why, func(t *testing.T) {
			if got := typeMatches(c.term, c.iri); got != c.want {
				t.Errorf("typeMatches(%q, %q) = %v, want %v: %s", c.term, c.iri, got, c.want, c.why)
			}
		})
	}
}

// TestRespelledDetached: properties stated away from the node the checks
// read — through @included and @reverse, @nest, or another node object
// carrying the credential's id — keep the RDF and must be refused.
func TestRespelledDetached(t *testing.T) {
	iss := newIssuer(t)
	v := offlineVerifier(t, Config{})
	signed := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" }), iss, credential.SignOptions{})
	for _, c := range []struct {
		name, term string
		keepsSig   bool // the rewrite keeps the signed data
		f          func(m map[string]any)
	}{
		{"@nest", "validUntil", true, func(m map[string]any) {
			m["@nest"] = map[string]any{"validUntil": m["validUntil"]}
			delete(m, "validUntil")
		}},
		{"@included with @reverse", "credentialSubject", true, func(m map[string]any) {
			// The subject node, included apart and linked back by
			// @reverse: the same triple, nowhere the checks look.
			subj := m["credentialSubject"].(map[string]any)
			delete(m, "credentialSubject")
			subj["@reverse"] = map[string]any{nsCred + "credentialSubject": map[string]any{"id": m["id"]}}
			m["@included"] = []any{subj}
		}},
		{"credentialStatus through @reverse", "credentialStatus", false, func(m map[string]any) {
			m["@included"] = []any{map[string]any{"id": "https://example.org/status#1",
				"@reverse": map[string]any{nsCred + "credentialStatus": map[string]any{"id": m["id"]}}}}
		}},
		{"the credential's id in @included", "id", false, func(m map[string]any) {
			m["@included"] = []any{map[string]any{"id": m["id"], nsCred + "validUntil": dateValue("2099-01-01T00:00:00Z")}}
		}},
		{"the credential's id on another node", "id", false, func(m map[string]any) {
			// A node with the credential's id under the subject's
			// achievement is the credential again: validUntil moves there.
			// (An extra triple links it, so only the check's refusal
			// matters here, not whether the proof still holds.)
			a := m["credentialSubject"].(map[string]any)["achievement"].(map[string]any)
			a["related"] = []any{map[string]any{"id": m["id"], nsCred + "validUntil": dateValue(m["validUntil"])}}
			delete(m, "validUntil")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustVerify(t, v, rewrite(t, signed, c.f))
			if r.OK() || !errors.Is(r.Err(), ErrRespelled) {
				t.Fatalf("want failed with ErrRespelled:\n%s", r)
			}
			if c.keepsSig {
				expectRespelled(t, r, c.term)
			}
			if !strings.Contains(r.Check(CheckProof).Message, c.term) {
				t.Errorf("message does not name %q: %s", c.term, r.Check(CheckProof).Message)
			}
		})
	}
}

// TestRespelledCLR: renaming a CLR's verifiableCredential to its IRI
// would hide the nested credentials (one of them failing) from the
// clr-nested check. The 1EdTech CLR test vector, verified as the
// validator does (its key is a fragment of the issuer's id).
func TestRespelledCLR(t *testing.T) {
	v := offlineVerifier(t, Config{UnsafeTrustFragmentKeys: true})
	signed := fixtures.Read(t, "1edtech/testvectors/clrv2p0-signed.json")
	if r := mustVerify(t, v, signed); r.Check(CheckProof).Outcome == Fail {
		t.Fatalf("control:\n%s", r)
	}
	r := mustVerify(t, v, rewrite(t, signed, func(m map[string]any) {
		subj := m["credentialSubject"].(map[string]any)
		rename(subj, "verifiableCredential", nsCLR+"verifiableCredential", nil)
	}))
	expectRespelled(t, r, "verifiableCredential")
	if c := r.Check(CheckCLRNested); c != nil && c.Outcome == Pass {
		t.Errorf("clr-nested passed although the nested credentials were hidden:\n%s", r)
	}
}

// TestContextCheckStillCoversProofs: the context check expands the proofs
// apart from the document they sign (so that the proof check can reuse the
// document's expansion), yet an undefined term in a proof still fails it,
// as when the whole credential was expanded in one piece.
func TestContextCheckStillCoversProofs(t *testing.T) {
	iss := newIssuer(t)
	signed := signDI(t, unsignedCredential(t, iss.did, nil), iss, credential.SignOptions{})
	v := offlineVerifier(t, Config{})
	for _, c := range []struct {
		name string
		why  string
		f    func(m map[string]any)
		want Outcome
	}{
		{"as signed", "the proofs use only defined terms", func(map[string]any) {}, Pass},
		{"undefined term in a second proof", "a JSON-LD processor would drop it", func(m map[string]any) {
			m["proof"] = []any{m["proof"], map[string]any{"type": "SomeProofType", "proofPurpose": "assertionMethod"}}
		}, Fail},
		{"undefined term in the proof", "the proof's own terms are checked too", func(m map[string]any) {
			m["proof"].(map[string]any)["notATerm"] = "x"
		}, Fail},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustVerify(t, v, rewrite(t, signed, c.f))
			if got := r.Check(CheckContext); got == nil || got.Outcome != c.want {
				t.Errorf("%s: context check %+v, want %v: %s", c.name, got, c.want, c.why)
			}
		})
	}
}

// TestRespellingPath: a difference deep in the document names the JSON
// path of the node it is in, with array positions, though the comparison
// builds that path only when it finds a difference; a key written in
// another case is refused, "type" before any other.
func TestRespellingPath(t *testing.T) {
	sub := func(name string) map[string]any {
		return map[string]any{"@id": "did:example:1", nsOB + "achievement": []any{map[string]any{
			"@id": "urn:a", nsSchema + "name": []any{map[string]any{"@value": name}}}}}
	}
	expanded := []any{map[string]any{nsCred + "credentialSubject": []any{sub("A"), sub("B")}}}
	jsonSub := func(name string) map[string]any {
		return map[string]any{"id": "did:example:1", "achievement": map[string]any{"id": "urn:a", "name": name}}
	}
	for _, c := range []struct {
		name, second, want string
		extra              map[string]any // more JSON properties of the top node
	}{
		{"the same", "B", "", nil},
		{"the second subject's achievement differs", "C", "credential.credentialSubject[1].achievement.name: ", nil},
		// Case variants, which one pass over the keys finds: type first.
		{"a case variant of type", "B", `credential.type: written "Type"`, map[string]any{"Type": "X"}},
		{"a case variant of a property", "B", `credential.validFrom: written "ValidFrom"`, map[string]any{"ValidFrom": "2020-01-01T00:00:00Z"}},
		{"both", "B", `credential.type: written "TYPE"`, map[string]any{"TYPE": "X", "ValidFrom": "2020-01-01T00:00:00Z"}},
	} {
		doc := map[string]any{"credentialSubject": []any{jsonSub("A"), jsonSub(c.second)}}
		for k, v := range c.extra {
			doc[k] = v
		}
		err := compareSigned(doc, expanded, 10)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%s: got %v, want an error beginning %q", c.name, err, c.want)
		}
	}
}
