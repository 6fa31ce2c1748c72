package jsonld

import (
	"context"
	"crypto"
)

// CanonicalizeOptions tunes Canonicalize. The zero value uses the embedded
// contexts only, SHA-256 and the default Limits.
type CanonicalizeOptions struct {
	// Loader resolves @context URLs. Nil means the embedded contexts only.
	Loader *Loader
	// Hash is the hash RDFC-1.0 uses for blank-node labelling: crypto.SHA256
	// (the default when zero) or crypto.SHA384.
	Hash crypto.Hash
	// Limits bound the work done on hostile input.
	Limits Limits
	// TextChecked says every string and member name of doc, a decoded
	// value, is valid UTF-8, as internal/strictjson guarantees of the
	// values it decodes, so Canonicalize need not scan them again. A
	// caller that put into doc any string read some other way (from Go
	// code, from encoding/json) must leave it false. It has no effect on
	// raw JSON, whose decoding checks its text.
	TextChecked bool
}

// Canonicalize expands doc (raw JSON bytes, or a JSON value as decoded by
// encoding/json, with or without UseNumber) in safe mode, converts it to RDF
// and returns the RDFC-1.0 canonical N-Quads.
//
// Anything the canonical form would not cover is an error: an undefined term
// (ErrUndefinedTerm), an unknown context (ErrUnknownContext), a relative IRI,
// a null outside a JSON literal, @index, or a @direction given by a context
// (ErrUnsafeDocument), input over the Limits (ErrLimit). A value's own
// @direction is converted as rdfDirection i18n-datatype, like the eddsa and
// ecdsa cryptosuites do (see the package documentation).
func Canonicalize(ctx context.Context, doc any, opts *CanonicalizeOptions) ([]byte, error) {
	if opts == nil {
		opts = &CanonicalizeOptions{}
	}
	h, err := canonHash(opts.Hash)
	if err != nil {
		return nil, err
	}
	lim := opts.Limits.withDefaults()
	in, aliased := doc, true // a document the strict reader vouches for
	if !readAlready(ctx, doc, lim, opts.TextChecked) {
		var err error
		if in, aliased, err = readDocumentShared(doc, lim, true, true, opts.TextChecked); err != nil {
			return nil, err
		}
	}
	buf := datasetPool.Get().(*quadBuf)
	// Credentials and proof configurations take the straight path; the
	// rest, and every error, the generic one.
	ds, straight := directToRDF(ctx, in, opts.Loader, lim, buf.ds)
	written := len(ds) // even when the straight path gave up part way
	if !straight {
		expanded, err := expandShared(ctx, in, aliased, opts.Loader, lim)
		if err != nil {
			return nil, err
		}
		if ds, err = expandedToRDF(expanded, lim, buf.ds); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer buf.put(ds, written)
	// Every IRI the straight path emits has passed isAbsIRI, which refuses
	// all that RDFC-1.0's own check would (TestStraightIRIsPassRDFC), so
	// rdfc need not scan them again; the generic path's IRIs it checks.
	return canonicalDataset(ds, h, straight)
}
