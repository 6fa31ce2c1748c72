package api

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/microcred/microcred/badge/api/store"
)

// Bounds on registration metadata, so that a registration cannot make the
// server store or show unbounded data.
const (
	maxRegistrationBytes = 64 << 10
	maxRedirectURIs      = 10
	maxFieldLen          = 2048
)

// supportedScopes are the scopes a client may register for and ask for.
var supportedScopes = append(append(flavorOB.scopes(), flavorCLR.scopes()...), ScopeOfflineAccess)

func writeOAuthError(w http.ResponseWriter, code int, oauthErr, desc string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, code, MediaTypeJSON, OAuthError{Code: oauthErr, Description: desc})
}

// register is the RFC 7591 dynamic client registration endpoint. The spec
// forbids an initial access token, so anyone may register; what they
// register is checked field by field.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "register with POST")
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != MediaTypeJSON {
		writeOAuthError(w, http.StatusUnsupportedMediaType, "invalid_client_metadata", "send the registration as application/json")
		return
	}
	body, err := readLimited(w, r, maxRegistrationBytes)
	if err != nil {
		writeOAuthError(w, http.StatusRequestEntityTooLarge, "invalid_client_metadata", err.Error())
		return
	}
	var m ClientMetadata
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(&m); err != nil || d.More() {
		writeOAuthError(w, http.StatusBadRequest, "invalid_client_metadata", "the body is not one JSON object of client metadata")
		return
	}
	c, oerr := s.checkMetadata(&m)
	if oerr != nil {
		writeOAuthError(w, http.StatusBadRequest, oerr.Code, oerr.Description)
		return
	}
	c.ID = randomToken()[:22] // 132 bits: unique, and short enough to read in logs
	c.IssuedAt = s.now().UTC()
	secret := randomToken()
	if err := s.cfg.Store.CreateClient(r.Context(), c, secret); err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusCreated, MediaTypeJSON, ClientInformation{
		ClientID: c.ID, ClientSecret: secret, ClientIDIssuedAt: c.IssuedAt.Unix(), ClientSecretExpiresAt: 0,
		ClientMetadata: m,
	})
}

func readLimited(w http.ResponseWriter, r *http.Request, n int64) ([]byte, error) {
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, n))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, fmt.Errorf("the body is larger than %d bytes", n)
	}
	return buf.Bytes(), err
}

