package credential_test

import (
	"encoding/json"
	"fmt"

	"github.com/microcred/microcred/credential"
)

// An issuer with a key it already holds (here a new one; in production a
// KMS or HSM key behind crypto.Signer) gets its issuer id and verification
// method from IssuerKeyFor.
func ExampleIssuerKeyFor() {
	signer, _ := credential.GenerateKey(credential.KeyRSA)
	k, _ := credential.IssuerKeyFor(signer)
	fmt.Println(k.DID[:8], k.VerificationMethod == k.DID+"#0")
	// Output: did:jwk: true
}

// A university publishes its keys at its own web address. The document
// keeps a retired key so that the badges it signed still verify.
func ExampleDIDWebDocument() {
	did, _ := credential.DIDWeb("https://registrar.example.edu")
	url, _ := credential.DIDWebURL(did)
	old, _ := credential.GenerateKey(credential.KeyEd25519)
	cur, _ := credential.GenerateKey(credential.KeyEd25519)
	doc, _ := credential.DIDWebDocument(did,
		credential.WebKey{Public: old.Public(), Fragment: "key-2025", Retired: true},
		credential.WebKey{Public: cur.Public(), Fragment: "key-2026"},
	)
	published, _ := json.Marshal(doc) // serve this at url
	issuer, _ := credential.WebIssuerKey(did, cur, "key-2026")

	fmt.Println(did)
	fmt.Println(url)
	fmt.Println(len(published) > 0, issuer.VerificationMethod)
	fmt.Println(len(doc.AssertionMethod), "keys vouch for credentials,", len(doc.Authentication), "authenticates")
	// Output:
	// did:web:registrar.example.edu
	// https://registrar.example.edu/.well-known/did.json
	// true did:web:registrar.example.edu#key-2026
	// 2 keys vouch for credentials, 1 authenticates
}
