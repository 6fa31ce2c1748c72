package credential

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"fmt"
	"io"
	"math/big"
	"slices"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/jsonld"
)

// canonKind is how a suite turns JSON into bytes to hash.
type canonKind uint8

const (
	canonRDFC canonKind = iota + 1 // JSON-LD expansion + RDFC-1.0 N-Quads
	canonJCS                       // RFC 8785
)

// keyKind is the signature algorithm family of a suite.
type keyKind uint8

const (
	keyEd25519 keyKind = iota + 1
	keyECDSA
)

// suite describes one way of making and checking a proof. The set of suites
// is the fixed table in lookupSuite.
type suite struct {
	name      string // cryptosuite value, or the proof type for legacy suites
	proofType string
	canon     canonKind
	key       keyKind
	// contextInProof: the suite copies the document's @context into the
	// proof it outputs (JCS suites, so that the proof's vocabulary is
	// fixed even though no JSON-LD processing happens).
	contextInProof bool
	// legacy suites are verified but never produced by AddProof.
	legacy bool
}

// ModernCryptosuites returns the standard cryptosuites this package signs
// and verifies, without the legacy names; pass it as
// VerifyOptions.AllowedCryptosuites to refuse Ed25519Signature2020 and
// eddsa-2022 proofs.
func ModernCryptosuites() []string {
	return []string{SuiteEdDSARDFC2022, SuiteEdDSAJCS2022, SuiteECDSARDFC2019, SuiteECDSAJCS2019}
}

// unsupportedSuite reports registered cryptosuites that this package
// knows of but does not implement, so they get a clearer error than a typo.
func unsupportedSuite(name string) bool {
	switch name {
	case "ecdsa-sd-2023", "bbs-2023", "eddsa-sd-2023", "ecdsa-2019":
		return true
	}
	return false
}

// lookupSuite finds the suite for a proof's type and cryptosuite members.
func lookupSuite(proofType, cryptosuite string) (*suite, error) {
	s, err := suiteOf(proofType, cryptosuite)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// suiteOf is lookupSuite returning the suite itself, which stays in the
// caller's frame (a verification looks one up per proof).
func suiteOf(proofType, cryptosuite string) (suite, error) {
	switch proofType {
	case ProofTypeDataIntegrity:
		switch cryptosuite {
		case SuiteEdDSARDFC2022:
			return suite{name: cryptosuite, proofType: proofType, canon: canonRDFC, key: keyEd25519}, nil
		case SuiteEdDSA2022Draft:
			return suite{name: cryptosuite, proofType: proofType, canon: canonRDFC, key: keyEd25519, legacy: true}, nil
		case SuiteEdDSAJCS2022:
			return suite{name: cryptosuite, proofType: proofType, canon: canonJCS, key: keyEd25519, contextInProof: true}, nil
		case SuiteECDSARDFC2019:
			return suite{name: cryptosuite, proofType: proofType, canon: canonRDFC, key: keyECDSA}, nil
		case SuiteECDSAJCS2019:
			return suite{name: cryptosuite, proofType: proofType, canon: canonJCS, key: keyECDSA, contextInProof: true}, nil
		case "":
			return suite{}, fmt.Errorf("%w: DataIntegrityProof without a cryptosuite", errMalformedProof)
		}
		if unsupportedSuite(cryptosuite) {
			return suite{}, fmt.Errorf("%w: %q (selective disclosure and BBS suites are not implemented)", errUnsupportedCryptosuite, cryptosuite)
		}
		return suite{}, fmt.Errorf("%w: cryptosuite %q", errUnknownCryptosuite, cryptosuite)
	case SuiteEd25519Signature2020:
		if cryptosuite != "" {
			return suite{}, fmt.Errorf("%w: Ed25519Signature2020 proof with a cryptosuite member", errMalformedProof)
		}
		return suite{name: proofType, proofType: proofType, canon: canonRDFC, key: keyEd25519, legacy: true}, nil
	case "":
		return suite{}, fmt.Errorf("%w: proof without a type", errMalformedProof)
	}
	return suite{}, fmt.Errorf("%w: proof type %q", errUnknownCryptosuite, proofType)
}

// suiteForSigning resolves SignOptions.Cryptosuite, defaulting by key type.
func suiteForSigning(name string, pub crypto.PublicKey) (suite, error) {
	if name == "" {
		switch pub.(type) {
		case ed25519.PublicKey:
			name = SuiteEdDSARDFC2022
		case *ecdsa.PublicKey:
			name = SuiteECDSARDFC2019
		default:
			return suite{}, fmt.Errorf("%w: no Data Integrity cryptosuite for a %T key", errKeyTypeMismatch, pub)
		}
	}
	var s suite
	var err error
	if name == SuiteEd25519Signature2020 {
		s, err = suiteOf(SuiteEd25519Signature2020, "")
	} else {
		s, err = suiteOf(ProofTypeDataIntegrity, name)
	}
	if err != nil {
		return suite{}, err
	}
	if s.name == SuiteEdDSA2022Draft {
		return suite{}, fmt.Errorf("%w: %q is a pre-standard name; sign with %q", ErrInvalidOptions, name, SuiteEdDSARDFC2022)
	}
	return s, nil
}

// hashFor returns the hash the suite uses with pub: SHA-256 for Ed25519 and
// P-256, SHA-384 for P-384 (vc-di-ecdsa §3.3). For RDFC suites the same
// hash labels blank nodes in RDFC-1.0.
func (s *suite) hashFor(pub crypto.PublicKey) (crypto.Hash, error) {
	switch s.key {
	case keyEd25519:
		if k, ok := pub.(ed25519.PublicKey); ok && len(k) == ed25519.PublicKeySize {
			return crypto.SHA256, nil
		}
		return 0, fmt.Errorf("%w: %s needs an Ed25519 key, got %s", errKeyTypeMismatch, s.name, diDescribeKey(pub))
	case keyECDSA:
		if k, ok := pub.(*ecdsa.PublicKey); ok {
			switch k.Curve {
			case elliptic.P256():
				return crypto.SHA256, nil
			case elliptic.P384():
				return crypto.SHA384, nil
			}
		}
		return 0, fmt.Errorf("%w: %s needs a P-256 or P-384 key, got %s", errKeyTypeMismatch, s.name, diDescribeKey(pub))
	}
	return 0, fmt.Errorf("%w: %s", errUnknownCryptosuite, s.name)
}

func diDescribeKey(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case ed25519.PublicKey:
		return "Ed25519"
	case *ecdsa.PublicKey:
		if k.Curve != nil {
			return "ECDSA " + k.Curve.Params().Name
		}
		return "ECDSA"
	case nil:
		return "no key"
	}
	return fmt.Sprintf("%T", pub)
}