// checkMetadata applies the Open Badges registration rules and fills in
// the defaults, editing m into what the response returns.
func (s *Server) checkMetadata(m *ClientMetadata) (store.Client, *OAuthError) {
	bad := func(code, format string, a ...any) (store.Client, *OAuthError) {
		return store.Client{}, &OAuthError{Code: code, Description: fmt.Sprintf(format, a...)}
	}
	for name, v := range map[string]string{"client_name": m.ClientName, "software_id": m.SoftwareID, "software_version": m.SoftwareVersion, "scope": m.Scope} {
		if strings.TrimSpace(v) == "" {
			return bad("invalid_client_metadata", "%s is required", name)
		}
		if len(v) > maxFieldLen {
			return bad("invalid_client_metadata", "%s is longer than %d bytes", name, maxFieldLen)
		}
	}
	if len(m.RedirectURIs) == 0 || len(m.RedirectURIs) > maxRedirectURIs {
		return bad("invalid_redirect_uri", "redirect_uris must hold 1 to %d URIs", maxRedirectURIs)
	}
	// All URLs must use HTTPS and share one host name. Plain http is
	// accepted for a loopback host only (RFC 8252 §7.3: an application on
	// the user's own machine), where TLS protects nothing.
	host := ""
	checkURL := func(name, raw string, redirect bool) *OAuthError {
		code := "invalid_client_metadata"
		if redirect {
			code = "invalid_redirect_uri"
		}
		u, err := url.Parse(raw)
		switch {
		case raw == "" || err != nil || u.Host == "" || len(raw) > maxFieldLen:
			return &OAuthError{Code: code, Description: name + " must be an absolute URL"}
		case u.Fragment != "" || strings.Contains(raw, "#"):
			return &OAuthError{Code: code, Description: name + " must not have a fragment"}
		case u.User != nil:
			return &OAuthError{Code: code, Description: name + " must not carry user information"}
		case u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())):
			return &OAuthError{Code: code, Description: name + " must use https (http only on a loopback address)"}
		}
		if host == "" {
			host = strings.ToLower(u.Hostname())
		} else if !strings.EqualFold(host, u.Hostname()) {
			return &OAuthError{Code: code, Description: "all URLs must have the same host name; " + name + " has " + u.Hostname() + ", not " + host}
		}
		return nil
	}
	for _, f := range []struct{ name, v string }{{"client_uri", m.ClientURI}, {"logo_uri", m.LogoURI}, {"tos_uri", m.TOSURI}, {"policy_uri", m.PolicyURI}} {
		if e := checkURL(f.name, f.v, false); e != nil {
			return store.Client{}, e
		}
	}
	for _, ru := range m.RedirectURIs {
		if e := checkURL("redirect_uris", ru, true); e != nil {
			return store.Client{}, e
		}
	}
	if m.TokenEndpointAuthMethod == "" {
		m.TokenEndpointAuthMethod = "client_secret_basic"
	}
	if m.TokenEndpointAuthMethod != "client_secret_basic" {
		return bad("invalid_client_metadata", "token_endpoint_auth_method must be client_secret_basic")
	}
	if len(m.GrantTypes) == 0 {
		m.GrantTypes = []string{"authorization_code"}
	}
	for _, g := range m.GrantTypes {
		if g != "authorization_code" && g != "refresh_token" {
			return bad("invalid_client_metadata", "grant_types may hold only authorization_code and refresh_token, not %q", truncate(g, 40))
		}
	}
	if len(m.ResponseTypes) == 0 {
		m.ResponseTypes = []string{"code"}
	}
	if len(m.ResponseTypes) != 1 || m.ResponseTypes[0] != "code" {
		return bad("invalid_client_metadata", `response_types must be ["code"]`)
	}
	if len(m.Contacts) > maxRedirectURIs {
		return bad("invalid_client_metadata", "at most %d contacts", maxRedirectURIs)
	}
	for _, c := range m.Contacts {
		if len(c) > maxFieldLen {
			return bad("invalid_client_metadata", "a contact is longer than %d bytes", maxFieldLen)
		}
	}
	// The response lists the scopes this server supports out of those
	// asked for; none supported is an error.
	var scopes []string
	for _, sc := range strings.Fields(m.Scope) {
		if slices.Contains(supportedScopes, sc) && !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	if len(scopes) == 0 {
		return bad("invalid_client_metadata", "scope names none of the Open Badges or CLR scopes this server supports")
	}
	m.Scope = strings.Join(scopes, " ")
	return store.Client{
		Name: m.ClientName, URI: m.ClientURI, LogoURI: m.LogoURI, TOSURI: m.TOSURI, PolicyURI: m.PolicyURI,
		SoftwareID: m.SoftwareID, SoftwareVersion: m.SoftwareVersion, RedirectURIs: m.RedirectURIs,
		Scopes: scopes, TokenEndpointAuthMethod: m.TokenEndpointAuthMethod, GrantTypes: m.GrantTypes,
		ResponseTypes: m.ResponseTypes, Contacts: m.Contacts,
	}, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// authorize is the authorization endpoint (RFC 6749 §4.1.1 with RFC 7636).
// Until the client and its redirect URI are known to match, errors are
// shown to the user and never redirected (no open redirect); after that,
// they go back to the client with the state.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		s.authPage(w, http.StatusMethodNotAllowed, "use GET (or POST the consent form) at the authorization endpoint")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRegistrationBytes)
	if err := r.ParseForm(); err != nil {
		s.authPage(w, http.StatusBadRequest, "the request could not be parsed")
		return
	}
	params := r.Form // query and, for POST, the form
	one := func(name string) (string, bool) {
		v := params[name]
		if len(v) > 1 {
			return "", false
		}
		if len(v) == 0 {
			return "", true
		}
		return v[0], true
	}
	for _, name := range []string{"client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"} {
		if _, ok := one(name); !ok {
			s.authPage(w, http.StatusBadRequest, name+" is given more than once")
			return
		}
	}
	clientID, _ := one("client_id")
	redirectURI, _ := one("redirect_uri")
	if clientID == "" {
		s.authPage(w, http.StatusBadRequest, "client_id is missing")
		return
	}
	client, err := s.cfg.Store.Client(r.Context(), clientID)
	if errors.Is(err, store.ErrNotFound) {
		s.authPage(w, http.StatusBadRequest, "the client is not registered here")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	// Exact string comparison: no prefix, no normalisation (RFC 9700 §2.1).
	if redirectURI == "" || !slices.Contains(client.RedirectURIs, redirectURI) {
		s.authPage(w, http.StatusBadRequest, "the redirect_uri is missing or is not one this client registered")
		return
	}
	state, _ := one("state")
	fail := func(code, desc string) {
		v := url.Values{"error": {code}, "error_description": {desc}}
		if state != "" {
			v.Set("state", state)
		}
		redirect(w, redirectURI, v)
	}
	if rt, _ := one("response_type"); rt != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	if state == "" {
		fail("invalid_request", "state is required")
		return
	}
	challenge, _ := one("code_challenge")
	method, _ := one("code_challenge_method")
	switch {
	case challenge == "" || method == "":
		fail("invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256")
		return
	case method != "S256":
		fail("invalid_request", "code_challenge_method must be S256; plain is not accepted")
		return
	case !validChallenge(challenge):
		fail("invalid_request", "code_challenge must be the base64url SHA-256 of the verifier (43 characters)")
		return
	}
	scopeParam, _ := one("scope")
	requested := strings.Fields(scopeParam)
	if len(requested) == 0 {
		fail("invalid_scope", "scope is required")
		return
	}
	for _, sc := range requested {
		if !slices.Contains(client.Scopes, sc) {
			fail("invalid_scope", "the client did not register for scope "+truncate(sc, 100))
			return
		}
	}
	requested = dedupe(requested)
	req := &AuthorizationRequest{Client: client, Scopes: requested, State: state, Endpoint: s.cfg.BaseURL + PathAuthorize, Params: params}
	approval, err := s.cfg.Consent.Consent(w, r, req)
	switch {
	case errors.Is(err, ErrConsentPending):
		return
	case errors.Is(err, ErrAccessDenied):
		fail("access_denied", "the user denied the request")
		return
	case err != nil:
		s.log.ErrorContext(r.Context(), "badge/api: consent failed", "err", err)
		fail("server_error", "the authorization server could not ask for consent")
		return
	}
	granted := dedupe(approval.Scopes)
	if approval.Subject == "" || len(granted) == 0 {
		fail("access_denied", "no user or no scope was approved")
		return
	}
	for _, sc := range granted {
		if !slices.Contains(requested, sc) {
			fail("server_error", "the consent granted a scope the client did not ask for")
			return
		}
	}
	now := s.now().UTC()
	grantID := randomToken()
	if err := s.cfg.Store.CreateGrant(r.Context(), store.Grant{ID: grantID, ClientID: client.ID, Subject: approval.Subject, Scopes: granted, CreatedAt: now}); err != nil {
		s.log.ErrorContext(r.Context(), "badge/api: create grant", "err", err)
		fail("server_error", "the authorization could not be recorded")
		return
	}
	code := randomToken()
	if err := s.cfg.Store.CreateCode(r.Context(), code, store.Code{
		GrantID: grantID, ClientID: client.ID, Subject: approval.Subject, Scopes: granted,
		RedirectURI: redirectURI, CodeChallenge: challenge, CodeChallengeMethod: method,
		IssuedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL),
	}); err != nil {
		s.log.ErrorContext(r.Context(), "badge/api: create code", "err", err)
		fail("server_error", "the authorization code could not be recorded")
		return
	}
	redirect(w, redirectURI, url.Values{"code": {code}, "scope": {strings.Join(granted, " ")}, "state": {state}})
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func validChallenge(c string) bool {
	b, err := base64.RawURLEncoding.DecodeString(c)
	return err == nil && len(b) == sha256.Size
}

// validVerifier is RFC 7636 §4.1: 43 to 128 unreserved characters.
func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// redirect sends the browser to a registered redirect URI with v added to
// its query (keeping any query the URI was registered with).
func redirect(w http.ResponseWriter, to string, v url.Values) {
	u, _ := url.Parse(to) // registered URIs were parsed at registration
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", u.String())
	w.WriteHeader(http.StatusFound)
}

// authPage tells the user, not the client, what went wrong.
func (s *Server) authPage(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.WriteHeader(code)
	fmt.Fprintf(w, "<!doctype html><title>Authorization failed</title><h1>Authorization failed</h1><p id=\"error\">%s</p>\n", html.EscapeString(msg))
}

// clientAuth authenticates the client by HTTP Basic (client_secret_basic,
// the only method the spec allows), answering 401 itself on failure.
func (s *Server) clientAuth(w http.ResponseWriter, r *http.Request) (store.Client, bool) {
	id, secret, ok := r.BasicAuth()
	if ok {
		// RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	}
	if !ok || id == "" {
		w.Header().Set("WWW-Authenticate", `Basic realm="`+s.cfg.BaseURL+`"`)
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "authenticate with HTTP Basic: client_id and client_secret")
		return store.Client{}, false
	}
	c, err := s.cfg.Store.Client(r.Context(), id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.internal(w, r, err)
		return store.Client{}, false
	}
	if err != nil || !c.SecretMatches(secret) {
		w.Header().Set("WWW-Authenticate", `Basic realm="`+s.cfg.BaseURL+`"`)
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong client secret")
		return store.Client{}, false
	}
	return c, true
}

func (s *Server) tokenForm(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "use POST")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRegistrationBytes)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "send the parameters as application/x-www-form-urlencoded")
		return false
	}
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the form could not be parsed")
		return false
	}
	for k, v := range r.PostForm {
		if len(v) > 1 {
			writeOAuthError(w, http.StatusBadRequest, "invalid_request", k+" is given more than once")
			return false
		}
	}
	return true
}

