package jsonld

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
)

// This file, fastterm.go and fastexpand.go hold our own JSON-LD 1.1
// expansion for the features credentials use (the embedded contexts use
// nothing else): @protected, @version, @vocab, a default @language, null
// contexts, keyword aliases, term definitions with @id, @type (@id, @vocab,
// @json or a datatype IRI), @language, @container (@set, @list, @graph) and
// scoped @context; in documents, value objects with @type or @language.
// Anything else makes it return errUnsupported and the document goes through
// json-gold instead.
//
// Its point is that a processed context is immutable and kept: the embedded
// contexts, and each scoped context applied on top of them, are processed
// once per Loader instead of once per document and per node, which is where
// json-gold spends nearly all of its time.

var errUnsupported = errors.New("jsonld: feature outside the fast path")

func unsupported(what string) error { return fmt.Errorf("%w: %s", errUnsupported, what) }

const (
	containerSet uint8 = 1 << iota
	containerList
	containerGraph
)

// termDef is a processed term definition. It is never modified once its
// context is complete.
type termDef struct {
	id        string // IRI, blank node or keyword; "" when unmapped (null)
	typ       string // "", "@id", "@vocab", "@json" or a datatype IRI
	container uint8
	scoped    any // the raw scoped @context, nil if none
	hasScoped bool
	protected bool
	prefix    bool
	lang      string // language of plain strings, lower-cased as jsonld.js does
	hasLang   bool   // @language given (possibly null: no language)

	// isAbsIRI of id and of typ, worked out once: the straight path asks
	// for every statement.
	absID, absTyp bool
}

func (a *termDef) sameAs(b *termDef) bool {
	return a.id == b.id && a.typ == b.typ && a.container == b.container && a.prefix == b.prefix &&
		a.lang == b.lang && a.hasLang == b.hasLang &&
		a.hasScoped == b.hasScoped && (!a.hasScoped || reflect.DeepEqual(a.scoped, b.scoped))
}

// activeCtx is a processed (active) context. Contexts are immutable once
// built; the only mutable part is the memo of contexts derived from this one.
type activeCtx struct {
	terms    map[string]*termDef
	vocab    string
	hasVocab bool
	lang     string     // default language of plain strings, lower-cased
	previous *activeCtx // the context to revert to for nested nodes (type-scoped contexts)
	shared   bool       // reachable from the Loader's cache: derived contexts may be memoized

	// children memoizes the contexts derived from this one. Every
	// expansion with a warm Loader reads it, from every goroutine, so it is
	// an immutable map replaced whole under mu (copy on write): readers take
	// no lock, and writes stop once the Loader is warm.
	mu       sync.Mutex
	children atomic.Pointer[map[memoKey]*activeCtx]
	// byURLs is the same for the contexts derived by an embedded @context
	// of URLs, keyed by appendURLKey: looked up with a key built on the caller's
	// stack, where a memoKey holding it would have been two allocations
	// per credential.
	byURLs atomic.Pointer[map[string]*activeCtx]
}

type memoKey struct {
	def  *termDef // the term whose scoped context was applied
	mode uint8    // property-scoped or type-scoped
}

const (
	modeProperty uint8 = iota + 1
	modeType
)

func (c *activeCtx) clone() *activeCtx {
	n := &activeCtx{terms: make(map[string]*termDef, len(c.terms)), vocab: c.vocab, hasVocab: c.hasVocab, lang: c.lang, previous: c.previous}
	for k, v := range c.terms {
		n.terms[k] = v
	}
	return n
}

func (c *activeCtx) hasProtected() bool {
	for _, d := range c.terms {
		if d.protected {
			return true
		}
	}
	return false
}

// fastCache is the part of a Loader the fast path keeps across calls.
type fastCache struct {
	empty atomic.Pointer[activeCtx] // set once, by the first expansion
	count atomic.Int64              // memoized contexts, bounded by maxMemo
}

// initial returns the Loader's shared empty context, making it on first use
// without a lock on the path every expansion takes.
func (f *fastCache) initial() *activeCtx {
	if c := f.empty.Load(); c != nil {
		return c
	}
	f.empty.CompareAndSwap(nil, &activeCtx{terms: map[string]*termDef{}, shared: true})
	return f.empty.Load()
}

// maxMemo bounds the contexts one Loader memoizes (each is a map of a few
// hundred term definitions, some kilobytes). Honest credentials need a few
// dozen; documents nesting scoped terms in every possible order could
// otherwise grow the cache without end.
const maxMemo = 1024

// fastRun is the state of one expansion.
type fastRun struct {
	ctx     context.Context
	l       *Loader
	cache   *fastCache // nil: no memoization (nil Loader)
	lim     Limits
	loads   int
	work    int // term definitions processed, bounded by lim.MaxContextWork
	remote  bool
	initial *activeCtx
}