// canonicalize serializes v the suite's way. maxDepth is the nesting the
// caller allowed when it read v, so that canonicalization accepts what
// parsing did. read says every string of v came from the strict reader
// (diParseTransient), which refused invalid UTF-8, so canonicalization
// need not scan the text again; a proof configuration, which holds the
// signer's own strings, is not.
func (s *suite) canonicalize(ctx context.Context, v any, h crypto.Hash, loader *jsonld.Loader, maxDepth int, read bool) ([]byte, error) {
	if s.canon == canonJCS {
		return jcs.Marshal(v)
	}
	return jsonld.Canonicalize(ctx, v, s.canonOptions(h, loader, maxDepth, read))
}

// canonicalizeConfig is canonicalize for a proof configuration, with its
// @context: the configuration of a standard proof is written directly
// (see standardConfig), any other is the general path's.
func (s *suite) canonicalizeConfig(ctx context.Context, config map[string]any, h crypto.Hash, loader *ContextLoader, maxDepth int) ([]byte, error) {
	// A proofValue here is a member of the configuration, which the
	// shortcut, reading a proof, would leave out.
	if _, withValue := config["proofValue"]; !withValue {
		if nquads, ok := s.standardConfig(ctx, config, config["@context"], loader, maxDepth); ok {
			return nquads, nil
		}
	}
	return s.canonicalize(ctx, config, h, loader.internal(), maxDepth, false)
}

// standardConfig is standardProofConfig where the suite and loader allow
// it: RDFC suites, and a loader whose embedded contexts are the embedded
// ones. A cancelled ctx is left to the general path, whose error it is.
func (s *suite) standardConfig(ctx context.Context, proof map[string]any, docContext any, loader *ContextLoader, maxDepth int) ([]byte, bool) {
	if s.canon != canonRDFC || !loader.embeddedAsIs() || ctx.Err() != nil {
		return nil, false
	}
	return standardProofConfig(proof, docContext, maxDepth)
}

// canonOptions are the RDFC options canonicalize uses.
func (s *suite) canonOptions(h crypto.Hash, loader *jsonld.Loader, maxDepth int, read bool) *jsonld.CanonicalizeOptions {
	return &jsonld.CanonicalizeOptions{Loader: loader, Hash: h, Limits: jsonld.Limits{MaxDepth: maxDepth}, TextChecked: read}
}

// transformed holds every intermediate value of the hashing algorithm, so
// tests can compare each with the published vectors.
type transformed struct {
	canonDoc, canonConfig []byte
	docHash, configHash   []byte
	// hashes backs configHash and docHash, in that order and adjacent,
	// so that hashData is a slice of it: three allocations fewer on every
	// signature and verification.
	hashes [2 * sha512.Size384]byte
}

// newTransformed returns the transformed value of canonical forms whose
// hashes under h are computed, or, for docHash, given (a cached document).
func newTransformed(h crypto.Hash, canonConfig, canonDoc, docHash []byte) *transformed {
	t := &transformed{canonConfig: canonConfig, canonDoc: canonDoc}
	t.configHash = diDigestTo(t.hashes[:0:len(t.hashes)/2], h, canonConfig)
	rest := t.hashes[len(t.configHash):len(t.configHash)]
	if docHash != nil {
		t.docHash = append(rest, docHash...)
	} else {
		t.docHash = diDigestTo(rest, h, canonDoc)
	}
	return t
}

