package credential_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/microcred/microcred/credential"
)

func ExampleSignJWT() {
	ctx := context.Background()
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // or any crypto.Signer, e.g. a KMS key
	issuer, _ := credential.DIDKey(key.Public())
	kid, _ := credential.DIDKeyVerificationMethod(key.Public())

	badge := []byte(`{
	  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
	  "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
	  "type": ["VerifiableCredential", "OpenBadgeCredential"],
	  "issuer": {"id": "` + issuer + `", "type": ["Profile"], "name": "Example University"},
	  "validFrom": "2024-01-01T00:00:00Z",
	  "credentialSubject": {"id": "did:example:learner", "type": ["AchievementSubject"],
	    "achievement": {"id": "https://example.edu/achievements/teamwork", "type": ["Achievement"],
	      "name": "Teamwork", "description": "Works well in a team.", "criteria": {"narrative": "Peer nominated."}}}
	}`)
	token, err := credential.SignJWT(ctx, badge, key, credential.JWTOptions{KeyID: kid})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := credential.VerifyJWT(ctx, token, credential.JWTVerifyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Format, res.Header.Alg, res.Header.Typ)
	fmt.Println(res.Issuer == issuer, res.VerificationMethod.ID == kid, res.VerificationMethod.Source)
	// VerifyJWT said who signed; whether that key is the issuer's, and
	// whether the token is current, are the caller's two questions.
	fmt.Println(res.KeyBoundTo(res.Issuer))
	fmt.Println(res.ValidateTime(time.Date(2023, 12, 31, 23, 58, 0, 0, time.UTC), 5*time.Minute))
	fmt.Println(res.ValidateTime(time.Date(2023, 12, 31, 23, 58, 0, 0, time.UTC), 0) != nil)

	// Change one character of the payload and the token no longer verifies.
	parts := strings.Split(token, ".")
	mid := len(parts[1]) / 2
	flip := map[byte]string{'A': "B"}[parts[1][mid]]
	if flip == "" {
		flip = "A"
	}
	parts[1] = parts[1][:mid] + flip + parts[1][mid+1:]
	_, err = credential.VerifyJWT(ctx, strings.Join(parts, "."), credential.JWTVerifyOptions{})
	fmt.Println(errors.Is(err, credential.ErrSignature))
	// Output:
	// openbadges-vc-jwt EdDSA JWT
	// true true did:key
	// <nil>
	// <nil>
	// true
	// true
}

func ExampleVerifyPresentationJWT() {
	ctx := context.Background()
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	me, _ := credential.DIDKey(key.Public())
	kid, _ := credential.DIDKeyVerificationMethod(key.Public())

	vc, _ := credential.SignVCJWT(ctx, []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],
		"type":["VerifiableCredential"],"issuer":"`+me+`","credentialSubject":{"id":"`+me+`"}}`), key, credential.JWTOptions{KeyID: kid})
	envelope, _ := credential.EnvelopeCredential(vc)
	vp := []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],
		"holder":"` + me + `","verifiableCredential":[` + string(envelope) + `]}`)
	token, _ := credential.SignPresentationJWT(ctx, vp, key, credential.JWTOptions{
		KeyID: kid, Nonce: "c0ae1c8e", Audience: "https://verifier.example"})

	res, err := credential.VerifyPresentationJWT(ctx, token, credential.JWTVerifyOptions{
		Challenge: "c0ae1c8e", Domain: "https://verifier.example"})
	fmt.Println(err, len(res.Credentials), res.KeyBoundTo(res.Holder))
	// Each enveloped credential is a token of its own, verified on its own.
	cred, err := credential.VerifyJWT(ctx, res.Credentials[0], credential.JWTVerifyOptions{})
	fmt.Println(err, cred.Format, cred.KeyBoundTo(cred.Issuer))

	_, err = credential.VerifyPresentationJWT(ctx, token, credential.JWTVerifyOptions{Challenge: "another"})
	fmt.Println(errors.Is(err, credential.ErrMismatch))
	// Output:
	// <nil> 1 <nil>
	// <nil> vc+jwt <nil>
	// true
}
