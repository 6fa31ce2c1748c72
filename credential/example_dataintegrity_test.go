package credential_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/microcred/microcred/credential"
)

func ExampleAddProof() {
	ctx := context.Background()
	// A fixed seed keeps the example's output stable; real issuers use
	// credential.GenerateKey or a KMS-backed crypto.Signer.
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	issuer, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())

	unsigned := []byte(`{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "type": ["VerifiableCredential"],
  "issuer": "` + issuer + `",
  "validFrom": "2024-01-01T00:00:00Z",
  "credentialSubject": {"id": "did:example:alice"}
}`)
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{
		Signer:             key,
		VerificationMethod: vm,
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	report, err := credential.VerifyProofs(ctx, signed, credential.VerifyOptions{RequireIssuerController: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := report.Proofs[0]
	fmt.Println("verified:", report.Verified())
	fmt.Println("suite:", p.Cryptosuite)
	fmt.Println("signed by the issuer:", p.Controller == issuer)

	// Any change breaks the proof.
	tampered := bytes.Replace(signed, []byte("alice"), []byte("mallory"), 1)
	_, err = credential.VerifyProofs(ctx, tampered, credential.VerifyOptions{})
	fmt.Println("tampered:", err)
	// Output:
	// verified: true
	// suite: eddsa-rdfc-2022
	// signed by the issuer: true
	// tampered: proof 0 (eddsa-rdfc-2022): credential: invalid signature
}

// A presentation's own proof is a Data Integrity proof for
// authentication, bound to the challenge and domain the verifier sent. A
// verifier would call verify.Verifier.VerifyPresentation, which checks this
// proof and then every credential the presentation carries; this is the
// holder-proof step alone.
func ExampleSignPresentation() {
	ctx := context.Background()
	issuerKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	issuer, _ := credential.DIDKey(issuerKey.Public())
	issuerVM, _ := credential.DIDKeyVerificationMethod(issuerKey.Public())
	holderKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32))
	holder, _ := credential.DIDKey(holderKey.Public())
	holderVM, _ := credential.DIDKeyVerificationMethod(holderKey.Public())

	vc, err := credential.AddProof(ctx, []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"`+issuer+`","credentialSubject":{"id":"`+holder+`"}}`),
		credential.SignOptions{Signer: issuerKey, VerificationMethod: issuerVM, Cryptosuite: credential.SuiteEdDSAJCS2022})
	if err != nil {
		fmt.Println(err)
		return
	}
	vp, _ := credential.NewPresentation(holder, json.RawMessage(vc))
	// The verifier chose the challenge and its domain; the holder signs them.
	vp, err = credential.SignPresentation(ctx, vp, credential.SignOptions{
		Signer: holderKey, VerificationMethod: holderVM,
		Challenge: "5d1c0f3e", Domain: "verifier.example",
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	holderProof := credential.VerifyOptions{
		ProofPurpose: credential.PurposeAuthentication,
		Challenge:    "5d1c0f3e", Domain: "verifier.example",
		ExpectedController: holder,
	}
	report, err := credential.VerifyProofs(ctx, vp, holderProof)
	fmt.Println("verified:", report.Verified(), err)

	holderProof.Challenge = "another"
	_, err = credential.VerifyProofs(ctx, vp, holderProof)
	fmt.Println("replayed:", errors.Is(err, credential.ErrMismatch))
	// Output:
	// verified: true <nil>
	// replayed: true
}