// hashData is the "hashData" of vc-di-eddsa/vc-di-ecdsa:
// hash(canonical proof config) || hash(canonical document).
func (t *transformed) hashData() []byte {
	n := len(t.configHash)
	if n > 0 && len(t.docHash) > 0 && n+len(t.docHash) <= len(t.hashes) &&
		&t.configHash[0] == &t.hashes[0] && &t.docHash[0] == &t.hashes[n] {
		return t.hashes[:n+len(t.docHash)]
	}
	return append(slices.Clip(t.configHash), t.docHash...) // not built by newTransformed
}

// transform canonicalizes and hashes the unsecured document and the proof
// configuration.
func (s *suite) transform(ctx context.Context, doc, config map[string]any, h crypto.Hash, loader *ContextLoader, maxDepth int) (*transformed, error) {
	canonConfig, err := s.canonicalizeConfig(ctx, config, h, loader, maxDepth)
	if err != nil {
		return nil, fmt.Errorf("%w: canonicalizing the proof configuration: %w", errMalformedProof, err)
	}
	canonDoc, err := s.canonicalize(ctx, doc, h, loader.internal(), maxDepth, true)
	if err != nil {
		return nil, fmt.Errorf("%w: canonicalizing the document: %w", errMalformedDocument, err)
	}
	return newTransformed(h, canonConfig, canonDoc, nil), nil
}

func diDigest(h crypto.Hash, b []byte) []byte {
	return diDigestTo(nil, h, b)
}

// diDigestTo appends the hash of b to dst.
func diDigestTo(dst []byte, h crypto.Hash, b []byte) []byte {
	if h == crypto.SHA256 {
		// Every Ed25519 proof: no hasher, and no allocation when dst has room.
		sum := sha256.Sum256(b)
		return append(dst, sum[:]...)
	}
	d := h.New()
	d.Write(b)
	return d.Sum(dst)
}

// sign signs hashData: Ed25519 signs it directly; ECDSA signs its hash and
// the signature is encoded as the fixed-size r||s of IEEE P1363, which the
// suites require (not ASN.1).
func (s *suite) sign(signer crypto.Signer, rand io.Reader, h crypto.Hash, data []byte) ([]byte, error) {
	switch s.key {
	case keyEd25519:
		sig, err := signer.Sign(rand, data, crypto.Hash(0))
		if err != nil {
			return nil, fmt.Errorf("credential: signing: %w", err)
		}
		if len(sig) != ed25519.SignatureSize {
			return nil, fmt.Errorf("credential: signer returned a %d-byte Ed25519 signature", len(sig))
		}
		return sig, nil
	case keyECDSA:
		pub, _ := signer.Public().(*ecdsa.PublicKey)
		if pub == nil {
			return nil, fmt.Errorf("%w: ECDSA suite with a %T signer", errKeyTypeMismatch, signer.Public())
		}
		der, err := signer.Sign(rand, diDigest(h, data), h)
		if err != nil {
			return nil, fmt.Errorf("credential: signing: %w", err)
		}
		var rs struct{ R, S *big.Int }
		if rest, err := asn1.Unmarshal(der, &rs); err != nil || len(rest) != 0 {
			return nil, fmt.Errorf("credential: signer returned a malformed ECDSA signature")
		}
		size := (pub.Curve.Params().BitSize + 7) / 8
		if rs.R.Sign() <= 0 || rs.S.Sign() <= 0 || rs.R.BitLen() > size*8 || rs.S.BitLen() > size*8 {
			return nil, fmt.Errorf("credential: signer returned a malformed ECDSA signature")
		}
		out := make([]byte, 2*size)
		rs.R.FillBytes(out[:size])
		rs.S.FillBytes(out[size:])
		return out, nil
	}
	return nil, fmt.Errorf("%w: %s", errUnknownCryptosuite, s.name)
}

// verify checks sig over data with pub; the key type was checked by hashFor.
func (s *suite) verify(pub crypto.PublicKey, h crypto.Hash, data, sig []byte) error {
	switch k := pub.(type) {
	case ed25519.PublicKey:
		if len(sig) != ed25519.SignatureSize {
			return fmt.Errorf("%w: Ed25519 signature is %d bytes, want %d", ErrSignature, len(sig), ed25519.SignatureSize)
		}
		if !ed25519.Verify(k, data, sig) {
			return ErrSignature
		}
		return nil
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return fmt.Errorf("%w: %s signature is %d bytes, want %d", ErrSignature, k.Curve.Params().Name, len(sig), 2*size)
		}
		r := new(big.Int).SetBytes(sig[:size])
		ss := new(big.Int).SetBytes(sig[size:])
		if !ecdsa.Verify(k, diDigest(h, data), r, ss) {
			return ErrSignature
		}
		return nil
	}
	return fmt.Errorf("%w: %s", errKeyTypeMismatch, diDescribeKey(pub))
}
