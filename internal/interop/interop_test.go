package interop

import (
	"context"
	"crypto"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/credential"
)

// seedHex is the Ed25519 seed the reference stack signs with.
const seedHex = "9b2f21e6c8f1d5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0"

// clrContexts writes the map of extra contexts extra.mjs loads: the CLR 2.0
// context, byte for byte the file our loader embeds.
func clrContexts(t *testing.T) string {
	t.Helper()
	file, err := filepath.Abs(filepath.Join("..", "jsonld", "contexts", "clr-v2p0-context-2.0.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": file}
	b, _ := json.Marshal(m)
	p := filepath.Join(t.TempDir(), "contexts.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// refSign signs doc with the reference stack.
func refSign(t *testing.T, s *refStack, suite string, doc corpusDoc, contexts string) []byte {
	t.Helper()
	sign := func(b []byte) []byte {
		var out []byte
		var err error
		if corpusDoc.needsCLR(corpusDoc{raw: b}) {
			out, err = s.run(t, b, "extra.mjs", "sign", suite, seedHex, contexts)
		} else {
			out, err = s.run(t, b, "sign.mjs", suite, seedHex)
		}
		if err != nil {
			t.Fatalf("reference stack failed to sign %s with %s: %v", doc.name, suite, err)
		}
		return out
	}
	return sign(resolvePlaceholders(t, doc.raw, sign))
}

// refVerify reports whether the reference stack verifies signed.
func refVerify(t *testing.T, s *refStack, signed []byte, contexts string) error {
	t.Helper()
	if (corpusDoc{raw: signed}).needsCLR() {
		_, err := s.run(t, signed, "extra.mjs", "verify", contexts)
		return err
	}
	_, err := s.run(t, signed, "verify.mjs")
	return err
}

// ourSigner signs like the reference sign script: the issuer becomes the
// key's did:key.
func ourSigner(t *testing.T, kt credential.KeyType, suite string) func([]byte) []byte {
	t.Helper()
	key, err := credential.GenerateKey(kt)
	if err != nil {
		t.Fatal(err)
	}
	did, err := credential.DIDKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	vm, err := credential.DIDKeyVerificationMethod(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	return func(doc []byte) []byte {
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		if iss, ok := m["issuer"].(map[string]any); ok {
			iss["id"] = did
		} else {
			m["issuer"] = did
		}
		b, _ := json.Marshal(m)
		signed, err := credential.AddProof(context.Background(), b, credential.SignOptions{
			Signer: key, VerificationMethod: vm, Cryptosuite: suite,
		})
		if err != nil {
			t.Fatalf("AddProof %s: %v", suite, err)
		}
		return signed
	}
}

func ourVerify(signed []byte) error {
	rep, err := credential.VerifyProofs(context.Background(), signed, credential.VerifyOptions{RequireIssuerController: true})
	if err != nil {
		return err
	}
	return rep.Err()
}

// TestInteropReferenceSignsWeVerify: every corpus credential signed by the
// reference stack with each of its suites verifies here, and changing any
// single value of it makes verification fail.
func TestInteropReferenceSignsWeVerify(t *testing.T) {
	s := referenceStack(t)
	contexts := clrContexts(t)
	for _, suite := range []string{"eddsa-rdfc-2022", "ecdsa-rdfc-2019-p256", "ecdsa-rdfc-2019-p384", "Ed25519Signature2020"} {
		for _, doc := range loadCorpus(t) {
			t.Run(suite+"/"+doc.name, func(t *testing.T) {
				t.Parallel()
				signed := refSign(t, s, suite, doc, contexts)
				if err := ourVerify(signed); err != nil {
					t.Fatalf("we do not verify what the reference stack signed: %v\n%s", err, signed)
				}
				for path, tampered := range tamperings(t, signed) {
					if ourVerify(tampered) == nil {
						t.Errorf("changed value at %s still verifies", path)
					}
				}
			})
		}
	}
}

// TestInteropWeSignReferenceVerifies: what we sign the reference stack
// verifies, and a changed value it rejects.
func TestInteropWeSignReferenceVerifies(t *testing.T) {
	s := referenceStack(t)
	contexts := clrContexts(t)
	suites := []struct {
		name  string
		kt    credential.KeyType
		suite string
	}{
		{"eddsa-rdfc-2022", credential.KeyEd25519, "eddsa-rdfc-2022"},
		{"ecdsa-rdfc-2019-p256", credential.KeyP256, "ecdsa-rdfc-2019"},
		{"ecdsa-rdfc-2019-p384", credential.KeyP384, "ecdsa-rdfc-2019"},
	}
	for _, sc := range suites {
		sign := ourSigner(t, sc.kt, sc.suite)
		for _, doc := range loadCorpus(t) {
			t.Run(sc.name+"/"+doc.name, func(t *testing.T) {
				t.Parallel()
				signed := sign(resolvePlaceholders(t, doc.raw, sign))
				if err := ourVerify(signed); err != nil {
					t.Fatalf("we do not verify our own credential: %v", err)
				}
				if err := refVerify(t, s, signed, contexts); err != nil {
					t.Fatalf("the reference stack rejects what we signed: %v\n%s", err, signed)
				}
				var m map[string]any
				if err := json.Unmarshal(signed, &m); err != nil {
					t.Fatal(err)
				}
				m["name"] = "A name the issuer never signed"
				tampered, _ := json.Marshal(m)
				if refVerify(t, s, tampered, contexts) == nil {
					t.Fatal("the reference stack accepts our credential with a changed name")
				}
			})
		}
	}
}

// TestInteropJWT: Open Badges VC-JWTs signed by the reference stack (jose,
// key in the jwk header) verify here and yield the credential unchanged;
// ours (kid = did:key or did:jwk) verify there.
func TestInteropJWT(t *testing.T) {
	s := referenceStack(t)
	for _, alg := range []string{"RS256", "ES256", "EdDSA"} {
		for _, doc := range loadCorpus(t) {
			t.Run("reference-signs/"+alg+"/"+doc.name, func(t *testing.T) {
				t.Parallel()
				unsigned := resolvePlaceholders(t, doc.raw, ourSigner(t, credential.KeyEd25519, "eddsa-rdfc-2022"))
				out, err := s.run(t, unsigned, "jwt-sign.mjs", alg)
				if err != nil {
					t.Fatal(err)
				}
				// The reference stack's token carries its key as a jwk header,
				// which binds it to no issuer: only the signature is ours to check.
				res, err := credential.VerifyJWT(context.Background(), string(trimSpace(out)), credential.JWTVerifyOptions{})
				if err != nil {
					t.Fatalf("we do not verify the reference stack's %s VC-JWT: %v", alg, err)
				}
				var want, got any
				_ = json.Unmarshal(unsigned, &want)
				_ = json.Unmarshal(res.Credential, &got)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("credential from the JWT differs (-want +got):\n%s", diff)
				}
				tampered := tamperJWTPayload(t, string(trimSpace(out)))
				if _, err := credential.VerifyJWT(context.Background(), tampered, credential.JWTVerifyOptions{}); err == nil {
					t.Error("a JWT with a changed payload verifies")
				}
			})
		}
	}
	keys := []struct {
		alg string
		kt  credential.KeyType
	}{{"RS256", credential.KeyRSA}, {"ES256", credential.KeyP256}, {"EdDSA", credential.KeyEd25519}}
	for _, k := range keys {
		key, err := credential.GenerateKey(k.kt)
		if err != nil {
			t.Fatal(err)
		}
		did, kid := didFor(t, key)
		for _, doc := range loadCorpus(t) {
			t.Run("we-sign/"+k.alg+"/"+doc.name, func(t *testing.T) {
				t.Parallel()
				unsigned := resolvePlaceholders(t, doc.raw, ourSigner(t, credential.KeyEd25519, "eddsa-rdfc-2022"))
				var m map[string]any
				_ = json.Unmarshal(unsigned, &m)
				if iss, ok := m["issuer"].(map[string]any); ok {
					iss["id"] = did
				} else {
					m["issuer"] = did
				}
				b, _ := json.Marshal(m)
				token, err := credential.SignJWT(context.Background(), b, key, credential.JWTOptions{KeyID: kid})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.run(t, []byte(token), "jwt-verify.mjs"); err != nil {
					t.Fatalf("the reference stack rejects our %s VC-JWT: %v", k.alg, err)
				}
				res, err := credential.VerifyJWT(context.Background(), token, credential.JWTVerifyOptions{})
				if err == nil {
					err = res.KeyBoundTo(res.Issuer)
				}
				if err != nil {
					t.Fatalf("we do not verify our own VC-JWT: %v", err)
				}
			})
		}
	}
}

func didFor(t *testing.T, key crypto.Signer) (did, kid string) {
	t.Helper()
	var err error
	if kt, _ := credential.KeyTypeOf(key.Public()); kt == credential.KeyRSA {
		if did, err = credential.DIDJWK(key.Public()); err == nil {
			kid, err = credential.DIDJWKVerificationMethod(key.Public())
		}
	} else if did, err = credential.DIDKey(key.Public()); err == nil {
		kid, err = credential.DIDKeyVerificationMethod(key.Public())
	}
	if err != nil {
		t.Fatal(err)
	}
	return did, kid
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == ' ' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// tamperJWTPayload changes one character of the payload's name claim and
// re-encodes it, keeping the original signature.
func tamperJWTPayload(t *testing.T, token string) string {
	t.Helper()
	var parts [3]string
	n := 0
	start := 0
	for i := 0; i < len(token) && n < 2; i++ {
		if token[i] == '.' {
			parts[n] = token[start:i]
			start = i + 1
			n++
		}
	}
	parts[2] = token[start:]
	payload, err := decodeSegment(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	m["name"] = "tampered"
	b, _ := json.Marshal(m)
	return parts[0] + "." + encodeSegment(b) + "." + parts[2]
}
