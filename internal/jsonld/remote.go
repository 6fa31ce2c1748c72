package jsonld

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Remote loading defaults, used when the RemoteOptions field is zero.
const (
	DefaultRemoteTimeout      = 10 * time.Second
	DefaultRemoteCacheEntries = 64
	DefaultRemoteCacheTTL     = time.Hour
)

// RemoteOptions opts a Loader in to fetching contexts over the network.
// Without it nothing is ever fetched.
type RemoteOptions struct {
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
	// now is replaced in tests.
	now func() time.Time
}

type allowRule struct {
	scheme, host, path string
}

type remoteLoader struct {
	client   *http.Client
	allow    []allowRule
	timeout  time.Duration
	maxBytes int
	entries  int
	ttl      time.Duration
	now      func() time.Time

	mu    sync.Mutex
	cache map[string]cacheEntry
	seq   uint64
}

type cacheEntry struct {
	doc     map[string]any
	expires time.Time
	seq     uint64 // insertion order, for evicting the oldest
}

func newRemoteLoader(o *RemoteOptions, maxBytes int) (*remoteLoader, error) {
	if o.Client == nil {
		return nil, fmt.Errorf("%w: RemoteOptions.Client is required", ErrInvalidContext)
	}
	if len(o.Allow) == 0 {
		return nil, fmt.Errorf("%w: RemoteOptions.Allow is empty; list the URL prefixes that may be fetched", ErrInvalidContext)
	}
	r := &remoteLoader{
		timeout:  o.Timeout,
		maxBytes: maxBytes,
		entries:  o.CacheEntries,
		ttl:      o.CacheTTL,
		now:      o.now,
		cache:    make(map[string]cacheEntry),
	}
	for _, a := range o.Allow {
		u, err := url.Parse(a)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("%w: allow entry %q must be an http(s) URL prefix without user, query or fragment", ErrInvalidContext, a)
		}
		r.allow = append(r.allow, allowRule{scheme: u.Scheme, host: strings.ToLower(u.Host), path: u.EscapedPath()})
	}
	if r.timeout <= 0 {
		r.timeout = DefaultRemoteTimeout
	}
	if r.entries == 0 {
		r.entries = DefaultRemoteCacheEntries
	}
	if r.ttl <= 0 {
		r.ttl = DefaultRemoteCacheTTL
	}
	if r.now == nil {
		r.now = time.Now
	}
	// A copy, so that redirects are checked against the allowlist without
	// changing the host's client.
	c := *o.Client
	prev := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !r.allowed(req.URL) {
			return fmt.Errorf("%w: redirect to %s is not in RemoteOptions.Allow", ErrUnknownContext, req.URL)
		}
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		if prev != nil {
			return prev(req, via)
		}
		return nil
	}
	r.client = &c
	return r, nil
}

func (r *remoteLoader) allowed(u *url.URL) bool {
	if u.User != nil {
		return false
	}
	host := strings.ToLower(u.Host)
	p := u.EscapedPath()
	for _, a := range r.allow {
		if u.Scheme == a.scheme && host == a.host && strings.HasPrefix(p, a.path) {
			return true
		}
	}
	return false
}

func (r *remoteLoader) load(ctx context.Context, rawURL string) (map[string]any, error) {
	u, err := url.Parse(rawURL)
	if err != nil || !u.IsAbs() || !r.allowed(u) {
		return nil, fmt.Errorf("%w: %q (not embedded, not added, not in RemoteOptions.Allow)", ErrUnknownContext, rawURL)
	}
	if doc, ok := r.cached(rawURL); ok {
		return doc, nil
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrContextLoad, rawURL, err)
	}
	req.Header.Set("Accept", "application/ld+json, application/json;q=0.9")
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrContextLoad, rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s: HTTP status %s", ErrContextLoad, rawURL, resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, int64(r.maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrContextLoad, rawURL, err)
	}
	if len(raw) > r.maxBytes {
		return nil, fmt.Errorf("%w: context %s is larger than MaxContextBytes (%d)", ErrLimit, rawURL, r.maxBytes)
	}
	doc, err := parseContextDocument(raw)
	if err != nil {
		return nil, fmt.Errorf("context %s: %w", rawURL, err)
	}
	r.store(rawURL, doc)
	return doc, nil
}

func (r *remoteLoader) cached(u string) (map[string]any, bool) {
	if r.entries < 0 {
		return nil, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.cache[u]
	if !ok {
		return nil, false
	}
	if !r.now().Before(e.expires) {
		delete(r.cache, u)
		return nil, false
	}
	return e.doc, true
}

func (r *remoteLoader) store(u string, doc map[string]any) {
	if r.entries < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if len(r.cache) >= r.entries {
		// Drop expired entries first, then the oldest; the cache is small,
		// so a scan is cheaper than keeping an order.
		var victim string
		var oldest uint64
		for k, e := range r.cache {
			if !now.Before(e.expires) {
				delete(r.cache, k)
				continue
			}
			if victim == "" || e.seq < oldest {
				victim, oldest = k, e.seq
			}
		}
		if len(r.cache) >= r.entries && victim != "" {
			delete(r.cache, victim)
		}
	}
	r.seq++
	// u may be cut from a document's text (see readDocumentShared): the
	// cache outlives it, so it keeps a copy.
	r.cache[strings.Clone(u)] = cacheEntry{doc: doc, expires: now.Add(r.ttl), seq: r.seq}
}
