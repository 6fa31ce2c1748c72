// Command status shows a credential being revoked: an issuer publishes a
// Bitstring Status List, issues a credential that points into it, and the
// verifier's verdict changes from verified to failed once the issuer flips
// the credential's bit and republishes the list.
//
// Usage:
//
//	go run ./examples/status
//
// Everything happens in this process: the "issuer's web server" is a TLS
// server on the loopback interface, so the verifier is told to allow that
// one private address. A real host leaves UnsafeAllowPrivateAddresses false.
package main

import (
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/credential/status"
	"github.com/microcred/microcred/verify"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		fmt.Fprintln(stderr, "usage: status (no arguments)")
		return 2
	}
	if err := demo(stdout); err != nil {
		fmt.Fprintf(stderr, "status: %v\n", err)
		return 1
	}
	return 0
}

func demo(out io.Writer) error {
	ctx := context.Background()

	// The issuer: a key, its did:key, and a revocation list.
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	issuer := key.DID
	list, err := status.New(status.Revocation, status.Options{})
	if err != nil {
		return err
	}

	// The issuer's web server publishes whatever list was signed last.
	var published atomic.Value
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vc+ld+json")
		w.Write(published.Load().([]byte))
	}))
	defer srv.Close()
	listURL := srv.URL + "/status/1"
	publish := func() error {
		unsigned, err := list.Credential(status.CredentialOptions{ID: listURL, Issuer: issuer, ValidFrom: time.Now().Add(-time.Minute)})
		if err != nil {
			return err
		}
		signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod})
		if err != nil {
			return err
		}
		published.Store(signed)
		return nil
	}
	if err := publish(); err != nil {
		return err
	}

	// Issue a badge whose credentialStatus points at a fresh random index.
	index, err := list.AllocateRandom(nil)
	if err != nil {
		return err
	}
	entry, err := list.Entry(listURL, index)
	if err != nil {
		return err
	}
	badge, err := sign(ctx, issuer, key.Signer, key.VerificationMethod, entry)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "issued a badge from %s\n  with status list index %d of %d at %s\n\n", issuer, index, list.Len(), listURL)

	// The verifier. Caching is off so the second verification sees the
	// republished list at once; a real verifier caches for the list's TTL.
	v, err := verify.New(verify.Config{
		HTTPClient:                  srv.Client(),
		UnsafeAllowPrivateAddresses: true, // the demo server is on 127.0.0.1
		Cache:                       verify.CacheConfig{DisableCaching: true},
	})
	if err != nil {
		return err
	}
	before, err := v.Verify(ctx, badge)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "before revocation: %s (status: %s)\n", before.Verdict, before.Check(verify.CheckStatus).Message)

	// Revoke: flip the bit, re-sign the list, republish it.
	if err := list.Revoke(index); err != nil {
		return err
	}
	if err := publish(); err != nil {
		return err
	}
	fmt.Fprint(out, "\nthe issuer revokes the badge and republishes the list\n\n")

	after, err := v.Verify(ctx, badge)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "after revocation:  %s (status: %s)\n\n", after.Verdict, after.Check(verify.CheckStatus).Message)
	fmt.Fprint(out, after)
	if before.Verdict != verify.Verified || after.Verdict != verify.Failed {
		return fmt.Errorf("unexpected verdicts %s then %s", before.Verdict, after.Verdict)
	}
	return nil
}

// sign issues a small Open Badges 3.0 credential carrying entry, built by
// the badge builder like any other badge: the status entry is one more
// option.
func sign(ctx context.Context, issuer string, key crypto.Signer, vm string, entry *badge.CredentialStatus) ([]byte, error) {
	cred, err := badge.NewAchievementCredential(
		badge.Profile{ID: issuer, Name: "Example Academy"},
		badge.AchievementSubject{
			ID: "did:example:learner",
			Achievement: &badge.Achievement{
				ID:          "https://academy.example/achievements/safety",
				Name:        "Safety Training",
				Description: "Completed the safety course.",
				Criteria:    &badge.Criteria{Narrative: "Attend and pass the quiz."},
			},
		},
		&badge.Options{ValidFrom: time.Now().Add(-time.Minute), Status: entry},
	)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(cred)
	if err != nil {
		return nil, err
	}
	return credential.AddProof(ctx, doc, credential.SignOptions{Signer: key, VerificationMethod: vm})
}
