package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/store/sqlite"
)

// newHost starts what examples/host serves, in process: the API, the
// authorization server and the demo consent page, on SQLite.
func newHost(t *testing.T) string {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "host.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mux := http.NewServeMux()
	ts := httptest.NewUnstartedServer(mux)
	base := "http://" + ts.Listener.Addr().String()
	srv, err := api.New(api.Config{Store: st, BaseURL: base, Consent: api.NewUnsafeDemoConsent()})
	if err != nil {
		t.Fatal(err)
	}
	srv.Register(mux)
	ts.Start()
	t.Cleanup(ts.Close)
	return base
}

// TestShortcut runs the backpack against a host with -user: register,
// approve on the demo consent page, upsert, list back.
func TestShortcut(t *testing.T) {
	base := newHost(t)
	var out, errOut strings.Builder
	if c := run(t.Context(), []string{"-host", base, "-user", "Ada Lovelace"}, &out, &errOut); c != 0 {
		t.Fatalf("exit %d: %s\n%s", c, errOut.String(), out.String())
	}
	for _, want := range []string{"Registered as client", "Authorized with PKCE", ": inserted.", ": verified", "holds 1 credential(s)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestBrowserFlow plays the browser: it opens the URL the backpack prints,
// approves on the consent page, and follows the redirect back to the
// backpack's loopback listener.
func TestBrowserFlow(t *testing.T) {
	base := newHost(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pr, pw := io.Pipe()
	var errOut strings.Builder
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"-host", base}, pw, &errOut); pw.Close() }()
	sc := bufio.NewScanner(pr)
	var authURL string
	var out strings.Builder
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if strings.HasPrefix(strings.TrimSpace(line), base+api.PathAuthorize) {
			authURL = strings.TrimSpace(line)
			break
		}
	}
	if authURL == "" {
		t.Fatalf("no authorization URL printed:\n%s%s", out.String(), errOut.String())
	}
	loc, err := approveAs(ctx, authURL, "grace")
	if err != nil {
		t.Fatal(err)
	}
	// The browser follows the redirect to the backpack's callback.
	resp, err := http.Get(loc.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
	}
	if c := <-code; c != 0 || !strings.Contains(out.String(), "holds 1 credential(s)") {
		t.Errorf("exit %d:\n%s%s", c, out.String(), errOut.String())
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-host"}, {"-host", "http://x", "extra"}} {
		var out, errOut strings.Builder
		if c := run(t.Context(), args, &out, &errOut); c != 2 || !strings.Contains(errOut.String(), "usage") {
			t.Errorf("%v: exit %d, stderr %q", args, c, errOut.String())
		}
	}
}
