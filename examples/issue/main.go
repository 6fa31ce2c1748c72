// Command issue signs an Open Badges 3.0 credential with a private JWK.
//
//	go run ./examples/issue -key KEY.jwk [-format di|jwt] < unsigned.json
//
// An Ed25519 key signs with eddsa-rdfc-2022, a P-256 or P-384 key with
// ecdsa-rdfc-2019; -format jwt makes an Open Badges VC-JWT instead (RS256 for
// RSA keys, which only JWT supports). The issuer id and the verification
// method become the key's did:key (did:jwk for RSA). The signed JSON, or the
// compact JWT, goes to standard output.
//
// Make a key with -new-key (Ed25519, P-256, P-384 or RSA) to try it:
//
//	go run ./examples/issue -new-key Ed25519 > key.jwk
//	go run ./examples/issue -key key.jwk < examples/issue/testdata/unsigned.json
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/microcred/microcred/credential"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: exit code 0 on success, 1 on failure,
// 2 on a usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keyFile := fs.String("key", "", "private key as a JWK file (required)")
	format := fs.String("format", "di", "di (Data Integrity proof) or jwt (Open Badges VC-JWT)")
	newKey := fs.String("new-key", "", "print a new private JWK of this type (Ed25519, P-256, P-384, RSA) and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: issue -key KEY.jwk [-format di|jwt] < unsigned.json")
		fmt.Fprintln(stderr, "       issue -new-key Ed25519|P-256|P-384|RSA > KEY.jwk")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *newKey != "" {
		if err := printNewKey(stdout, credential.KeyType(*newKey)); err != nil {
			fmt.Fprintln(stderr, "issue:", err)
			return 1
		}
		return 0
	}
	if *keyFile == "" || fs.NArg() != 0 || (*format != "di" && *format != "jwt") {
		fs.Usage()
		return 2
	}
	out, err := issue(ctx, *keyFile, *format, stdin)
	if err != nil {
		fmt.Fprintln(stderr, "issue:", err)
		return 1
	}
	stdout.Write(out)
	return 0
}

func issue(ctx context.Context, keyFile, format string, stdin io.Reader) ([]byte, error) {
	jwk, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, err
	}
	key, err := credential.ParsePrivateJWK(jwk)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", keyFile, err)
	}
	kt, err := credential.KeyTypeOf(key.Public())
	if err != nil {
		return nil, err
	}
	unsigned, err := io.ReadAll(io.LimitReader(stdin, 8<<20))
	if err != nil {
		return nil, err
	}
	id, err := credential.IssuerKeyFor(key)
	if err != nil {
		return nil, err
	}
	doc, err := setIssuer(unsigned, id.DID)
	if err != nil {
		return nil, err
	}
	if format == "jwt" {
		token, err := credential.SignJWT(ctx, doc, key, credential.JWTOptions{KeyID: id.VerificationMethod})
		if err != nil {
			return nil, err
		}
		return []byte(token + "\n"), nil
	}
	if kt == credential.KeyRSA {
		return nil, errors.New("RSA keys sign only with -format jwt: Data Integrity has no RSA cryptosuite")
	}
	signed, err := credential.AddProof(ctx, doc, credential.SignOptions{Signer: key, VerificationMethod: id.VerificationMethod})
	if err != nil {
		return nil, err
	}
	return append(signed, '\n'), nil
}

// setIssuer makes issuer (or issuer.id) the DID, keeping every other member
// of the credential as it was.
func setIssuer(unsigned []byte, did string) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(unsigned, &doc); err != nil {
		return nil, fmt.Errorf("the credential on standard input is not a JSON object: %w", err)
	}
	var profile map[string]json.RawMessage
	if raw, ok := doc["issuer"]; ok && json.Unmarshal(raw, &profile) == nil {
		profile["id"], _ = json.Marshal(did)
		doc["issuer"], _ = json.Marshal(profile)
	} else {
		doc["issuer"], _ = json.Marshal(did)
	}
	return json.Marshal(doc)
}

func printNewKey(w io.Writer, kt credential.KeyType) error {
	key, err := credential.GenerateKey(kt)
	if err != nil {
		return err
	}
	b, err := credential.MarshalJWK(key)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
