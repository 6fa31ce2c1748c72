package jsonld

import (
	"context"
	"crypto"
	"errors"
)

// CanonicalizeOptions tunes Canonicalize. The zero value uses the embedded
// contexts only, SHA-256 and the default work limits.
type CanonicalizeOptions struct {
	// Loader resolves @context URLs. Nil means the embedded contexts only.
	Loader *Loader
	// Hash is the hash RDFC-1.0 uses for blank-node labelling (SHA-256 or SHA-384).
	Hash crypto.Hash
}

// Canonicalize expands doc (a JSON value as decoded by encoding/json with
// UseNumber, or raw JSON bytes) in safe mode, converts it to RDF and returns
// the RDFC-1.0 canonical N-Quads.
//
// PLACEHOLDER: replaced by the real implementation (owner: internal/jsonld).
func Canonicalize(ctx context.Context, doc any, opts *CanonicalizeOptions) ([]byte, error) {
	return nil, errors.New("jsonld: Canonicalize not implemented yet")
}

// Loader is the JSON-LD document loader (owner: internal/jsonld).
type Loader struct{}