// token is the token endpoint: the authorization code grant with PKCE, and
// refresh with rotation.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if !s.tokenForm(w, r) {
		return
	}
	client, ok := s.clientAuth(w, r)
	if !ok {
		return
	}
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "authorization_code":
		s.exchangeCode(w, r, client)
	case "refresh_token":
		if !slices.Contains(client.GrantTypes, "refresh_token") {
			writeOAuthError(w, http.StatusBadRequest, "unauthorized_client", "the client did not register the refresh_token grant type")
			return
		}
		s.refresh(w, r, client)
	default:
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
	}
}

func (s *Server) exchangeCode(w http.ResponseWriter, r *http.Request, client store.Client) {
	f := r.PostForm
	code, verifier, redirectURI := f.Get("code"), f.Get("code_verifier"), f.Get("redirect_uri")
	if code == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "code is missing")
		return
	}
	if verifier == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "code_verifier is missing: PKCE is required")
		return
	}
	now := s.now().UTC()
	// Consume first: whatever is wrong with this request, the code is
	// spent, so a guessed verifier cannot be retried against it.
	c, err := s.cfg.Store.ConsumeCode(r.Context(), code, now)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code is not known here")
		return
	case errors.Is(err, store.ErrUsed):
		// RFC 6749 §4.1.2 and the spec: a reused code revokes what it
		// issued, since one of the two presenters is not the client.
		if rerr := s.cfg.Store.RevokeGrant(r.Context(), c.GrantID, now); rerr != nil && !errors.Is(rerr, store.ErrNotFound) {
			s.internal(w, r, rerr)
			return
		}
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code was used already; the tokens issued with it are revoked")
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	switch {
	case c.ClientID != client.ID:
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code was issued to another client")
	case c.Revoked:
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization was revoked")
	case !now.Before(c.ExpiresAt):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code expired; authorize again")
	case redirectURI != c.RedirectURI:
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri differs from the one in the authorization request")
	case !validVerifier(verifier):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "code_verifier must be 43 to 128 unreserved characters")
	case !pkceMatches(verifier, c.CodeChallenge):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "code_verifier does not match the code_challenge")
	default:
		scopes, ok := narrow(f.Get("scope"), c.Scopes)
		if !ok {
			writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "scope asks for more than was granted")
			return
		}
		s.issue(w, r, client, c.GrantID, c.Subject, scopes)
	}
}

