package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/postgres"
	"github.com/microcred/microcred/badge/api/store/sqlite"
	"github.com/microcred/microcred/credential"
)

// backends returns the stores the API tests run on: SQLite always, and
// PostgreSQL when MICROCRED_POSTGRES_DSN names one (.ci/run starts one and
// sets MICROCRED_API_REQUIRED=1, which makes its absence a failure).
func backends(t *testing.T) map[string]func(t *testing.T) store.Store {
	t.Helper()
	b := map[string]func(t *testing.T) store.Store{"sqlite": openSQLite}
	dsn := os.Getenv("MICROCRED_POSTGRES_DSN")
	switch {
	case dsn != "":
		b["postgres"] = func(t *testing.T) store.Store {
			s, err := postgres.Open(t.Context(), dsn)
			if err != nil {
				t.Fatalf("PostgreSQL at MICROCRED_POSTGRES_DSN: %v", err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	case os.Getenv("MICROCRED_API_REQUIRED") != "":
		t.Fatal("MICROCRED_API_REQUIRED is set but MICROCRED_POSTGRES_DSN is not: .ci/run must start PostgreSQL")
	default:
		t.Log("PostgreSQL: skipped (set MICROCRED_POSTGRES_DSN to run these tests on it too)")
	}
	return b
}

// openSQLite opens a fresh SQLite store in a file (not :memory:, so that
// concurrent requests use several connections as a host's would).
func openSQLite(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// env is one host on a real loopback listener.
type env struct {
	base   string
	srv    *api.Server
	store  store.Store
	ts     *httptest.Server
	hc     *http.Client // follows no redirects, so tests see the 302s
	issuer *credential.IssuerKey
	now    atomic.Pointer[time.Time]
	v      *openAPIValidator
}

// userHeader tells the test Consent who the user is; "" or "deny" denies.
const userHeader = "X-Test-User"

func testConsent() api.Consent {
	return api.ConsentFunc(func(w http.ResponseWriter, r *http.Request, req *api.AuthorizationRequest) (api.Approval, error) {
		u := r.Header.Get(userHeader)
		if u == "" || u == "deny" {
			return api.Approval{}, api.ErrAccessDenied
		}
		return api.Approval{Subject: u, Scopes: req.Scopes}, nil
	})
}

func newEnv(t *testing.T, st store.Store, edit ...func(*api.Config)) *env {
	t.Helper()
	e := &env{store: st}
	mux := http.NewServeMux()
	e.ts = httptest.NewUnstartedServer(mux)
	e.base = "http://" + e.ts.Listener.Addr().String()
	cfg := api.Config{
		Store: st, BaseURL: e.base, Consent: testConsent(),
		Clock: func() time.Time {
			if p := e.now.Load(); p != nil {
				return *p
			}
			return time.Now()
		},
	}
	for _, f := range edit {
		f(&cfg)
	}
	srv, err := api.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	srv.Register(mux)
	e.ts.Start()
	t.Cleanup(e.ts.Close)
	e.hc = &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e.v = newOpenAPIValidator(t)
	validate(t, e.v, e.hc)
	if e.issuer, err = credential.NewIssuerKey(credential.KeyEd25519); err != nil {
		t.Fatal(err)
	}
	return e
}

// setNow moves the server's clock.
func (e *env) setNow(t time.Time) { e.now.Store(&t) }

const redirectURI = "http://127.0.0.1:9/callback"

func metadata() api.ClientMetadata {
	return api.ClientMetadata{
		ClientName: "Test Backpack", ClientURI: "http://127.0.0.1:9/", LogoURI: "http://127.0.0.1:9/logo.png",
		TOSURI: "http://127.0.0.1:9/terms", PolicyURI: "http://127.0.0.1:9/privacy",
		SoftwareID: "7a1f4f0e-api-test", SoftwareVersion: "1.0",
		RedirectURIs: []string{redirectURI},
		Scope: strings.Join([]string{api.ScopeCredentialRead, api.ScopeCredentialUpsert, api.ScopeProfileRead, api.ScopeProfileUpdate,
			api.ScopeClrCredentialRead, api.ScopeClrCredentialUpsert, api.ScopeOfflineAccess}, " "),
		GrantTypes: []string{"authorization_code", "refresh_token"},
	}
}

// registered is a client registered with the env's host.
type registered struct {
	svc  *client.Service
	info *api.ClientInformation
}

func (e *env) register(t *testing.T) registered {
	t.Helper()
	svc, err := client.Discover(t.Context(), e.hc, e.base, false)
	if err != nil {
		t.Fatal(err)
	}
	info, err := svc.Register(t.Context(), e.hc, metadata())
	if err != nil {
		t.Fatal(err)
	}
	return registered{svc, info}
}

// startAuth sends the browser's authorization request as user and returns
// the redirect's query (or the response when there is no redirect).
func (e *env) startAuth(t *testing.T, authURL, user string) (url.Values, *http.Response) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, authURL, nil)
	if user != "" {
		req.Header.Set(userHeader, user)
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		body, _ := io.ReadAll(resp.Body)
		resp.Body = io.NopCloser(strings.NewReader(string(body)))
		return nil, resp
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != redirectURI {
		t.Fatalf("redirected to %s, not the registered %s", got, redirectURI)
	}
	return loc.Query(), resp
}

// login runs the whole authorization code flow with PKCE for user and
// returns an API client with the token.
func (e *env) login(t *testing.T, r registered, user string, scopes ...string) (*client.Client, *oauth2.Config, *oauth2.Token) {
	t.Helper()
	if len(scopes) == 0 {
		scopes = []string{api.ScopeCredentialRead, api.ScopeCredentialUpsert, api.ScopeProfileRead, api.ScopeProfileUpdate, api.ScopeOfflineAccess}
	}
	cfg := r.svc.OAuth2(r.info, redirectURI, scopes)
	a := client.AuthCodeURL(cfg)
	q, resp := e.startAuth(t, a.URL, user)
	if q == nil {
		t.Fatalf("authorization: HTTP %d, no redirect", resp.StatusCode)
	}
	tok, err := a.Exchange(t.Context(), e.hc, cfg, q)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(e.bearerClient(t, tok.AccessToken), r.svc.APIURL)
	if err != nil {
		t.Fatal(err)
	}
	return c, cfg, tok
}

// bearerClient sends token on every request (and does not refresh it, so
// that tests see what the server does with an expired one).
func (e *env) bearerClient(t *testing.T, token string) *http.Client {
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})}}
	validate(t, e.v, hc)
	return hc
}

