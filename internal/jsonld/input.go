package jsonld

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/strictjson"
)

// Default limits, used where a Limits field is zero. A large Open Badges or
// CLR credential is a few tens of KiB, nests under 15 levels and makes a few
// hundred quads.
const (
	DefaultMaxDocumentBytes  = 1 << 20
	DefaultMaxDepth          = 64
	DefaultMaxValues         = 100_000
	DefaultMaxQuads          = 50_000
	DefaultMaxContextLoads   = 256
	DefaultMaxContextWork    = 200_000
	DefaultMaxFallbackValues = 1000
)

// Limits bound the work one call may do on hostile input. Zero fields take
// the Default* values; there is no way to disable a limit.
type Limits struct {
	// MaxDocumentBytes caps raw JSON input. A value the caller decoded
	// itself is bounded by MaxValues and MaxDepth instead.
	MaxDocumentBytes int
	// MaxDepth caps the nesting of JSON objects and arrays.
	MaxDepth int
	// MaxValues caps the number of JSON values (objects, arrays, strings,
	// numbers, booleans) in the document.
	MaxValues int
	// MaxQuads caps the size of the resulting RDF dataset.
	MaxQuads int
	// MaxContextLoads caps how many times contexts are dereferenced while
	// processing one document; json-gold loads a context each time it is
	// mentioned.
	MaxContextLoads int
	// MaxContextWork caps the context processing one document may cause,
	// counted in term definitions created or copied. Scoped contexts make
	// this grow with the number of nodes, and a document may carry its own
	// large contexts.
	MaxContextWork int
	// MaxFallbackValues caps the size, in JSON values, of a document that
	// uses JSON-LD features our own expander does not implement (such as
	// @language maps, @reverse, @included, @nest or @import) and so goes
	// through json-gold, whose context processing is repeated per node.
	MaxFallbackValues int

	// goldOnly skips our own expander (tests compare the two).
	goldOnly bool
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxDocumentBytes, DefaultMaxDocumentBytes)
	def(&l.MaxDepth, DefaultMaxDepth)
	def(&l.MaxValues, DefaultMaxValues)
	def(&l.MaxQuads, DefaultMaxQuads)
	def(&l.MaxContextLoads, DefaultMaxContextLoads)
	def(&l.MaxContextWork, DefaultMaxContextWork)
	def(&l.MaxFallbackValues, DefaultMaxFallbackValues)
	return l
}

// readDocument turns the caller's input into a private JSON value json-gold
// may read: objects are map[string]any, arrays []any, numbers json.Number
// (float64 inside @context, where json-gold compares @version to 1.1).
//
// It accepts raw JSON ([]byte, json.RawMessage) or a value decoded by
// encoding/json (with or without UseNumber). The caller's value is never
// modified or retained.
func readDocument(doc any, lim Limits) (any, error) {
	v, _, err := readDocumentShared(doc, lim, false, false, false)
	return v, err
}

// ShapedContext is a context carrying a document the strict reader built,
// for Canonicalize to take as read (see Wrap). It lives wherever the
// caller puts it (next to the document, in one allocation with it); its
// zero value is not a context until Wrap.
type ShapedContext struct {
	context.Context // the parent: its deadline, cancellation and values
	root            map[string]any
	shape           strictjson.Shape
}

// Wrap makes s ctx carrying root, a document the strict reader built and
// described by shape (jcs.DecodeSharedContextOwned or
// strictjson.DecodeFiniteShape), and returns it. The caller promises that
// root has at most lost members since (a proof taken out in place), never
// gained or changed one, and that it will not change it while s is in use;
// root may also be a new map holding some of the members of the one the
// reader built (the document without its proof), which is no less bounded
// by its shape. Canonicalize with TextChecked and ExpandDocument of that
// very map (not an equal one) then skip the copier's walk when the shape
// shows the walk would refuse and convert nothing under their limits; any
// other document is walked as before. The context key is this internal
// package's, so no caller outside the module can make the promise, and a
// zero Shape (any not from the reader) vouches for nothing.
func (s *ShapedContext) Wrap(ctx context.Context, root map[string]any, shape strictjson.Shape) context.Context {
	*s = ShapedContext{Context: ctx, root: root, shape: shape}
	return s
}

type shapeKey struct{}

// Value is the parent's, and s itself for the package's own key.
func (s *ShapedContext) Value(key any) any {
	if key == (shapeKey{}) {
		return s
	}
	return s.Context.Value(key)
}

// readAlready reports whether doc is the very map a ShapedContext in ctx
// carries and its shape says the copier (share mode, text checked) would
// return it as it is, without an error, under lim: readDocumentShared(doc,
// lim, true, text, true) would return doc, true, nil, so a caller may take
// that without the walk (TestShapeVouchesOnlyForWhatTheCopierAccepts).
func readAlready(ctx context.Context, doc any, lim Limits, textChecked bool) bool {
	if !textChecked {
		return false
	}
	c, _ := ctx.Value(shapeKey{}).(*ShapedContext)
	if c == nil {
		return false
	}
	m, ok := doc.(map[string]any)
	return ok && m != nil && reflect.ValueOf(m).UnsafePointer() == reflect.ValueOf(c.root).UnsafePointer() &&
		c.shape.PlainWithin(lim.MaxDepth, lim.MaxValues)
}

