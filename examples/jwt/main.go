// Command jwt issues and verifies an Open Badges 3.0 credential as a VC-JWT:
//
//	go run ./examples/jwt [-alg ES256|ES384|EdDSA|RS256]
//
// The payload is the credential itself plus the registered claims iss, jti,
// sub and nbf that must agree with it; the header's kid is the issuer's
// did:key (did:jwk for RSA). It prints the header and claims, verifies the
// token with a Verifier, and shows that a token whose payload was changed
// fails.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "jwt:", err)
		os.Exit(1)
	}
}

var keyTypes = map[string]credential.KeyType{
	"ES256": credential.KeyP256, "ES384": credential.KeyP384, "EdDSA": credential.KeyEd25519, "RS256": credential.KeyRSA,
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("jwt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	alg := fs.String("alg", "ES256", "signing algorithm: ES256, ES384, EdDSA or RS256")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kt, ok := keyTypes[*alg]
	if !ok {
		return fmt.Errorf("unknown -alg %q", *alg)
	}
	key, err := credential.GenerateKey(kt)
	if err != nil {
		return err
	}
	did, kid := "", ""
	if kt == credential.KeyRSA {
		if did, err = credential.DIDJWK(key.Public()); err == nil {
			kid, err = credential.DIDJWKVerificationMethod(key.Public())
		}
	} else if did, err = credential.DIDKey(key.Public()); err == nil {
		kid, err = credential.DIDKeyVerificationMethod(key.Public())
	}
	if err != nil {
		return err
	}

	c, err := badge.NewAchievementCredential(badge.Profile{ID: did, Name: "Example Training Co."},
		badge.AchievementSubject{ID: "did:example:learner-7", Achievement: &badge.Achievement{
			ID: "https://training.example/achievements/forklift", Name: "Forklift Safety",
			Description: "Operates a forklift safely.", Criteria: &badge.Criteria{Narrative: "Pass the practical test."},
		}}, nil)
	if err != nil {
		return err
	}
	unsigned, err := json.Marshal(c)
	if err != nil {
		return err
	}
	token, err := credential.SignJWT(ctx, unsigned, key, credential.JWTOptions{KeyID: kid})
	if err != nil {
		return err
	}
	parts := strings.Split(token, ".")
	header, _ := base64.RawURLEncoding.DecodeString(parts[0])
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Compact JWS: %d bytes, %s...\n", len(token), token[:40])
	fmt.Fprintf(stdout, "Header: %s\n", header)
	fmt.Fprintf(stdout, "Registered claims: iss=%v jti=%v sub=%v nbf=%v\n", claims["iss"], claims["jti"], claims["sub"], claims["nbf"])

	v, err := verify.New(verify.Config{})
	if err != nil {
		return err
	}
	report, err := v.Verify(ctx, []byte(token))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Verifier: %s (format %s)\n", report.Verdict, report.Format)
	if !report.OK() {
		return fmt.Errorf("the token does not verify: %w", report.Err())
	}

	claims["name"] = "Crane Operation"
	forged, _ := json.Marshal(claims)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(forged) + "." + parts[2]
	bad, err := v.Verify(ctx, []byte(tampered))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Same signature, changed payload: %s\n", bad.Verdict)
	if bad.OK() {
		return fmt.Errorf("a tampered token verified")
	}
	return nil
}
