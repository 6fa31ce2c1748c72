package acceptance_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// Example shows the shape of every acceptance case: sign a credential the
// way an issuer would, verify it with a zero Config, then change one value
// and see the proof check fail.
func Example() {
	ctx := context.Background()
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	unsigned := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
	"id":"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002","type":["VerifiableCredential","OpenBadgeCredential"],
	"issuer":{"id":"ISSUER","type":["Profile"],"name":"Example University"},"validFrom":"2024-01-01T00:00:00Z","name":"Teamwork Badge",
	"credentialSubject":{"id":"did:example:learner","type":["AchievementSubject"],"achievement":{"id":"https://example.edu/achievements/teamwork",
	"type":["Achievement"],"criteria":{"narrative":"Nominated by peers."},"description":"Collaboration.","name":"Teamwork"}}}`
	signed, err := credential.AddProof(ctx, []byte(strings.Replace(unsigned, "ISSUER", did, 1)),
		credential.SignOptions{Signer: key, VerificationMethod: vm})
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := verify.New(verify.Config{})
	rep, _ := v.Verify(ctx, signed)
	fmt.Println(rep.Verdict)

	tampered := strings.Replace(string(signed), "Teamwork Badge", "Teamwork Badge!", 1)
	rep, _ = v.Verify(ctx, []byte(tampered))
	fmt.Println(rep.Verdict, rep.Check(verify.CheckProof).Outcome)
	// Output:
	// verified
	// failed fail
}