// readDocumentShared is readDocument for callers that read the result and
// drop it before returning, as ToRDF does: with share set, a decoded value
// is validated in place and only the parts that need converting are copied,
// so a credential's tree is not copied on every canonicalization. aliased
// reports that the result shares maps or slices with the caller's value;
// such a result must not be given to json-gold, which may modify its input,
// nor returned.
//
// text says that nothing made from the result outlives the call either (as
// with Canonicalize, which returns new bytes): raw JSON is then decoded
// with its strings cut from one copy of it (jcs.DecodeShared).
//
// utf8Checked says a decoded doc's strings and member names are known to
// be valid UTF-8 (CanonicalizeOptions.TextChecked), so the copier does not
// scan them again.
func readDocumentShared(doc any, lim Limits, share, text, utf8Checked bool) (v any, aliased bool, err error) {
	switch d := doc.(type) {
	case []byte:
		v, err := parseJSON(d, lim, text)
		return v, false, err
	case json.RawMessage:
		v, err := parseJSON(d, lim, text)
		return v, false, err
	case string:
		return nil, false, fmt.Errorf("%w: got a Go string; pass JSON as []byte (json-gold would treat a string as a URL to load)", ErrInvalidDocument)
	}
	c := copier{lim: lim, share: share, utf8Checked: utf8Checked}
	v, _, err = c.copy(doc, 0, false)
	if err != nil {
		return nil, false, err
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, false, fmt.Errorf("%w: the document must be a JSON object, got %T", ErrInvalidDocument, doc)
	}
	return v, share, nil // even a converted root may share subtrees
}

// copier validates a decoded value and converts its numbers, copying it
// unless it owns the value (one it decoded itself) or may share it (share:
// then only what changes is copied, along the path to it).
type copier struct {
	lim    Limits
	values int
	owned  bool
	share  bool
	// utf8Checked: the caller vouches for the UTF-8 of every string and
	// member name; owned implies it.
	utf8Checked bool
	// The path to the value being copied is near[:depth], then deep: a
	// stack rather than a linked list through the recursion, which escape
	// analysis moves to the heap (one allocation per member, once a
	// quarter of what canonicalizing a credential allocated), and a fixed
	// array first, which a slice would move to the heap as it grew.
	near  [16]pathElem
	deep  []pathElem
	depth int
}

func (c *copier) push(e pathElem) {
	if c.depth < len(c.near) {
		c.near[c.depth] = e
	} else {
		c.deep = append(c.deep[:c.depth-len(c.near)], e)
	}
	c.depth++
}

func (c *copier) pop() { c.depth-- }

// where is the JSON Pointer of the value being copied, for errors.
func (c *copier) where() string {
	var p *pathElem
	for i := range c.depth {
		var e pathElem
		if i < len(c.near) {
			e = c.near[i]
		} else {
			e = c.deep[i-len(c.near)]
		}
		e.parent = p
		p = &e
	}
	return p.String()
}

// pathElem is a JSON Pointer built only when an error needs it.
type pathElem struct {
	parent *pathElem
	key    string
	index  int // an array index, when isIdx
	isIdx  bool
}

