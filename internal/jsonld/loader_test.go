package jsonld

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const hostContextURL = "https://contexts.example.org/test/v1"

var hostContext = []byte(`{"@context": {"@protected": true, "favouriteColour": "https://example.org/vocab#favouriteColour"}}`)

func docUsing(ctxURL, extra string) []byte {
	return []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + ctxURL + `"],
		"type": ["VerifiableCredential"], "issuer": "did:example:1", "credentialSubject": {"id": "did:example:2"}` + extra + `}`)
}

func TestAddContext(t *testing.T) {
	ctx := context.Background()
	var l Loader // the zero value is usable
	doc := docUsing(hostContextURL, `, "favouriteColour": "blue"`)
	if _, err := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: &l}); !errors.Is(err, ErrUnknownContext) {
		t.Fatalf("before AddContext: got %v, want ErrUnknownContext", err)
	}
	if err := l.AddContext(hostContextURL, hostContext); err != nil {
		t.Fatal(err)
	}
	out, err := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: &l})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `<https://example.org/vocab#favouriteColour> "blue"`) {
		t.Errorf("host term missing from\n%s", out)
	}
	// Options at construction do the same.
	l2, err := NewLoader(&LoaderOptions{Contexts: map[string][]byte{hostContextURL: hostContext}})
	if err != nil {
		t.Fatal(err)
	}
	out2, err := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l2})
	if err != nil || string(out2) != string(out) {
		t.Errorf("NewLoader with Contexts: %v\n%s", err, out2)
	}
}

func TestAddContextRejects(t *testing.T) {
	tests := []struct {
		name string
		url  string
		doc  string
		want error
	}{
		{"embedded URL (would change every credential using it)", "https://www.w3.org/ns/credentials/v2", `{"@context": {}}`, ErrContextExists},
		{"added twice", hostContextURL, string(hostContext), ErrContextExists},
		{"not JSON", "https://example.org/a", `{"@context": `, ErrInvalidContext},
		{"no @context member", "https://example.org/b", `{"x": {}}`, ErrInvalidContext},
		{"not an object", "https://example.org/c", `["@context"]`, ErrInvalidContext},
		{"invalid definition", "https://example.org/d", `{"@context": {"@vocab": 5}}`, ErrInvalidContext},
		{"keyword redefinition", "https://example.org/e", `{"@context": {"@id": "https://example.org/id"}}`, ErrInvalidContext},
		{"empty URL", "", string(hostContext), ErrInvalidContext},
		{"over MaxContextBytes", "https://example.org/f", `{"@context": {"a": "https://example.org/` + strings.Repeat("a", DefaultMaxContextBytes) + `"}}`, ErrLimit},
	}
	var l Loader
	if err := l.AddContext(hostContextURL, hostContext); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := l.AddContext(tt.url, []byte(tt.doc)); !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestVariants(t *testing.T) {
	ctx := context.Background()
	const ob = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	// jti is defined only by the validator's variant of the OB 3.0.3 context.
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + ob + `"],
		"type": ["VerifiableCredential", "OpenBadgeCredential"], "jti": "urn:uuid:1"}`)
	if _, err := Canonicalize(ctx, doc, nil); !errors.Is(err, ErrUndefinedTerm) || !strings.Contains(err.Error(), "jti") {
		t.Fatalf("default loader: got %v, want ErrUndefinedTerm naming jti", err)
	}
	l, err := NewLoader(&LoaderOptions{Variants: []string{"ob-v3p0-context-3.0.3.validator-variant.json"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l}); err != nil {
		t.Fatalf("variant loader: %v", err)
	}
	if _, err := NewLoader(&LoaderOptions{Variants: []string{"no-such-variant.json"}}); !errors.Is(err, ErrUnknownContext) {
		t.Errorf("unknown variant: got %v", err)
	}
	if _, err := EmbeddedContext("ob-v3p0-context-3.0.3.validator-variant.json"); err != nil {
		t.Errorf("EmbeddedContext(variant): %v", err)
	}
}

// TestLoaderConcurrent is meant for -race: one Loader shared by goroutines
// that canonicalize while others add contexts.
func TestLoaderConcurrent(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := readVector(t, "1edtech/testvectors/obv3p0-unsigned.json")
	want := readVector(t, "1edtech/testvectors/obv3p0-document-canon.txt")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.AddContext(fmt.Sprintf("https://example.org/ctx/%d", i), hostContext); err != nil {
				t.Error(err)
			}
			got, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Loader: l})
			if err != nil || string(got) != string(want) {
				t.Errorf("concurrent Canonicalize: %v", err)
			}
		}()
	}
	wg.Wait()
}

