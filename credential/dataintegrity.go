package credential

// Data Integrity in this package, in brief (the algorithms are those of
// W3C vc-data-integrity §4, vc-di-eddsa §3 and vc-di-ecdsa §3):
//
//   - AddProof builds the proof configuration (the proof without
//     proofValue, plus the document's @context), canonicalizes it and the
//     document without its proof (RDFC-1.0 N-Quads or RFC 8785 JSON),
//     hashes each (SHA-256, or SHA-384 for P-384 keys, which RDFC-1.0 then
//     also uses), signs hash(config) || hash(document) and writes the
//     signature as a base58btc proofValue into the original JSON text.
//   - VerifyProofs decodes the original bytes strictly, runs the cheap
//     checks of each proof (type, suite, purpose, domain, challenge)
//     before resolving its key and canonicalizing, and reports every proof;
//     ProofResult.ValidateTime checks created and expires separately.
//   - A proof with previousProof signs, and is verified over, the document
//     together with the proofs it names (proof chains).
//   - NewPresentation and SignPresentation wrap credentials for a holder,
//     bound to a verifier's challenge and domain.

import (
	"fmt"

	"github.com/microcred/microcred/internal/limits"
)

// Proof types and cryptosuites of W3C Data Integrity
// (https://www.w3.org/TR/vc-data-integrity/, vc-di-eddsa, vc-di-ecdsa).
const (
	// ProofTypeDataIntegrity is the proof type of every modern cryptosuite.
	ProofTypeDataIntegrity = "DataIntegrityProof"

	SuiteEdDSARDFC2022  = "eddsa-rdfc-2022" // Ed25519 over RDFC-1.0 canonical N-Quads, SHA-256
	SuiteEdDSAJCS2022   = "eddsa-jcs-2022"  // Ed25519 over RFC 8785 canonical JSON, SHA-256
	SuiteECDSARDFC2019  = "ecdsa-rdfc-2019" // P-256/SHA-256 or P-384/SHA-384 over RDFC-1.0
	SuiteECDSAJCS2019   = "ecdsa-jcs-2019"  // P-256/SHA-256 or P-384/SHA-384 over RFC 8785
	SuiteEdDSA2022Draft = "eddsa-2022"      // pre-standard name of eddsa-rdfc-2022; verified, never signed

	// SuiteEd25519Signature2020 is the legacy proof type (not a cryptosuite
	// name) used by VC 1.1 issuers. Pass it as SignOptions.Cryptosuite to
	// produce {"type": "Ed25519Signature2020"} proofs.
	SuiteEd25519Signature2020 = "Ed25519Signature2020"

	// Ed25519Signature2020Context is the context an Ed25519Signature2020
	// proof needs; signing adds it to the document's @context.
	Ed25519Signature2020Context = "https://w3id.org/security/suites/ed25519-2020/v1"
	// DataIntegrityContext defines DataIntegrityProof for documents whose
	// base context (VC 1.1) does not; signing adds it when needed.
	DataIntegrityContext = "https://w3id.org/security/data-integrity/v2"
)

// Proof purposes (https://www.w3.org/TR/controller-document/#verification-relationships).
const (
	PurposeAssertionMethod = "assertionMethod" // issuing credentials
	PurposeAuthentication  = "authentication"  // presentations: proving control of a DID
)

// Limits that apply when the corresponding option is zero.
const (
	// DefaultMaxProofs is the most proofs a document may carry. Every proof
	// costs a canonicalization and a key resolution, so a document with
	// thousands of them is refused before any of that work.
	DefaultMaxProofs = 8
	// DefaultMaxDocumentBytes caps a document given to AddProof,
	// VerifyProofs or the presentation functions (1 MiB, as in packages
	// badge and verify).
	DefaultMaxDocumentBytes = limits.DefaultMaxDocumentBytes
	// DefaultMaxDepth caps the nesting of a document's JSON (64).
	DefaultMaxDepth = limits.DefaultMaxDepth
	// DefaultMaxCredentials caps the credentials in one presentation.
	DefaultMaxCredentials = 32
)

// ProofError describes why one proof of a document failed. It wraps one of
// the error classes (ErrSignature, ErrMismatch, ...).
type ProofError struct {
	Index       int    // position in the document's proof set
	Type        string // proof type
	Cryptosuite string // cryptosuite, if any
	Err         error  // why the proof failed; matches the error classes
}

func (e *ProofError) Error() string {
	name := e.Cryptosuite
	if name == "" {
		name = e.Type
	}
	if name == "" {
		return fmt.Sprintf("proof %d: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("proof %d (%s): %v", e.Index, name, e.Err)
}

func (e *ProofError) Unwrap() error { return e.Err }

// KeyError means the key a proof or token names could not be resolved or
// used: the proof was not checked. Err says why (a resolver's error, such
// as a DID document that could not be fetched, is kept in the chain).
// errors.Is(err, ErrVerificationMethod) is true for every KeyError.
type KeyError struct {
	ID  string // the verification method id or kid, as the proof names it
	Err error  // why it could not be resolved or used
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("%v: %q: %v", ErrVerificationMethod, e.ID, e.Err)
}

func (e *KeyError) Unwrap() []error { return []error{ErrVerificationMethod, e.Err} }
