package credential_test

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/microcred/microcred/credential"
)

func ExampleDIDKey() {
	// A fixed key for the example; real keys come from GenerateKey or a KMS.
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	fmt.Println(did)
	fmt.Println(vm)
	// Output:
	// did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp
	// did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp
}

func ExampleOfflineResolver_ResolveDID() {
	var r credential.OfflineResolver
	doc, err := r.ResolveDID(context.Background(), "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv")
	if err != nil {
		fmt.Println(err)
		return
	}
	vm, err := doc.VerificationMethodFor(doc.ID+"#zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv", credential.AssertionMethod)
	if err != nil {
		fmt.Println(err)
		return
	}
	kt, _ := credential.KeyTypeOf(vm.PublicKey)
	fmt.Println(vm.Type, kt)

	_, err = r.ResolveDID(context.Background(), "did:web:example.com")
	fmt.Println(err)
	// Output:
	// Multikey P-256
	// credential: unsupported DID method: "did:web" (offline resolution handles did:key and did:jwk)
}

func ExampleParseSecretMultikey() {
	// The W3C vc-di-ecdsa P-256 test key pair.
	priv, err := credential.ParseSecretMultikey("z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN")
	if err != nil {
		fmt.Println(err)
		return
	}
	pub, _ := credential.EncodeMultikey(priv.Public())
	fmt.Println(pub)
	// Output: zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP
}

func ExampleDIDJWK() {
	// The key of the did:jwk specification's P-256 example.
	pub, _ := credential.ParsePublicJWK([]byte(`{"kty":"EC","crv":"P-256",
		"x":"acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0","y":"_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE"}`))
	did, _ := credential.DIDJWK(pub)
	fmt.Println(did)
	// Output: did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9
}

func ExampleNewIssuerKey() {
	ctx := context.Background()
	issuer, err := credential.NewIssuerKey(credential.KeyP256)
	if err != nil {
		fmt.Println(err)
		return
	}
	unsigned := []byte(`{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "type": ["VerifiableCredential"],
  "issuer": "` + issuer.DID + `",
  "validFrom": "2024-01-01T00:00:00Z",
  "credentialSubject": {"id": "did:example:alice"}
}`)
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{
		Signer:             issuer.Signer,
		VerificationMethod: issuer.VerificationMethod,
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
	fmt.Println("verified:", report.Verified(), report.Proofs[0].Cryptosuite)
	// Output: verified: true ecdsa-rdfc-2019
}

// An issuer that keeps its own key (not in a KMS) stores it as a secret
// Multikey and reads it back at start-up; the key names the same issuer.
func ExampleEncodeSecretMultikey() {
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		panic(err)
	}
	stored, err := credential.EncodeSecretMultikey(key.Signer) // keep in a secret store
	if err != nil {
		panic(err)
	}
	signer, err := credential.ParseSecretMultikey(stored)
	if err != nil {
		panic(err)
	}
	again, err := credential.IssuerKeyFor(signer)
	if err != nil {
		panic(err)
	}
	fmt.Println(again.DID == key.DID)
	// Output: true
}
