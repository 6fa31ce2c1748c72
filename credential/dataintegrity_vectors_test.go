package credential

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/internal/multibase"
)

// diVector is one directory of the W3C vc-di-eddsa / vc-di-ecdsa test
// vectors: every intermediate step of signing one document.
type diVector struct {
	name    string
	dir     string // under internal/fixtures/w3c/di
	suffix  string // file name suffix, e.g. "DataInt"
	keyFile string // key pair file under internal/fixtures/w3c/di
	// deterministic: Ed25519 signatures are reproduced; ECDSA ones are
	// randomized, so the diVector's signature is verified instead.
	deterministic bool
}

var diVectors = []diVector{
	{name: "eddsa-rdfc-2022", dir: "vc-di-eddsa-TestVectors/eddsa-rdfc-2022", suffix: "DataInt", keyFile: "vc-di-eddsa-TestVectors/keyPair.json", deterministic: true},
	{name: "eddsa-rdfc-2022 employment (blank nodes)", dir: "vc-di-eddsa-TestVectors/eddsa-rdfc-2022/employ", suffix: "DataInt", keyFile: "vc-di-eddsa-TestVectors/keyPair.json", deterministic: true},
	{name: "eddsa-jcs-2022", dir: "vc-di-eddsa-TestVectors/eddsa-jcs-2022", suffix: "JCS", keyFile: "vc-di-eddsa-TestVectors/keyPair.json", deterministic: true},
	{name: "Ed25519Signature2020", dir: "vc-di-eddsa-TestVectors/Ed25519Signature2020", suffix: "EdSig", keyFile: "vc-di-eddsa-TestVectors/keyPair.json", deterministic: true},
	{name: "ecdsa-rdfc-2019 P-256", dir: "vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256", suffix: "ECDSAP256", keyFile: "vc-di-ecdsa-TestVectors/p256KeyPair.json"},
	{name: "ecdsa-rdfc-2019 P-256 employment", dir: "vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/employ", suffix: "ECDSAP256", keyFile: "vc-di-ecdsa-TestVectors/p256KeyPair.json"},
	{name: "ecdsa-rdfc-2019 P-384 (SHA-384, RDFC-1.0 with SHA-384)", dir: "vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384", suffix: "ECDSAP384", keyFile: "vc-di-ecdsa-TestVectors/p384KeyPair.json"},
	{name: "ecdsa-rdfc-2019 P-384 employment", dir: "vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/employ", suffix: "ECDSAP384", keyFile: "vc-di-ecdsa-TestVectors/p384KeyPair.json"},
	{name: "ecdsa-jcs-2019 P-256", dir: "vc-di-ecdsa-TestVectors/ecdsa-jcs-2019-p256", suffix: "JCSECDSAP256", keyFile: "vc-di-ecdsa-TestVectors/p256KeyPair.json"},
	{name: "ecdsa-jcs-2019 P-384", dir: "vc-di-ecdsa-TestVectors/ecdsa-jcs-2019-p384", suffix: "JCSECDSAP384", keyFile: "vc-di-ecdsa-TestVectors/p384KeyPair.json"},
}

func (v diVector) file(t testing.TB, stem, ext string) []byte {
	return diVectorFile(t, v.dir, stem+v.suffix+ext)
}

