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

func diBenchInput(b testing.TB) (key ed25519.PrivateKey, vm string, unsigned []byte, loader *ContextLoader) {
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

// diBenchSigned is diBenchInput's credential signed.
func diBenchSigned(b testing.TB) (key ed25519.PrivateKey, vm string, signed []byte, loader *ContextLoader) {
	key, vm, unsigned, loader := diBenchInput(b)
	signed, err := AddProof(context.Background(), unsigned, SignOptions{Signer: key, VerificationMethod: vm, Loader: loader})
	if err != nil {
		b.Fatal(err)
	}
	return key, vm, signed, loader
}

// diBenchConfig is the proof configuration of diBenchSigned's credential:
// its proof without the proofValue, under the credential's @context.
func diBenchConfig(b testing.TB) (config map[string]any, loader *ContextLoader) {
	_, _, signed, loader := diBenchSigned(b)
	doc := diDecodeObject(b, signed)
	config = doc["proof"].(map[string]any)
	delete(config, "proofValue")
	config["@context"] = doc["@context"]
	return config, loader
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
	_, _, signed, loader := diBenchSigned(b)
	ctx := context.Background()
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
		if _, err := jsonld.Canonicalize(ctx, unsigned, &jsonld.CanonicalizeOptions{Loader: loader.internal(), Hash: crypto.SHA256}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeProofConfig is the other canonicalization of every
// signature and verification: the benchmark credential's proof without its
// proofValue, under the credential's @context (package jsonld's straight
// path, as for the credential).
func BenchmarkCanonicalizeProofConfig(b *testing.B) {
	config, loader := diBenchConfig(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsonld.Canonicalize(ctx, config, &jsonld.CanonicalizeOptions{Loader: loader.internal(), Hash: crypto.SHA256}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalizeProofConfigAsSigned is the same step as sign and
// verify take it: the benchmark credential's configuration is a standard
// one, written directly (standardProofConfig) instead of by the path
// BenchmarkCanonicalizeProofConfig times.
func BenchmarkCanonicalizeProofConfigAsSigned(b *testing.B) {
	config, loader := diBenchConfig(b)
	ctx := context.Background()
	s, err := lookupSuite(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.canonicalizeConfig(ctx, config, crypto.SHA256, loader, DefaultMaxDepth); err != nil {
			b.Fatal(err)
		}
	}
}

// The crypto floors are what signing and verifying would cost with free
// JSON-LD: SHA-256 of the same canonical document and proof configuration,
// then one Ed25519 signature (BenchmarkCryptoFloorEd25519Sign) or one
// verification (BenchmarkCryptoFloorEd25519Verify). Sign and verify are
// judged each against its own floor: an Ed25519 verification costs about
// twice a signature.

func diBenchCanonical(b testing.TB) (key ed25519.PrivateKey, canonConfig, canonDoc []byte) {
	key, _, signed, loader := diBenchSigned(b)
	ctx := context.Background()
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
	return key, tr.canonConfig, tr.canonDoc
}

func diFloorHash(canonConfig, canonDoc []byte) [64]byte {
	var data [64]byte
	c := sha256.Sum256(canonConfig)
	d := sha256.Sum256(canonDoc)
	copy(data[:32], c[:])
	copy(data[32:], d[:])
	return data
}

func BenchmarkCryptoFloorEd25519Sign(b *testing.B) {
	key, canonConfig, canonDoc := diBenchCanonical(b)
	b.ReportAllocs()
	for b.Loop() {
		data := diFloorHash(canonConfig, canonDoc)
		if sig := ed25519.Sign(key, data[:]); len(sig) != ed25519.SignatureSize {
			b.Fatal("short signature")
		}
	}
}

func BenchmarkCryptoFloorEd25519Verify(b *testing.B) {
	key, canonConfig, canonDoc := diBenchCanonical(b)
	pub := key.Public().(ed25519.PublicKey)
	data := diFloorHash(canonConfig, canonDoc)
	sig := ed25519.Sign(key, data[:])
	b.ReportAllocs()
	for b.Loop() {
		data := diFloorHash(canonConfig, canonDoc)
		if !ed25519.Verify(pub, data[:], sig) {
			b.Fatal("verify failed")
		}
	}
}

// BenchmarkVerifyEdDSARDFCParallel verifies on every core at once with one
// shared Loader; run with -cpu 1,2 the ratio of its ns/op is how verification
// scales, which a lock on the hot path would flatten.
func BenchmarkVerifyEdDSARDFCParallel(b *testing.B) {
	_, _, signed, loader := diBenchSigned(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: loader, RequireIssuerController: true}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
