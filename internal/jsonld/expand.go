package jsonld

import (
	"context"
	"errors"
	"fmt"
)

// Options tunes Expand and ToRDF. The zero value uses the embedded contexts
// only and the default Limits.
type Options struct {
	// Loader resolves @context URLs. Nil means the embedded contexts only.
	Loader *Loader
	// Limits bound the work done on hostile input.
	Limits Limits
}

// Expand expands doc in safe mode: a term, type or value that JSON-LD
// processing would silently drop, or that RDF cannot carry faithfully, is an
// error (ErrUndefinedTerm, ErrUnsafeDocument) instead. doc is raw JSON
// ([]byte) or a value decoded by encoding/json.
func Expand(ctx context.Context, doc any, opts *Options) ([]any, error) {
	if opts == nil {
		opts = &Options{}
	}
	lim := opts.Limits.withDefaults()
	in, err := readDocument(doc, lim)
	if err != nil {
		return nil, err
	}
	return expandSafe(ctx, in, opts.Loader, lim)
}

// expandSafe expands a document produced by readDocument.
func expandSafe(ctx context.Context, in any, l *Loader, lim Limits) ([]any, error) {
	return expandShared(ctx, in, false, l, lim)
}

// expandShared is expandSafe for a document that may share values with the
// caller's (aliased, from readDocumentShared). Our expander only reads its
// input; json-gold may not, so it gets a copy.
func expandShared(ctx context.Context, in any, aliased bool, l *Loader, lim Limits) ([]any, error) {
	// A warm Loader may need no I/O at all, so the caller's deadline is
	// checked here rather than only when a context is loaded.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !lim.goldOnly {
		expanded, err := fastExpand(ctx, in, l, lim)
		if err == nil {
			if err := checkExpanded(expanded); err != nil {
				return nil, err
			}
			if err := checkNulls(in, expanded); err != nil {
				return nil, err
			}
			return expanded, nil
		}
		if !errors.Is(err, errUnsupported) {
			return nil, err
		}
		// json-gold processes contexts again for every node that uses
		// them, so its cost grows with nodes times context size: only
		// small documents may take this path.
		if n := countValues(in); n > lim.MaxFallbackValues {
			return nil, fmt.Errorf("%w: the document uses JSON-LD features our expander does not handle (%v) and has %d JSON values, more than MaxFallbackValues (%d)", ErrLimit, err, n, lim.MaxFallbackValues)
		}
	}
	if aliased {
		in = deepCopy(in)
	}
	return goldExpandSafe(ctx, in, l, lim)
}
