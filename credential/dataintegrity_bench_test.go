package credential

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"

	"github.com/microcred/microcred/internal/jsonld"
)

// The benchmarks time the same work as ../shared/interop/bench.mjs: the
// interop Open Badges credential, issued by the did:key of the all-zero
// Ed25519 seed, signed and verified with eddsa-rdfc-2022 (see BENCHMARKS.md).

func diBenchInput(b *testing.B) (key ed25519.PrivateKey, vm string, unsigned []byte, loader *jsonld.Loader) {
	key = ed25519.NewKeyFromSeed(make([]byte, 32))
	did, _ := DIDKey(key.Public())
	vm, _ = DIDKeyVerificationMethod(key.Public())
	doc := diDecodeObject(b, diReadFile(b, "testdata", "openbadges", "ob3-sample.json"))
	doc["issuer"].(map[string]any)["id"] = did
	unsigned, err := diMarshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	return key, vm, unsigned, diTestLoader(b)
}

func BenchmarkSignEdDSARDFC(b *testing.B) {
	key, vm, unsigned, loader := diBenchInput(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AddProof(ctx, unsigned, SignOptions{Signer: key, VerificationMethod: vm, Loader: loader}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyEdDSARDFC(b *testing.B) {
	key, vm, unsigned, loader := diBenchInput(b)
	ctx := context.Background()
	signed, err := AddProof(ctx, unsigned, SignOptions{Signer: key, VerificationMethod: vm, Loader: loader})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeOB3 is the JSON-LD + RDFC-1.0 step alone (bench.mjs
// reports it as canonize_us).
func BenchmarkCanonicalizeOB3(b *testing.B) {
	_, _, unsigned, loader := diBenchInput(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsonld.Canonicalize(ctx, unsigned, &jsonld.CanonicalizeOptions{Loader: loader, Hash: crypto.SHA256}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCryptoFloorEd25519 is what signing plus verifying would cost
// with free JSON-LD: SHA-256 of the same canonical document and proof
// configuration, one Ed25519 signature and one verification.
func BenchmarkCryptoFloorEd25519(b *testing.B) {
	key, vm, unsigned, loader := diBenchInput(b)
	ctx := context.Background()
	signed, err := AddProof(ctx, unsigned, SignOptions{Signer: key, VerificationMethod: vm, Loader: loader})
	if err != nil {
		b.Fatal(err)
	}
	doc := diDecodeObject(b, signed)
	proof := doc["proof"].(map[string]any)
	delete(doc, "proof")
	delete(proof, "proofValue")
	proof["@context"] = doc["@context"]
	s, _ := lookupSuite(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
	tr, err := s.transform(ctx, doc, proof, crypto.SHA256, loader, DefaultMaxDepth)
	if err != nil {
		b.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	b.ReportAllocs()
	for b.Loop() {
		c := sha256.Sum256(tr.canonConfig)
		d := sha256.Sum256(tr.canonDoc)
		data := append(c[:], d[:]...)
		sig := ed25519.Sign(key, data)
		if !ed25519.Verify(pub, data, sig) {
			b.Fatal("verify failed")
		}
	}
}
