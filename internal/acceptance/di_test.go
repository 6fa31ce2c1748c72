package acceptance

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// diCase is one credential the reference stack signs and our verifier judges.
type diCase struct {
	name   string
	reason string // why a real issuer sends this, and what the spec says about it
	doc    obj
	suite  string // eddsa-rdfc-2022 (default), ecdsa-rdfc-2019-p256/-p384, Ed25519Signature2020
	date   string // proof.created, verbatim
	bareVM bool
	// issuer, when set, is the credential's issuer instead of the signing
	// key's did:key.
	issuer string
	// diContext: the data-integrity context the VC 1.1 document carries.
	diContext string
	// refRejects: the reference stack itself refuses to sign this document
	// (invalid JSON-LD); our verifier must refuse it as well.
	refRejects bool
	// rewrite edits the signed JSON text in a way that keeps its JSON-LD
	// meaning (number spellings), before we verify it.
	rewrite func(t *testing.T, signed []byte) []byte
	want    []verify.Verdict
	check   func(t *testing.T, signed []byte, rep *verify.Report)
	bug     string // non-empty: known bug, the case is skipped with this text
	// weRefuse: our signer refuses this document by design (safe mode), so
	// TestWeSignReferenceVerifies leaves it out.
	weRefuse bool
}

var (
	verified     = []verify.Verdict{verify.Verified}
	withWarnings = []verify.Verdict{verify.VerifiedWithWarnings}
	okVerdicts   = []verify.Verdict{verify.Verified, verify.VerifiedWithWarnings}
)