// do sends one raw request with an optional bearer token.
func (e *env) do(t *testing.T, method, path, token, contentType string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	u := path
	if !strings.HasPrefix(path, "http") {
		u = e.base + path
	}
	req, err := http.NewRequestWithContext(t.Context(), method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// badgeFor builds and signs an Open Badges 3.0 credential for learner:
// Data Integrity (eddsa-rdfc-2022) JSON, or a VC-JWT when jwt is true.
func (e *env) badgeFor(t testing.TB, learner, id string, validFrom time.Time, jwt bool) []byte {
	t.Helper()
	cred, err := badge.NewAchievementCredential(badge.Profile{ID: e.issuer.DID, Name: "Test Academy"}, badge.AchievementSubject{
		ID: learner,
		Achievement: &badge.Achievement{
			ID: "https://academy.example/achievements/sql", AchievementType: "Badge",
			Name: "SQL", Description: "Writes SQL.", Criteria: &badge.Criteria{Narrative: "Pass the SQL assessment."},
		},
	}, &badge.Options{ID: id, ValidFrom: validFrom.UTC().Truncate(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := json.Marshal(cred)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if jwt {
		tok, err := credential.SignJWT(ctx, unsigned, e.issuer.Signer, credential.JWTOptions{KeyID: e.issuer.VerificationMethod})
		if err != nil {
			t.Fatal(err)
		}
		return []byte(tok)
	}
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: e.issuer.Signer, VerificationMethod: e.issuer.VerificationMethod})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func statusInfo(t *testing.T, b []byte) api.StatusInfo {
	t.Helper()
	var s api.StatusInfo
	if err := json.Unmarshal(b, &s); err != nil || s.CodeMajor == "" {
		t.Fatalf("the body is not an Imsx_StatusInfo: %s", b)
	}
	return s
}

func credID(n int) string { return fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", n) }
