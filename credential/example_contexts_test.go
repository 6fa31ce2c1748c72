package credential_test

import (
	"context"
	"fmt"

	"github.com/microcred/microcred/credential"
)

// A host whose credentials use a context of its own adds it to one
// ContextLoader, shared by every signing and verification.
func ExampleContextLoader_AddContext() {
	loader, err := credential.NewContextLoader(nil)
	if err != nil {
		panic(err)
	}
	const url = "https://contexts.example.org/skills/v1"
	err = loader.AddContext(url, []byte(`{"@context": {"skillLevel": "https://contexts.example.org/skills#level"}}`))
	if err != nil {
		panic(err)
	}
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		panic(err)
	}
	unsigned := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + url + `"],
		"type": ["VerifiableCredential"], "issuer": "` + key.DID + `",
		"credentialSubject": {"id": "did:example:learner", "skillLevel": "expert"}}`)
	ctx := context.Background()
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{
		Signer: key.Signer, VerificationMethod: key.VerificationMethod, Loader: loader,
	})
	if err != nil {
		panic(err)
	}
	rep, err := credential.VerifyProofs(ctx, signed, credential.VerifyOptions{Loader: loader})
	if err != nil {
		panic(err)
	}
	fmt.Println("proof verified:", rep.Err() == nil)
	// A context that is embedded already cannot be replaced.
	fmt.Println(loader.AddContext("https://www.w3.org/ns/credentials/v2", []byte(`{"@context": {}}`)) != nil)
	// Output:
	// proof verified: true
	// true
}
