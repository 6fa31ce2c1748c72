package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
)

// chromium finds Debian's chromium (or MICROCRED_CHROMIUM). Without it the
// browser test skips, saying so, unless MICROCRED_API_REQUIRED is set, as
// .ci/run sets it.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MICROCRED_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MICROCRED_API_REQUIRED") != "" {
		t.Fatal("MICROCRED_API_REQUIRED is set but no chromium was found: .ci/run must install Debian's chromium")
	}
	t.Skip("chromium not found: the consent page's browser test is skipped (apt-get install chromium, or set MICROCRED_CHROMIUM)")
	return ""
}

// TestConsentPageInBrowser drives the demo consent page once in a real
// headless Chromium: the page shows the registered client, a person types
// a user name and approves, and the browser lands on the client's redirect
// URI with a code and the state, which the client redeems.
func TestConsentPageInBrowser(t *testing.T) {
	exe := chromium(t)
	e := newEnv(t, openSQLite(t), func(c *api.Config) { c.Consent = api.NewUnsafeDemoConsent() })

	// The client's redirect URI: a loopback server that records the query.
	got := make(chan url.Values, 1)
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case got <- r.URL.Query():
		default:
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!doctype html><title>done</title><p id="done">done</p>`))
	}))
	defer cb.Close()
	svc, err := client.Discover(t.Context(), e.hc, e.base, false)
	if err != nil {
		t.Fatal(err)
	}
	m := metadata()
	m.ClientName = "Browser Test Backpack"
	origin := cb.URL
	m.ClientURI, m.LogoURI, m.TOSURI, m.PolicyURI = origin+"/", origin+"/logo.png", origin+"/terms", origin+"/privacy"
	m.RedirectURIs = []string{origin + "/callback"}
	info, err := svc.Register(t.Context(), e.hc, m)
	if err != nil {
		t.Fatal(err)
	}
	cfg := svc.OAuth2(info, origin+"/callback", []string{api.ScopeCredentialRead, api.ScopeProfileRead})
	auth := client.AuthCodeURL(cfg)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelA := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx,
		chromedp.Navigate(auth.URL),
		chromedp.WaitVisible(chromedp.ID("user")),
	); err != nil {
		t.Fatalf("browser: open the authorization URL: %v", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("client-name")))
	if err != nil {
		t.Fatal(err)
	}
	scopes, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("scopes")))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("user"), "ada"),
		chromedp.Click(chromedp.ID("approve")),
		chromedp.WaitVisible(chromedp.ID("done")),
	); err != nil {
		t.Fatalf("browser: approve: %v", err)
	}
	if shown != m.ClientName {
		t.Errorf("the page shows client %q, want the registered name %q", shown, m.ClientName)
	}
	if !strings.Contains(scopes, api.ScopeCredentialRead) || !strings.Contains(scopes, api.ScopeProfileRead) {
		t.Errorf("the page lists scopes %q", scopes)
	}
	var q url.Values
	select {
	case q = <-got:
	case <-ctx.Done():
		t.Fatal("the browser never reached the redirect URI")
	}
	tok, err := auth.Exchange(t.Context(), e.hc, cfg, q)
	if err != nil {
		t.Fatalf("exchange of the code the browser brought back: %v", err)
	}
	c, _ := client.New(e.bearerClient(t, tok.AccessToken), svc.APIURL)
	if _, err := c.Page(t.Context(), client.ListOptions{}); err != nil {
		t.Errorf("the token from the browser flow: %v", err)
	}
}

// TestDemoConsentForm checks the form's binding without a browser: a form
// posted back with any request parameter changed (here the redirect
// target's PKCE challenge) is refused, and Deny yields access_denied.
func TestDemoConsentForm(t *testing.T) {
	e := newEnv(t, openSQLite(t), func(c *api.Config) { c.Consent = api.NewUnsafeDemoConsent() })
	r := e.register(t)
	resp, page := e.do(t, "GET", e.authURL(r, nil), "", "", nil)
	if resp.StatusCode != 200 || resp.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatalf("consent page: HTTP %d, framing headers %q %q", resp.StatusCode, resp.Header.Get("X-Frame-Options"), resp.Header.Get("Content-Security-Policy"))
	}
	form := url.Values{}
	for _, line := range strings.Split(string(page), "\n") {
		if i := strings.Index(line, `<input type="hidden" name="`); i >= 0 {
			rest := line[i+len(`<input type="hidden" name="`):]
			name, rest, _ := strings.Cut(rest, `" value="`)
			value, _, _ := strings.Cut(rest, `">`)
			form.Add(name, htmlUnescape(value))
		}
	}
	if form.Get(api.FormMAC) == "" || form.Get("client_id") != r.info.ClientID {
		t.Fatalf("hidden fields not found: %v", form)
	}
	post := func(f url.Values) *http.Response {
		resp, _ := e.do(t, "POST", e.base+api.PathAuthorize, "", "application/x-www-form-urlencoded", strings.NewReader(f.Encode()))
		return resp
	}
	tampered := cloneValues(form)
	tampered.Set("code_challenge", challengeOf(strings.Repeat("z", 50)))
	tampered.Set(api.FormUser, "ada")
	tampered.Set(api.FormDecision, "approve")
	if resp := post(tampered); resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
		t.Errorf("tampered form: HTTP %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	deny := cloneValues(form)
	deny.Set(api.FormDecision, "deny")
	if resp := post(deny); !strings.Contains(resp.Header.Get("Location"), "error=access_denied") {
		t.Errorf("deny: HTTP %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	ok := cloneValues(form)
	ok.Set(api.FormUser, "ada")
	ok.Set(api.FormDecision, "approve")
	if resp := post(ok); !strings.Contains(resp.Header.Get("Location"), "code=") {
		t.Errorf("approve: HTTP %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`)
	return r.Replace(s)
}

// TestDemoConsentWithoutKey: a zero UnsafeDemoConsent cannot sign its
// form, so it refuses rather than accept forms anyone could forge.
func TestDemoConsentWithoutKey(t *testing.T) {
	e := newEnv(t, openSQLite(t), func(c *api.Config) { c.Consent = &api.UnsafeDemoConsent{} })
	r := e.register(t)
	resp, _ := e.do(t, "GET", e.authURL(r, nil), "", "", nil)
	if resp.StatusCode != 500 || resp.Header.Get("Location") != "" {
		t.Errorf("HTTP %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