func pkceMatches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

// narrow returns the requested scopes when they are a subset of granted
// (all of granted when none are requested).
func narrow(requested string, granted []string) ([]string, bool) {
	req := dedupe(strings.Fields(requested))
	if len(req) == 0 {
		return granted, true
	}
	for _, sc := range req {
		if !slices.Contains(granted, sc) {
			return nil, false
		}
	}
	return req, true
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request, client store.Client) {
	tok := r.PostForm.Get("refresh_token")
	if tok == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "refresh_token is missing")
		return
	}
	now := s.now().UTC()
	// Read before consuming, so that another client presenting a token
	// it does not own cannot spend it.
	t, err := s.cfg.Store.Token(r.Context(), tok)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (t.Kind != store.RefreshToken || t.ClientID != client.ID)) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token is not known for this client")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	t, err = s.cfg.Store.ConsumeRefreshToken(r.Context(), tok, now)
	switch {
	case errors.Is(err, store.ErrUsed):
		// A rotated refresh token came back: someone holds a copy. Revoke
		// the whole family (OAuth 2.0 Security BCP §4.14.2).
		if rerr := s.cfg.Store.RevokeGrant(r.Context(), t.GrantID, now); rerr != nil && !errors.Is(rerr, store.ErrNotFound) {
			s.internal(w, r, rerr)
			return
		}
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token was used already; the authorization is revoked")
		return
	case errors.Is(err, store.ErrNotFound):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token is not known for this client")
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	if t.Revoked || !now.Before(t.ExpiresAt) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token is revoked or expired; authorize again")
		return
	}
	scopes, ok := narrow(r.PostForm.Get("scope"), t.Scopes)
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "scope asks for more than was granted")
		return
	}
	s.issue(w, r, client, t.GrantID, t.Subject, scopes)
}