func (r *fastRun) addWork(n int) error {
	r.work += n
	if r.work > r.lim.MaxContextWork {
		return fmt.Errorf("%w: more than MaxContextWork (%d) term definitions processed", ErrLimit, r.lim.MaxContextWork)
	}
	return nil
}

func (r *fastRun) memoGet(parent *activeCtx, k memoKey) *activeCtx {
	if m := parent.children.Load(); m != nil {
		return (*m)[k]
	}
	return nil
}

// memoPut remembers a derived context. Derived from a shared context (one the
// Loader keeps), it is shared too, within a bound; otherwise it lives as long
// as this call's contexts.
func (r *fastRun) memoPut(parent *activeCtx, k memoKey, child *activeCtx) {
	if !r.mayMemo(parent, child) {
		return
	}
	parent.mu.Lock()
	defer parent.mu.Unlock()
	if old := parent.children.Load(); old != nil {
		if _, ok := (*old)[k]; ok {
			return
		}
	}
	next := cloneWith(parent.children.Load(), k, child)
	parent.children.Store(&next)
}

// memoPutURLs is memoPut for a context derived by an embedded @context
// of URLs, key its urlKey.
func (r *fastRun) memoPutURLs(parent *activeCtx, key []byte, child *activeCtx) {
	if !r.mayMemo(parent, child) {
		return
	}
	parent.mu.Lock()
	defer parent.mu.Unlock()
	if old := parent.byURLs.Load(); old != nil {
		if _, ok := (*old)[string(key)]; ok {
			return
		}
	}
	// The key's URLs may be cut from a document's text (see
	// readDocumentShared); string(key) is a copy, which the Loader may
	// keep.
	next := cloneWith(parent.byURLs.Load(), string(key), child)
	parent.byURLs.Store(&next)
}

// mayMemo reports whether child, derived from parent, may be remembered,
// and marks it shared when parent is.
func (r *fastRun) mayMemo(parent, child *activeCtx) bool {
	if parent.shared {
		if r.cache == nil || r.remote || r.cache.count.Load() >= maxMemo {
			return false
		}
		child.shared = true
		r.cache.count.Add(1)
	}
	return true
}

// cloneWith returns a copy of *old (or a new map, old nil) with k set to
// v: the maps of an activeCtx are replaced whole, never modified.
func cloneWith[K comparable](old *map[K]*activeCtx, k K, v *activeCtx) map[K]*activeCtx {
	var next map[K]*activeCtx
	if old != nil {
		next = maps.Clone(*old)
	} else {
		next = make(map[K]*activeCtx, 1)
	}
	next[k] = v
	return next
}

// appendURLKey appends to dst the @context value as a key when it is a
// URL or a list of URLs, the only form whose meaning depends on nothing
// but the Loader. The key tells a URL from a list of it, and each URL of
// a list is prefixed with its length, so no two values share a key, even
// with URLs holding NUL bytes.
func appendURLKey(dst []byte, local any) ([]byte, bool) {
	switch t := local.(type) {
	case string:
		return append(append(dst, 's'), t...), true
	case []any:
		dst = append(dst, 'l')
		for _, x := range t {
			s, ok := x.(string)
			if !ok {
				return dst, false
			}
			dst = binary.AppendUvarint(dst, uint64(len(s)))
			dst = append(dst, s...)
		}
		return dst, true
	}
	return dst, false
}

// applyScoped applies a term's scoped context (property- or type-scoped).
func (r *fastRun) applyScoped(active *activeCtx, d *termDef, mode uint8) (*activeCtx, error) {
	k := memoKey{def: d, mode: mode}
	if c := r.memoGet(active, k); c != nil {
		return c, nil
	}
	var (
		c   *activeCtx
		err error
	)
	if mode == modeType {
		c, err = r.process(active, d.scoped, nil, false, false)
	} else {
		c, err = r.process(active, d.scoped, nil, true, true)
	}
	if err != nil {
		return nil, err
	}
	r.memoPut(active, k, c)
	return c, nil
}

// applyEmbedded applies an @context found in the document.
func (r *fastRun) applyEmbedded(active *activeCtx, local any) (*activeCtx, error) {
	var buf [256]byte
	key, cacheable := appendURLKey(buf[:0], local)
	if cacheable {
		if m := active.byURLs.Load(); m != nil {
			if c := (*m)[string(key)]; c != nil {
				return c, nil
			}
		}
	}
	c, err := r.process(active, local, nil, false, true)
	if err != nil {
		return nil, err
	}
	if cacheable {
		r.memoPutURLs(active, key, c)
	}
	return c, nil
}
