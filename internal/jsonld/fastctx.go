package jsonld

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
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

	// aliases are the terms that expand to @id, @type or @value, when
	// aliasesKnown (see summarize): the straight path asks, of every
	// member of a node, whether it is one of them under a context it does
	// not otherwise expand the member under, and a term map lookup for
	// each cost more than comparing with these few.
	aliases      [4]keywordAlias
	nAliases     uint8
	aliasesKnown bool

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

type keywordAlias struct{ term, keyword string }

// summarize records c's aliases of @id, @type and @value, once c is built
// (process ends with it). It leaves aliasesKnown false, and so the
// straight path to expanding every key, when anything but a keyword or an
// alias could expand to one of those keywords: a @vocab or a prefix that
// is itself a keyword form (no valid context has one), or more aliases
// than the array holds.
func (c *activeCtx) summarize() {
	c.aliasesKnown, c.nAliases = false, 0
	if c.hasVocab && strings.HasPrefix(c.vocab, "@") {
		return
	}
	for k, d := range c.terms {
		if d.prefix && strings.HasPrefix(d.id, "@") {
			return
		}
		if isKeyword(k) || hasKeywordForm(k) {
			continue // expandKey gives k itself, or ""
		}
		if d.id == "@id" || d.id == "@type" || d.id == "@value" {
			if int(c.nAliases) == len(c.aliases) {
				return
			}
			c.aliases[c.nAliases] = keywordAlias{k, d.id}
			c.nAliases++
		}
	}
	c.aliasesKnown = true
}

// keywordOf is whether expandKey(c, k) would return @id, @type or @value,
// and which ("" when none of them), without looking k up: ok false when c
// cannot tell (see summarize). Under the conditions summarize checks, an
// expansion that is neither k, when k is a keyword, nor an alias's
// keyword is a term's IRI, a prefix's IRI and a suffix, k itself, or the
// @vocab and k: none of them one of these keywords.
// TestKeywordOfMatchesExpandKey compares the two.
func (c *activeCtx) keywordOf(k string) (kw string, ok bool) {
	if !c.aliasesKnown {
		return "", false
	}
	if isKeyword(k) {
		return k, true
	}
	for _, a := range c.aliases[:c.nAliases] {
		if a.term == k {
			return a.keyword, true
		}
	}
	return "", true
}

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
