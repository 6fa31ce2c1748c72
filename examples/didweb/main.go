// Command didweb issues Open Badges as a did:web issuer and verifies them
// the way a relying party does: by fetching the issuer's DID document over
// https. It runs offline — the "web" is an httptest TLS server on loopback:
//
//	go run ./examples/didweb
//
// It publishes a DID document with one key, issues and verifies a badge,
// rotates to a new key (the old one kept, retired, so what it signed still
// verifies), issues with the new key, and shows that a badge signed by a
// key the document never listed is refused.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "didweb:", err)
		os.Exit(1)
	}
}

// site is the issuer's web server: it serves whatever DID document was
// published last.
type site struct {
	mu  sync.Mutex
	doc []byte
}

func (s *site) publish(doc *credential.DIDDocument) error {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.doc = b
	return nil
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/.well-known/did.json" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/did+json")
	w.Write(s.doc)
}

func run(ctx context.Context, w io.Writer) error {
	web := &site{}
	srv := httptest.NewTLSServer(web)
	defer srv.Close()

	did, err := credential.DIDWeb(srv.URL)
	if err != nil {
		return err
	}
	docURL, _ := credential.DIDWebURL(did)
	fmt.Fprintf(w, "The registrar's web site is %s, so its DID is\n  %s\nand verifiers read its keys from\n  %s\n", srv.URL, did, docURL)

	// The first key, published under a name of the issuer's choosing.
	first, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	k2025 := credential.WebKey{Public: first.Public(), Fragment: "key-2025"}
	doc, err := credential.DIDWebDocument(did, k2025)
	if err != nil {
		return err
	}
	if err := web.publish(doc); err != nil {
		return err
	}
	issuer2025, err := credential.WebIssuerKey(did, first, "key-2025")
	if err != nil {
		return err
	}

	// A relying party's verifier: it may use the network, through a client
	// that trusts this test server's certificate. Loopback addresses are
	// refused by default (a credential must not make a verifier probe its
	// host's network); this example allows them because its web is local.
	v, err := verify.New(verify.Config{
		HTTPClient:                  srv.Client(),
		UnsafeAllowPrivateAddresses: true,
		Cache:                       verify.CacheConfig{DisableCaching: true}, // see each rotation at once
	})
	if err != nil {
		return err
	}

	old, err := issue(ctx, issuer2025, "Databases")
	if err != nil {
		return err
	}
	if err := show(ctx, w, v, "A badge signed with key-2025", old); err != nil {
		return err
	}

	// Rotation: a new key signs from now on; the old one stays, retired.
	second, err := credential.GenerateKey(credential.KeyP256)
	if err != nil {
		return err
	}
	k2025.Retired = true
	doc, err = credential.DIDWebDocument(did, k2025, credential.WebKey{Public: second.Public(), Fragment: "key-2026"})
	if err != nil {
		return err
	}
	if err := web.publish(doc); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nThe registrar rotates to key-2026 and keeps key-2025, retired, in its document.")
	issuer2026, err := credential.WebIssuerKey(did, second, "key-2026")
	if err != nil {
		return err
	}
	fresh, err := issue(ctx, issuer2026, "Networks")
	if err != nil {
		return err
	}
	if err := show(ctx, w, v, "A badge signed with key-2026", fresh); err != nil {
		return err
	}
	if err := show(ctx, w, v, "The key-2025 badge, after the rotation", old); err != nil {
		return err
	}

	// Someone else's key, named as a key of the registrar's.
	rogue, err := credential.GenerateKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	impostor, err := credential.WebIssuerKey(did, rogue, "key-2027")
	if err != nil {
		return err
	}
	forged, err := issue(ctx, impostor, "Cryptography")
	if err != nil {
		return err
	}
	return show(ctx, w, v, "A badge signed with a key the registrar never published", forged)
}

// issue builds and signs a badge from the did:web issuer.
func issue(ctx context.Context, k *credential.IssuerKey, name string) ([]byte, error) {
	cred, err := badge.NewAchievementCredential(
		badge.Profile{ID: k.DID, Name: "Example University Registrar"},
		badge.AchievementSubject{ID: "did:example:learner", Achievement: &badge.Achievement{
			ID: "https://registrar.example.edu/achievements/" + name, Name: name,
			Description: "Passed the " + name + " module.", Criteria: &badge.Criteria{Narrative: "Pass the module exam."},
		}}, nil)
	if err != nil {
		return nil, err
	}
	unsigned, err := json.Marshal(cred)
	if err != nil {
		return nil, err
	}
	return credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: k.Signer, VerificationMethod: k.VerificationMethod})
}

// show verifies a credential and prints the verdict with the key check.
func show(ctx context.Context, w io.Writer, v *verify.Verifier, what string, signed []byte) error {
	r, err := v.Verify(ctx, signed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: %s\n", what, r.Verdict)
	for _, id := range []verify.CheckID{verify.CheckProof, verify.CheckKey, verify.CheckIssuerBinding} {
		if c := r.Check(id); c != nil {
			fmt.Fprintf(w, "  %-15s %-5s %s\n", c.ID, c.Outcome, c.Message)
		}
	}
	return nil
}
