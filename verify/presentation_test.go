package verify

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

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

// vpJWT returns a vp+jwt by holder carrying cred as an enveloped vc+jwt
// signed by iss, with the nonce and audience opts asks for.
func vpJWT(t *testing.T, iss, holder testIssuer, cred []byte, o PresentationOptions) []byte {
	t.Helper()
	ctx := context.Background()
	tok, err := credential.SignVCJWT(ctx, cred, iss.key, credential.JWTOptions{KeyID: iss.vm})
	if err != nil {
		t.Fatal(err)
	}
	env, err := credential.EnvelopeCredential(tok)
	if err != nil {
		t.Fatal(err)
	}
	vp, err := credential.NewPresentation(holder.did, env)
	if err != nil {
		t.Fatal(err)
	}
	out, err := credential.SignPresentationJWT(ctx, vp, holder.key, credential.JWTOptions{KeyID: holder.vm, Nonce: o.Challenge, Audience: o.Domain})
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// TestPresentationJWTClock is the regression test for Config.Clock being
// ignored for the credentials inside a vp+jwt: they were verified once by
// credential.VerifyPresentationJWT against the system clock, and again by
// the pipeline against Config.Clock. Each row uses a credential whose
// validity window excludes the system clock (years ago), so only a
// verifier that reads Config.Clock, once, can get the row right.
func TestPresentationJWTClock(t *testing.T) {
	iss, holder := newIssuer(t), newIssuer(t)
	o := PresentationOptions{Challenge: "nonce-7", Domain: "https://verifier.example"}
	cred := unsignedCredential(t, iss.did, func(m map[string]any) {
		m["validFrom"] = "2010-01-01T00:00:00Z"
		m["validUntil"] = "2011-01-01T00:00:00Z"
	})
	vp := vpJWT(t, iss, holder, cred, o)
	for _, tc := range []struct {
		name  string
		clock time.Time
		want  Verdict
		why   string
	}{
		{"inside the window", time.Date(2010, 6, 1, 0, 0, 0, 0, time.UTC), Verified,
			"the credential is valid at Config.Clock, although expired by the system clock"},
		{"after validUntil", time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC), Failed,
			"the credential is expired at Config.Clock"},
		{"before validFrom", time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC), Failed,
			"the credential is not yet valid at Config.Clock"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := offlineVerifier(t, Config{Clock: func() time.Time { return tc.clock }})
			r, err := v.VerifyPresentation(context.Background(), vp, o)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.want {
				t.Fatalf("verdict %s, want %s: %s\n%s", r.Verdict, tc.want, tc.why, r)
			}
			if c := r.Check(CheckPresentation); c == nil || c.Outcome != Pass {
				t.Fatalf("the holder's signature should verify whatever the credential's dates:\n%s", r)
			}
			if len(r.Nested) != 1 {
				t.Fatalf("%d nested reports, want 1:\n%s", len(r.Nested), r)
			}
			if tc.want == Failed {
				if c := r.Nested[0].Check(CheckValidity); c == nil || c.Outcome != Fail {
					t.Fatalf("the nested credential should fail its validity check:\n%s", r)
				}
			}
		})
	}
}
