package status

import "errors"

// Sentinel errors. Every error this package returns wraps one of them, so
// callers can branch with errors.Is without parsing messages.
var (
	// ErrEncoding means an encodedList is not valid multibase base64url
	// (or, for StatusList2021, plain base64url) over GZIP data.
	ErrEncoding = errors.New("status: malformed encodedList")
	// ErrInvalidOptions means the caller's options are unusable, such as a
	// negative size cap.
	ErrInvalidOptions = errors.New("status: invalid options")
	// ErrTooLarge means an encodedList would decompress beyond the caller's
	// cap: treat it as a decompression bomb, not as a status.
	ErrTooLarge = errors.New("status: status list exceeds the size limit")
	// ErrTooShort means a list holds fewer entries than the specification's
	// minimum, which would let an issuer track holders by their index.
	ErrTooShort = errors.New("status: status list shorter than the minimum size")
	// ErrRange means an index lies outside the list (RANGE_ERROR in the spec).
	ErrRange = errors.New("status: index out of range")
	// ErrFull means every index of a list has been allocated.
	ErrFull = errors.New("status: no free index left in the status list")
	// ErrPurpose means an operation does not fit the list's status purpose,
	// for example reinstating a revoked credential or a list credential whose
	// statusPurpose differs from the entry's.
	ErrPurpose = errors.New("status: status purpose mismatch")
	// ErrMalformed means a status entry, list credential or revocation list
	// does not have the shape its specification requires.
	ErrMalformed = errors.New("status: malformed status document")
	// ErrUnsupported means a credentialStatus type this package cannot read.
	ErrUnsupported = errors.New("status: unsupported credentialStatus type")
)
