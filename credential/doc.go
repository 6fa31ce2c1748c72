// Package credential seals and opens W3C Verifiable Credentials: keys and
// DIDs, Data Integrity proofs, VC-JWT, presentations and batch signing.
//
// It knows nothing of what a credential says (that is package badge) and
// does not decide whether to believe one (that is package verify, which
// calls this package for the cryptography). Everything here works offline.
//
// # What verification establishes
//
// The verification functions check, and report what they established:
// that a signature verifies, with which key, where that key came from
// ([VerificationMethod].Source: did:key, did:jwk, did:web, a controller
// document, a JWT's own jwk header...), and, for a JWT, that its claims
// agree with the credential. They apply no clock and no issuer policy.
// Time is a separate, optional call, as go-jose separates verifying a
// token from validating its claims: [ProofResult.ValidateTime],
// [JWTResult.ValidateTime], [JWTClaims.ValidateTime]. So is who controls
// the key: [JWTResult.KeyBoundTo], and for Data Integrity
// [VerifyOptions].RequireIssuerController or the Controller of each
// [ProofResult]. Package verify makes those decisions with its Config; a
// caller of this package alone must make them itself.
//
// # Keys and identifiers
//
// [GenerateKey] makes Ed25519, ECDSA P-256 and P-384, and RSA keys. Every
// signing function takes a crypto.Signer, so a key held in a KMS or HSM signs
// without the private key ever reaching this package. Keys move in and out as
// Multikey ([EncodeMultikey], [ParseMultikey], and the secret forms), as JWK
// ([MarshalJWK], [ParsePublicJWK], [ParsePrivateJWK]). Raw key bytes (the compressed points
// Multikey wraps) are one of those forms' payload, not a format of their own. [DIDKey] and [DIDJWK] name a public key as a did:key or did:jwk;
// [OfflineResolver] resolves both to DID documents and verification methods
// without a network. Networked methods (did:web, https controller documents)
// live in package verify, behind the same [Resolver] interface.
//
// # Data Integrity
//
// [AddProof] signs a credential (or any JSON-LD document) and returns it with
// a proof added; an existing proof makes a proof set, and [SignOptions].PreviousProof
// makes a chain. The cryptosuites are eddsa-rdfc-2022 and ecdsa-rdfc-2019
// (P-256 with SHA-256, P-384 with SHA-384, for the signature and for
// RDFC-1.0 alike), eddsa-jcs-2022 and ecdsa-jcs-2019, and the legacy
// Ed25519Signature2020 for hosts still on VC 1.1. The proof is spliced into
// the issuer's JSON text, so nothing the issuer wrote is re-serialized.
//
// [VerifyProofs] checks every proof over the original bytes and reports each
// one: suite, verification method, the resolved key, controller, purpose,
// and an error that works with errors.Is ([ErrSignature],
// [ErrMismatch], [ErrUnsupported], ...); a key that could
// not be resolved is a [*KeyError]. Set [VerifyOptions].RequireIssuerController to insist
// that the key is the issuer's. A bare did:key or did:jwk as
// verificationMethod resolves to the DID's one key (the result keeps the
// bare id, so a caller can hold the issuer to the DID URL form); any other
// bare DID names a document, not a key, and is refused. Documents are untrusted input: sizes, proof counts
// and canonicalization work are capped, and JSON-LD runs in safe mode, so a
// term the signature would not cover is an error rather than silently
// dropped.
//
// # JOSE
//
// [SignJWT] makes an Open Badges 3.0 VC-JWT (the credential plus iss, jti,
// sub, nbf and exp; RS256, ES256, ES384 or EdDSA); [SignVCJWT] makes a
// VC-JOSE-COSE application/vc+jwt. [VerifyJWT] verifies either, and VC 1.1
// JWTs with a vc claim, against an explicit algorithm allowlist: "none",
// HMAC and algorithm/key confusion are refused, and registered claims that
// disagree with the credential body fail. The header and payload are read
// as exactly as the signature covers them: a repeated member, two members
// that differ only in case, or a header parameter or claim named in another
// case ("KID", "Iss") is ErrMalformed, since encoding/json would take
// "KID" for the kid while a case-sensitive reader sees none. DID documents,
// status entries and lists are read with exact member names too.
//
// # Presentations
//
// [NewPresentation] wraps credentials for a holder; [SignPresentation] adds the
// holder's proof bound to a verifier's challenge and domain
// ([SignPresentationJWT] does the same as vp+jwt). A verifier calls
// verify.Verifier.VerifyPresentation, the one presentation verifier: it
// checks the holder's proof (VerifyProofs for authentication, or
// [VerifyPresentationJWT]) and then each credential the presentation carries
// as a credential of its own.
//
// # Many credentials at once
//
// [SignBatch] signs a stream of credentials from one signer on several
// goroutines with bounded memory, delivering results in input order.
//
// Bitstring status lists are issued by the subpackage credential/status.
package credential
