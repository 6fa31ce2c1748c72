package verify_test

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// exampleCredential returns an Open Badges 3.0 credential issued and
// signed by a fresh did:key issuer.
func exampleCredential(mod func(map[string]any)) []byte {
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	return exampleCredentialBy(key, key, mod)
}

func exampleCredentialBy(issuerKey, signer crypto.Signer, mod func(map[string]any)) []byte {
	issuer, _ := credential.DIDKey(issuerKey.Public())
	vm, _ := credential.DIDKeyVerificationMethod(signer.Public())
	cred := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":        "urn:uuid:8a3e9ff3-7b5c-4c1e-9a51-2d1f0c1c6b7e",
		"type":      []any{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":    map[string]any{"id": issuer, "type": []any{"Profile"}, "name": "Example University"},
		"validFrom": "2025-01-01T00:00:00Z",
		"name":      "Data Analysis Badge",
		"credentialSubject": map[string]any{
			"id":   "did:example:learner",
			"type": []any{"AchievementSubject"},
			"achievement": map[string]any{
				"id": "https://example.edu/achievements/data-analysis", "type": []any{"Achievement"},
				"name": "Data Analysis", "description": "Analyses data sets.",
				"criteria": map[string]any{"narrative": "Pass the final project."},
			},
		},
	}
	if mod != nil {
		mod(cred)
	}
	doc, _ := json.Marshal(cred)
	signed, err := credential.AddProof(context.Background(), doc, credential.SignOptions{
		Signer: signer, VerificationMethod: vm, Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	return signed
}

func now() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

func Example() {
	v, err := verify.New(verify.Config{Clock: now})
	if err != nil {
		panic(err)
	}
	report, err := v.Verify(context.Background(), exampleCredential(nil))
	if err != nil {
		panic(err)
	}
	fmt.Println(report.Verdict)
	for _, c := range report.Checks {
		fmt.Printf("%-15s %s\n", c.ID, c.Outcome)
	}
	// Output:
	// verified
	// parse           pass
	// context         pass
	// type            pass
	// schema          pass
	// subject         pass
	// proof           pass
	// key             pass
	// issuer-binding  pass
	// refresh         skipped
	// status          skipped
	// validity        pass
	// endorsements    skipped
	// clr-nested      skipped
	// trust           skipped
}

// A credential past its validUntil fails the validity check, and Err
// reports it as ErrExpired.
func ExampleReport_Err() {
	v, _ := verify.New(verify.Config{Clock: now})
	expired := exampleCredential(func(m map[string]any) { m["validUntil"] = "2026-01-01T00:00:00Z" })
	report, _ := v.Verify(context.Background(), expired)

	err := report.Err()
	fmt.Println(report.Verdict, errors.Is(err, verify.ErrExpired))
	var ce *verify.CheckError
	if errors.As(err, &ce) {
		fmt.Println(ce.Check, "-", ce.Message)
	}
	// Output:
	// failed true
	// validity - expired at 2026-01-01T00:00:00Z (validUntil; Config.Skew tolerates 5m0s)
}

// A valid signature by someone else's key is not the issuer's word.
func ExampleVerifier_Verify_foreignKey() {
	issuer, _ := credential.GenerateKey(credential.KeyEd25519)
	impostor, _ := credential.GenerateKey(credential.KeyEd25519)
	forged := exampleCredentialBy(issuer, impostor, nil)

	v, _ := verify.New(verify.Config{Clock: now})
	report, _ := v.Verify(context.Background(), forged)
	fmt.Println(report.Verdict)
	fmt.Println(report.Check(verify.CheckProof).Outcome, report.Check(verify.CheckIssuerBinding).Outcome)
	fmt.Println(errors.Is(report.Err(), verify.ErrIssuerBinding))
	// Output:
	// failed
	// pass fail
	// true
}

// A TrustPolicy decides which issuers count; here, none do.
func ExampleTrustPolicyFunc() {
	v, _ := verify.New(verify.Config{
		Clock: now,
		Trust: verify.TrustPolicyFunc(func(_ context.Context, issuer string, _ *verify.Report) error {
			return fmt.Errorf("not an accredited issuer")
		}),
	})
	report, _ := v.Verify(context.Background(), exampleCredential(nil))
	fmt.Println(report.Verdict, errors.Is(report.Err(), verify.ErrUntrusted))
	// Output: failed true
}

// A holder presents a credential to a verifier, who checks that the
// presentation answers its own challenge and domain, then the credential.
func ExampleVerifier_VerifyPresentation() {
	holder, _ := credential.GenerateKey(credential.KeyEd25519)
	holderDID, _ := credential.DIDKey(holder.Public())
	holderVM, _ := credential.DIDKeyVerificationMethod(holder.Public())

	vp, _ := credential.NewPresentation(holderDID, exampleCredential(nil))
	signed, err := credential.SignPresentation(context.Background(), vp, credential.SignOptions{
		Signer: holder, VerificationMethod: holderVM,
		Challenge: "7d1c2a", Domain: "https://jobs.example", Created: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}

	v, _ := verify.New(verify.Config{Clock: now})
	ok, _ := v.VerifyPresentation(context.Background(), signed, verify.PresentationOptions{Challenge: "7d1c2a", Domain: "https://jobs.example"})
	replayed, _ := v.VerifyPresentation(context.Background(), signed, verify.PresentationOptions{Challenge: "other", Domain: "https://jobs.example"})
	fmt.Println(ok.Verdict, len(ok.Nested), ok.Nested[0].Verdict)
	fmt.Println(replayed.Verdict, replayed.Check(verify.CheckPresentation).Outcome)
	// Output:
	// verified 1 verified
	// failed fail
}

// Offline, a credential whose key lives on the network cannot be
// established: it is unverified, never OK, and Err says why.
func ExampleReport_OK_unverified() {
	issuerKey, _ := credential.GenerateKey(credential.KeyEd25519)
	did := "did:web:registrar.example.edu"
	doc, _ := json.Marshal(map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":        "urn:uuid:1f0e2d3c-4b5a-4687-9a8b-7c6d5e4f3a2b",
		"type":      []any{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":    map[string]any{"id": did, "type": []any{"Profile"}, "name": "Example University"},
		"validFrom": "2025-01-01T00:00:00Z",
		"name":      "Data Analysis Badge",
		"credentialSubject": map[string]any{"id": "did:example:learner", "type": []any{"AchievementSubject"},
			"achievement": map[string]any{"id": "https://example.edu/achievements/data-analysis", "type": []any{"Achievement"},
				"name": "Data Analysis", "description": "Analyses data sets.", "criteria": map[string]any{"narrative": "Pass."}}},
	})
	signed, _ := credential.AddProof(context.Background(), doc, credential.SignOptions{
		Signer: issuerKey, VerificationMethod: did + "#key-1", Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})

	v, _ := verify.New(verify.Config{Clock: now}) // no HTTPClient: offline
	report, _ := v.Verify(context.Background(), signed)
	fmt.Println(report.Verdict, report.OK())
	fmt.Println("authentic:", report.Authentic.Answer, report.Authentic.Checks)
	fmt.Println(errors.Is(report.Err(), verify.ErrUnverified), errors.Is(report.Err(), verify.ErrOfflineSkipped))
	// Output:
	// unverified false
	// authentic: unknown [proof key]
	// true true
}

// The default policy verifies an authentic, current credential whose
// issuer wrote its logo as a bare URL, with a warning naming the finding;
// the strict policy fails it, as the 1EdTech validator does.
func ExamplePolicy() {
	logo := exampleCredential(func(m map[string]any) {
		m["issuer"].(map[string]any)["image"] = "https://example.edu/logo.png"
	})
	for _, policy := range []verify.Policy{verify.PolicyDefault, verify.PolicyStrict} {
		v, _ := verify.New(verify.Config{Clock: now, Policy: policy})
		report, _ := v.Verify(context.Background(), logo)
		c := report.Check(verify.CheckSchema)
		fmt.Println(policy, report.Verdict, "schema:", c.Outcome, "conformant:", report.Conformant.Answer)
	}
	// Output:
	// default verified_with_warnings schema: warn conformant: no
	// strict failed schema: fail conformant: no
}

// An issuer registry in the shape education verifiers publish: the trust
// check names the registry and the issuer's registered name.
func ExampleRegistryPolicy() {
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	did, _ := credential.DIDKey(key.Public())
	registry, err := verify.ParseIssuerRegistry("Example Consortium Registry", fmt.Appendf(nil,
		`{"meta": {"created": "2026-01-01T00:00:00Z"}, "registry": {%q: {"name": "Example University", "url": "https://example.edu"}}}`, did))
	if err != nil {
		panic(err)
	}
	v, _ := verify.New(verify.Config{Clock: now, Trust: verify.RegistryPolicy{Registries: []*verify.IssuerRegistry{registry}}})

	report, _ := v.Verify(context.Background(), exampleCredentialBy(key, key, nil))
	trust := report.Check(verify.CheckTrust)
	fmt.Println(report.Verdict, trust.Detail["registry"], "/", trust.Detail["name"])

	stranger, _ := v.Verify(context.Background(), exampleCredential(nil))
	fmt.Println(stranger.Verdict, stranger.Check(verify.CheckTrust).Outcome)
	// Output:
	// verified Example Consortium Registry / Example University
	// verified_with_warnings warn
}
