// Package client is the Service Consumer side of the Open Badges 3.0 and
// CLR 2.0 REST APIs: it discovers a host, registers with it (RFC 7591),
// builds the authorization URL with PKCE, exchanges and refreshes tokens
// (through golang.org/x/oauth2), and reads and writes credentials and
// profiles, with paging as an iterator.
//
// Every call takes a context and goes through the *http.Client the caller
// injects; nothing here keeps global state. A failed API call returns an
// *Error that carries the server's Imsx_StatusInfo (or OAuth error) and
// matches ErrUnauthorized, ErrForbidden, ErrNotFound, ... with errors.Is.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/microcred/microcred/badge/api"
)

// maxResponseBytes caps what the client reads of any response, so that a
// hostile server cannot make it buffer without bound.
const maxResponseBytes = 64 << 20

// Service is what a host's Service Description Document says: where to
// register, authorize and get tokens, and which scopes it offers.
type Service struct {
	// APIURL is the base of the API (for example
	// https://host.example/ims/ob/v3p0).
	APIURL           string
	Title            string
	RegistrationURL  string
	AuthorizationURL string
	TokenURL         string
	// RevocationURL is empty when the host does not advertise one.
	RevocationURL string
	Scopes        []string
}

// Discover reads the Service Description Document of the Open Badges 3.0
// API (clr false) or the CLR 2.0 API (clr true) at baseURL. hc nil means
// a client with a 30 s timeout.
func Discover(ctx context.Context, hc *http.Client, baseURL string, clr bool) (*Service, error) {
	hc = orDefault(hc)
	path := api.PathOB
	if clr {
		path = api.PathCLR
	}
	base := strings.TrimSuffix(baseURL, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path+"/discovery", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", api.MediaTypeJSON)
	var sdd struct {
		Info struct {
			Title string `json:"title"`
		} `json:"info"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Components struct {
			SecuritySchemes struct {
				OAuth2ACG struct {
					Registration string `json:"x-imssf-registrationUrl"`
					Revocation   string `json:"x-microcred-revocationUrl"`
					Flows        struct {
						AuthorizationCode struct {
							AuthorizationURL string            `json:"authorizationUrl"`
							TokenURL         string            `json:"tokenUrl"`
							Scopes           map[string]string `json:"scopes"`
						} `json:"authorizationCode"`
					} `json:"flows"`
				} `json:"OAuth2ACG"`
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := do(hc, req, http.StatusOK, &sdd); err != nil {
		return nil, fmt.Errorf("client: discovery at %s: %w", req.URL, err)
	}
	acg := sdd.Components.SecuritySchemes.OAuth2ACG
	s := &Service{
		APIURL:           base + path,
		Title:            sdd.Info.Title,
		RegistrationURL:  acg.Registration,
		AuthorizationURL: acg.Flows.AuthorizationCode.AuthorizationURL,
		TokenURL:         acg.Flows.AuthorizationCode.TokenURL,
		RevocationURL:    acg.Revocation,
	}
	for sc := range acg.Flows.AuthorizationCode.Scopes {
		s.Scopes = append(s.Scopes, sc)
	}
	if s.RegistrationURL == "" || s.AuthorizationURL == "" || s.TokenURL == "" {
		return nil, fmt.Errorf("client: the service description at %s lacks the registration, authorization or token URL", req.URL)
	}
	return s, nil
}

// Register registers the client (RFC 7591, no initial access token) and
// returns its credentials. Keep the result: a client registers once per
// host.
func (s *Service) Register(ctx context.Context, hc *http.Client, m api.ClientMetadata) (*api.ClientInformation, error) {
	body, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.RegistrationURL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", api.MediaTypeJSON)
	req.Header.Set("Accept", api.MediaTypeJSON)
	var info api.ClientInformation
	if err := do(orDefault(hc), req, http.StatusCreated, &info); err != nil {
		return nil, fmt.Errorf("client: registration: %w", err)
	}
	return &info, nil
}

// OAuth2 returns the golang.org/x/oauth2 configuration for a registered
// client: client_secret_basic at the token endpoint, the given redirect
// URI and scopes.
func (s *Service) OAuth2(info *api.ClientInformation, redirectURI string, scopes []string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     info.ClientID,
		ClientSecret: info.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   s.AuthorizationURL,
			TokenURL:  s.TokenURL,
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		RedirectURL: redirectURI,
		Scopes:      scopes,
	}
}

// Authorization is one authorization request in progress: the URL to send
// the user's browser to, and what the callback needs to check and redeem.
type Authorization struct {
	URL      string
	State    string
	Verifier string // the PKCE code verifier; never leaves the client until the exchange
}

// AuthCodeURL starts an authorization: a fresh random state and PKCE
// verifier, and the URL with the S256 challenge.
func AuthCodeURL(cfg *oauth2.Config) Authorization {
	a := Authorization{State: oauth2.GenerateVerifier(), Verifier: oauth2.GenerateVerifier()}
	a.URL = cfg.AuthCodeURL(a.State, oauth2.S256ChallengeOption(a.Verifier))
	return a
}

// Exchange completes an authorization from the query of the redirect the
// browser came back with: it checks the state, reports an error the
// server sent, and redeems the code with the PKCE verifier. hc nil means
// a client with a 30 s timeout.
func (a Authorization) Exchange(ctx context.Context, hc *http.Client, cfg *oauth2.Config, callback url.Values) (*oauth2.Token, error) {
	if callback.Get("state") != a.State {
		return nil, errors.New("client: the state in the callback is not the one sent: refusing a response to a request this client did not make")
	}
	if e := callback.Get("error"); e != "" {
		return nil, &Error{StatusCode: http.StatusFound, OAuth: &api.OAuthError{Code: e, Description: callback.Get("error_description")}}
	}
	code := callback.Get("code")
	if code == "" {
		return nil, errors.New("client: the callback carries no code")
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, orDefault(hc))
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(a.Verifier))
	if err != nil {
		return nil, fromOAuth2(err)
	}
	return tok, nil
}

// Refresh exchanges a refresh token for a new token pair (the server
// rotates refresh tokens: keep the new one).
func Refresh(ctx context.Context, hc *http.Client, cfg *oauth2.Config, refreshToken string) (*oauth2.Token, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, orDefault(hc))
	tok, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshToken, Expiry: time.Unix(1, 0)}).Token()
	if err != nil {
		return nil, fromOAuth2(err)
	}
	return tok, nil
}

// Revoke revokes a token at the service's revocation endpoint (RFC 7009);
// hint is "access_token" or "refresh_token".
func (s *Service) Revoke(ctx context.Context, hc *http.Client, cfg *oauth2.Config, token, hint string) error {
	if s.RevocationURL == "" {
		return errors.New("client: the host advertises no revocation endpoint")
	}
	form := url.Values{"token": {token}, "token_type_hint": {hint}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.RevocationURL, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(cfg.ClientID), url.QueryEscape(cfg.ClientSecret))
	if err := do(orDefault(hc), req, http.StatusOK, nil); err != nil {
		return fmt.Errorf("client: revocation: %w", err)
	}
	return nil
}

func fromOAuth2(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		e := &Error{StatusCode: re.Response.StatusCode, OAuth: &api.OAuthError{Code: re.ErrorCode, Description: re.ErrorDescription}}
		return fmt.Errorf("client: token request: %w", e)
	}
	return fmt.Errorf("client: token request: %w", err)
}

func orDefault(hc *http.Client) *http.Client {
	if hc != nil {
		return hc
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// Client calls the credential and profile endpoints of one API of one
// host for one learner.
type Client struct {
	hc  *http.Client
	api *url.URL
}

// New returns a Client for the API at apiURL (Service.APIURL). hc must add
// the access token to every request; the usual way is
// oauth2.Config.Client(ctx, token), which also refreshes it. The Client
// follows paging links only to apiURL's own origin, so the token is never
// sent elsewhere.
func New(hc *http.Client, apiURL string) (*Client, error) {
	u, err := url.Parse(strings.TrimSuffix(apiURL, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("client: %q is not an absolute http(s) URL", apiURL)
	}
	if hc == nil {
		return nil, errors.New("client: nil *http.Client: pass one that carries the access token (oauth2.Config.Client)")
	}
	return &Client{hc: hc, api: u}, nil
}

// Credential is one credential as the server returned it: JSON with an
// embedded proof, or a VC-JWT compact JWS. Exactly one is set.
type Credential struct {
	JSON json.RawMessage
	JWS  string
}

// Bytes returns the credential as package verify takes it.
func (c Credential) Bytes() []byte {
	if c.JWS != "" {
		return []byte(c.JWS)
	}
	return c.JSON
}

// ListOptions select credentials. Zero values mean the server's defaults.
type ListOptions struct {
	Limit  int       // per page
	Offset int       // of the first credential
	Since  time.Time // only credentials issued after it
}

// Page is one page of a credential list.
type Page struct {
	Credentials []Credential
	// Total is the X-Total-Count header, or -1 when the server sent none.
	Total int
	// Next is the URL of the next page, or "" on the last.
	Next string
}

func (o ListOptions) query() url.Values {
	v := url.Values{}
	if o.Limit > 0 {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset > 0 {
		v.Set("offset", strconv.Itoa(o.Offset))
	}
	if !o.Since.IsZero() {
		v.Set("since", o.Since.UTC().Format(time.RFC3339Nano))
	}
	return v
}

// Page reads one page of credentials.
func (c *Client) Page(ctx context.Context, o ListOptions) (*Page, error) {
	u := *c.api
	u.Path += "/credentials"
	u.RawQuery = o.query().Encode()
	return c.page(ctx, u.String())
}

func (c *Client) page(ctx context.Context, pageURL string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", api.MediaTypeJSON)
	var body api.CredentialsResponse
	resp, err := doResp(c.hc, req, http.StatusOK, &body)
	if err != nil {
		return nil, fmt.Errorf("client: get credentials: %w", err)
	}
	p := &Page{Total: -1}
	if t := resp.Header.Get("X-Total-Count"); t != "" {
		if n, err := strconv.Atoi(t); err == nil && n >= 0 {
			p.Total = n
		}
	}
	if next := linkRel(resp.Header.Values("Link"), "next"); next != "" {
		nu, err := req.URL.Parse(next)
		if err != nil || nu.Scheme != c.api.Scheme || nu.Host != c.api.Host {
			return nil, fmt.Errorf("client: the next-page link %q leaves %s://%s; not following it with the access token", next, c.api.Scheme, c.api.Host)
		}
		p.Next = nu.String()
	}
	for _, j := range body.Credential {
		p.Credentials = append(p.Credentials, Credential{JSON: j})
	}
	for _, s := range body.CompactJWS {
		p.Credentials = append(p.Credentials, Credential{JWS: s})
	}
	return p, nil
}

// Credentials iterates over every credential from o on, page by page,
// following the server's next links. It stops at the first error, which it
// yields.
func (c *Client) Credentials(ctx context.Context, o ListOptions) iter.Seq2[Credential, error] {
	return func(yield func(Credential, error) bool) {
		p, err := c.Page(ctx, o)
		for {
			if err != nil {
				yield(Credential{}, err)
				return
			}
			for _, cr := range p.Credentials {
				if !yield(cr, nil) {
					return
				}
			}
			if p.Next == "" || len(p.Credentials) == 0 {
				return
			}
			p, err = c.page(ctx, p.Next)
		}
	}
}

// Outcome is what an upsert did on the server.
type Outcome int

const (
	Inserted Outcome = iota + 1 // 201
	Replaced                    // 200
	Kept                        // 304: an equal credential as new or newer was there
)

func (o Outcome) String() string {
	switch o {
	case Inserted:
		return "inserted"
	case Replaced:
		return "replaced"
	case Kept:
		return "kept"
	}
	return "Outcome(?)"
}

// Upsert sends a credential: JSON (sent as application/vc+ld+json) or a
// compact JWS (sent as text/plain), told apart by its first byte.
func (c *Client) Upsert(ctx context.Context, credential []byte) (Outcome, error) {
	b := bytes.TrimSpace(credential)
	ct := api.MediaTypeVCLD
	if len(b) > 0 && b[0] != '{' {
		ct = api.MediaTypeJWS
	}
	u := *c.api
	u.Path += "/credentials"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Accept", ct)
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("client: upsert: %w", err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusCreated:
		return Inserted, nil
	case http.StatusOK:
		return Replaced, nil
	case http.StatusNotModified:
		return Kept, nil
	}
	return 0, fmt.Errorf("client: upsert: %w", readError(resp))
}

// Profile reads the learner's profile (ErrNotFound when there is none).
func (c *Client) Profile(ctx context.Context) (json.RawMessage, error) {
	u := *c.api
	u.Path += "/profile"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", api.MediaTypeJSON)
	var p json.RawMessage
	if err := do(c.hc, req, http.StatusOK, &p); err != nil {
		return nil, fmt.Errorf("client: get profile: %w", err)
	}
	return p, nil
}

// PutProfile replaces the learner's profile and returns what the server
// answered with.
func (c *Client) PutProfile(ctx context.Context, profile []byte) (json.RawMessage, error) {
	u := *c.api
	u.Path += "/profile"
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u.String(), bytes.NewReader(profile))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", api.MediaTypeJSON)
	req.Header.Set("Accept", api.MediaTypeJSON)
	var p json.RawMessage
	if err := do(c.hc, req, http.StatusOK, &p); err != nil {
		return nil, fmt.Errorf("client: put profile: %w", err)
	}
	return p, nil
}

func do(hc *http.Client, req *http.Request, want int, out any) error {
	_, err := doResp(hc, req, want, out)
	return err
}

func doResp(hc *http.Client, req *http.Request, want int, out any) (*http.Response, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		return nil, readError(resp)
	}
	if out == nil {
		return resp, nil
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != api.MediaTypeJSON && mt != "application/ld+json" {
		return nil, fmt.Errorf("the response is %q, not JSON", resp.Header.Get("Content-Type"))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxResponseBytes {
		return nil, fmt.Errorf("the response is larger than %d bytes", maxResponseBytes)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return nil, fmt.Errorf("the response is not the JSON expected: %w", err)
	}
	return resp, nil
}

// linkRel returns the target of the first link with relation rel in RFC
// 8288 Link header values.
func linkRel(values []string, rel string) string {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			part = strings.TrimSpace(part)
			target, params, ok := strings.Cut(part, ";")
			target = strings.TrimSpace(target)
			if !ok || !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			for p := range strings.SplitSeq(params, ";") {
				k, val, _ := strings.Cut(strings.TrimSpace(p), "=")
				if strings.EqualFold(k, "rel") && slicesContainsFold(strings.Fields(strings.Trim(val, `"`)), rel) {
					return target[1 : len(target)-1]
				}
			}
		}
	}
	return ""
}

func slicesContainsFold(s []string, v string) bool {
	for _, x := range s {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