func diHexFile(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestW3CVectors reproduces every intermediate value of the W3C vectors:
// canonical document, canonical proof configuration, both hashes, the
// combined hash data, and (for Ed25519) the signature and proofValue; for
// ECDSA the published signature is verified over the reproduced hash data.
func TestW3CVectors(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	for _, v := range diVectors {
		t.Run(v.name, func(t *testing.T) {
			key := diSecretKey(t, v.keyFile)
			signed := v.file(t, "signed", ".json")
			doc := diDecodeObject(t, signed)
			proof := doc["proof"].(map[string]any)
			delete(doc, "proof")
			config := diDecodeObject(t, v.file(t, "proofConfig", ".json"))

			s, err := lookupSuite(proof["type"].(string), diStringOr(proof["cryptosuite"]))
			if err != nil {
				t.Fatal(err)
			}
			h, err := s.hashFor(key.Public())
			if err != nil {
				t.Fatal(err)
			}
			tr, err := s.transform(ctx, doc, config, h, loader, DefaultMaxDepth)
			if err != nil {
				t.Fatal(err)
			}
			for _, step := range []struct {
				what      string
				got, want []byte
			}{
				{"canonical document", tr.canonDoc, v.file(t, "canonDoc", ".txt")},
				{"canonical proof configuration", tr.canonConfig, v.file(t, "proofCanon", ".txt")},
				{"document hash", tr.docHash, diHexFile(t, v.file(t, "docHash", ".txt"))},
				// The files named proofHash hold hash(config) for most
				// suites; the combined file holds hash(config)||hash(doc).
				{"proof configuration hash", tr.configHash, diHexFile(t, v.file(t, "proofHash", ".txt"))[:len(tr.configHash)]},
				{"combined hash data", tr.hashData(), diHexFile(t, v.file(t, "combinedHash", ".txt"))},
			} {
				t.Run(step.what, func(t *testing.T) {
					if !bytes.Equal(step.got, step.want) {
						t.Errorf("%s differs:\n got %q\nwant %q", step.what, step.got, step.want)
					}
				})
			}

			sigWant := diHexFile(t, v.file(t, "sigHex", ".txt"))
			b58Want := strings.TrimSpace(string(v.file(t, "sigBTC58", ".txt")))
			if got := "z" + multibase.EncodeBase58(sigWant); got != b58Want || got != proof["proofValue"] {
				t.Errorf("proofValue: z-base58(sigHex) = %s, file has %s, signed document has %s", got, b58Want, proof["proofValue"])
			}
			if err := s.verify(key.Public(), h, tr.hashData(), sigWant); err != nil {
				t.Errorf("published signature does not verify: %v", err)
			}
			if v.deterministic {
				sig, err := s.sign(key, nil, h, tr.hashData())
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(sig, sigWant) {
					t.Errorf("signature:\n got %x\nwant %x", sig, sigWant)
				}
			}

			// The public API: the diVector verifies, and AddProof over the
			// unsigned document yields the same proof (Ed25519) or one that
			// verifies (ECDSA).
			rep, err := VerifyProofs(ctx, signed, VerifyOptions{Resolver: diTestResolver{}, Loader: loader})
			if err != nil {
				t.Fatalf("VerifyProofs: %v", err)
			}
			if !rep.Verified() || rep.Proofs[0].VerificationMethod != proof["verificationMethod"] {
				t.Fatalf("VerifyProofs: %+v", rep)
			}
			unsigned, err := diMarshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if s.proofType == SuiteEd25519Signature2020 {
				// The diVector's unsigned input lacks the suite context that
				// signing adds; start from it to test that step too.
				unsigned = diVectorFile(t, "vc-di-eddsa-TestVectors", "unsigned.json")
			}
			created, _ := time.Parse(time.RFC3339, proof["created"].(string))
			out, err := AddProof(ctx, unsigned, SignOptions{
				Signer:             key,
				VerificationMethod: proof["verificationMethod"].(string),
				Cryptosuite:        s.name,
				Created:            created,
				Loader:             loader,
			})
			if err != nil {
				t.Fatalf("AddProof: %v", err)
			}
			got := diDecodeObject(t, out)
			want := diDecodeObject(t, signed)
			if !v.deterministic {
				delete(got["proof"].(map[string]any), "proofValue")
				delete(want["proof"].(map[string]any), "proofValue")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("AddProof output differs from the signed diVector (-want +got):\n%s", diff)
			}
			if _, err := VerifyProofs(ctx, out, VerifyOptions{Loader: loader}); err != nil {
				t.Errorf("our own proof does not verify: %v", err)
			}
		})
	}
}

func diStringOr(v any) string {
	s, _ := v.(string)
	return s
}

// TestProofSetAndChainVectors verifies the vc-di-eddsa proof set and
// chain vectors and reproduces each of their signatures with AddProof.
func TestProofSetAndChainVectors(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	dir := "vc-di-eddsa-TestVectors/proof-set-chain"
	var pairs map[string]map[string]string
	if err := diJSONUnmarshal(diVectorFile(t, dir, "multiKeyPairs.json"), &pairs); err != nil {
		t.Fatal(err)
	}
	keys := map[string]crypto.Signer{}
	for _, kp := range pairs {
		keys[kp["publicKeyMultibase"]] = diSecretKeyFromMultibase(t, kp)
	}
	for _, f := range []string{"signedProofSet1.json", "signedProofSet2.json", "signedProofChain1.json", "signedProofChain2.json"} {
		rep, err := VerifyProofs(ctx, diVectorFile(t, dir, f), VerifyOptions{Loader: loader})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !rep.Verified() {
			t.Errorf("%s: not verified: %+v", f, rep)
		}
	}

	// Rebuild signedProofChain2 step by step from unsigned.json.
	doc := diVectorFile(t, dir, "unsigned.json")
	steps := []struct{ config, signed string }{
		{"proofSetConfig1.json", "signedProofSet1.json"},
		{"proofSetConfig2.json", "signedProofSet2.json"},
		{"proofChainConfig1.json", "signedProofChain1.json"},
		{"proofChainConfig2.json", "signedProofChain2.json"},
	}
	for _, st := range steps {
		cfg := diDecodeObject(t, diVectorFile(t, dir, st.config))
		vm := cfg["verificationMethod"].(string)
		created, _ := time.Parse(time.RFC3339, cfg["created"].(string))
		opts := SignOptions{
			Signer:             keys[vm[strings.LastIndex(vm, "#")+1:]],
			VerificationMethod: vm,
			Created:            created,
			ID:                 diStringOr(cfg["id"]),
			Loader:             loader,
		}
		switch p := cfg["previousProof"].(type) {
		case string:
			opts.PreviousProof = []string{p}
		case []any:
			for _, e := range p {
				opts.PreviousProof = append(opts.PreviousProof, e.(string))
			}
		}
		var err error
		if doc, err = AddProof(ctx, doc, opts); err != nil {
			t.Fatalf("%s: %v", st.config, err)
		}
		if diff := cmp.Diff(diDecodeObject(t, diVectorFile(t, dir, st.signed)), diDecodeObject(t, doc)); diff != "" {
			t.Errorf("after %s (-want +got):\n%s", st.config, diff)
		}
	}
}

// TestEd25519Signature2020Context checks that signing adds the suite context
// exactly once and keeps the rest of the document's bytes.
func TestEd25519Signature2020Context(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	vm, err := DIDKeyVerificationMethod(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	in := diVectorFile(t, "vc-di-eddsa-TestVectors", "unsigned.json")
	out, err := AddProof(context.Background(), in, SignOptions{Signer: key, VerificationMethod: vm, Cryptosuite: SuiteEd25519Signature2020, Loader: diTestLoader(t)})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte(Ed25519Signature2020Context)); n != 1 {
		t.Errorf("suite context appears %d times", n)
	}
	if !bytes.Contains(out, []byte(`"credentialSubject": {
        "id": "did:example:abcdefgh",`)) {
		t.Errorf("the document's own formatting was not kept:\n%s", out)
	}
}

// TestProofChainTampering: a chain breaks when a proof it names is removed
// or altered, even though the remaining proofs still verify on their own.
func TestProofChainTampering(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	raw := diVectorFile(t, "vc-di-eddsa-TestVectors", "proof-set-chain", "signedProofChain2.json")

	doc := diDecodeObject(t, raw)
	proofs := doc["proof"].([]any)
	doc["proof"] = proofs[1:] // drop urn:uuid:26329423..., named by the third proof
	removed, _ := diMarshal(doc)
	rep, err := VerifyProofs(ctx, removed, VerifyOptions{Loader: loader})
	if !errors.Is(err, errBrokenProofChain) {
		t.Fatalf("removed proof: got %v, want errBrokenProofChain", err)
	}
	if !rep.Proofs[0].Verified() || rep.Proofs[1].Verified() || !rep.Proofs[2].Verified() {
		t.Errorf("removed proof: want proofs 0 and 2 (not chained to it) to verify and 1 to fail: %+v", rep.Proofs)
	}

	doc = diDecodeObject(t, raw)
	doc["proof"].([]any)[2].(map[string]any)["created"] = "2023-02-26T22:06:39Z"
	altered, _ := diMarshal(doc)
	rep, err = VerifyProofs(ctx, altered, VerifyOptions{Loader: loader})
	if !errors.Is(err, ErrSignature) {
		t.Fatalf("altered proof: got %v", err)
	}
	// The altered proof fails, and so does the proof chained to it.
	if rep.Proofs[2].Verified() || rep.Proofs[3].Verified() || !rep.Proofs[0].Verified() {
		t.Errorf("altered proof: %+v", rep.Proofs)
	}
}

// TestSelectiveDisclosureUnsupported: an ecdsa-sd-2023 base proof from the
// vc-di-ecdsa vectors is refused with errUnsupportedCryptosuite, not
// mistaken for a broken signature.
func TestSelectiveDisclosureUnsupported(t *testing.T) {
	raw := diVectorFile(t, "vc-di-ecdsa-TestVectors", "ecdsa-sd-2023", "employ", "addSignedSDBase.json")
	_, err := VerifyProofs(context.Background(), raw, VerifyOptions{Loader: diTestLoader(t)})
	if !errors.Is(err, errUnsupportedCryptosuite) || !strings.Contains(err.Error(), "ecdsa-sd-2023") {
		t.Fatalf("got %v, want errUnsupportedCryptosuite naming ecdsa-sd-2023", err)
	}
}
