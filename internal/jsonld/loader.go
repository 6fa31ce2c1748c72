package jsonld

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/piprate/json-gold/ld"
)

// DefaultMaxContextBytes caps a context document added by a host or fetched
// remotely when LoaderOptions.MaxContextBytes is zero. The largest embedded
// context is under 16 KiB.
const DefaultMaxContextBytes = 1 << 20

// LoaderOptions configures NewLoader. The zero value serves the embedded
// contexts only and never touches the network.
type LoaderOptions struct {
	// Contexts are host contexts keyed by URL, added as by AddContext.
	Contexts map[string][]byte
	// Variants names embedded variant files (see EmbeddedContexts) to serve
	// for their URL instead of the current document, e.g.
	// "ob-v3p0-context-3.0.3.validator-variant.json". Only for reproducing
	// signatures made against them.
	Variants []string
	// Remote enables fetching contexts that are neither embedded nor added.
	// Nil means never.
	Remote *RemoteOptions
	// MaxContextBytes caps each added or fetched context document; zero
	// means DefaultMaxContextBytes.
	MaxContextBytes int
}

// Loader resolves @context URLs: first the host's added contexts, then the
// embedded ones, then (only if configured) the network. A Loader is safe for
// concurrent use, and its zero value (like a nil *Loader) serves the embedded
// contexts only.
//
// Share one Loader across calls: it keeps fetched documents and processed
// contexts (at most 1024 derived contexts, a few megabytes), so that a warm
// Loader expands a credential without processing any context.
type Loader struct {
	fast     fastCache
	mu       sync.RWMutex
	added    map[string]map[string]any // URL -> parsed document, never modified
	variants map[string]*embeddedContext
	remote   *remoteLoader
	maxBytes int
}

// NewLoader returns a Loader configured by opts (nil means the zero
// LoaderOptions).
func NewLoader(opts *LoaderOptions) (*Loader, error) {
	l := &Loader{}
	if opts == nil {
		return l, nil
	}
	l.maxBytes = opts.MaxContextBytes
	for _, name := range opts.Variants {
		e := embeddedIndex.byVariant[name]
		if e == nil {
			return nil, fmt.Errorf("%w: no embedded variant named %q", ErrUnknownContext, name)
		}
		if l.variants == nil {
			l.variants = make(map[string]*embeddedContext)
		}
		if prev := l.variants[e.URL]; prev != nil {
			return nil, fmt.Errorf("%w: variants %q and %q both define %s", ErrContextExists, prev.File, name, e.URL)
		}
		l.variants[e.URL] = e
	}
	for url, raw := range opts.Contexts {
		if err := l.AddContext(url, raw); err != nil {
			return nil, err
		}
	}
	if opts.Remote != nil {
		r, err := newRemoteLoader(opts.Remote, l.maxContextBytes())
		if err != nil {
			return nil, err
		}
		l.remote = r
	}
	return l, nil
}

func (l *Loader) maxContextBytes() int {
	if l == nil || l.maxBytes <= 0 {
		return DefaultMaxContextBytes
	}
	return l.maxBytes
}

// AddContext makes doc (a JSON-LD context document: an object with an
// @context member) resolvable as url. It refuses a URL that already resolves,
// embedded ones included: replacing a published context would silently change
// the meaning of every credential that uses it.
func (l *Loader) AddContext(url string, doc []byte) error {
	if l == nil {
		return fmt.Errorf("%w: AddContext on a nil *Loader", ErrInvalidContext)
	}
	if url == "" {
		return fmt.Errorf("%w: empty context URL", ErrInvalidContext)
	}
	if max := l.maxContextBytes(); len(doc) > max {
		return fmt.Errorf("%w: context %s is %d bytes, more than MaxContextBytes (%d)", ErrLimit, url, len(doc), max)
	}
	parsed, err := parseContextDocument(doc)
	if err != nil {
		return fmt.Errorf("context %s: %w", url, err)
	}
	if err := checkContextProcesses(parsed); err != nil {
		return fmt.Errorf("context %s: %w", url, err)
	}
	if embeddedIndex.byURL[url] != nil {
		return fmt.Errorf("%w: %s is embedded", ErrContextExists, url)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, dup := l.added[url]; dup {
		return fmt.Errorf("%w: %s was already added", ErrContextExists, url)
	}
	if l.added == nil {
		l.added = make(map[string]map[string]any)
	}
	l.added[url] = parsed
	return nil
}

// checkContextProcesses runs json-gold's context processing over a host
// context once, so that a broken definition is reported when it is added
// rather than on first use. Remote references inside it are not followed.
func checkContextProcesses(doc map[string]any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: json-gold could not process it (%v)", ErrInvalidContext, r)
		}
	}()
	_, err = ld.NewContext(nil, goldOptions(refuseLoader{})).Parse(deepCopy(doc["@context"]))
	if err != nil && !isRefused(err) {
		return fmt.Errorf("%w: %v", ErrInvalidContext, err)
	}
	return nil
}