// issue creates an access token, and a refresh token when the client
// registered the refresh_token grant type.
func (s *Server) issue(w http.ResponseWriter, r *http.Request, client store.Client, grantID, subject string, scopes []string) {
	now := s.now().UTC()
	access := randomToken()
	if err := s.cfg.Store.CreateToken(r.Context(), access, store.Token{
		Kind: store.AccessToken, GrantID: grantID, ClientID: client.ID, Subject: subject, Scopes: scopes,
		IssuedAt: now, ExpiresAt: now.Add(s.cfg.AccessTokenTTL),
	}); err != nil {
		s.internal(w, r, err)
		return
	}
	resp := TokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int64(s.cfg.AccessTokenTTL.Seconds()), Scope: strings.Join(scopes, " ")}
	if slices.Contains(client.GrantTypes, "refresh_token") {
		resp.RefreshToken = randomToken()
		if err := s.cfg.Store.CreateToken(r.Context(), resp.RefreshToken, store.Token{
			Kind: store.RefreshToken, GrantID: grantID, ClientID: client.ID, Subject: subject, Scopes: scopes,
			IssuedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTokenTTL),
		}); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, MediaTypeJSON, resp)
}

// revoke is the RFC 7009 revocation endpoint. Revoking a refresh token
// revokes its grant, so the access tokens issued with it stop working too.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	if !s.tokenForm(w, r) {
		return
	}
	client, ok := s.clientAuth(w, r)
	if !ok {
		return
	}
	tok, hint := r.PostForm.Get("token"), r.PostForm.Get("token_type_hint")
	if tok == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "token is missing")
		return
	}
	if hint != "" && hint != "access_token" && hint != "refresh_token" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_token_type", "token_type_hint must be access_token or refresh_token")
		return
	}
	now := s.now().UTC()
	t, err := s.cfg.Store.Token(r.Context(), tok)
	switch {
	case errors.Is(err, store.ErrNotFound):
		// RFC 7009 §2.2: an invalid token is answered with 200 too.
	case err != nil:
		s.internal(w, r, err)
		return
	case t.ClientID != client.ID:
		// Not this client's token: nothing is revoked, and nothing is
		// said about whose it is.
	case t.Kind == store.RefreshToken:
		if err := s.cfg.Store.RevokeGrant(r.Context(), t.GrantID, now); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.internal(w, r, err)
			return
		}
	default:
		if err := s.cfg.Store.RevokeToken(r.Context(), tok, now); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.internal(w, r, err)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}
