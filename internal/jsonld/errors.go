package jsonld

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them
// (test with errors.Is), rdfc.ErrUnsupportedHash, or the caller's context
// error, and its message names the URL, term or limit at fault.
var (
	// ErrUnknownContext: an @context URL is neither embedded, added by the
	// host, nor allowed for remote loading. Add it with Loader.AddContext.
	ErrUnknownContext = errors.New("jsonld: unknown context")
	// ErrInvalidContext: a context document is not a JSON object with an
	// @context member, or json-gold rejected its definitions.
	ErrInvalidContext = errors.New("jsonld: invalid context")
	// ErrContextLoad: a remote context could not be fetched (network error,
	// HTTP status, size cap, timeout).
	ErrContextLoad = errors.New("jsonld: loading context failed")
	// ErrContextExists: Loader.AddContext was given a URL that already
	// resolves; contexts are never silently replaced.
	ErrContextExists = errors.New("jsonld: context already defined")
	// ErrInvalidDocument: the input is not valid JSON, is not UTF-8, repeats
	// an object key, holds a Go type JSON cannot express, or is not valid
	// JSON-LD.
	ErrInvalidDocument = errors.New("jsonld: invalid document")
	// ErrUndefinedTerm: a property or type does not expand to an absolute IRI
	// using the document's contexts, so it would be silently dropped and not
	// covered by a signature. Define it in a context or remove it.
	ErrUndefinedTerm = errors.New("jsonld: undefined term")
	// ErrUnsafeDocument: the document holds data that JSON-LD processing
	// would drop or that RDF cannot represent faithfully (relative IRIs,
	// @index, nulls outside JSON literals, a context's default @direction,
	// invalid language tags...), so a signature would not cover it.
	ErrUnsafeDocument = errors.New("jsonld: data would not be covered by the canonical form")
	// ErrLimit: the input exceeds one of the Limits.
	ErrLimit = errors.New("jsonld: limit exceeded")
)