// resolve returns the parsed document for url. The result is shared and must
// not be modified.
func (l *Loader) resolve(ctx context.Context, url string) (map[string]any, error) {
	if l != nil {
		l.mu.RLock()
		doc, ok := l.added[url]
		l.mu.RUnlock()
		if ok {
			return doc, nil
		}
		if e := l.variants[url]; e != nil {
			return e.document()
		}
	}
	if e := embeddedIndex.byURL[url]; e != nil {
		return e.document()
	}
	if l != nil && l.remote != nil {
		return l.remote.load(ctx, url)
	}
	return nil, fmt.Errorf("%w: %q (embed it, add it with Loader.AddContext, or allow it for remote loading)", ErrUnknownContext, url)
}

// resolveFast is resolve for the fast path, which also needs to know
// whether the document came from the network (and so may change).
func (l *Loader) resolveFast(ctx context.Context, url string) (map[string]any, bool, error) {
	doc, err := l.resolve(ctx, url)
	if err != nil {
		return nil, false, err
	}
	if l != nil && l.remote != nil {
		if l.isLocal(url) {
			return doc, false, nil
		}
		return doc, true, nil
	}
	return doc, false, nil
}

func (l *Loader) isLocal(url string) bool {
	l.mu.RLock()
	_, ok := l.added[url]
	l.mu.RUnlock()
	return ok || l.variants[url] != nil || embeddedIndex.byURL[url] != nil
}

// opLoader adapts a Loader to json-gold's ld.DocumentLoader for one
// operation. json-gold's interface has no context.Context, so each operation
// gets its own value carrying ctx; it also counts loads, because json-gold
// dereferences a context URL every time the document mentions it.
type opLoader struct {
	ctx      context.Context
	l        *Loader
	loads    int
	maxLoads int
	err      error // first failure, reported instead of json-gold's wrapper

	// badTerms collects terms of loaded contexts that json-gold expands
	// incorrectly (see nullScopedGraphTerms).
	badTerms map[string]bool
}

func (o *opLoader) LoadDocument(url string) (*ld.RemoteDocument, error) {
	err := o.ctx.Err()
	if err == nil {
		o.loads++
		if o.loads > o.maxLoads {
			err = fmt.Errorf("%w: more than MaxContextLoads (%d) context loads", ErrLimit, o.maxLoads)
		}
	}
	var doc map[string]any
	if err == nil {
		doc, err = o.l.resolve(o.ctx, url)
	}
	if err == nil {
		err = contextFault(doc, false)
	}
	if err != nil {
		if o.err == nil {
			o.err = err
		}
		return nil, err
	}
	if o.badTerms == nil {
		o.badTerms = make(map[string]bool)
	}
	nullScopedGraphTerms(doc, o.badTerms)
	// json-gold writes into documents it loads (@import merges into the
	// imported map), so it never sees the shared parsed copy.
	return &ld.RemoteDocument{DocumentURL: url, Document: deepCopy(doc)}, nil
}

// refuseLoader is used where no document may be loaded at all.
type refuseLoader struct{}

var errRefused = fmt.Errorf("%w: remote references are not followed here", ErrUnknownContext)

func (refuseLoader) LoadDocument(string) (*ld.RemoteDocument, error) { return nil, errRefused }

func isRefused(err error) bool { return errors.Is(err, errRefused) }

// deepCopy copies a decoded JSON value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	default:
		return v
	}
}
