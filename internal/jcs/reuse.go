package jcs

import (
	"context"
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

// decoded is a document a caller has already read with
// internal/strictjson's Decode, kept with the bytes it was read from.
type decoded struct {
	data     []byte
	tree     any
	maxDepth int
	// finite: tree came from strictjson.DecodeFiniteShape (Lent.Wrap),
	// which refused any number a double cannot hold, so checkNumbers
	// would find nothing.
	finite bool
}

type decodedKey struct{}

// WithDecoded returns ctx carrying tree, which the caller promises is
// strictjson.Decode of data with a depth limit of maxDepth, for a Decode
// of those same bytes further down the call to reuse (package verify reads
// a credential once and credential's proof check would read it again).
// The key is this internal package's, so no caller outside the module can
// set or read it. The tree is read, never modified, by the reuse.
func WithDecoded(ctx context.Context, data []byte, tree any, maxDepth int) context.Context {
	return context.WithValue(ctx, decodedKey{}, &decoded{data: data, tree: tree, maxDepth: maxDepth})
}

// Lent is a context carrying a tree the caller read with
// strictjson.DecodeFiniteShape, for a Decode of the same bytes further down
// the call to reuse (see WithDecoded). It lives wherever the caller puts it
// (package verify keeps it in its per-verification state), so lending the
// tree allocates nothing; its zero value is not a context until Wrap.
type Lent struct {
	context.Context // the parent: its deadline, cancellation and values
	d               decoded
}

// Wrap makes l ctx carrying tree, which the caller promises is
// strictjson.DecodeFiniteShape of data with a depth limit of maxDepth,
// shape being what that returned, and returns it. The reader checked
// every number's range as it read them, so the reuse need not walk the
// tree again to check them (checkNumbers): for a credential verify lends,
// that walk visited every member a third time. The zero Shape (a tree from
// Decode, whose numbers nobody checked) vouches for nothing and is walked,
// as WithDecoded's is; only DecodeFiniteShape returns another, and only
// for a value all of whose numbers it found finite. The promise is as
// WithDecoded's: the tree is read, never modified, and the key is this
// internal package's.
func (l *Lent) Wrap(ctx context.Context, data []byte, tree any, maxDepth int, shape strictjson.Shape) context.Context {
	*l = Lent{Context: ctx, d: decoded{data: data, tree: tree, maxDepth: maxDepth, finite: shape != (strictjson.Shape{})}}
	return l
}

// Value is the parent's, and the lent tree for the package's own key.
func (l *Lent) Value(key any) any {
	if key == (decodedKey{}) {
		return &l.d
	}
	return l.Context.Value(key)
}

// DecodeContext is Decode, reusing the tree WithDecoded put in ctx when it
// was read from these very bytes (the same memory, not merely equal
// contents) under the same depth limit. The size limit and the rule JCS
// adds (numbers representable as doubles) are checked either way (the
// latter by the caller's reader for a tree lent through a Lent), so
// the result and every error are Decode's.
func DecodeContext(ctx context.Context, data []byte, lim *Limits) (any, error) {
	v, _, _, err := decodeContext(ctx, data, lim, false)
	return v, err
}

// DecodeSharedContext is DecodeContext falling back to DecodeShared, for
// a caller that keeps none of the result's strings (or copies them).
func DecodeSharedContext(ctx context.Context, data []byte, lim *Limits) (any, error) {
	v, _, _, err := decodeContext(ctx, data, lim, true)
	return v, err
}

// DecodeSharedContextOwned is DecodeSharedContext that also reports
// whether the result is a decoding of its own, which the caller may modify
// (remove a member from in place rather than copy), or the tree
// WithDecoded put in ctx, which belongs to whoever put it there and must
// only be read; and, for a decoding of its own, the reader's Shape of it
// (the zero Shape for a reused tree, which no reader of this call saw).
func DecodeSharedContextOwned(ctx context.Context, data []byte, lim *Limits) (v any, owned bool, shape strictjson.Shape, err error) {
	return decodeContext(ctx, data, lim, true)
}

// decodeContext takes shared rather than the decoding function, so that lim
// (passed to a known function) can stay in the caller's frame.
func decodeContext(ctx context.Context, data []byte, lim *Limits, shared bool) (v any, owned bool, shape strictjson.Shape, err error) {
	d, _ := ctx.Value(decodedKey{}).(*decoded)
	if d == nil || len(data) == 0 || len(d.data) != len(data) || &d.data[0] != &data[0] || d.maxDepth != lim.maxDepth() {
		v, shape, err := decodeShape(data, lim, shared)
		return v, err == nil, shape, err
	}
	if len(data) > lim.maxBytes() {
		return nil, false, strictjson.Shape{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.maxBytes())
	}
	if !d.finite {
		if err := checkNumbers(d.tree); err != nil {
			return nil, false, strictjson.Shape{}, err
		}
	}
	return d.tree, false, strictjson.Shape{}, nil
}