func diCases() []diCase {
	withCtx := func(c obj, ctx ...string) obj {
		a := arr{}
		for _, s := range ctx {
			a = append(a, s)
		}
		c["@context"] = a
		return c
	}
	set := func(c obj, kv ...any) obj {
		for i := 0; i < len(kv); i += 2 {
			c[kv[i].(string)] = kv[i+1]
		}
		return c
	}
	subj := func(c obj) obj { return c["credentialSubject"].(obj) }
	ach := func(c obj) obj { return subj(c)["achievement"].(obj) }

	var cases []diCase
	add := func(c diCase) { cases = append(cases, c) }

	add(diCase{name: "control-vc2-eddsa", reason: "the shape our own fixtures use", doc: baseCredential(), want: verified})
	add(diCase{name: "vc2-ecdsa-p256", reason: "OB 3.0 allows any Data Integrity suite; vc-di-ecdsa ecdsa-rdfc-2019 P-256",
		doc: baseCredential(), suite: "ecdsa-rdfc-2019-p256", want: verified})
	add(diCase{name: "vc2-ecdsa-p384", reason: "vc-di-ecdsa §3.2: P-384 uses SHA-384 throughout",
		doc: baseCredential(), suite: "ecdsa-rdfc-2019-p384", want: verified})
	add(diCase{name: "vc2-ed25519signature2020", reason: "OB impl guide: deprecated suites should still verify (with a warning)",
		doc: baseCredential(), suite: "Ed25519Signature2020", want: withWarnings})

	// VC Data Model 1.1 (OB 3.0 §8 AnyAchievementCredential; cert guide: displayers verify VC 1.1 badges).
	add(diCase{name: "vc11-ob301-div1-eddsa", reason: "the 1EdTech simple-eddsa-2022 fixture's context list (credentials/v1, OB 3.0.1, data-integrity/v1)",
		doc: vc11Credential(ctxVC1, ctxOB301, ctxDIv1), diContext: ctxDIv1, want: withWarnings})
	add(diCase{name: "vc11-ob302-div1-eddsa", reason: "VC 1.1 with OB 3.0.2 and data-integrity/v1",
		doc: vc11Credential(ctxVC1, ctxOB302, ctxDIv1), diContext: ctxDIv1, want: withWarnings})
	add(diCase{name: "vc11-ob303-div2-eddsa", reason: "VC 1.1 with OB 3.0.3 and data-integrity/v2 (what the Digital Bazaar stack writes)",
		doc: vc11Credential(ctxVC1, ctxOB303, ctxDIv2), want: withWarnings})
	add(diCase{name: "vc11-ob303-div1-ecdsa-p384", reason: "VC 1.1 + ecdsa-rdfc-2019 P-384",
		doc: vc11Credential(ctxVC1, ctxOB303, ctxDIv1), diContext: ctxDIv1, suite: "ecdsa-rdfc-2019-p384", want: withWarnings})
	add(diCase{name: "vc11-ob300-ed2020", reason: "the 1EdTech simple_v1 fixture's shape: credentials/v1, OB context.json, Ed25519Signature2020",
		doc: vc11Credential(ctxVC1, ctxOB300, ctxEd2020), suite: "Ed25519Signature2020", want: withWarnings})
	add(diCase{name: "vc11-ob303-ed2020", reason: "VC 1.1 with the current OB context, legacy suite",
		doc: vc11Credential(ctxVC1, ctxOB303), suite: "Ed25519Signature2020", want: withWarnings})

	{
		c := vc11Credential(ctxVC1, ctxOB301, ctxDIv1)
		c["issuanceDate"] = "2024-01-10T00:00:00-05:00"
		add(diCase{name: "vc11-issuanceDate-offset-div1", reason: "VC 1.1 §4.7 issuanceDate is an xsd:dateTime; offsets are legal",
			doc: c, diContext: ctxDIv1, want: withWarnings})
	}
	{
		c := vc11Credential(ctxVC1, ctxOB303)
		c["issuanceDate"] = "2024-01-10T00:00:00-05:00"
		add(diCase{name: "vc11-issuanceDate-offset-ed2020", reason: "the same with the legacy suite", doc: c, suite: "Ed25519Signature2020", want: withWarnings})
	}
	{
		c := vc11Credential(ctxVC1, ctxOB301, ctxDIv1)
		c["id"] = "urn:uuid:00000000-0000-4000-8000-00000000a001"
		add(diCase{name: "vc11-div1-created-date", reason: "proof.created given explicitly",
			doc: c, diContext: ctxDIv1, date: "2024-01-10T00:00:00Z", want: withWarnings})
	}

	// Older Open Badges contexts on VC 2.0. The validator's regex accepts
	// context(-3.d.d)*.json, but 3.0.0 and 3.0.1 redefine terms the VC 2.0
	// context protects (JSON-LD 1.1 §4.1.11 "protected term redefinition"):
	// such a document is not valid JSON-LD and nothing can sign or verify it.
	add(diCase{name: "vc2-ob3.0.0", reason: "protected term redefinition with VC 2.0: must be refused",
		doc: withCtx(baseCredential(), ctxVC2, ctxOB300), refRejects: true})
	add(diCase{name: "vc2-ob3.0.1", reason: "protected term redefinition with VC 2.0: must be refused",
		doc: withCtx(baseCredential(), ctxVC2, ctxOB301), refRejects: true})
	add(diCase{name: "vc2-ob3.0.2", reason: "OB 3.0.2 is compatible with VC 2.0",
		doc: withCtx(baseCredential(), ctxVC2, ctxOB302), want: okVerdicts})

	// Issuer shapes (OB 3.0 ProfileRef = URI or Profile).
	add(diCase{name: "issuer-string", reason: "ProfileRef may be a bare URI",
		doc: set(baseCredential(), "issuer", "https://example.edu/issuers/565049"), want: verified})
	add(diCase{name: "issuer-rich-profile", reason: "Profile with address, geo, image object, otherIdentifier, parentOrg",
		doc: set(baseCredential(), "issuer", richIssuer()), want: verified})

	// Subjects.
	{
		c := baseCredential()
		c["credentialSubject"] = arr{c["credentialSubject"]}
		add(diCase{name: "subject-array-of-one", reason: "VC 2.0 allows a subject array, but OB 3.0 AchievementCredential has exactly one AchievementSubject and the official schema wants an object: proof valid, schema fails",
			doc: c, want: []verify.Verdict{verify.Failed},
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				wantOutcome(t, rep, verify.CheckProof, verify.Pass)
				wantOutcome(t, rep, verify.CheckSchema, verify.Fail)
			}})
	}
	{
		c := baseCredential()
		h := badge.HashedEmail(learnerEmail, learnerSalt)
		s := subj(c)
		delete(s, "id")
		s["identifier"] = arr{obj{"type": "IdentityObject", "hashed": true, "identityHash": h.IdentityHash,
			"identityType": "emailAddress", "salt": learnerSalt}}
		add(diCase{name: "subject-hashed-email-only", reason: "OB 3.0 §B.1.4: either id or at least one identifier", doc: c, want: verified,
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				// OB 3.0 verification step 5 (recipient): sha256(known ‖ salt), case-insensitive e-mail.
				ok, err := rep.MatchRecipient("emailAddress", "Learner@Example.com")
				if err != nil || !ok {
					t.Errorf("MatchRecipient(emailAddress, Learner@Example.com) = %v, %v; want true", ok, err)
				}
				ok, _ = rep.MatchRecipient("emailAddress", "someone@example.com")
				if ok {
					t.Error("MatchRecipient matched a different address")
				}
			}})
	}
	add(diCase{name: "rich-achievement", reason: "image object, alignments, rubric result descriptions, related, otherIdentifier, results",
		doc: set(baseCredential(), "credentialSubject", richSubject()), want: verified})

	// Extension contexts (OB 3.0 §7 Extensions; files under internal/jsonld/contexts/extensions).
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxA11y)
		a := ach(c)
		a["accessibilityAPI"] = "ARIA"
		a["accessibilityControl"] = arr{"fullKeyboardControl", "fullMouseControl"}
		add(diCase{name: "extension-accessibility", reason: "the published Accessibility extension context", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxLicense)
		a := ach(c)
		a["type"] = arr{"Achievement", "CCAchievement"}
		a["license"] = obj{"id": "CC-BY", "legalCode": "https://creativecommons.org/licenses/by/4.0/legalcode"}
		// Without the License type, legalCode is an undefined term (JSON-LD safe mode); with it, see below.
		add(diCase{name: "extension-license", reason: "legalCode is only defined inside the License type-scoped context: undefined term, must be refused",
			doc: c, refRejects: true})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxLicense)
		a := ach(c)
		a["type"] = arr{"Achievement", "CCAchievement"}
		a["license"] = obj{"id": "CC-BY", "type": arr{"License"}, "legalCode": "https://creativecommons.org/licenses/by/4.0/legalcode"}
		add(diCase{name: "extension-license-typed", reason: "the License type-scoped context redefines the protected term License (JSON-LD 1.1 §4.1.11): must be refused",
			doc: c, refRejects: true})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxApplyLnk, ctxGeo)
		a := ach(c)
		a["type"] = arr{"Achievement", "ApplyLinkAchievement"}
		add(diCase{name: "extension-applylink-geo", reason: "ApplyLink and GeoCoordinates extension contexts", doc: c, want: verified})
	}

	// Vocabulary extensions (OB 3.0 §B.2 EnumExt: listed terms or "ext:" terms).
	{
		c := baseCredential()
		ach(c)["achievementType"] = "ext:Microcredential-Level-4"
		ach(c)["otherIdentifier"] = arr{obj{"type": "IdentifierEntry", "identifier": "X-1", "identifierType": "ext:catalogueNumber"}}
		ach(c)["resultDescription"] = arr{obj{"id": "urn:uuid:6e1d3c1a-3f0b-4c8e-9d7a-1b2c3d4e5f60", "type": arr{"ResultDescription"},
			"name": "Portfolio", "resultType": "ext:PortfolioScore", "valueMin": "0", "valueMax": "10"}}
		subj(c)["result"] = arr{obj{"type": arr{"Result"}, "resultDescription": "urn:uuid:6e1d3c1a-3f0b-4c8e-9d7a-1b2c3d4e5f60", "value": "8",
			"status": "Completed"}}
		add(diCase{name: "ext-vocabulary", reason: "ext: achievementType, identifierType and resultType", doc: c, want: verified})
	}
	// The official schema named in credentialSchema is embedded: no network is needed to check it
	// (OB 3.0 verification step 1; verify doc: schema check uses the official 1EdTech JSON Schema).
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxOBExt)
		c["credentialSchema"] = arr{obj{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
			"type": "1EdTechJsonSchemaValidator2019"}}
		add(diCase{name: "credentialSchema-official", reason: "official schema id, offline", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303, ctxOBExt)
		c["refreshService"] = obj{"id": "https://example.edu/refresh/1", "type": "1EdTechCredentialRefresh"}
		add(diCase{name: "refreshService-offline", reason: "refresh needs the network: offline it is a warning with skipped=true (verify doc), never a failure",
			doc: c, want: withWarnings,
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				if c := rep.Check(verify.CheckRefresh); c == nil || c.Outcome != verify.Warn || c.Detail["skipped"] != true {
					t.Errorf("refresh check: %+v", c)
				}
			}})
	}

	// Inline contexts: OB 3.0 §B.1.1 allows any URI or Map after the first two @context items, and
	// issuers use them for their own terms (JSON-LD 1.1 §3.1). They are not fetched, so offline is fine.
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{"programCode": "https://example.edu/vocab#programCode",
			"cohort": obj{"@id": "https://example.edu/vocab#cohort", "@type": "http://www.w3.org/2001/XMLSchema#gYear"}})
		c["programCode"] = "WD-2024"
		c["cohort"] = "2024"
		add(diCase{name: "inline-context-terms", reason: "an embedded context map defining issuer terms", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{"@vocab": "https://example.edu/vocab#"})
		c["anythingGoes"] = "yes"
		add(diCase{name: "inline-context-vocab", reason: "an embedded @vocab mapping every other term", doc: c, want: verified})
	}
	{
		c := baseCredential()
		c["name"] = obj{"en": "Teamwork", "fr": "Travail d'équipe"}
		add(diCase{name: "name-language-map", reason: "the OB schema allows {lang: string} for name, but no context makes name a @language container: \"en\" is an undefined term (JSON-LD safe mode); must be refused",
			doc: c, refRejects: true})
	}
	add(diCase{name: "iri-non-ascii", reason: "IRIs (RFC 3987) are compared and canonicalized as written, not percent-encoded",
		doc: func() obj {
			c := baseCredential()
			ach(c)["id"] = "https://example.edu/achievements/café-ü"
			subj(c)["id"] = "https://example.org/learners/josé"
			return c
		}(), want: verified})
	add(diCase{name: "control-characters", reason: "RDFC-1.0 canonical N-Quads escape control characters (\\u0007, tab, DEL); both sides must escape alike",
		doc: set(baseCredential(), "name", "Bell\u0007 tab\t nl\n cr\r ff\f bs\b del\u007f nul\u0000 us\u001f"), want: verified})

	// JSON-LD 1.1 features an issuer may use in its own inline context.
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{
			"rawData":  obj{"@id": "https://example.edu/vocab#rawData", "@type": "@json"},
			"title":    obj{"@id": "https://example.edu/vocab#title", "@container": "@language"},
			"modules":  obj{"@id": "https://example.edu/vocab#modules", "@container": "@list"},
			"byCode":   obj{"@id": "https://example.edu/vocab#byCode", "@container": "@index"},
			"level":    obj{"@id": "https://example.edu/vocab#level", "@type": "@vocab"},
			"Advanced": "https://example.edu/vocab#Advanced",
		})
		c["rawData"] = obj{"z": arr{1, 2.5, "x"}, "a": obj{"nested": true}, "big": 1e3}
		c["title"] = obj{"en": "Teamwork", "fr": "Travail d'équipe", "de-CH": "Teamarbeit"}
		c["modules"] = arr{"intro", "practice", arr{"nested-a", "nested-b"}}
		c["level"] = "Advanced"
		add(diCase{name: "jsonld11-inline-features", reason: "@json literals (canonical JSON per JSON-LD 1.1 §4.2.2 / JCS), @language, @list with a nested list, @type @vocab",
			doc: c, want: verified,
			rewrite: func(t *testing.T, b []byte) []byte {
				// The @json value spelled with other member order, spacing and number forms: same JSON literal.
				return replaceAll(t, b, `"big":1000`, `"big":1E3`)
			}})
		x := jsonClone(c).(map[string]any)
		x["byCode"] = obj{"TW1": "first", "TW2": "second"}
		add(diCase{name: "index-container-keys", reason: "@index keys are not in the RDF a proof signs (JSON-LD 1.1 §4.6.1), so they could be changed freely; jsonld.js signs them anyway, our verifier refuses by design (credential doc: safe mode)",
			doc: x, want: []verify.Verdict{verify.Failed}, weRefuse: true, check: func(t *testing.T, _ []byte, rep *verify.Report) {
				wantOutcome(t, rep, verify.CheckContext, verify.Fail)
			}})
		n := jsonClone(c).(map[string]any)
		n["rawData"] = obj{"a": obj{"n": nil}, "list": arr{nil, 1}}
		add(diCase{name: "json-literal-with-null", reason: "JSON-LD 1.1 §4.2.2: a JSON literal is kept whole, nulls included; its canonical JSON (with null) is what is signed",
			doc: n, want: verified})
	}

	// More JSON shapes issuers' tools emit, each legal JSON-LD 1.1.
	{
		c := baseCredential()
		c["https://example.edu/vocab#internalRef"] = "ABC-123"
		ach(c)["https://schema.org/educationalLevel"] = obj{"@id": "https://example.edu/levels/4"}
		add(diCase{name: "absolute-iri-keys", reason: "JSON-LD 1.1 §4.1.2: an absolute IRI needs no term definition", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{"ex": "https://example.edu/ns#"})
		c["ex:programme"] = "Web"
		c["ex:issued"] = obj{"@value": "2024-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date"}
		add(diCase{name: "compact-iri-typed-value", reason: "a prefix from an inline context and a typed value object", doc: c, want: verified})
	}
	{
		c := baseCredential()
		c["description"] = obj{"@value": "شارة العمل الجماعي", "@language": "ar", "@direction": "rtl"}
		add(diCase{name: "direction-rtl", reason: "VC 2.0 §11.1 base direction; both stacks must treat @direction alike (the schema wants a string, so the credential is not OB-conformant but its proof must be judged like the reference does)",
			doc: c, want: []verify.Verdict{verify.Failed}, check: func(t *testing.T, _ []byte, rep *verify.Report) {
				wantOutcome(t, rep, verify.CheckProof, verify.Pass)
			}})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{"@base": "https://example.edu/",
			"homepage": obj{"@id": "https://example.edu/vocab#homepage", "@type": "@id"},
			"memberOf": obj{"@reverse": "https://example.edu/vocab#hasMember"},
			"meta":     "@nest"})
		c["homepage"] = "pages/teamwork"
		c["meta"] = obj{"homepage": "pages/teamwork-2"}
		c["memberOf"] = obj{"id": "https://example.edu/collections/all"}
		add(diCase{name: "base-reverse-nest", reason: "@base with a relative @id-typed value, @reverse, @nest", doc: c, want: verified})
	}
	{
		c := baseCredential()
		c["@included"] = arr{obj{"id": "https://example.edu/things/1", "https://schema.org/name": "Included thing"}}
		add(diCase{name: "included", reason: "JSON-LD 1.1 §4.7 @included", doc: c, want: verified})
	}

	{
		c := baseCredential()
		c["type"] = arr{"VerifiableCredential", "OpenBadgeCredential", "https://example.edu/vocab#CourseBadge"}
		add(diCase{name: "extra-type-iri", reason: "OB 3.0: type contains the required values; others (absolute IRIs) may follow", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{"@version": 1.1, "@language": "en"})
		add(diCase{name: "default-language", reason: "JSON-LD 1.1 §4.2.4.1: a default @language tags every plain string of terms without their own", doc: c, want: verified})
	}

	// Blank nodes that only RDFC-1.0's n-degree hashing can tell apart (RDFC-1.0 §4.8): identical
	// evidence and results without ids, as an LMS export writes them.
	{
		c := baseCredential()
		ev := arr{}
		for range 12 {
			ev = append(ev, obj{"type": arr{"Evidence"}, "name": "Submission", "narrative": "Same text"})
		}
		c["evidence"] = ev
		res := arr{}
		for i := range 6 {
			res = append(res, obj{"type": arr{"Result"}, "value": []string{"A", "A", "B"}[i%3],
				"alignment": arr{obj{"type": arr{"Alignment"}, "targetName": "T", "targetUrl": "https://example.org/t"}}})
		}
		subj(c)["result"] = res
		add(diCase{name: "identical-blank-nodes", reason: "RDFC-1.0 n-degree hashing over many indistinguishable blank nodes", doc: c, want: verified})
	}
	{
		c := withCtx(baseCredential(), ctxVC2, ctxOB303)
		c["@context"] = append(c["@context"].(arr), obj{
			"claims":   obj{"@id": "https://example.edu/vocab#claims", "@container": arr{"@graph", "@set"}},
			"byId":     obj{"@id": "https://example.edu/vocab#byId", "@container": "@id"},
			"byType":   obj{"@id": "https://example.edu/vocab#byType", "@container": "@type"},
			"Workshop": "https://example.edu/vocab#Workshop",
			"note":     "https://example.edu/vocab#note",
		})
		c["claims"] = arr{obj{"note": "in a named graph"}, obj{"note": "in another"}}
		c["byId"] = obj{"https://example.edu/things/1": obj{"note": "one"}}
		c["byType"] = obj{"Workshop": obj{"note": "a workshop"}}
		add(diCase{name: "graph-id-type-containers", reason: "@graph (named graphs of blank nodes), @id and @type maps (JSON-LD 1.1 §4.9, §4.6.3)", doc: c, want: verified})
	}

	// Numbers. JSON-LD 1.1 API §8.6 (object to RDF) works on the number's
	// value: no fractional part and < 1e21 → xsd:integer canonical form;
	// otherwise xsd:double "d.dddE±n". How the JSON text spells the number
	// does not matter, so respelling a signed number must keep the proof valid.
	{
		c := set(baseCredential(), "issuer", richIssuer())
		geo := c["issuer"].(obj)["address"].(obj)["geo"].(obj)
		geo["latitude"] = 52
		geo["longitude"] = 0
		subj(c)["creditsEarned"] = 1000
		ach(c)["creditsAvailable"] = 2.5
		add(diCase{name: "numbers-respelled", reason: "1000 written as 1e3 and 1000.0, 52 as 52.0 and 5.2E1, 0 as -0 (a different issuer's JSON encoder)",
			doc: c, want: verified,
			rewrite: func(t *testing.T, b []byte) []byte {
				return replaceAll(t, b,
					`"creditsEarned":1000`, `"creditsEarned":1e3`,
					`"latitude":52`, `"latitude":52.0`,
					`"longitude":0`, `"longitude":-0`,
					`"creditsAvailable":2.5`, `"creditsAvailable":25e-1`)
			}})
	}
	{
		c := set(baseCredential(), "issuer", richIssuer())
		geo := c["issuer"].(obj)["address"].(obj)["geo"].(obj)
		geo["latitude"] = 1e21
		geo["longitude"] = -0.000001
		subj(c)["creditsEarned"] = 123456789012
		add(diCase{name: "numbers-large-and-small", reason: "1e21 is the integer/double boundary (JSON-LD 1.1 §8.6); 1e-6 needs an exponent",
			doc: c, want: verified})
	}

	// Language-tagged values: JSON-LD value objects (JSON-LD 1.1 §4.2.4), as
	// VC 2.0 §11.1 shows for name and description. The OB JSON Schema types
	// name as a string, so the credential is not OB-conformant, but its proof
	// is valid: the schema check must fail and the proof check must pass.
	{
		c := baseCredential()
		c["name"] = obj{"@value": "Teamwork Badge", "@language": "en"}
		c["description"] = arr{obj{"@value": "Travail d'équipe", "@language": "fr"}, obj{"@value": "Teamwork", "@language": "en"}}
		add(diCase{name: "language-value-objects", reason: "VC 2.0 §11.1 language and base direction", doc: c,
			want: []verify.Verdict{verify.Failed},
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				wantOutcome(t, rep, verify.CheckProof, verify.Pass)
				wantOutcome(t, rep, verify.CheckSchema, verify.Fail)
			}})
	}

	// Long and deep but legitimate.
	{
		c := baseCredential()
		ach(c)["criteria"] = obj{"narrative": strings.Repeat("Demonstrate collaboration in a group project. ", 2200)}
		add(diCase{name: "long-narrative-100KB", reason: "Markdown criteria of ~100 KB, under the 1 MiB default document limit", doc: c, want: verified})
	}
	{
		c := baseCredential()
		c["issuer"].(obj)["parentOrg"] = nestedParentOrgs(20)
		add(diCase{name: "parentOrg-chain-20", reason: "Profile.parentOrg nests Profiles; 20 levels stays under the depth limit of 64", doc: c, want: verified})
	}

	// Unicode: JSON-LD and RDFC-1.0 compare code points; nothing normalizes
	// (RDF 1.1 Concepts §3.3 literals are compared by code points).
	add(diCase{name: "unicode-nfc", reason: "precomposed é", doc: set(baseCredential(), "name", "Caf\u00e9 Badge"), want: verified,
		check: func(t *testing.T, signed []byte, _ *verify.Report) {
			nfd := bytes.Replace(signed, []byte("Caf\u00e9"), []byte("Cafe\u0301"), 1)
			if rep := runVerify(t, newVerifier(t, verify.Config{}), nfd); rep.OK() {
				t.Errorf("NFC name rewritten as NFD still verifies: the verifier normalizes Unicode")
			}
		}})
	add(diCase{name: "unicode-nfd", reason: "decomposed e + U+0301", doc: set(baseCredential(), "name", "Cafe\u0301 Badge"), want: verified,
		check: func(t *testing.T, signed []byte, _ *verify.Report) {
			nfc := bytes.Replace(signed, []byte("Cafe\u0301"), []byte("Caf\u00e9"), 1)
			if rep := runVerify(t, newVerifier(t, verify.Config{}), nfc); rep.OK() {
				t.Errorf("NFD name rewritten as NFC still verifies: the verifier normalizes Unicode")
			}
		}})
	add(diCase{name: "unicode-astral-and-escapes", reason: "emoji outside the BMP and JSON escapes (RFC 8259 §7)",
		doc: set(baseCredential(), "name", "Team \U0001F91D work \u2028 \"quoted\" \\ back"), want: verified,
		rewrite: func(t *testing.T, b []byte) []byte {
			// The same string spelled with \u escapes, as other encoders write it.
			return replaceAll(t, b, "\U0001F91D", `\ud83e\udd1d`)
		}})

	// type spellings (OB 3.0 serialization: every type may be array-compacted).
	{
		c := baseCredential()
		c["type"] = arr{"VerifiableCredential", "OpenBadgeCredential", "OpenBadgeCredential"}
		ach(c)["type"] = arr{"Achievement", "Achievement"}
		add(diCase{name: "duplicate-types", reason: "JSON-LD/RDF: a repeated type is the same triple", doc: c, want: okVerdicts})
	}
	{
		c := baseCredential()
		subj(c)["type"] = "AchievementSubject"
		ach(c)["type"] = "Achievement"
		c["issuer"].(obj)["type"] = "Profile"
		add(diCase{name: "type-as-string", reason: "JSON-LD adaptation schema accepts a single string type", doc: c, want: verified})
	}
	{
		c := baseCredential()
		c["type"] = arr{"VerifiableCredential", "AchievementCredential"}
		add(diCase{name: "type-AchievementCredential", reason: "OB 3.0: AchievementCredential is an alias of OpenBadgeCredential", doc: c, want: verified})
	}

	// Conformance failures with valid proofs: the reference stack signs anything that is valid JSON-LD;
	// OB 3.0 verification step 1 (conformance) must still fail them.
	failsWith := func(id verify.CheckID) func(t *testing.T, _ []byte, rep *verify.Report) {
		return func(t *testing.T, _ []byte, rep *verify.Report) {
			wantOutcome(t, rep, verify.CheckProof, verify.Pass)
			wantOutcome(t, rep, id, verify.Fail)
		}
	}
	failed := []verify.Verdict{verify.Failed}
	add(diCase{name: "validFrom-without-timezone", reason: "OB 3.0 DateTimeZ: a time zone is required",
		doc: set(baseCredential(), "validFrom", "2024-01-01T00:00:00"), want: failed, check: failsWith(verify.CheckSchema)})
	add(diCase{name: "validFrom-impossible-date", reason: "xsd:dateTime / RFC 3339: 30 February does not exist",
		doc: set(baseCredential(), "validFrom", "2024-02-30T00:00:00Z"), want: failed})
	{
		c := baseCredential()
		delete(ach(c), "criteria")
		add(diCase{name: "achievement-without-criteria", reason: "OB 3.0 Achievement: criteria is required", doc: c, want: failed, check: failsWith(verify.CheckSchema)})
	}
	{
		c := baseCredential()
		delete(subj(c), "id")
		add(diCase{name: "subject-without-id-or-identifier", reason: "OB 3.0 AchievementSubject: id or at least one identifier", doc: c, want: failed,
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				if !errIs(rep.Err(), verify.ErrSubject) {
					t.Errorf("want ErrSubject: %s", describe(rep))
				}
			}})
	}
	{
		c := baseCredential()
		h := badge.HashedEmail(learnerEmail, learnerSalt)
		delete(subj(c), "id")
		subj(c)["identifier"] = arr{obj{"type": "IdentityObject", "hashed": true, "identityType": "emailAddress", "salt": learnerSalt,
			"identityHash": "sha256$" + strings.ToUpper(strings.TrimPrefix(h.IdentityHash, "sha256$"))}}
		add(diCase{name: "identityHash-uppercase-hex", reason: "OB 3.0 IdentityHash: hex digits in either case", doc: c, want: verified,
			check: func(t *testing.T, _ []byte, rep *verify.Report) {
				if ok, err := rep.MatchRecipient("emailAddress", learnerEmail); !ok || err != nil {
					t.Errorf("MatchRecipient with upper-case hex: %v, %v", ok, err)
				}
			}})
	}

	{
		c := vc11Credential(ctxVC1, ctxOB303)
		delete(c, "name")
		add(diCase{name: "vc11-without-name", reason: "OB 3.0 AchievementCredentialv1p1: name is REQUIRED in the VC 1.1 shape",
			doc: c, suite: "Ed25519Signature2020", want: failed})
		c2 := baseCredential()
		delete(c2, "name")
		add(diCase{name: "vc2-without-name", reason: "OB 3.0 AchievementCredential (VC 2.0): name is optional", doc: c2, want: verified})
	}

	// Proof shapes.
	add(diCase{name: "created-fractional-offset", reason: "proof.created is an XML Schema dateTimeStamp: fractional seconds and offsets are legal (VC-DI §2.1)",
		doc: baseCredential(), date: "2024-03-01T10:20:30.123456+02:00", want: verified})
	add(diCase{name: "created-no-fraction-offset", reason: "negative offset", doc: baseCredential(), date: "2024-03-01T10:20:30-05:30", want: verified})
	add(diCase{name: "vm-bare-did-key", reason: "verificationMethod is the issuer's own did:key without fragment: a DID names a document, not a key (CID 1.0 §3.3), but a did:key names exactly one key, the issuer's; verified with a key warning naming the DID URL to write (issue 10 §4)",
		doc: baseCredential(), bareVM: true, want: withWarnings,
		check: func(t *testing.T, _ []byte, rep *verify.Report) {
			k := rep.Check(verify.CheckKey)
			if k == nil || k.Outcome != verify.Warn || !strings.Contains(k.Message, "a conformant issuer writes did:key:") {
				t.Errorf("the key check does not warn with the conformant form: %s", describe(rep))
			}
		}})
	add(diCase{name: "vm-bare-did-key-not-issuer", reason: "verificationMethod is a bare did:key that is not the issuer's DID: it names a key the issuer does not control; must not verify (issue 10 §4)",
		doc: baseCredential(), bareVM: true, issuer: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", want: []verify.Verdict{verify.Failed},
		check: func(t *testing.T, _ []byte, rep *verify.Report) {
			if k := rep.Check(verify.CheckKey); k == nil || k.Outcome != verify.Fail {
				t.Errorf("the key check does not fail: %s", describe(rep))
			}
		}})

	// Dates with offsets and fractions in the credential itself (OB DateTimeZ).
	{
		c := baseCredential()
		c["validFrom"] = "2024-01-01T08:00:00.5+08:00"
		c["validUntil"] = "2099-12-31T23:59:59.999-12:00"
		c["awardedDate"] = "2023-12-31T23:00:00-01:00"
		add(diCase{name: "dates-fraction-offset", reason: "DateTimeZ with offsets and fractions", doc: c, want: verified})
	}
	return cases
}

