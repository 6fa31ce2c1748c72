package api

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/verify"
)

// Paths of the authorization server's endpoints, relative to the host's
// base URL. The Service Description Document advertises them.
const (
	PathRegister  = "/oauth/register"
	PathAuthorize = "/oauth/authorize"
	PathToken     = "/oauth/token"
	PathRevoke    = "/oauth/revoke"
)

// Defaults of the Config fields that bound time and size.
const (
	DefaultAccessTokenTTL  = time.Hour // the spec's recommendation
	DefaultRefreshTokenTTL = 30 * 24 * time.Hour
	DefaultCodeTTL         = 10 * time.Minute // the spec's recommendation
	DefaultMaxBodyBytes    = 2 << 20          // a credential with an embedded image fits
)

// Config configures a Server. Store, BaseURL and Consent are required;
// every other zero field has a safe default.
type Config struct {
	// Store keeps clients, grants, tokens, credentials and profiles. All
	// state lives there, so several Servers on several machines may share
	// one database.
	Store store.Store
	// BaseURL is the public URL the host is reached at (scheme, host and
	// an optional path prefix, no trailing slash): the Service Description
	// Document and the paging links are absolute URLs under it. It is
	// configured, never read from the request's Host header, so that a
	// forged header cannot poison what clients are told.
	BaseURL string
	// Consent says who the user is and asks them to approve a client's
	// request at the authorization endpoint.
	Consent Consent
	// Verifier checks every upserted credential before it is stored;
	// nil means verify.New(verify.Config{}), the default policy (offline,
	// unverifiable credentials refused). A host that accepts did:web
	// issuers or checks status lists passes its own.
	Verifier *verify.Verifier
	// Info describes the host in the Service Description Document.
	Info ServiceInfo

	AccessTokenTTL  time.Duration // 0 means DefaultAccessTokenTTL
	RefreshTokenTTL time.Duration // 0 means DefaultRefreshTokenTTL
	CodeTTL         time.Duration // 0 means DefaultCodeTTL
	// MaxBodyBytes caps every request body; a larger one is refused with
	// 413. 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Clock returns the current time; nil means time.Now.
	Clock func() time.Time
	// Logger receives the internal errors behind 500 responses (which
	// tell the client only that something failed); nil means
	// slog.Default().
	Logger *slog.Logger
}

// Server is the resource server (the Open Badges 3.0 and CLR 2.0 REST APIs)
// and the OAuth 2.0 authorization server that protects it. It is safe for
// concurrent use; it keeps no state of its own beyond its configuration.
type Server struct {
	cfg      Config
	base     *url.URL
	verifier *verify.Verifier
	log      *slog.Logger
	now      func() time.Time
	sdd      map[string][]byte // flavor base path → Service Description Document
}

