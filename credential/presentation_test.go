package credential

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/vocab"
)

// diUpdate reports whether the package's -update flag (rewrite golden
// files) was given; it is looked up rather than declared so that every
// test file of the package can share one flag.
func diUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

type diHolder struct {
	key ed25519.PrivateKey
	did string
	vm  string
}

func newDIHolder(t testing.TB, seed byte) diHolder {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, 32))
	did, err := DIDKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	vm, _ := DIDKeyVerificationMethod(key.Public())
	return diHolder{key, did, vm}
}

// diPresentation is a presentation of two credentials (eddsa-rdfc-2022 and
// eddsa-jcs-2022, both deterministic) signed by holder for a fixed request.
func diPresentation(t testing.TB, h diHolder) []byte {
	t.Helper()
	c1 := newDISample(t, SuiteEdDSARDFC2022).signed
	c2 := newDISample(t, SuiteEdDSAJCS2022).signed
	vp, err := NewPresentation(h.did, c1, c2)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignPresentation(context.Background(), vp, SignOptions{
		Signer:             h.key,
		VerificationMethod: h.vm,
		Challenge:          "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e",
		Domain:             "verifier.example",
		Created:            diSignTime,
		Loader:             diTestLoader(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestPresentationRoundTrip(t *testing.T) {
	ctx := context.Background()
	h := newDIHolder(t, 7)
	signed := diPresentation(t, h)

	golden := filepath.Join("testdata", "presentations", "vp-eddsa-rdfc-2022.json")
	if diUpdate() {
		if err := os.WriteFile(golden, signed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := diReadFile(t, golden); !bytes.Equal(signed, want) {
		t.Errorf("presentation differs from %s (Ed25519 is deterministic; run with -update if the change is intended):\n%s", golden, signed)
	}

	// The reference JavaScript stack signed the same presentation with the
	// same key: the proofs must be identical (see testdata/presentations/SOURCES.md).
	ref := diDecodeObject(t, diReadFile(t, "testdata", "presentations", "vp-reference-proof.json"))
	if diff := cmp.Diff(ref, diDecodeObject(t, signed)["proof"]); diff != "" {
		t.Errorf("presentation proof differs from the reference stack's (-reference +ours):\n%s", diff)
	}

	// The holder's proof, then each credential's own: the mechanics
	// verify.Verifier.VerifyPresentation is built on.
	rep, err := holderProof(ctx, signed, "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", "verifier.example", h.did, diTestLoader(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Proofs[0].ProofPurpose; got != PurposeAuthentication {
		t.Errorf("presentation proof purpose %q", got)
	}
	creds := embeddedCredentials(t, signed)
	if len(creds) != 2 {
		t.Fatalf("%d embedded credentials, want 2", len(creds))
	}
	for i, c := range creds {
		crep, err := VerifyProofs(ctx, c, VerifyOptions{Loader: diTestLoader(t), RequireIssuerController: true})
		if err != nil {
			t.Errorf("credential %d: %v", i, err)
			continue
		}
		if i == 1 && crep.Proofs[0].Cryptosuite != SuiteEdDSAJCS2022 {
			t.Errorf("credential 1 suite %q", crep.Proofs[0].Cryptosuite)
		}
	}
}

// holderProof verifies a presentation's own proof as a verifier must: for
// authentication, with the challenge and domain it sent, by a key the
// holder controls.
func holderProof(ctx context.Context, vp []byte, challenge, domain, holder string, loader *ContextLoader) (*ProofReport, error) {
	return VerifyProofs(ctx, vp, VerifyOptions{
		Loader: loader, ProofPurpose: PurposeAuthentication,
		Challenge: challenge, Domain: domain, ExpectedController: holder,
	})
}

// embeddedCredentials returns the exact bytes of each verifiableCredential.
func embeddedCredentials(t testing.TB, vp []byte) []json.RawMessage {
	t.Helper()
	var v struct {
		VerifiableCredential []json.RawMessage `json:"verifiableCredential"`
	}
	if err := json.Unmarshal(vp, &v); err != nil {
		t.Fatal(err)
	}
	return v.VerifiableCredential
}

func TestPresentationFailures(t *testing.T) {
	ctx := context.Background()
	h := newDIHolder(t, 7)
	signed := diPresentation(t, h)
	loader := diTestLoader(t)
	const challenge, domain = "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", "verifier.example"

	// A presentation signed by someone other than its holder.
	other := newDIHolder(t, 9)
	vp, _ := NewPresentation(h.did, newDISample(t, SuiteEdDSARDFC2022).signed)
	impostor, err := SignPresentation(ctx, vp, SignOptions{Signer: other.key, VerificationMethod: other.vm, Challenge: challenge, Domain: domain, Created: diSignTime, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	// A presentation proof made for issuing rather than authentication.
	assertion, err := AddProof(ctx, vp, SignOptions{Signer: h.key, VerificationMethod: h.vm, Challenge: challenge, Domain: domain, Created: diSignTime, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	// An embedded credential changed after the holder signed.
	tamperedCred := bytes.Replace(signed, []byte(`"Teamwork Badge"`), []byte(`"Leadership Badge"`), 1)
	tests := []struct {
		vp                []byte
		challenge, domain string
		want              error
		reason            string
	}{
		{signed, "another", domain, errChallengeMismatch, "replayed for another request"},
		{signed, challenge, "evil.example", errDomainMismatch, "replayed to another verifier"},
		{impostor, challenge, domain, errControllerMismatch, "signed by a key the holder does not control"},
		{assertion, challenge, domain, errProofPurposeMismatch, "assertionMethod proof on a presentation"},
		{tamperedCred, challenge, domain, ErrSignature, "embedded credential changed"},
		{vp, challenge, domain, ErrNoProof, "unsigned presentation"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := holderProof(ctx, tt.vp, tt.challenge, tt.domain, h.did, loader)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.reason, err, tt.want)
			}
		})
	}

	// The tampered credential fails both the presentation proof and its own.
	creds := embeddedCredentials(t, tamperedCred)
	if _, err := VerifyProofs(ctx, creds[0], VerifyOptions{Loader: loader}); !errors.Is(err, ErrSignature) {
		t.Errorf("tampered credential 0: %v, want ErrSignature", err)
	}
	if _, err := VerifyProofs(ctx, creds[1], VerifyOptions{Loader: loader}); err != nil {
		t.Errorf("untouched credential 1: %v", err)
	}
}

func TestNewPresentation(t *testing.T) {
	v1 := fixtures.Read(t, "1edtech/validator/ob30/simple_v1.json")
	v2 := fixtures.Read(t, "1edtech/testvectors/obv3p0-signed.json")
	tests := []struct {
		creds   [][]byte
		wantErr error
		context string
		reason  string
	}{
		{nil, nil, vocab.ContextVCv2, "no credentials: VC 2.0"},
		{[][]byte{v2}, nil, vocab.ContextVCv2, "VC 2.0 credential"},
		{[][]byte{v1}, nil, vocab.ContextVCv1, "VC 1.1 credential: VC 1.1 presentation"},
		{[][]byte{v1, v2}, errMalformedDocument, "", "VC 1.1 and 2.0 mixed"},
		{[][]byte{[]byte(`"eyJhbGciOi..."`)}, errMalformedDocument, "", "not an object"},
		{[][]byte{[]byte(`{"@context":["https://example.org/x"]}`)}, errMalformedDocument, "", "not a credential context"},
		{[][]byte{[]byte(`{`)}, errMalformedDocument, "", "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			var raws []json.RawMessage
			for _, c := range tt.creds {
				raws = append(raws, c)
			}
			out, err := NewPresentation("did:example:holder", raws...)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: got %v, want %v", tt.reason, err, tt.wantErr)
				return
			}
			if err != nil {
				return
			}
			doc := diDecodeObject(t, out)
			if c := doc["@context"].([]any)[0]; c != tt.context {
				t.Errorf("%s: context %v", tt.reason, c)
			}
			if doc["holder"] != "did:example:holder" {
				t.Errorf("%s: holder %v", tt.reason, doc["holder"])
			}
			for i, c := range tt.creds {
				if !strings.Contains(string(out), strings.TrimSpace(string(c))) {
					t.Errorf("%s: credential %d not embedded byte for byte", tt.reason, i)
				}
			}
		})
	}
}

// TestPresentationVC11 signs a VC 1.1 presentation with the legacy suite
// around a VC 1.1 credential signed with Ed25519Signature2020.
func TestPresentationVC11(t *testing.T) {
	ctx := context.Background()
	h := newDIHolder(t, 3)
	loader := diTestLoader(t)
	v1 := fixtures.Read(t, "1edtech/validator/ob30/simple_v1.json")
	vp, err := NewPresentation(h.did, v1)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignPresentation(ctx, vp, SignOptions{Signer: h.key, VerificationMethod: h.vm, Cryptosuite: SuiteEd25519Signature2020, Challenge: "n", Domain: "d.example", Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := holderProof(ctx, signed, "n", "d.example", h.did, loader)
	if err != nil {
		t.Fatal(err)
	}
	crep, err := VerifyProofs(ctx, embeddedCredentials(t, signed)[0], VerifyOptions{Loader: loader, Resolver: diTestResolver{}})
	if err != nil || !rep.Proofs[0].Legacy {
		t.Errorf("presentation legacy=%v, credential: %v %+v", rep.Proofs[0].Legacy, err, crep)
	}
}