func replaceAll(t *testing.T, b []byte, pairs ...string) []byte {
	t.Helper()
	// The reference stack writes JSON with two-space indentation; compact it
	// first so the patterns do not depend on spacing.
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("rewrite: %q not found in %s", pairs[i], shorten([]byte(s)))
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return []byte(s)
}

// refSigned signs every case with the reference stack, in one node process.
func refSigned(t *testing.T, cases []diCase) map[string]jobResult {
	t.Helper()
	s := referenceStack(t)
	var jobs []job
	for _, c := range cases {
		suite := c.suite
		if suite == "" {
			suite = "eddsa-rdfc-2022"
		}
		j := job{"name": c.name, "op": "sign", "suite": suite, "doc": c.doc,
			"seed": "9b2f21e6c8f1d5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0"}
		if c.date != "" {
			j["date"] = c.date
		}
		if c.bareVM {
			j["bareVM"] = true
		}
		if c.issuer != "" {
			j["issuerId"] = c.issuer
		}
		if c.diContext != "" {
			j["diContext"] = c.diContext
		}
		jobs = append(jobs, j)
	}
	return s.batch(t, jobs)
}

// TestReferenceSignedCredentials: credentials shaped like other issuers'
// (VC 1.1, older contexts, extensions, unusual JSON), signed by the reference
// JavaScript stack, through verify.Verify, credential.VerifyProofs,
// badge.Parse, and baked into PNG and SVG.
func TestReferenceSignedCredentials(t *testing.T) {
	t.Parallel()
	cases := diCases()
	results := refSigned(t, cases)
	// The strict policy, so that the conformance rows fail as OB 3.0
	// verification step 1 says; under the default policy the same findings
	// are warnings (verify's TestCorpus and TestValidatorFixturesDefaultPolicy).
	v := newVerifier(t, verify.Config{Policy: verify.PolicyStrict})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.bug != "" {
				t.Skip("BUG: " + c.bug)
			}
			res := results[c.name]
			if c.refRejects {
				if res.Error == "" {
					t.Fatalf("the reference stack signed a document expected to be invalid JSON-LD")
				}
				ourSideRefuses(t, v, c.doc)
				return
			}
			if res.Error != "" {
				t.Fatalf("reference stack could not sign (%s): %s", c.reason, res.Error)
			}
			signed := []byte(res.OK)
			if c.rewrite != nil {
				signed = c.rewrite(t, signed)
			}
			rep := runVerify(t, v, signed)
			wantVerdict(t, rep, c.want...)
			if c.check != nil {
				c.check(t, signed, rep)
			}
			if !rep.OK() {
				return
			}
			// The same answer from the lower-level API (credential doc:
			// RequireIssuerController binds the key to the issuer).
			pr, err := credential.VerifyProofs(context.Background(), signed, credential.VerifyOptions{RequireIssuerController: true})
			if err != nil || pr.Err() != nil {
				t.Errorf("credential.VerifyProofs: %v / %v", err, pr.Err())
			}
			if _, err := badge.Parse(signed); err != nil {
				t.Errorf("badge.Parse of a credential verify accepts: %v", err)
			}
			// A changed byte must fail (DESIGN: tampering tests).
			if rep := runVerify(t, v, tamperName(t, signed)); rep.Verdict != verify.Failed || !errIs(rep.Err(), verify.ErrProof) {
				t.Errorf("tampered name: %s", describe(rep))
			}
			// Baked, the verdict is the same (OB 3.0 §5.3 baking keeps the credential verbatim).
			for format, img := range bakeBoth(t, signed) {
				brep := runVerify(t, v, img)
				if brep.Verdict != rep.Verdict || brep.Format != format {
					t.Errorf("baked %s: verdict %s format %q, unbaked %s: %s", format, brep.Verdict, brep.Format, rep.Verdict, describe(brep))
				}
			}
		})
	}
}

