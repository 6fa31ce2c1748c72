package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"
)

// FetchError describes a refused or failed network fetch. It wraps
// ErrNetwork (and ErrLimit when a size cap was hit).
type FetchError struct {
	URL    string // what was to be fetched
	Reason string // why it was refused or failed, for people
	Err    error  // the class (ErrNetwork, ErrLimit) and the cause
}

func (e *FetchError) Error() string { return fmt.Sprintf("fetch %s: %s", e.URL, e.Reason) }
func (e *FetchError) Unwrap() error { return e.Err }

// errPrivateAddress is returned by the dialer's Control hook.
var errPrivateAddress = errors.New("address is private, loopback or otherwise not public")

// nonPublic lists the prefixes a credential must not make us dial:
// RFC 6890 special-purpose ranges beyond what net/netip classifies.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 can reach IPv4 private space
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("fc00::/7"),
}

func isPublic(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() || a.IsMulticast() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// dialControl runs after DNS resolution, on the address actually dialled,
// so a name that resolves to a public address at check time and a private
// one at connect time (DNS rebinding) is still refused.
func dialControl(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	if !isPublic(a) {
		return fmt.Errorf("%w: %s", errPrivateAddress, a)
	}
	return nil
}

// fetcher performs every HTTP request of a Verifier.
type fetcher struct {
	client       *http.Client
	limits       Limits
	allowHTTP    bool
	allowPrivate bool
	sem          chan struct{}
}

func newFetcher(c *Config, lim Limits) *fetcher {
	if !c.networkAllowed() {
		return nil
	}
	client := *c.HTTPClient
	rt := client.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if t, ok := rt.(*http.Transport); ok && !c.UnsafeAllowPrivateAddresses {
		t = t.Clone()
		d := &net.Dialer{Timeout: lim.FetchTimeout, KeepAlive: 30 * time.Second, Control: dialControl}
		t.DialContext = d.DialContext
		// A proxy would make us check the proxy's address, not the target's;
		// a credential must not reach through the host's proxy either.
		t.Proxy = nil
		rt = t
	}
	client.Transport = rt
	maxRedirects := lim.MaxRedirects
	allowHTTP := c.UnsafeAllowHTTP
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return fmt.Errorf("more than %d redirects", maxRedirects)
		}
		if !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
			return fmt.Errorf("redirect from %s to another host %s refused", via[0].URL.Host, req.URL.Host)
		}
		if req.URL.Scheme != "https" && !(allowHTTP && req.URL.Scheme == "http") {
			return fmt.Errorf("redirect to %s scheme refused", req.URL.Scheme)
		}
		return nil
	}
	return &fetcher{client: &client, limits: lim, allowHTTP: c.UnsafeAllowHTTP,
		allowPrivate: c.UnsafeAllowPrivateAddresses, sem: make(chan struct{}, DefaultMaxConcurrentFetches)}
}

// contentKinds are the media types a fetch will accept, by purpose.
var (
	jsonTypes = []string{"application/json", "application/ld+json", "application/did+json", "application/did+ld+json", "application/jwk-set+json", "application/schema+json"}
	credTypes = []string{"application/json", "application/ld+json", "application/vc", "application/vc+ld+json", "application/vc+jwt", "application/jwt", "text/plain"}
	// statusTypes accepts any content type (the list's proof, not its
	// label, makes it a status list) while asking for the usual ones first.
	statusTypes = append(slices.Clone(credTypes), "*/*;q=0.1")
	maxURL      = 2048
)

func (f *fetcher) checkURL(raw string) (*url.URL, error) {
	if len(raw) > maxURL {
		return nil, fmt.Errorf("URL longer than %d bytes", maxURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not a URL: %v", err)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && f.allowHTTP:
	default:
		return nil, fmt.Errorf("scheme %q refused: only https is fetched", u.Scheme)
	}
	if u.User != nil {
		return nil, errors.New("URLs with user information are refused")
	}
	if u.Hostname() == "" {
		return nil, errors.New("URL has no host")
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil && !f.allowPrivate && !isPublic(a) {
		return nil, fmt.Errorf("%w: %s", errPrivateAddress, a)
	}
	if strings.EqualFold(u.Hostname(), "localhost") && !f.allowPrivate {
		return nil, fmt.Errorf("%w: localhost", errPrivateAddress)
	}
	u.Fragment = ""
	return u, nil
}

// get fetches rawURL and returns its body, refusing anything that breaks
// the verifier's network policy. accept lists acceptable media types.
func (f *fetcher) get(ctx context.Context, rawURL string, accept []string) ([]byte, error) {
	fail := func(reason string, err error) error {
		return &FetchError{URL: rawURL, Reason: reason, Err: errors.Join(ErrNetwork, err)}
	}
	u, err := f.checkURL(rawURL)
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	select {
	case f.sem <- struct{}{}:
		defer func() { <-f.sem }()
	case <-ctx.Done():
		return nil, fail("cancelled while waiting for a connection slot", ctx.Err())
	}
	ctx, cancel := context.WithTimeout(ctx, f.limits.FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	req.Header.Set("Accept", strings.Join(accept, ", "))
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail(fmt.Sprintf("HTTP status %s", resp.Status), errors.New(resp.Status))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !acceptable(mt, accept) {
			return nil, fail(fmt.Sprintf("content type %q is not one of %s", ct, strings.Join(accept, ", ")), errors.New("content type"))
		}
	}
	max := int64(f.limits.MaxFetchBytes)
	if resp.ContentLength > max {
		return nil, fail(fmt.Sprintf("response of %d bytes exceeds the %d-byte limit", resp.ContentLength, max), ErrLimit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	if int64(len(body)) > max {
		return nil, fail(fmt.Sprintf("response exceeds the %d-byte limit", max), ErrLimit)
	}
	return body, nil
}

func acceptable(mt string, accept []string) bool {
	for _, a := range accept {
		if strings.HasPrefix(a, "*/*") {
			return true
		}
		if mt == a {
			return true
		}
	}
	// Any structured-syntax JSON type (RFC 6839) is JSON.
	return strings.HasSuffix(mt, "+json") && slicesContainsJSON(accept)
}

func slicesContainsJSON(accept []string) bool {
	for _, a := range accept {
		if a == "application/json" {
			return true
		}
	}
	return false
}
