package verify

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/microcred/microcred/credential"
)

// TestPresentationOfUnverifiedCredential: a presentation is only as good
// as the credentials it carries. One whose credential could not be
// established (a did:web issuer, offline) is unverified, never OK, though
// the holder's own proof is fine.
func TestPresentationOfUnverifiedCredential(t *testing.T) {
	holder, forger := newIssuer(t), newIssuer(t)
	webCred := signDI(t, unsignedCredential(t, "did:web:registrar.example.edu", nil), forger,
		credential.SignOptions{VerificationMethod: "did:web:registrar.example.edu#key-1"})
	vp, err := credential.NewPresentation(holder.did, json.RawMessage(webCred))
	if err != nil {
		t.Fatal(err)
	}
	vp = signDI(t, vp, holder, credential.SignOptions{ProofPurpose: credential.PurposeAuthentication,
		Challenge: "nonce-1", Domain: "https://verifier.example"})
	r, err := offlineVerifier(t, Config{}).VerifyPresentation(context.Background(), vp,
		PresentationOptions{Challenge: "nonce-1", Domain: "https://verifier.example"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != Unverified || r.OK() || r.Check(CheckPresentation).Outcome != Pass || len(r.Nested) != 1 ||
		r.Nested[0].Verdict != Unverified || !errors.Is(r.Err(), ErrUnverified) || !errors.Is(r.Err(), ErrOfflineSkipped) {
		t.Fatalf("presentation of an unverifiable credential:\n%s\nErr: %v", r, r.Err())
	}
	if r.Authentic.Answer != AnswerUnknown || r.Current.Answer != AnswerYes || r.Conformant.Answer != AnswerYes {
		t.Fatalf("presentation assessments: %v %v %v", r.Authentic, r.Current, r.Conformant)
	}
}

// TestGarbageProofOffline is the issue's first example: with the zero
// Config, a did:web credential whose proofValue is garbage was
// verified_with_warnings. It is unverified now, and Err is not nil.
func TestGarbageProofOffline(t *testing.T) {
	forger := newIssuer(t)
	signed := signDI(t, unsignedCredential(t, "did:web:registrar.example.edu", nil), forger,
		credential.SignOptions{VerificationMethod: "did:web:registrar.example.edu#key-1"})
	var m map[string]any
	_ = json.Unmarshal(signed, &m)
	m["proof"].(map[string]any)["proofValue"] = "zGarbage111111111111111111111111111111111111"
	garbage, _ := json.Marshal(m)
	v, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, v, garbage)
	if r.OK() || r.Err() == nil || r.Verdict == Verified || r.Verdict == VerifiedWithWarnings {
		t.Fatalf("zero Config, did:web, garbage proof: %s OK=%v Err=%v\n%s", r.Verdict, r.OK(), r.Err(), r)
	}
}

// TestUnsupportedSuiteUnverified: a proof in a registered suite that
// package credential does not implement is not refuted, only not
// checkable: unverified. A suite the host chose not to accept still fails.
func TestUnsupportedSuiteUnverified(t *testing.T) {
	iss := newIssuer(t)
	signed := issue(t, iss, nil)
	var m map[string]any
	_ = json.Unmarshal(signed, &m)
	m["proof"].(map[string]any)["cryptosuite"] = "ecdsa-sd-2023"
	sd, _ := json.Marshal(m)
	expectUnverified(t, mustVerify(t, offlineVerifier(t, Config{}), sd), CheckProof, credential.ErrUnsupported)

	onlyECDSA := offlineVerifier(t, Config{AcceptedCryptosuites: []string{credential.SuiteECDSARDFC2019}})
	expectFail(t, mustVerify(t, onlyECDSA, signed), CheckProof, ErrProof)
}

// TestReportJSONRoundTrip: a stored report keeps its verdict, policy,
// assessments and StrictFail marks, and Err still classifies it.
func TestReportJSONRoundTrip(t *testing.T) {
	iss := newIssuer(t)
	r := mustVerify(t, offlineVerifier(t, Config{}), issue(t, iss, func(m map[string]any) {
		m["issuer"].(map[string]any)["image"] = "https://example.edu/logo.png"
	}))
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Verdict != VerifiedWithWarnings || back.Policy != PolicyDefault || back.Conformant.Answer != AnswerNo ||
		!back.Check(CheckSchema).StrictFail || back.Authentic.Answer != AnswerYes || back.Err() != nil {
		t.Fatalf("round trip lost something:\n%s", b)
	}
	un := mustVerify(t, offlineVerifier(t, Config{}), signDI(t, unsignedCredential(t, "did:web:x.example", nil), iss,
		credential.SignOptions{VerificationMethod: "did:web:x.example#k"}))
	b, _ = json.Marshal(un)
	back = Report{}
	_ = json.Unmarshal(b, &back)
	if back.Verdict != Unverified || !errors.Is(back.Err(), ErrUnverified) || !errors.Is(back.Err(), ErrProof) {
		t.Fatalf("decoded unverified report: %v", back.Err())
	}
}

// TestNotACredential: the default policy softens data-model findings, but a
// signed document that is not a Verifiable Credential at all is no
// credential with warnings: it fails in every policy.
func TestNotACredential(t *testing.T) {
	iss := newIssuer(t)
	doc := signDI(t, []byte(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
		"id":"https://example.edu/logo.png","type":"Image","caption":"a signed image, not a credential"}`), iss, credential.SignOptions{})
	for _, p := range []Policy{PolicyDefault, PolicyStrict} {
		expectFail(t, mustVerify(t, offlineVerifier(t, Config{Policy: p}), doc), CheckType, ErrType)
	}
}
