package credential

import (
	"fmt"
	"net/http"
	"time"

	"github.com/microcred/microcred/internal/credseam"
	"github.com/microcred/microcred/internal/jsonld"
)

// ContextLoader resolves the JSON-LD contexts a credential names. Every
// context an Open Badges 3.0 or CLR 2.0 credential is expected to use is
// embedded, byte for byte and pinned by SHA-256, so the default
// configuration never touches the network; an unknown context is an error
// that names it ([ErrUnknownContext]).
//
// Make one with [NewContextLoader]. It remembers the contexts it has
// processed, which makes signing and verifying several times faster than
// with no loader: build one per process (or per tenant) and pass it in
// [SignOptions].Loader, [VerifyOptions].Loader and verify's
// Config.Contexts. It is safe for concurrent use.
//
// A nil *ContextLoader, like the zero ContextLoader, serves the embedded
// contexts only and remembers nothing: it is what a nil Loader option
// means. [ContextLoader.AddContext] refuses it.
type ContextLoader struct {
	l *jsonld.Loader // nil: embedded contexts only, no cache
	// variants: l serves a variant file for some embedded URL, so the
	// embedded contexts may not mean what they say (see embeddedAsIs).
	variants bool
}

func init() {
	credseam.ContextLoaderInternal = (*ContextLoader).internal
	credseam.OfflineDIDKeyMethod = offlineDIDKeyMethod
}

// internal is the loader the JSON-LD engine uses; nil for a nil or zero
// ContextLoader.
func (c *ContextLoader) internal() *jsonld.Loader {
	if c == nil {
		return nil
	}
	return c.l
}

// embeddedAsIs reports whether every embedded context URL resolves to its
// embedded document through c, which the proof configuration shortcut
// (standardProofConfig) relies on. Only Variants change that: AddContext
// refuses an embedded URL, and remote loading is only for URLs that
// nothing else resolves.
func (c *ContextLoader) embeddedAsIs() bool {
	return c == nil || !c.variants
}

// AddContext makes doc, a host's own JSON-LD context document (an object
// with an @context member), resolvable as url. It refuses a URL that
// already resolves, embedded ones included, because replacing a published
// context would silently change the meaning of every credential that uses
// it; a document over [ContextLoaderOptions].MaxContextBytes; and a
// context that JSON-LD cannot process, so that a broken definition shows
// here rather than on first use. [ContextLoaderOptions].Contexts does the
// same at construction.
//
// A nil or zero ContextLoader has nowhere to keep the document: make one
// with [NewContextLoader].
func (c *ContextLoader) AddContext(url string, doc []byte) error {
	if c.internal() == nil {
		return fmt.Errorf("credential: AddContext on a ContextLoader not made by NewContextLoader: %w", jsonld.ErrInvalidContext)
	}
	return c.l.AddContext(url, doc)
}

// Defaults of [ContextLoaderOptions] and [RemoteContexts].
const (
	DefaultMaxContextBytes    = jsonld.DefaultMaxContextBytes
	DefaultRemoteTimeout      = jsonld.DefaultRemoteTimeout
	DefaultRemoteCacheEntries = jsonld.DefaultRemoteCacheEntries
	DefaultRemoteCacheTTL     = jsonld.DefaultRemoteCacheTTL
)

// ContextLoaderOptions configures [NewContextLoader]. The zero value serves
// the embedded contexts only and never touches the network.
type ContextLoaderOptions struct {
	// Contexts are the host's own context documents keyed by URL, added as
	// by [ContextLoader.AddContext].
	Contexts map[string][]byte
	// Variants names embedded variant files to serve for their URL instead
	// of the current document, e.g.
	// "ob-v3p0-context-3.0.3.validator-variant.json". Only for reproducing
	// signatures made against them.
	Variants []string
	// Remote enables fetching contexts that are neither embedded nor added.
	// Nil means never.
	Remote *RemoteContexts
	// MaxContextBytes caps each added or fetched context document; zero
	// means DefaultMaxContextBytes.
	MaxContextBytes int
}

// RemoteContexts opts a [ContextLoader] in to fetching contexts over the
// network. Without it nothing is ever fetched.
type RemoteContexts struct {
	// Client performs the requests. Required: the host decides transport,
	// proxies and TLS.
	Client *http.Client
	// Allow lists the URL prefixes that may be fetched, such as
	// "https://contexts.example.org/" (a whole host) or
	// "https://example.org/ns/v1" (one document). Scheme and host must match
	// exactly and the path must start with the prefix's path. Redirects are
	// followed only to allowed URLs. Required.
	Allow []string
	// Timeout bounds each fetch in addition to the caller's ctx; zero means
	// DefaultRemoteTimeout.
	Timeout time.Duration
	// CacheEntries bounds how many fetched documents are kept; zero means
	// DefaultRemoteCacheEntries, negative disables the cache.
	CacheEntries int
	// CacheTTL is how long a fetched document is reused; zero means
	// DefaultRemoteCacheTTL.
	CacheTTL time.Duration
}

// NewContextLoader returns a ContextLoader; nil opts means the embedded
// contexts only. It fails when an option is unusable: a host context that
// does not process or repeats a URL, an unknown variant, or Remote without
// a Client or an Allow list.
func NewContextLoader(opts *ContextLoaderOptions) (*ContextLoader, error) {
	if opts == nil {
		opts = &ContextLoaderOptions{}
	}
	lo := &jsonld.LoaderOptions{
		Contexts:        opts.Contexts,
		Variants:        opts.Variants,
		MaxContextBytes: opts.MaxContextBytes,
	}
	if r := opts.Remote; r != nil {
		lo.Remote = &jsonld.RemoteOptions{
			Client:       r.Client,
			Allow:        r.Allow,
			Timeout:      r.Timeout,
			CacheEntries: r.CacheEntries,
			CacheTTL:     r.CacheTTL,
		}
	}
	l, err := jsonld.NewLoader(lo)
	if err != nil {
		return nil, err
	}
	return &ContextLoader{l: l, variants: len(opts.Variants) > 0}, nil
}

// ErrUnknownContext is wrapped by signing and verification errors when a
// document names a context the loader neither embeds nor was given.
var ErrUnknownContext = jsonld.ErrUnknownContext
