package acceptance

import (
	"testing"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// TestVC11Rules: the VC 1.1 shapes OB 3.0 still verifies
// (common_credentials.lines, VerifiableCredentialv1p1 and its subclasses).
// These are conformance rules, so they fail under the strict policy; the
// default policy reports them as warnings (issue 10 § 2).
func TestVC11Rules(t *testing.T) {
	t.Parallel()
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	v := newVerifier(t, verify.Config{Policy: verify.PolicyStrict})
	t.Run("no-issuanceDate", func(t *testing.T) {
		// VerifiableCredentialv1p1: issuanceDate DateTimeZ [1].
		c := vc11Credential(ctxVC1, ctxOB303)
		delete(c, "issuanceDate")
		if rep := runVerify(t, v, signAs(t, key, credential.SuiteEd25519Signature2020, c)); rep.OK() {
			t.Errorf("VC 1.1 credential without issuanceDate: %s", describe(rep))
		}
	})
	t.Run("endorsement-without-name", func(t *testing.T) {
		// EndorsementCredentialv1p1 (and the 2.0 class): name [1].
		e := obj{"@context": arr{ctxVC1, ctxOB303}, "id": "urn:uuid:00000000-0000-4000-8000-0000000000e9",
			"type": arr{"VerifiableCredential", "EndorsementCredential"}, "issuer": obj{"id": "x", "type": arr{"Profile"}},
			"issuanceDate":      "2024-01-01T00:00:00Z",
			"credentialSubject": obj{"id": achievementID, "type": arr{"EndorsementSubject"}, "endorsementComment": "ok"}}
		if rep := runVerify(t, v, signAs(t, key, credential.SuiteEd25519Signature2020, e)); rep.OK() {
			t.Errorf("VC 1.1 EndorsementCredential without name: %s", describe(rep))
		}
		e["name"] = "Endorsement"
		wantVerdict(t, runVerify(t, v, signAs(t, key, credential.SuiteEd25519Signature2020, e)), verify.VerifiedWithWarnings)
	})
}
