package verify_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/microcred/microcred/verify"
)

// A holder rewrites an expired credential so that validUntil is written as
// its IRI. The eddsa-rdfc-2022 proof still verifies, since it covers the
// RDF dataset and that has not changed; but the JSON no longer says what the
// proof covers, so the credential fails instead of passing as unexpired.
func ExampleErrRespelled() {
	signed := exampleCredential(func(c map[string]any) { c["validUntil"] = "2026-01-01T00:00:00Z" })
	var c map[string]any
	_ = json.Unmarshal(signed, &c)
	c["https://www.w3.org/2018/credentials#validUntil"] = map[string]any{
		"@value": c["validUntil"], "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
	delete(c, "validUntil")
	rewritten, _ := json.Marshal(c)

	v, err := verify.New(verify.Config{Clock: now})
	if err != nil {
		panic(err)
	}
	r, err := v.Verify(context.Background(), rewritten)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Verdict, errors.Is(r.Err(), verify.ErrRespelled))
	fmt.Println(r.Check(verify.CheckProof).Message)
	// Output:
	// failed true
	// the JSON is not what the proof covers: credential.validUntil: the signed data holds "2026-01-01T00:00:00Z" but the JSON has no "validUntil" (it is written "https://www.w3.org/2018/credentials#validUntil", its IRI)
}