// New checks cfg and returns a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("api: Config.Store is nil: pass a store (store/sqlite.Open, store/postgres.Open)")
	}
	if cfg.Consent == nil {
		return nil, errors.New("api: Config.Consent is nil: the authorization endpoint needs to know who the user is and whether they approve")
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" ||
		base.RawQuery != "" || base.Fragment != "" || strings.HasSuffix(base.Path, "/") {
		return nil, fmt.Errorf("api: Config.BaseURL %q is not an absolute http(s) URL without a trailing slash, query or fragment", cfg.BaseURL)
	}
	s := &Server{cfg: cfg, base: base, verifier: cfg.Verifier, log: cfg.Logger, now: cfg.Clock}
	if s.verifier == nil {
		if s.verifier, err = verify.New(verify.Config{}); err != nil {
			return nil, fmt.Errorf("api: default verifier: %w", err)
		}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.cfg.AccessTokenTTL <= 0 {
		s.cfg.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if s.cfg.RefreshTokenTTL <= 0 {
		s.cfg.RefreshTokenTTL = DefaultRefreshTokenTTL
	}
	if s.cfg.CodeTTL <= 0 {
		s.cfg.CodeTTL = DefaultCodeTTL
	}
	if s.cfg.MaxBodyBytes <= 0 {
		s.cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	s.sdd = make(map[string][]byte, 2)
	for _, f := range []flavor{flavorOB, flavorCLR} {
		b, err := json.Marshal(openAPI(f, s.sddURLs()))
		if err != nil {
			return nil, err
		}
		s.sdd[f.base] = b
	}
	return s, nil
}

func (s *Server) sddURLs() sddURLs {
	b := s.cfg.BaseURL
	u := sddURLs{
		base: b, register: b + PathRegister, authorize: b + PathAuthorize, token: b + PathToken, revoke: b + PathRevoke,
		title: s.cfg.Info.Title, terms: s.cfg.Info.TermsOfService, privacy: s.cfg.Info.PrivacyPolicy, image: s.cfg.Info.Image,
	}
	if u.title == "" {
		u.title = "Open Badges host"
	}
	if u.terms == "" {
		u.terms = b + "/terms"
	}
	if u.privacy == "" {
		u.privacy = b + "/privacy"
	}
	return u
}

// Register mounts every endpoint on mux, under the path of Config.BaseURL:
// the Open Badges 3.0 API under /ims/ob/v3p0/, the CLR 2.0 API under
// /ims/clr/v2p0/, and the authorization server under /oauth/.
func (s *Server) Register(mux *http.ServeMux) {
	p := s.base.Path
	for _, f := range []flavor{flavorOB, flavorCLR} {
		mux.Handle(p+f.base+"/discovery", s.methods(map[string]http.HandlerFunc{http.MethodGet: s.discovery(f)}))
		mux.Handle(p+f.base+"/credentials", s.methods(map[string]http.HandlerFunc{
			http.MethodGet:  s.bearer(f.readScope, s.getCredentials(f)),
			http.MethodPost: s.bearer(f.upsert, s.upsertCredential(f)),
		}))
		mux.Handle(p+f.base+"/profile", s.methods(map[string]http.HandlerFunc{
			http.MethodGet: s.bearer(f.profRead, s.getProfile),
			http.MethodPut: s.bearer(f.profUpdate, s.putProfile),
		}))
	}
	mux.HandleFunc(p+PathRegister, s.register)
	mux.HandleFunc(p+PathAuthorize, s.authorize)
	mux.HandleFunc(p+PathToken, s.token)
	mux.HandleFunc(p+PathRevoke, s.revoke)
}

// Handler returns a new mux with every endpoint registered (see Register).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Register(mux)
	return mux
}

// methods dispatches on the request method and answers any other with
// 405 and an Imsx_StatusInfo body, which the ServeMux's own 405 lacks.
func (s *Server) methods(h map[string]http.HandlerFunc) http.Handler {
	allow := make([]string, 0, len(h))
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut} {
		if h[m] != nil {
			allow = append(allow, m)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := h[r.Method]; f != nil {
			f(w, r)
			return
		}
		if r.Method == http.MethodHead && h[http.MethodGet] != nil {
			h[http.MethodGet](w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeStatus(w, http.StatusMethodNotAllowed, failure(MinorNotAllowed, r.Method+" is not allowed here; use "+strings.Join(allow, " or ")))
	})
}

// writeStatus writes an Imsx_StatusInfo response.
func writeStatus(w http.ResponseWriter, code int, st *StatusInfo) {
	writeJSON(w, code, MediaTypeJSON, st)
}

func writeJSON(w http.ResponseWriter, code int, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"imsx_codeMajor":"failure","imsx_severity":"error","imsx_description":"the response could not be encoded"}`)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

// internal answers 500 and logs the cause, which the client does not see.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "badge/api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	writeStatus(w, http.StatusInternalServerError, failure(MinorInternalServerError, "the server failed to handle the request; try again later"))
}

// randomToken returns 256 bits from crypto/rand, base64url-encoded: the
// form of every code, token, client id and secret the server issues.
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

type ctxKey struct{}

// Principal is who an access token speaks for, as the resource handlers
// see it: the learner and the client, with the token's scopes.
type Principal struct {
	Subject  string
	ClientID string
	Scopes   []string
}

// PrincipalFrom returns the Principal of an authenticated request, for a
// host that wraps the handlers.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}