// ourSideRefuses: a document that is not valid JSON-LD (the reference stack
// refused it) must be refused here too — by AddProof, and by the verifier's
// context check (verify doc: "JSON-LD expansion with the embedded contexts").
func ourSideRefuses(t *testing.T, v *verify.Verifier, doc obj) {
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
	unsigned := mustJSON(t, d)
	if signed, err := credential.AddProof(context.Background(), unsigned, credential.SignOptions{Signer: key, VerificationMethod: vm}); err == nil {
		t.Errorf("credential.AddProof signed a document the reference stack refuses as invalid JSON-LD")
		if rep := runVerify(t, v, signed); rep.OK() {
			t.Errorf("and verify.Verify accepts it: %s", describe(rep))
		}
	}
	// With a well-formed but wrong proof, the failure must be the context check's.
	d["proof"] = map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2024-01-01T00:00:00Z",
		"verificationMethod": vm, "proofPurpose": "assertionMethod", "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk4nMCMTSWHNAPjBoo2VhTRNFmQqy5yRnu9GQZKXZBQFGL"}
	rep := runVerify(t, v, mustJSON(t, d))
	if rep.OK() {
		t.Fatalf("verify.Verify accepts invalid JSON-LD")
	}
	wantOutcome(t, rep, verify.CheckContext, verify.Fail)
}
