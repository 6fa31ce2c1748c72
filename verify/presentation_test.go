package verify

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

func TestPresentation(t *testing.T) {
	iss, holder, stranger := newIssuer(t), newIssuer(t), newIssuer(t)
	cred := issue(t, iss, nil)
	present := func(signer testIssuer, holderID string, creds ...[]byte) []byte {
		var raws []json.RawMessage
		for _, c := range creds {
			raws = append(raws, c)
		}
		vp, err := credential.NewPresentation(holderID, raws...)
		if err != nil {
			t.Fatal(err)
		}
		return signDI(t, vp, signer, credential.SignOptions{ProofPurpose: credential.PurposeAuthentication,
			Challenge: "nonce-123", Domain: "https://verifier.example"})
	}
	v := offlineVerifier(t, Config{})
	opts := PresentationOptions{Challenge: "nonce-123", Domain: "https://verifier.example"}
	verifyVP := func(vp []byte, o PresentationOptions) *Report {
		r, err := v.VerifyPresentation(context.Background(), vp, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	good := present(holder, holder.did, cred)
	r := verifyVP(good, opts)
	if r.Verdict != Verified || r.Kind != "presentation" || len(r.Nested) != 1 || r.Nested[0].Verdict != Verified {
		t.Fatalf("good presentation:\n%s", r)
	}
	tampered := []byte(strings.Replace(string(present(holder, holder.did, cred)), "Teamwork", "Teamwerk", 1))

	for _, tc := range []struct {
		name  string
		vp    []byte
		o     PresentationOptions
		check CheckID
	}{
		{"replayed to another challenge", good, PresentationOptions{Challenge: "nonce-999", Domain: opts.Domain}, CheckPresentation},
		{"replayed to another verifier", good, PresentationOptions{Challenge: opts.Challenge, Domain: "https://evil.example"}, CheckPresentation},
		{"signed by someone other than the holder", present(stranger, holder.did, cred), opts, CheckPresentation},
		{"tampered credential", tampered, opts, CheckPresentation},
		{"no challenge configured", good, PresentationOptions{Domain: opts.Domain}, CheckParse},
		{"a credential given as a presentation", cred, opts, CheckParse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectFail(t, verifyVP(tc.vp, tc.o), tc.check, ErrPresentation)
		})
	}
	// A presentation whose credential fails, although the holder signed it.
	forged := signDI(t, unsignedCredential(t, iss.did, nil), stranger, credential.SignOptions{})
	r = verifyVP(present(holder, holder.did, forged), opts)
	expectFail(t, r, CheckCredentials, ErrPresentation)
	if r.Nested[0].Check(CheckIssuerBinding).Outcome != Fail {
		t.Fatalf("nested report does not say why:\n%s", r)
	}
}
