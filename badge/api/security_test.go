package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
	"github.com/microcred/microcred/badge/api/store/sqlite"
	"github.com/microcred/microcred/verify"
)

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789"

func challengeOf(v string) string {
	s := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(s[:])
}

// authURL builds an authorization request for r, edited by mod.
func (e *env) authURL(r registered, mod func(url.Values)) string {
	v := url.Values{
		"response_type": {"code"}, "client_id": {r.info.ClientID}, "redirect_uri": {redirectURI},
		"scope": {api.ScopeCredentialRead + " " + api.ScopeCredentialUpsert}, "state": {"st-123"},
		"code_challenge": {challengeOf(verifier)}, "code_challenge_method": {"S256"},
	}
	if mod != nil {
		mod(v)
	}
	return e.base + api.PathAuthorize + "?" + v.Encode()
}

// tokenRequest posts form to the token (or another) endpoint as client r.
func (e *env) tokenRequest(t *testing.T, path string, r registered, secret string, form url.Values) (int, api.OAuthError, api.TokenResponse) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, e.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(r.info.ClientID), url.QueryEscape(secret))
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var oe api.OAuthError
	var tr api.TokenResponse
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	json.Unmarshal(buf.Bytes(), &oe)
	json.Unmarshal(buf.Bytes(), &tr)
	return resp.StatusCode, oe, tr
}

// code runs an authorization request for user and returns the code.
func (e *env) code(t *testing.T, r registered, user string, mod func(url.Values)) string {
	t.Helper()
	q, resp := e.startAuth(t, e.authURL(r, mod), user)
	if q == nil || q.Get("code") == "" {
		t.Fatalf("no code: HTTP %d, %v", resp.StatusCode, q)
	}
	if q.Get("state") != "st-123" {
		t.Fatalf("state not round-tripped: %q", q.Get("state"))
	}
	return q.Get("code")
}

func (e *env) exchange(t *testing.T, r registered, code, ver string) (int, api.OAuthError, api.TokenResponse) {
	return e.tokenRequest(t, api.PathToken, r, r.info.ClientSecret, url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI}, "code_verifier": {ver},
	})
}

// status of a GET of the OB credential list with token.
func (e *env) listStatus(t *testing.T, token string) (int, api.StatusInfo) {
	t.Helper()
	resp, b := e.do(t, "GET", api.PathOB+"/credentials", token, "", nil)
	if resp.StatusCode == 200 {
		return 200, api.StatusInfo{}
	}
	return resp.StatusCode, statusInfo(t, b)
}

