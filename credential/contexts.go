package credential

import (
	"net/http"
	"time"

	"github.com/microcred/microcred/internal/jsonld"
)

// ContextLoader resolves the JSON-LD contexts a credential names. Every
// context an Open Badges 3.0 or CLR 2.0 credential is expected to use is
// embedded, byte for byte and pinned by SHA-256, so the zero configuration
// never touches the network; an unknown context is an error that names it.
//
// Its one method, AddContext(url string, doc []byte) error, makes a host's
// own context document (an object with an @context member) resolvable as
// url; it refuses a URL that already resolves, embedded ones included,
// because replacing a published context would silently change the meaning of
// every credential that uses it. [ContextLoaderOptions].Contexts does the
// same at construction.
//
// A ContextLoader also remembers the contexts it has processed, which makes
// signing and verifying several times faster than with no loader: build one
// per process (or per tenant) and pass it in [SignOptions].Loader and
// [VerifyOptions].Loader. It is safe for concurrent use.
type ContextLoader = jsonld.Loader

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
	// by AddContext (see [ContextLoader]).
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
// contexts only.
func NewContextLoader(opts *ContextLoaderOptions) (*ContextLoader, error) {
	if opts == nil {
		return jsonld.NewLoader(nil)
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
	return jsonld.NewLoader(lo)
}

// ErrUnknownContext is wrapped by signing and verification errors when a
// document names a context the loader neither embeds nor was given.
var ErrUnknownContext = jsonld.ErrUnknownContext