// contextServer serves hostContext at /ctx/*, counts requests and can be
// told to misbehave.
func contextServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ctx/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/ld+json")
		w.Write(hostContext)
	})
	mux.HandleFunc("/big/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprintf(w, `{"@context": {"a": "https://example.org/%s"}}`, strings.Repeat("a", 4096))
	})
	mux.HandleFunc("/missing/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.NotFound(w, r)
	})
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/elsewhere/v1", http.StatusFound)
	})
	mux.HandleFunc("/elsewhere/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write(hostContext)
	})
	mux.HandleFunc("/slow/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestRemoteLoading(t *testing.T) {
	srv, hits := contextServer(t)
	ctx := context.Background()
	allow := []string{srv.URL + "/ctx/", srv.URL + "/big/", srv.URL + "/missing/", srv.URL + "/redirect/", srv.URL + "/slow/"}
	now := time.Unix(1_700_000_000, 0)
	l, err := NewLoader(&LoaderOptions{
		MaxContextBytes: 1024,
		Remote: &RemoteOptions{
			Client: srv.Client(), Allow: allow, Timeout: 200 * time.Millisecond,
			CacheEntries: 2, CacheTTL: time.Minute, now: func() time.Time { return now },
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	canon := func(u string) error {
		_, err := Canonicalize(ctx, docUsing(u, `, "favouriteColour": "blue"`), &CanonicalizeOptions{Loader: l})
		return err
	}

	if err := canon(srv.URL + "/ctx/a"); err != nil {
		t.Fatalf("allowed URL: %v", err)
	}
	if err := canon(srv.URL + "/ctx/a"); err != nil || hits.Load() != 1 {
		t.Fatalf("second use: err %v, %d requests; want a cache hit", err, hits.Load())
	}
	now = now.Add(2 * time.Minute)
	if err := canon(srv.URL + "/ctx/a"); err != nil || hits.Load() != 2 {
		t.Fatalf("after TTL: err %v, %d requests; want a refetch", err, hits.Load())
	}
	// Two more URLs push /ctx/a out of a two-entry cache.
	canon(srv.URL + "/ctx/b")
	canon(srv.URL + "/ctx/c")
	hits.Store(0)
	if err := canon(srv.URL + "/ctx/a"); err != nil || hits.Load() != 1 {
		t.Fatalf("after eviction: err %v, %d requests; want a refetch", err, hits.Load())
	}

	hits.Store(0)
	refused := []struct {
		name string
		url  string
		want error
	}{
		{"outside the allowlist", srv.URL + "/elsewhere/v1", ErrUnknownContext},
		{"prefix lookalike", srv.URL + "/ctxevil/v1", ErrUnknownContext},
		{"other scheme", strings.Replace(srv.URL, "http:", "https:", 1) + "/ctx/a", ErrUnknownContext},
		{"local file", "file:///etc/passwd", ErrUnknownContext},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			if err := canon(tt.url); !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
			}
		})
	}
	if hits.Load() != 0 {
		t.Errorf("refused URLs caused %d requests", hits.Load())
	}

	failing := []struct {
		name string
		url  string
		want error
	}{
		{"over MaxContextBytes", srv.URL + "/big/v1", ErrLimit},
		{"HTTP 404", srv.URL + "/missing/v1", ErrContextLoad},
		{"redirect outside the allowlist", srv.URL + "/redirect/v1", ErrUnknownContext},
		{"timeout", srv.URL + "/slow/v1", context.DeadlineExceeded},
	}
	for _, tt := range failing {
		t.Run(tt.name, func(t *testing.T) {
			err := canon(tt.url)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.url) {
				t.Errorf("%s: got %v, want %v naming the URL", tt.name, err, tt.want)
			}
		})
	}
}

func TestRemoteOptionsRequired(t *testing.T) {
	tests := []struct {
		name string
		opts RemoteOptions
	}{
		{"no client", RemoteOptions{Allow: []string{"https://example.org/"}}},
		{"no allowlist", RemoteOptions{Client: http.DefaultClient}},
		{"allow entry without host", RemoteOptions{Client: http.DefaultClient, Allow: []string{"https:///x"}}},
		{"allow entry with another scheme", RemoteOptions{Client: http.DefaultClient, Allow: []string{"file:///etc/"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewLoader(&LoaderOptions{Remote: &tt.opts}); err == nil {
				t.Errorf("%s: NewLoader accepted it", tt.name)
			}
		})
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := readVector(t, "w3c/di/vc-di-eddsa-TestVectors/unsigned.json")
	warm, _ := NewLoader(nil)
	if _, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Loader: warm}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*Loader{nil, warm} {
		if _, err := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l}); !errors.Is(err, context.Canceled) {
			t.Errorf("Canonicalize: got %v, want context.Canceled", err)
		}
		if _, err := ToRDF(ctx, doc, &Options{Loader: l}); !errors.Is(err, context.Canceled) {
			t.Errorf("ToRDF: got %v, want context.Canceled", err)
		}
	}
}