// TestSecurity: each subtest is one named failure the server must produce.
func TestSecurity(t *testing.T) {
	e := newEnv(t, openSQLite(t), func(c *api.Config) { c.MaxBodyBytes = 64 << 10 })
	r := e.register(t)
	other := e.register(t)
	ctx := t.Context()
	fresh := func(t *testing.T, user string, scopes ...string) (*client.Client, *oauth2.Config, *oauth2.Token) {
		return e.login(t, r, user, scopes...)
	}

	t.Run("missing token", func(t *testing.T) {
		resp, b := e.do(t, "GET", api.PathOB+"/credentials", "", "", nil)
		if resp.StatusCode != 401 || statusInfo(t, b).Minor() != api.MinorUnauthorizedRequest || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("HTTP %d %s %q", resp.StatusCode, b, resp.Header.Get("WWW-Authenticate"))
		}
	})
	t.Run("unknown token", func(t *testing.T) {
		if code, _ := e.listStatus(t, "not-a-token"); code != 401 {
			t.Errorf("HTTP %d", code)
		}
	})
	t.Run("not a bearer scheme", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		req, _ := http.NewRequestWithContext(ctx, "GET", e.base+api.PathOB+"/credentials", nil)
		req.Header.Set("Authorization", "Basic "+tok.AccessToken)
		resp, _ := e.hc.Do(req)
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("HTTP %d", resp.StatusCode)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		e.setNow(time.Now().Add(api.DefaultAccessTokenTTL + time.Minute))
		defer e.now.Store(nil)
		if code, st := e.listStatus(t, tok.AccessToken); code != 401 || !strings.Contains(st.Description, "expired") {
			t.Errorf("HTTP %d %+v", code, st)
		}
	})
	t.Run("revoked access token", func(t *testing.T) {
		_, cfg, tok := fresh(t, "eve")
		if err := r.svc.Revoke(ctx, e.hc, cfg, tok.AccessToken, "access_token"); err != nil {
			t.Fatal(err)
		}
		if code, st := e.listStatus(t, tok.AccessToken); code != 401 || !strings.Contains(st.Description, "revoked") {
			t.Errorf("HTTP %d %+v", code, st)
		}
	})
	t.Run("revoked refresh token takes its access tokens along", func(t *testing.T) {
		_, cfg, tok := fresh(t, "eve")
		if err := r.svc.Revoke(ctx, e.hc, cfg, tok.RefreshToken, "refresh_token"); err != nil {
			t.Fatal(err)
		}
		if code, _ := e.listStatus(t, tok.AccessToken); code != 401 {
			t.Errorf("access token after its refresh token was revoked: HTTP %d", code)
		}
		if _, err := client.Refresh(ctx, e.hc, cfg, tok.RefreshToken); err == nil {
			t.Error("a revoked refresh token still refreshes")
		}
	})
	t.Run("another client cannot revoke a token", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		code, _, _ := e.tokenRequest(t, api.PathRevoke, other, other.info.ClientSecret, url.Values{"token": {tok.AccessToken}, "token_type_hint": {"access_token"}})
		if code != 200 {
			t.Errorf("revocation of a foreign token: HTTP %d, want 200 (RFC 7009)", code)
		}
		if c, _ := e.listStatus(t, tok.AccessToken); c != 200 {
			t.Errorf("another client's revocation took effect: HTTP %d", c)
		}
	})
	t.Run("unsupported token type hint", func(t *testing.T) {
		code, oe, _ := e.tokenRequest(t, api.PathRevoke, r, r.info.ClientSecret, url.Values{"token": {"x"}, "token_type_hint": {"id_token"}})
		if code != 400 || oe.Code != "unsupported_token_type" {
			t.Errorf("HTTP %d %+v", code, oe)
		}
	})
	t.Run("refresh token used as access token", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		if code, _ := e.listStatus(t, tok.RefreshToken); code != 401 {
			t.Errorf("HTTP %d", code)
		}
	})
	t.Run("wrong scope", func(t *testing.T) {
		_, _, tok := fresh(t, "eve", api.ScopeCredentialRead)
		for _, c := range []struct{ method, path, ct, body string }{
			{"POST", api.PathOB + "/credentials", "application/json", "{}"},
			{"GET", api.PathOB + "/profile", "", ""},
			{"PUT", api.PathOB + "/profile", "application/json", "{}"},
			{"GET", api.PathCLR + "/credentials", "", ""},
		} {
			t.Run(c.method+" "+c.path, func(t *testing.T) {
				resp, b := e.do(t, c.method, c.path, tok.AccessToken, c.ct, strings.NewReader(c.body))
				if resp.StatusCode != 403 || statusInfo(t, b).Minor() != api.MinorForbidden || !strings.Contains(resp.Header.Get("WWW-Authenticate"), "insufficient_scope") {
					t.Errorf("%s %s: HTTP %d %s", c.method, c.path, resp.StatusCode, b)
				}
			})
		}
		if code, _ := e.listStatus(t, tok.AccessToken); code != 200 {
			t.Errorf("the scope it has: HTTP %d", code)
		}
	})
	t.Run("PKCE missing", func(t *testing.T) {
		q, _ := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Del("code_challenge"); v.Del("code_challenge_method") }), "eve")
		if q.Get("error") != "invalid_request" || q.Get("code") != "" || q.Get("state") != "st-123" {
			t.Errorf("redirect %v", q)
		}
	})
	t.Run("PKCE plain", func(t *testing.T) {
		q, _ := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Set("code_challenge", verifier); v.Set("code_challenge_method", "plain") }), "eve")
		if q.Get("error") != "invalid_request" || q.Get("code") != "" || !strings.Contains(q.Get("error_description"), "S256") {
			t.Errorf("redirect %v", q)
		}
	})
	t.Run("PKCE verifier missing at the token endpoint", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		if c, oe, _ := e.exchange(t, r, code, ""); c != 400 || oe.Code != "invalid_request" {
			t.Errorf("HTTP %d %+v", c, oe)
		}
	})
	t.Run("PKCE verifier mismatch burns the code", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		if c, oe, _ := e.exchange(t, r, code, strings.Repeat("x", 43)); c != 400 || oe.Code != "invalid_grant" {
			t.Errorf("wrong verifier: HTTP %d %+v", c, oe)
		}
		if c, _, _ := e.exchange(t, r, code, verifier); c != 400 {
			t.Errorf("the right verifier after a wrong one: HTTP %d, want 400 (a code is tried once)", c)
		}
	})
	t.Run("code reuse revokes what it issued", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		c, _, tr := e.exchange(t, r, code, verifier)
		if c != 200 || tr.AccessToken == "" {
			t.Fatalf("first exchange: HTTP %d", c)
		}
		if st, _ := e.listStatus(t, tr.AccessToken); st != 200 {
			t.Fatalf("the token works before the replay: %d", st)
		}
		if c, oe, _ := e.exchange(t, r, code, verifier); c != 400 || oe.Code != "invalid_grant" {
			t.Errorf("second exchange: HTTP %d %+v", c, oe)
		}
		if st, _ := e.listStatus(t, tr.AccessToken); st != 401 {
			t.Errorf("the first exchange's access token after the replay: HTTP %d, want 401", st)
		}
		if c, _, _ := e.tokenRequest(t, api.PathToken, r, r.info.ClientSecret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tr.RefreshToken}}); c != 400 {
			t.Errorf("its refresh token after the replay: HTTP %d, want 400", c)
		}
	})
	t.Run("refresh token replay revokes the grant", func(t *testing.T) {
		_, cfg, tok := fresh(t, "eve")
		tok2, err := client.Refresh(ctx, e.hc, cfg, tok.RefreshToken)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Refresh(ctx, e.hc, cfg, tok.RefreshToken); err == nil {
			t.Fatal("a rotated refresh token refreshed again")
		}
		if st, _ := e.listStatus(t, tok2.AccessToken); st != 401 {
			t.Errorf("the rotated pair after a replay: HTTP %d, want 401", st)
		}
	})
	t.Run("code expired", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		e.setNow(time.Now().Add(api.DefaultCodeTTL + time.Minute))
		defer e.now.Store(nil)
		if c, oe, _ := e.exchange(t, r, code, verifier); c != 400 || oe.Code != "invalid_grant" || !strings.Contains(oe.Description, "expired") {
			t.Errorf("HTTP %d %+v", c, oe)
		}
	})
	t.Run("code redeemed by another client", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		c, oe, _ := e.tokenRequest(t, api.PathToken, other, other.info.ClientSecret, url.Values{
			"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI}, "code_verifier": {verifier}})
		if c != 400 || oe.Code != "invalid_grant" {
			t.Errorf("HTTP %d %+v", c, oe)
		}
	})
	t.Run("wrong client secret", func(t *testing.T) {
		c, oe, _ := e.tokenRequest(t, api.PathToken, r, "guess", url.Values{"grant_type": {"authorization_code"}, "code": {"x"}})
		if c != 401 || oe.Code != "invalid_client" {
			t.Errorf("HTTP %d %+v", c, oe)
		}
	})
	t.Run("redirect URI mismatch at the token endpoint", func(t *testing.T) {
		code := e.code(t, r, "eve", nil)
		c, oe, _ := e.tokenRequest(t, api.PathToken, r, r.info.ClientSecret, url.Values{
			"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI + "/x"}, "code_verifier": {verifier}})
		if c != 400 || oe.Code != "invalid_grant" {
			t.Errorf("HTTP %d %+v", c, oe)
		}
	})
	t.Run("redirect URI mismatch or open redirect at the authorization endpoint", func(t *testing.T) {
		for _, bad := range []string{
			"https://evil.example/callback",
			redirectURI + "/../evil",
			redirectURI + "?next=https://evil.example",
			redirectURI + "x",
			"HTTP://127.0.0.1:9/callback",
			"",
		} {
			_, resp := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Set("redirect_uri", bad) }), "eve")
			if resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
				t.Errorf("redirect_uri %q: HTTP %d Location %q; want 400 and no redirect", bad, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		// An unknown client is not redirected anywhere either.
		_, resp := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Set("client_id", "nobody") }), "eve")
		if resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
			t.Errorf("unknown client: HTTP %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("registration refuses redirect URIs that could leak codes", func(t *testing.T) {
		for _, bad := range []string{"http://evil.example/cb", "javascript:alert(1)", "http://127.0.0.1:9/cb#frag", "/relative", "https://user:pw@127.0.0.1/cb"} {
			m := metadata()
			m.RedirectURIs = []string{bad}
			_, err := r.svc.Register(ctx, e.hc, m)
			var ce *client.Error
			if !asError(err, &ce) || ce.OAuth == nil || ce.OAuth.Code != "invalid_redirect_uri" {
				t.Errorf("redirect_uris [%q]: %v, want invalid_redirect_uri", bad, err)
			}
		}
		m := metadata()
		m.ClientURI = "https://other.example/"
		if _, err := r.svc.Register(ctx, e.hc, m); err == nil {
			t.Error("URLs on different hosts were registered")
		}
		m = metadata()
		m.SoftwareID = ""
		if _, err := r.svc.Register(ctx, e.hc, m); err == nil {
			t.Error("a registration without software_id was accepted")
		}
	})
	t.Run("scope the client did not register", func(t *testing.T) {
		q, _ := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Set("scope", api.ScopeClrProfileUpdate) }), "eve")
		if q.Get("error") != "invalid_scope" {
			t.Errorf("redirect %v", q)
		}
	})
	t.Run("user denies", func(t *testing.T) {
		q, _ := e.startAuth(t, e.authURL(r, nil), "deny")
		if q.Get("error") != "access_denied" || q.Get("state") != "st-123" || q.Get("code") != "" {
			t.Errorf("redirect %v", q)
		}
	})
	t.Run("state is required", func(t *testing.T) {
		q, _ := e.startAuth(t, e.authURL(r, func(v url.Values) { v.Del("state") }), "eve")
		if q.Get("error") != "invalid_request" {
			t.Errorf("redirect %v", q)
		}
	})
	t.Run("oversized body", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		big := bytes.Repeat([]byte("a"), 65<<10)
		resp, b := e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, "text/plain", bytes.NewReader(big))
		if resp.StatusCode != 413 {
			t.Errorf("upsert: HTTP %d %s", resp.StatusCode, b)
		}
		resp, _ = e.do(t, "PUT", api.PathOB+"/profile", tok.AccessToken, "application/json", bytes.NewReader(big))
		if resp.StatusCode != 413 {
			t.Errorf("profile: HTTP %d", resp.StatusCode)
		}
		resp, _ = e.do(t, "POST", api.PathRegister, "", "application/json", bytes.NewReader(bytes.Repeat([]byte(" "), 65<<10)))
		if resp.StatusCode != 413 {
			t.Errorf("registration: HTTP %d", resp.StatusCode)
		}
	})
	t.Run("forged credential upsert", func(t *testing.T) {
		c, _, tok := fresh(t, "mallory")
		signed := e.badgeFor(t, "did:example:mallory", credID(100), time.Now().Add(-time.Hour), false)
		forged := bytes.Replace(signed, []byte(`"name":"SQL"`), []byte(`"name":"PhD"`), 1)
		if bytes.Equal(forged, signed) {
			t.Fatal("the test did not change the credential")
		}
		jws := string(e.badgeFor(t, "did:example:mallory", credID(101), time.Now().Add(-time.Hour), true))
		parts := strings.Split(jws, ".")
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		parts[1] = base64.RawURLEncoding.EncodeToString(bytes.Replace(payload, []byte(`"SQL"`), []byte(`"PhD"`), 1))
		unsigned := e.badgeFor(t, "did:example:mallory", credID(102), time.Now().Add(-time.Hour), false)
		var m map[string]any
		json.Unmarshal(unsigned, &m)
		delete(m, "proof")
		noProof, _ := json.Marshal(m)
		for name, body := range map[string][]byte{
			"tampered JSON": forged, "tampered JWS payload": []byte(strings.Join(parts, ".")), "no proof": noProof,
		} {
			ct := "application/vc+ld+json"
			if body[0] != '{' {
				ct = "text/plain"
			}
			resp, b := e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, ct, bytes.NewReader(body))
			if resp.StatusCode != 400 || statusInfo(t, b).Minor() != api.MinorInvalidData || !strings.Contains(string(b), "does not verify") {
				t.Errorf("%s: HTTP %d %s", name, resp.StatusCode, b)
			}
		}
		if p, err := c.Page(ctx, client.ListOptions{}); err != nil || p.Total != 0 {
			t.Errorf("after forged upserts the list holds %d credentials (%v), want 0", p.Total, err)
		}
	})
	t.Run("a signed credential whose id the store refuses is the sender's error", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		long := e.badgeFor(t, "did:example:eve", "urn:x:"+strings.Repeat("a", 9000), time.Now().Add(-time.Hour), false)
		resp, b := e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, "application/json", bytes.NewReader(long))
		if resp.StatusCode != 400 || statusInfo(t, b).Minor() != api.MinorInvalidData {
			t.Errorf("HTTP %d %s, want 400 invalid_data", resp.StatusCode, b)
		}
	})
	t.Run("wrong content type", func(t *testing.T) {
		_, _, tok := fresh(t, "eve")
		resp, _ := e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, "application/xml", strings.NewReader("<x/>"))
		if resp.StatusCode != 415 {
			t.Errorf("HTTP %d", resp.StatusCode)
		}
		// JSON sent as text/plain is not a JWS.
		resp, _ = e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, "text/plain", bytes.NewReader(e.badgeFor(t, "did:example:eve", credID(7), time.Now(), false)))
		if resp.StatusCode != 400 {
			t.Errorf("JSON as text/plain: HTTP %d", resp.StatusCode)
		}
	})
	t.Run("method not allowed", func(t *testing.T) {
		resp, b := e.do(t, "DELETE", api.PathOB+"/credentials", "", "", nil)
		if resp.StatusCode != 405 || statusInfo(t, b).Minor() != api.MinorNotAllowed || resp.Header.Get("Allow") == "" {
			t.Errorf("HTTP %d %s", resp.StatusCode, b)
		}
	})
	t.Run("SQL injection in paging parameters", func(t *testing.T) {
		c, _, tok := fresh(t, "sqli")
		if _, err := c.Upsert(ctx, e.badgeFor(t, "did:example:sqli", credID(200), time.Now().Add(-time.Hour), false)); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"limit=1;DROP%20TABLE%20credentials",
			"limit=1%3BDROP%20TABLE%20credentials",
			"limit=1%20OR%201=1",
			"offset=0'%20OR%20'1'='1",
			"offset=-1",
			"limit=0",
			"limit=99999999999999999999",
			"since=2020-01-01'%20OR%20'1'='1",
			"since=1%3B%20DELETE%20FROM%20credentials",
			"limit=1&limit=2",
		} {
			resp, b := e.do(t, "GET", api.PathOB+"/credentials?"+q, tok.AccessToken, "", nil)
			if resp.StatusCode != 400 || statusInfo(t, b).Minor() != api.MinorInvalidQueryParameter {
				t.Errorf("?%s: HTTP %d %s", q, resp.StatusCode, b)
			}
		}
		if p, err := c.Page(ctx, client.ListOptions{}); err != nil || p.Total != 1 {
			t.Errorf("after the attempts: %d credentials, %v; want 1", p.Total, err)
		}
	})
	t.Run("another learner's credentials are never visible", func(t *testing.T) {
		ada, _, _ := fresh(t, "ada")
		bob, _, _ := fresh(t, "bob' OR '1'='1")
		adaCred := e.badgeFor(t, "did:example:ada", credID(300), time.Now().Add(-time.Hour), false)
		if out, err := ada.Upsert(ctx, adaCred); err != nil || out != client.Inserted {
			t.Fatal(out, err)
		}
		if _, err := ada.PutProfile(ctx, []byte(`{"type":"Profile","id":"did:example:ada"}`)); err != nil {
			t.Fatal(err)
		}
		if p, err := bob.Page(ctx, client.ListOptions{}); err != nil || p.Total != 0 || len(p.Credentials) != 0 {
			t.Errorf("bob sees %d credentials (%v)", p.Total, err)
		}
		if _, err := bob.Profile(ctx); !asNotFound(err) {
			t.Errorf("bob reads a profile: %v", err)
		}
		// The same credential upserted by bob is bob's copy: a new insert
		// that leaves ada's untouched.
		if out, err := bob.Upsert(ctx, adaCred); err != nil || out != client.Inserted {
			t.Errorf("bob's upsert of the same credential: %v %v, want inserted", out, err)
		}
		if p, _ := ada.Page(ctx, client.ListOptions{}); p.Total != 1 {
			t.Errorf("ada has %d credentials, want 1", p.Total)
		}
	})
}

