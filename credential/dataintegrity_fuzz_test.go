package credential

import (
	"context"
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/fixtures"
)

// diSignedVectors are the W3C signed vectors, one per branch of verifyOne:
// eddsa-rdfc-2022, the JCS suites (a proof's own @context), a legacy proof,
// a proof chain and ECDSA.
var diSignedVectors = [][]string{
	{"vc-di-eddsa-TestVectors", "eddsa-rdfc-2022", "signedDataInt.json"},
	{"vc-di-eddsa-TestVectors", "eddsa-jcs-2022", "signedJCS.json"},
	{"vc-di-eddsa-TestVectors", "Ed25519Signature2020", "signedEdSig.json"},
	{"vc-di-eddsa-TestVectors", "proof-set-chain", "signedProofChain2.json"},
	{"vc-di-ecdsa-TestVectors", "ecdsa-rdfc-2019-p384", "signedECDSAP384.json"},
	{"vc-di-ecdsa-TestVectors", "ecdsa-jcs-2019-p256", "signedJCSECDSAP256.json"},
}

// FuzzVerifyProofs feeds arbitrary documents to VerifyProofs: it must
// return an error or a report, never panic, and never call a document
// verified unless every proof in it verified.
func FuzzVerifyProofs(f *testing.F) {
	for _, p := range diSignedVectors {
		f.Add(diVectorFile(f, p...))
	}
	f.Add(diReadFile(f, "testdata", "presentations", "vp-eddsa-rdfc-2022.json"))
	f.Add(fixtures.Read(f, "1edtech/testvectors/obv3p0-signed.json"))
	for _, s := range []string{`{}`, `{"proof":{}}`, `{"proof":[{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022"}]}`, `[`, `{"proof":null}`} {
		f.Add([]byte(s))
	}
	loader := diTestLoader(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rep, err := VerifyProofs(ctx, doc, VerifyOptions{Loader: loader, Resolver: diTestResolver{}, MaxDocumentBytes: 64 << 10})
		if err == nil && !rep.Verified() {
			t.Fatalf("no error but not verified: %+v", rep)
		}
		if err != nil && rep.Verified() {
			t.Fatalf("error %v but verified", err)
		}
	})
}

// FuzzVerifyPresentationProof: arbitrary presentations never panic under
// the holder-proof options (authentication, challenge, domain), and a
// report is verified exactly when there is no error.
func FuzzVerifyPresentationProof(f *testing.F) {
	f.Add(diReadFile(f, "testdata", "presentations", "vp-eddsa-rdfc-2022.json"))
	f.Add([]byte(`{"type":"VerifiablePresentation","verifiableCredential":[1,"x",{}],"proof":{}}`))
	f.Add([]byte(`{"type":["VerifiablePresentation"],"holder":{"id":"did:x"},"verifiableCredential":{"proof":[]}}`))
	loader := diTestLoader(f)
	f.Fuzz(func(t *testing.T, vp []byte) {
		rep, err := VerifyProofs(context.Background(), vp, VerifyOptions{
			ProofPurpose: PurposeAuthentication,
			Challenge:    "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", Domain: "verifier.example",
			Loader: loader, Resolver: diTestResolver{}, MaxDocumentBytes: 64 << 10,
		})
		if (err == nil) != rep.Verified() {
			t.Fatalf("error %v but Verified() = %v", err, rep.Verified())
		}
	})
}

// FuzzAddProof: signing arbitrary JSON with a JCS suite either fails
// cleanly or yields a document whose new proof verifies.
func FuzzAddProof(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2.5e3,"\u00e9"]}`, `{"proof":{"type":"x"}}`, `{"proof":[{"id":"p1"}]}`, `{"@context":"https://www.w3.org/ns/credentials/v2"}`, `[]`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	vm, err := DIDKeyVerificationMethod(key.Public())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := AddProof(context.Background(), doc, SignOptions{Signer: key, VerificationMethod: vm, Cryptosuite: SuiteEdDSAJCS2022, MaxDocumentBytes: 64 << 10})
		if err != nil {
			return
		}
		rep, err := VerifyProofs(context.Background(), out, VerifyOptions{MaxProofs: DefaultMaxProofs})
		// Proofs that were already there may fail; ours, the last, must not.
		if rep == nil {
			t.Fatalf("signed output unreadable: %v\n%s", err, out)
		}
		if last := rep.Proofs[len(rep.Proofs)-1]; last.Err != nil {
			t.Fatalf("our proof does not verify: %v\n%s", last.Err, out)
		}
	})
}
