package jsonld

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/microcred/microcred/internal/rdfc"
)

// Expanded is a JSON document together with its safe-mode expansion. It
// lets a caller that had to expand a document anyway (package verify's
// context check) hand that expansion to a later canonicalization of the
// same document (package credential's proof check), so a verification
// expands once.
//
// Only ExpandDocument makes one, so an Expanded always holds exactly the
// expansion of its own document, loader and limits: Canonicalize uses it
// only for an equal document under the same loader and limits, and expands
// anything else afresh. A mismatch costs time, never correctness.
type Expanded struct {
	doc    map[string]any
	nodes  []any
	loader *Loader
	lim    Limits
}

// ExpandDocument expands doc as Expand does and keeps the result with the
// document it came from. The caller must not modify doc afterwards: it is
// compared, not copied, when the expansion is reused, and it is read in
// place rather than copied first (as Canonicalize reads it), so the
// expansion may share values with it.
func ExpandDocument(ctx context.Context, doc map[string]any, opts *Options) (*Expanded, error) {
	if opts == nil {
		opts = &Options{}
	}
	lim := opts.Limits.withDefaults()
	// The very map a ShapedContext in ctx vouches for is taken as the
	// copier would return it, without the walk (readAlready). The reader
	// checked its text, so the copier's UTF-8 scan, which this call would
	// otherwise make, could find nothing either.
	var in any = doc
	aliased := true
	if !readAlready(ctx, doc, lim, true) {
		var err error
		if in, aliased, err = readDocumentShared(doc, lim, true, false, false); err != nil {
			return nil, err
		}
	}
	nodes, err := expandShared(ctx, in, aliased, opts.Loader, lim)
	if err != nil {
		return nil, err
	}
	return &Expanded{doc: doc, nodes: nodes, loader: opts.Loader, lim: lim}, nil
}

// Nodes returns the expanded document. The caller must not modify it.
func (e *Expanded) Nodes() []any { return e.nodes }

// Canonicalize is the package's Canonicalize of doc, reusing e's expansion
// when doc equals e's document value for value and opts names the same
// Loader and Limits; otherwise it canonicalizes doc from scratch. A nil e
// always does.
func (e *Expanded) Canonicalize(ctx context.Context, doc any, opts *CanonicalizeOptions) ([]byte, error) {
	if opts == nil {
		opts = &CanonicalizeOptions{}
	}
	if !e.matches(doc, opts) {
		return Canonicalize(ctx, doc, opts)
	}
	h, err := canonHash(opts.Hash)
	if err != nil {
		return nil, err
	}
	buf := datasetPool.Get().(*quadBuf)
	ds, err := expandedToRDF(e.nodes, e.lim, buf.ds)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer buf.put(ds, len(ds))
	return canonicalDataset(ds, h, false)
}

// matches reports whether canonicalizing doc under opts would expand
// exactly what e holds.
func (e *Expanded) matches(doc any, opts *CanonicalizeOptions) bool {
	if e == nil || opts.Loader != e.loader {
		return false
	}
	// MaxDocumentBytes caps raw JSON only, and both documents are decoded
	// values; every other limit may change what expansion accepts.
	mine, theirs := e.lim, opts.Limits.withDefaults()
	mine.MaxDocumentBytes, theirs.MaxDocumentBytes = 0, 0
	if mine != theirs {
		return false
	}
	m, ok := doc.(map[string]any)
	return ok && jsonEqual(m, e.doc)
}

// jsonEqual reports whether two decoded JSON values are the same value of
// the same Go type. Numbers of different representations (float64 and
// json.Number) count as different: the caller then expands afresh.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case string:
		y, ok := b.(string)
		return ok && x == y
	case json.Number:
		y, ok := b.(json.Number)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	}
	// Any other Go type is not decoded JSON; never reuse for it.
	return false
}

// canonHash checks the blank-node labelling hash RDFC-1.0 may use here.
func canonHash(h crypto.Hash) (crypto.Hash, error) {
	if h == 0 {
		h = crypto.SHA256
	}
	if h != crypto.SHA256 && h != crypto.SHA384 {
		return 0, fmt.Errorf("%w: %v for RDFC-1.0 in Data Integrity; use SHA-256 or SHA-384", rdfc.ErrUnsupportedHash, h)
	}
	return h, nil
}

// datasetPool holds the statement slices Canonicalize builds and drops on
// every proof: at 224 bytes a quad, a credential's dataset was the largest
// allocation of a signature, and it holds pointers for the collector to
// scan. Only datasets that go no further than canonicalDataset come from
// it; ToRDF's belong to its caller.
var datasetPool = sync.Pool{New: func() any { return new(quadBuf) }}

// quadBuf is a pooled dataset. A caller that fails part way simply drops
// it.
type quadBuf struct{ ds rdfc.Dataset }

// maxPooledQuads keeps one very large document from pinning its dataset
// in the pool; credentials have tens of statements.
const maxPooledQuads = 4096

// put keeps ds, the dataset built in b's array or in a larger one,
// cleared so that the pool keeps none of the document's strings alive,
// and returns b to the pool. written is how many quads a path that gave
// up part way had put in the array first (it may be more than len(ds),
// or than the array holds: it went on in a larger one). Only that much
// is cleared: the rest of the array was cleared before it came back, and
// clearing every quad of a pooled array, once sized by the largest
// document, was 2% of a signature.
func (b *quadBuf) put(ds rdfc.Dataset, written int) {
	if cap(ds) > maxPooledQuads {
		return
	}
	clear(ds[:min(cap(ds), max(len(ds), written))])
	b.ds = ds[:0]
	datasetPool.Put(b)
}

// canonicalDataset runs RDFC-1.0 on ds and returns the canonical N-Quads.
// irisChecked says every IRI of ds has passed isAbsIRI (see
// rdfc.Options.IRIsChecked).
func canonicalDataset(ds rdfc.Dataset, h crypto.Hash, irisChecked bool) ([]byte, error) {
	nq, err := rdfc.CanonicalBytes(ds, &rdfc.Options{Hash: h, IRIsChecked: irisChecked})
	if err != nil {
		if errors.Is(err, rdfc.ErrWorkLimit) || errors.Is(err, rdfc.ErrLimit) {
			return nil, fmt.Errorf("%w: canonicalizing: %w", ErrLimit, err)
		}
		return nil, fmt.Errorf("%w: canonicalizing: %w", ErrInvalidDocument, err)
	}
	return nq, nil
}

type expandedKey struct{}

// WithExpanded returns ctx carrying e, for a canonicalization further down
// the call (credential's proof check) to reuse. The key is this internal
// package's, so no caller outside the module can set or read it.
func WithExpanded(ctx context.Context, e *Expanded) context.Context {
	return context.WithValue(ctx, expandedKey{}, e)
}

// ExpandedFrom returns the Expanded WithExpanded put in ctx, or nil.
func ExpandedFrom(ctx context.Context) *Expanded {
	e, _ := ctx.Value(expandedKey{}).(*Expanded)
	return e
}
