package credential

import "errors"

// Errors. A few classes, as crypto/x509 keeps them: every error this
// package returns wraps one of them (test with errors.Is), and its message
// says the specific reason. The typed errors [ProofError], [KeyError] and
// [ClaimMismatchError] carry the details (errors.As); [ErrBatchStopped]
// and [ErrUnknownContext] are the two other sentinels.
var (
	// ErrMalformed means the document, proof or token cannot be read as what
	// it claims to be: bad JSON or base64url, a member of the wrong type, a
	// required claim missing, a typ that does not fit, a size or count over
	// its limit, a previousProof that is not in the set.
	ErrMalformed = errors.New("credential: malformed input")
	// ErrUnsupported means something this package does not implement: a
	// cryptosuite (ecdsa-sd-2023, an unknown name), a key type or curve, a DID
	// method the resolver does not handle, a securing format (COSE, SD-JWT).
	ErrUnsupported = errors.New("credential: unsupported")
	// ErrNotAllowed means the caller's allowlist excludes the algorithm or
	// cryptosuite, or it is never allowed (alg "none", HMAC).
	ErrNotAllowed = errors.New("credential: not allowed")
	// ErrSignature means the signature does not verify over what was signed.
	ErrSignature = errors.New("credential: invalid signature")
	// ErrVerificationMethod means the key a proof or token names cannot be
	// used for it: not found, not authorized for the proof purpose, of a type
	// that does not fit the algorithm, or none named. A *KeyError carries the
	// key's id.
	ErrVerificationMethod = errors.New("credential: verification method not usable")
	// ErrKeyNotBound means the key that verified is not controlled by the
	// issuer (or holder, or expected controller) it should belong to, or it
	// was only embedded in the token.
	ErrKeyNotBound = errors.New("credential: signing key not controlled by the expected party")
	// ErrMismatch means what was signed disagrees with what was expected: a
	// proof's purpose, domain or challenge, or a JWT claim and the credential
	// it carries (see *ClaimMismatchError).
	ErrMismatch = errors.New("credential: mismatch")
	// ErrExpired means a proof, token or credential is past its expires, exp
	// or validUntil, as ValidateTime finds.
	ErrExpired = errors.New("credential: expired")
	// ErrNotYetValid means a proof, token or credential is dated after now
	// (created, nbf, iat, validFrom), as ValidateTime finds.
	ErrNotYetValid = errors.New("credential: not yet valid")
	// ErrInvalidKey means key material is malformed: wrong length, a point not
	// on the curve, an RSA modulus out of bounds, a bad Multikey.
	ErrInvalidKey = errors.New("credential: invalid key")
	// ErrInvalidDID means a DID, DID URL or DID or controller document is
	// malformed.
	ErrInvalidDID = errors.New("credential: invalid DID")
	// ErrNoProof means the document has no proof to verify.
	ErrNoProof = errors.New("credential: document has no proof")
	// ErrInvalidOptions means the options given to a signing or verifying call
	// are unusable.
	ErrInvalidOptions = errors.New("credential: invalid options")
)

// reason is one specific cause within a class: its message is the cause,
// errors.Is matches the class. Reasons are not exported, so the classes
// are the API and a reason can be reworded or split freely.
type reason struct {
	class error
	msg   string
}

func (r *reason) Error() string { return "credential: " + r.msg }
func (r *reason) Unwrap() error { return r.class }

var (
	errMalformedJWT               = &reason{ErrMalformed, "malformed JWT"}
	errJWTTooLarge                = &reason{ErrMalformed, "JWT too large"}
	errBadMediaType               = &reason{ErrMalformed, "JWT media type (typ/cty) not acceptable"}
	errMissingClaim               = &reason{ErrMalformed, "required JWT claim missing"}
	errUnsecuredCredential        = &reason{ErrMalformed, "presentation carries an unsecured credential"}
	errMalformedDocument          = &reason{ErrMalformed, "malformed document"}
	errMalformedProof             = &reason{ErrMalformed, "malformed proof"}
	errTooManyProofs              = &reason{ErrMalformed, "too many proofs"}
	errBrokenProofChain           = &reason{ErrMalformed, "previousProof not found in the proof set"}
	errAlgNone                    = &reason{ErrNotAllowed, "unsigned JWT (alg none)"}
	errHMACAlgorithm              = &reason{ErrNotAllowed, "HMAC JWT algorithm refused"}
	errAlgorithmNotAllowed        = &reason{ErrNotAllowed, "JWT algorithm not allowed"}
	errCryptosuiteNotAllowed      = &reason{ErrNotAllowed, "cryptosuite not allowed"}
	errAlgorithmKeyMismatch       = &reason{ErrVerificationMethod, "JWT algorithm does not match the key"}
	errKeyTypeMismatch            = &reason{ErrVerificationMethod, "key type does not match cryptosuite"}
	errNoKey                      = &reason{ErrVerificationMethod, "JWT names no usable key"}
	errVerificationMethodNotFound = &reason{ErrVerificationMethod, "verification method not found"}
	errNotAuthorized              = &reason{ErrVerificationMethod, "verification method not authorized for this purpose"}
	errEmbeddedJWKUntrusted       = &reason{ErrKeyNotBound, "key embedded in the JWT is not bound to the issuer"}
	errIssuerKeyMismatch          = &reason{ErrKeyNotBound, "signing key is not controlled by the issuer"}
	errControllerMismatch         = &reason{ErrKeyNotBound, "verification method controller mismatch"}
	errClaimMismatch              = &reason{ErrMismatch, "JWT claim disagrees with the credential"}
	errProofPurposeMismatch       = &reason{ErrMismatch, "proof purpose mismatch"}
	errDomainMismatch             = &reason{ErrMismatch, "proof domain mismatch"}
	errChallengeMismatch          = &reason{ErrMismatch, "proof challenge mismatch"}
	errUnsupportedFormat          = &reason{ErrUnsupported, "unsupported securing format"}
	errUnsupportedKey             = &reason{ErrUnsupported, "unsupported key type"}
	errUnsupportedDIDMethod       = &reason{ErrUnsupported, "unsupported DID method"}
	errUnknownCryptosuite         = &reason{ErrUnsupported, "unknown proof type or cryptosuite"}
	errUnsupportedCryptosuite     = &reason{ErrUnsupported, "unsupported cryptosuite"}
	errInvalidMultikey            = &reason{ErrInvalidKey, "invalid Multikey"}
	errInvalidDIDDocument         = &reason{ErrInvalidDID, "invalid DID document"}
)