func asError(err error, target **client.Error) bool {
	for err != nil {
		if e, ok := err.(*client.Error); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func asNotFound(err error) bool {
	var ce *client.Error
	return asError(err, &ce) && ce.StatusCode == http.StatusNotFound
}

// TestSecretsStoredHashed reads the SQLite files byte by byte after a full
// authorization: no client secret, code, access or refresh token appears
// in them as issued.
func TestSecretsStoredHashed(t *testing.T) {
	dir := t.TempDir()
	st, err := sqlite.Open(t.Context(), filepath.Join(dir, "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, st)
	r := e.register(t)
	code := e.code(t, r, "ada", nil)
	c, _, tr := e.exchange(t, r, code, verifier)
	if c != 200 || tr.RefreshToken == "" {
		t.Fatalf("exchange: HTTP %d", c)
	}
	if err := st.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "api.db*"))
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	if !bytes.Contains(all, []byte(r.info.ClientID)) {
		t.Fatal("the client id is not in the database files: the test reads the wrong files")
	}
	for name, secret := range map[string]string{"client secret": r.info.ClientSecret, "code": code, "access token": tr.AccessToken, "refresh token": tr.RefreshToken} {
		if bytes.Contains(all, []byte(secret)) {
			t.Errorf("the %s is stored as issued", name)
		}
	}
}

// TestHostPolicy: the server verifies with the host's Verifier. A host
// whose clock is before the credential's validFrom refuses it as not yet
// valid; the default verifier, with the real clock, accepts the same one.
func TestHostPolicy(t *testing.T) {
	past, err := verify.New(verify.Config{Clock: func() time.Time { return time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, openSQLite(t), func(c *api.Config) { c.Verifier = past })
	r := e.register(t)
	_, _, tok := e.login(t, r, "ada")
	cred := e.badgeFor(t, "did:example:ada", credID(1), time.Now().Add(-time.Hour), false)
	resp, b := e.do(t, "POST", api.PathOB+"/credentials", tok.AccessToken, "application/json", bytes.NewReader(cred))
	if resp.StatusCode != 400 || !strings.Contains(string(b), "does not verify") {
		t.Errorf("under the host's policy: HTTP %d %s, want 400", resp.StatusCode, b)
	}
	d := newEnv(t, openSQLite(t))
	dr := d.register(t)
	_, _, dtok := d.login(t, dr, "ada")
	if resp, b := d.do(t, "POST", api.PathOB+"/credentials", dtok.AccessToken, "application/json", bytes.NewReader(cred)); resp.StatusCode != 201 {
		t.Errorf("default policy: HTTP %d %s, want 201", resp.StatusCode, b)
	}
}