func (p *pathElem) String() string {
	if p == nil {
		return "the document root"
	}
	var parts []string
	for e := p; e != nil; e = e.parent {
		if e.isIdx {
			parts = append(parts, strconv.Itoa(e.index))
		} else {
			parts = append(parts, escapePointer(e.key))
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

// copy returns v validated and converted, and whether the result is a
// different value from v (a converted number, or a container holding one).
func (c *copier) copy(v any, depth int, inContext bool) (any, bool, error) {
	c.values++
	if c.values > c.lim.MaxValues {
		return nil, false, fmt.Errorf("%w: more than MaxValues (%d) JSON values", ErrLimit, c.lim.MaxValues)
	}
	switch t := v.(type) {
	case nil:
		// Whether a null is data (inside a JSON literal) or a dropped
		// member depends on term definitions, so checkNulls decides after
		// expansion.
		return nil, false, nil
	case bool:
		return v, false, nil
	case string:
		if !c.owned && !c.utf8Checked && !utf8.ValidString(t) {
			return nil, false, fmt.Errorf("%w: string at %s is not valid UTF-8", ErrInvalidDocument, c.where())
		}
		return v, false, nil // v, not t: boxing t again would allocate
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, false, fmt.Errorf("%w: number at %s is not finite", ErrInvalidDocument, c.where())
		}
		if inContext {
			return v, false, nil
		}
		// Shortest round-trip form: json-gold reads it back to the same float.
		return json.Number(strconv.FormatFloat(t, 'g', -1, 64)), true, nil
	case json.Number:
		if !c.owned && (!json.Valid([]byte(t)) || strings.ContainsAny(string(t), " \t\r\n")) {
			return nil, false, fmt.Errorf("%w: json.Number %q at %s is not a JSON number", ErrInvalidDocument, string(t), c.where())
		}
		if inContext {
			f, err := t.Float64()
			if err != nil {
				return nil, false, fmt.Errorf("%w: number at %s: %v", ErrInvalidDocument, c.where(), err)
			}
			return f, true, nil
		}
		return v, false, nil
	case int:
		y, _, err := c.copy(json.Number(strconv.FormatInt(int64(t), 10)), depth, inContext)
		return y, true, err
	case int64:
		y, _, err := c.copy(json.Number(strconv.FormatInt(t, 10)), depth, inContext)
		return y, true, err
	case map[string]any:
		if depth >= c.lim.MaxDepth {
			return nil, false, depthError(c.lim.MaxDepth, c.where())
		}
		// m is where converted members go: t itself when the copier owns
		// it, a copy made up front when it may not share it, and a copy
		// made at the first change when it may.
		m := t
		fresh := false
		if !c.owned && !c.share {
			m = make(map[string]any, len(t))
			fresh = true
		}
		for k, x := range t {
			if !c.owned && !c.utf8Checked && !utf8.ValidString(k) {
				return nil, false, fmt.Errorf("%w: key at %s is not valid UTF-8", ErrInvalidDocument, c.where())
			}
			if k == "" {
				// json-gold drops a member named "" even in safe mode
				// (jsonld.js maps it through @vocab), and accepts "" as
				// a term (jsonld.js refuses it).
				return nil, false, fmt.Errorf("%w: empty member name at %s", ErrInvalidDocument, c.where())
			}
			c.push(pathElem{key: k})
			y, changed, err := c.copy(x, depth+1, inContext || k == "@context")
			c.pop()
			if err != nil {
				return nil, false, err
			}
			switch {
			case fresh || c.owned:
				m[k] = y
			case changed:
				m = maps.Clone(t)
				fresh = true
				m[k] = y
			}
		}
		if _, ok := m["@language"]; ok && len(m) == 1 && !inContext {
			return nil, false, unsafef("object at %s has only @language; JSON-LD drops it", c.where())
		}
		return m, fresh, nil
	case []any:
		if depth >= c.lim.MaxDepth {
			return nil, false, depthError(c.lim.MaxDepth, c.where())
		}
		s := t
		fresh := false
		if !c.owned && !c.share {
			s = make([]any, len(t))
			fresh = true
		}
		for i, x := range t {
			c.push(pathElem{index: i, isIdx: true})
			y, changed, err := c.copy(x, depth+1, inContext)
			c.pop()
			if err != nil {
				return nil, false, err
			}
			switch {
			case fresh || c.owned:
				s[i] = y
			case changed:
				s = slices.Clone(t)
				fresh = true
				s[i] = y
			}
		}
		if !fresh {
			// v, not s: boxing the slice again would allocate, once per
			// array of every document read.
			return v, false, nil
		}
		return s, true, nil
	default:
		return nil, false, fmt.Errorf("%w: unsupported Go type %T at %s; pass JSON bytes or a value decoded by encoding/json into any", ErrInvalidDocument, v, c.where())
	}
}

// parseJSON decodes raw JSON strictly (internal/jcs): UTF-8 only, no
// duplicate keys (which JSON parsers resolve differently, so a signature would
// cover only one reading), no lone surrogate escapes (which Go silently turns
// into U+FFFD), no trailing data, and within the limits.
func parseJSON(raw []byte, lim Limits, shareText bool) (any, error) {
	if len(raw) > lim.MaxDocumentBytes {
		return nil, fmt.Errorf("%w: document is %d bytes, more than MaxDocumentBytes (%d)", ErrLimit, len(raw), lim.MaxDocumentBytes)
	}
	decode := jcs.Decode
	if shareText {
		decode = jcs.DecodeShared
	}
	v, err := decode(raw, &jcs.Limits{MaxBytes: lim.MaxDocumentBytes, MaxDepth: lim.MaxDepth})
	switch {
	case errors.Is(err, jcs.ErrTooDeep):
		return nil, fmt.Errorf("%w: nesting deeper than MaxDepth (%d): %w", ErrLimit, lim.MaxDepth, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrInvalidDocument, err)
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, fmt.Errorf("%w: the document must be a JSON object", ErrInvalidDocument)
	}
	c := copier{lim: lim, owned: true}
	v, _, err = c.copy(v, 0, false)
	return v, err
}

func depthError(max int, path string) error {
	return fmt.Errorf("%w: nesting deeper than MaxDepth (%d) at %s", ErrLimit, max, path)
}

func pathOrRoot(p string) string {
	if p == "" {
		return "the document root"
	}
	return p
}

// escapePointer escapes a key as an RFC 6901 JSON Pointer token.
func escapePointer(k string) string {
	if !strings.ContainsAny(k, "~/") {
		return k
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}
