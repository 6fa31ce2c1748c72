// Command present shows a learner presenting credentials to a verifier:
//
//	go run ./examples/present
//
// The verifier sends a challenge (a fresh nonce) and names its domain; the
// holder wraps two credentials in a Verifiable Presentation and signs it with
// the challenge and domain; the verifier checks the holder's proof and every
// credential inside. Replaying the same presentation to answer another
// challenge fails.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "present:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	university, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	learner, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}

	// The university issued the learner two badges earlier.
	var creds []json.RawMessage
	for slug, name := range map[string]string{"statistics": "Statistics", "research-methods": "Research Methods"} {
		c, err := badge.NewAchievementCredential(badge.Profile{ID: university.DID, Name: "Example University"},
			badge.AchievementSubject{ID: learner.DID, Achievement: &badge.Achievement{
				ID: "https://university.example/achievements/" + slug, Name: name,
				Description: name + " module", Criteria: &badge.Criteria{Narrative: "Pass the " + name + " exam."},
			}}, nil)
		if err != nil {
			return err
		}
		unsigned, err := json.Marshal(c)
		if err != nil {
			return err
		}
		signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: university.Signer, VerificationMethod: university.VerificationMethod})
		if err != nil {
			return err
		}
		creds = append(creds, signed)
	}

	// 1. The verifier (an employer's site) sends a challenge and its domain.
	challenge := nonce()
	const domain = "https://jobs.example"
	fmt.Fprintf(w, "Verifier asks for proof: challenge %s, domain %s\n", challenge, domain)

	// 2. The holder presents both credentials, signing with the challenge.
	vp, err := credential.NewPresentation(learner.DID, creds...)
	if err != nil {
		return err
	}
	signedVP, err := credential.SignPresentation(ctx, vp, credential.SignOptions{
		Signer: learner.Signer, VerificationMethod: learner.VerificationMethod, Challenge: challenge, Domain: domain,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Holder %s presents %d credentials (%d bytes)\n", learner.DID, len(creds), len(signedVP))

	// 3. The verifier checks the presentation against what it asked.
	v, err := verify.New(verify.Config{})
	if err != nil {
		return err
	}
	report, err := v.VerifyPresentation(ctx, signedVP, verify.PresentationOptions{Challenge: challenge, Domain: domain})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Presentation: %s (%d credentials inside, each verified: %v)\n", report.Verdict, len(report.Nested), allOK(report.Nested))
	if !report.OK() {
		return fmt.Errorf("the presentation does not verify: %w", report.Err())
	}

	// 4. Someone who captured it replays it to answer a new challenge.
	replay, err := v.VerifyPresentation(ctx, signedVP, verify.PresentationOptions{Challenge: nonce(), Domain: domain})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Replayed against a new challenge: %s\n", replay.Verdict)
	if replay.OK() {
		return fmt.Errorf("a replayed presentation verified")
	}
	return nil
}

func nonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func allOK(rs []*verify.Report) bool {
	for _, r := range rs {
		if !r.OK() {
			return false
		}
	}
	return len(rs) > 0
}
