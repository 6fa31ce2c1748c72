package ob2_test

import (
	"context"
	"fmt"
	"log"

	"github.com/microcred/microcred/badge/ob2"
)

func ExampleConvert() {
	assertion := []byte(`{
	  "@context": "https://w3id.org/openbadges/v2",
	  "type": "Assertion",
	  "id": "https://example.org/assertions/123",
	  "recipient": {"type": "email", "hashed": false, "identity": "alice@example.org"},
	  "issuedOn": "2016-12-31T23:59:59+00:00",
	  "verification": {"type": "hosted"},
	  "badge": "https://example.org/badges/5"
	}`)
	// Documents the host already holds; a ResolverFunc could fetch them.
	docs := ob2.Documents{
		"https://example.org/badges/5": []byte(`{
		  "@context": "https://w3id.org/openbadges/v2",
		  "type": "BadgeClass",
		  "id": "https://example.org/badges/5",
		  "name": "3-D Printmaster",
		  "description": "Awarded for printing a working part.",
		  "image": "https://example.org/badges/5/image",
		  "criteria": {"narrative": "Print a gear that meshes."},
		  "issuer": "https://example.org/issuer"
		}`),
		"https://example.org/issuer": []byte(`{
		  "@context": "https://w3id.org/openbadges/v2",
		  "type": "Profile",
		  "id": "https://example.org/issuer",
		  "name": "Example Maker Society",
		  "url": "https://example.org"
		}`),
	}
	cred, err := ob2.Convert(context.Background(), assertion, &ob2.Options{
		Resolver: docs,
		IssuerID: "did:web:example.org", // the key the upgraded credential will be signed with
	})
	if err != nil {
		log.Fatal(err)
	}
	subject := cred.CredentialSubject
	fmt.Println(cred.Type, cred.ValidFrom)
	fmt.Println(cred.Issuer.ID, "formerly", cred.Issuer.OtherIdentifier[0].Identifier)
	fmt.Println(subject.Achievement.Name, "-", subject.Achievement.Criteria.Narrative)
	fmt.Println(subject.Identifier[0].IdentityType, "hashed:", subject.Identifier[0].Hashed)
	fmt.Println(cred.Evidence[0].Type[1], cred.Evidence[0].ID)
	// Output:
	// [VerifiableCredential OpenBadgeCredential] 2016-12-31T23:59:59Z
	// did:web:example.org formerly https://example.org/issuer
	// 3-D Printmaster - Print a gear that meshes.
	// emailAddress hashed: true
	// https://w3id.org/openbadges#Assertion https://example.org/assertions/123
}
