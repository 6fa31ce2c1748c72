package credential

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// FuzzVerifyProofs feeds arbitrary documents to VerifyProofs: it must
// return an error or a report, never panic, and never call a document
// verified unless every proof in it verified.
func FuzzVerifyProofs(f *testing.F) {
	for _, p := range [][]string{
		{"di", "vc-di-eddsa-TestVectors", "eddsa-rdfc-2022", "signedDataInt.json"},
		{"di", "vc-di-eddsa-TestVectors", "eddsa-jcs-2022", "signedJCS.json"},
		{"di", "vc-di-eddsa-TestVectors", "Ed25519Signature2020", "signedEdSig.json"},
		{"di", "vc-di-eddsa-TestVectors", "proof-set-chain", "signedProofChain2.json"},
		{"di", "vc-di-ecdsa-TestVectors", "ecdsa-rdfc-2019-p384", "signedECDSAP384.json"},
		{"di", "vc-di-ecdsa-TestVectors", "ecdsa-jcs-2019-p256", "signedJCSECDSAP256.json"},
		{"openbadges", "testvectors", "obv3p0-signed.json"},
		{"presentations", "vp-eddsa-rdfc-2022.json"},
	} {
		f.Add(diReadFile(f, filepath.Join(append([]string{"testdata"}, p...)...)))
	}
	for _, s := range []string{`{}`, `{"proof":{}}`, `{"proof":[{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022"}]}`, `[`, `{"proof":null}`} {
		f.Add([]byte(s))
	}
	loader := diTestLoader(f)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rep, err := VerifyProofs(ctx, doc, VerifyOptions{Loader: loader, Now: now, Resolver: diTestResolver{}, MaxDocumentBytes: 64 << 10})
		if err == nil && !rep.Verified() {
			t.Fatalf("no error but not verified: %+v", rep)
		}
		if err != nil && rep.Verified() {
			t.Fatalf("error %v but verified", err)
		}
	})
}
