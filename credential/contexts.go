package credential

import "github.com/microcred/microcred/internal/jsonld"

// ContextLoader resolves the JSON-LD contexts a credential names. Every
// context an Open Badges 3.0 or CLR 2.0 credential is expected to use is
// embedded, byte for byte and pinned by SHA-256, so the zero configuration
// never touches the network; an unknown context is an error that names it.
//
// A ContextLoader also remembers the contexts it has processed, which makes
// signing and verifying several times faster than with no loader: build one
// per process (or per tenant) and pass it in SignOptions.Loader and
// VerifyOptions.Loader. It is safe for concurrent use.
type ContextLoader = jsonld.Loader

// ContextLoaderOptions configures NewContextLoader. Contexts adds the host's
// own context documents by URL; Remote, when set, allows fetching others from
// an allowlist of URL prefixes with the host's *http.Client, a size cap and a
// bounded cache. The zero value serves the embedded contexts only.
type ContextLoaderOptions = jsonld.LoaderOptions

// RemoteContexts opts a ContextLoader in to fetching contexts over the
// network: Client and Allow are required.
type RemoteContexts = jsonld.RemoteOptions

// NewContextLoader returns a ContextLoader; nil opts means the embedded
// contexts only.
func NewContextLoader(opts *ContextLoaderOptions) (*ContextLoader, error) {
	return jsonld.NewLoader(opts)
}

// ErrUnknownContext is wrapped by signing and verification errors when a
// document names a context the loader neither embeds nor was given.
var ErrUnknownContext = jsonld.ErrUnknownContext
