package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/api/store"
)

// bearer authenticates the access token and requires scope (RFC 6750).
func (s *Server) bearer(scope string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		challenge := func(code int, oauthErr, desc string, minor CodeMinor) {
			v := `Bearer realm="` + s.cfg.BaseURL + `"`
			if oauthErr != "" {
				v += `, error="` + oauthErr + `", error_description="` + desc + `"`
			}
			if oauthErr == "insufficient_scope" {
				v += `, scope="` + scope + `"`
			}
			w.Header().Set("WWW-Authenticate", v)
			writeStatus(w, code, failure(minor, desc))
		}
		auth := r.Header.Get("Authorization")
		scheme, tok, ok := strings.Cut(auth, " ")
		if auth == "" {
			challenge(http.StatusUnauthorized, "", "no access token: send Authorization: Bearer <token>", MinorUnauthorizedRequest)
			return
		}
		tok = strings.TrimSpace(tok)
		if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
			challenge(http.StatusUnauthorized, "invalid_request", "the Authorization header is not a Bearer token", MinorUnauthorizedRequest)
			return
		}
		t, err := s.cfg.Store.Token(r.Context(), tok)
		if errors.Is(err, store.ErrNotFound) {
			challenge(http.StatusUnauthorized, "invalid_token", "the access token is not known here", MinorUnauthorizedRequest)
			return
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
		switch now := s.now(); {
		case t.Kind != store.AccessToken:
			challenge(http.StatusUnauthorized, "invalid_token", "a refresh token is not an access token", MinorUnauthorizedRequest)
			return
		case t.Revoked:
			challenge(http.StatusUnauthorized, "invalid_token", "the access token was revoked: authorize again", MinorUnauthorizedRequest)
			return
		case !now.Before(t.ExpiresAt):
			challenge(http.StatusUnauthorized, "invalid_token", "the access token expired: refresh it or authorize again", MinorUnauthorizedRequest)
			return
		}
		if !slices.Contains(t.Scopes, scope) {
			challenge(http.StatusForbidden, "insufficient_scope", "the access token lacks the scope this operation requires", MinorForbidden)
			return
		}
		p := Principal{Subject: t.Subject, ClientID: t.ClientID, Scopes: t.Scopes}
		next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, p)))
	}
}

func (s *Server) discovery(f flavor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("Content-Type", MediaTypeJSON)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(s.sdd[f.base])
	}
}

func (s *Server) getCredentials(f flavor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := PrincipalFrom(r.Context())
		v, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			writeStatus(w, http.StatusBadRequest, failure(MinorInvalidQueryParameter, "the query string is malformed (a semicolon or a bad escape)"))
			return
		}
		q, err := parsePaging(v)
		if err != nil {
			writeStatus(w, http.StatusBadRequest, failure(MinorInvalidQueryParameter, err.Error()))
			return
		}
		q.Kind = kindOf(f)
		page, err := s.cfg.Store.Credentials(r.Context(), p.Subject, q)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		var resp CredentialsResponse
		for _, c := range page.Credentials {
			if c.Format == store.FormatJWS {
				resp.CompactJWS = append(resp.CompactJWS, string(c.Raw))
			} else {
				resp.Credential = append(resp.Credential, json.RawMessage(c.Raw))
			}
		}
		w.Header().Set("X-Total-Count", strconv.Itoa(page.Total))
		w.Header().Set("Link", s.pageLinks(f, q, page.Total))
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, MediaTypeJSON, resp)
	}
}

// parsePaging reads limit, offset and since. Anything but a decimal
// integer in range or an RFC 3339 time is refused: the values reach the
// database only as typed parameters, never as text.
func parsePaging(v url.Values) (store.Query, error) {
	q := store.Query{Limit: store.DefaultLimit}
	one := func(name string) (string, bool, error) {
		vs, ok := v[name]
		if !ok {
			return "", false, nil
		}
		if len(vs) != 1 {
			return "", false, fmt.Errorf("%s is given %d times; give it once", name, len(vs))
		}
		return vs[0], true, nil
	}
	num := func(name string, min int) (int, bool, error) {
		s, ok, err := one(name)
		if !ok || err != nil {
			return 0, ok, err
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < min || len(s) > 10 {
			return 0, false, fmt.Errorf("%s must be an integer of at least %d, not %q", name, min, truncate(s, 40))
		}
		return n, true, nil
	}
	if n, ok, err := num("limit", 1); err != nil {
		return q, err
	} else if ok {
		q.Limit = min(n, store.MaxLimit)
	}
	if n, ok, err := num("offset", 0); err != nil {
		return q, err
	} else if ok {
		q.Offset = n
	}
	if s, ok, err := one("since"); err != nil {
		return q, err
	} else if ok {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return q, fmt.Errorf("since must be an RFC 3339 date-time such as 2024-01-31T00:00:00Z, not %q", truncate(s, 40))
		}
		q.Since = t
	}
	return q, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// pageLinks builds the RFC 8288 Link header: first and last always, next
// when the page is incomplete, prev when offset > 0.
func (s *Server) pageLinks(f flavor, q store.Query, total int) string {
	link := func(offset int, rel string) string {
		v := url.Values{}
		v.Set("limit", strconv.Itoa(q.Limit))
		v.Set("offset", strconv.Itoa(offset))
		if !q.Since.IsZero() {
			v.Set("since", q.Since.Format(time.RFC3339Nano))
		}
		return "<" + s.cfg.BaseURL + f.base + "/credentials?" + v.Encode() + `>; rel="` + rel + `"`
	}
	last := 0
	if total > 0 {
		last = (total - 1) / q.Limit * q.Limit
	}
	links := []string{}
	if q.Offset+q.Limit < total {
		links = append(links, link(q.Offset+q.Limit, "next"))
	}
	links = append(links, link(last, "last"), link(0, "first"))
	if q.Offset > 0 {
		links = append(links, link(max(q.Offset-q.Limit, 0), "prev"))
	}
	return strings.Join(links, ", ")
}

func kindOf(f flavor) store.Kind {
	if f.base == PathCLR {
		return store.CLR
	}
	return store.OpenBadges
}

var compactJWS = regexp.MustCompile(`^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$`)

// readBody reads at most MaxBodyBytes, answering 413 itself when the body
// is larger.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeStatus(w, http.StatusRequestEntityTooLarge, failure(MinorInvalidData,
			fmt.Sprintf("the request body is larger than the %d bytes this server accepts", s.cfg.MaxBodyBytes)))
		return nil, false
	}
	if err != nil {
		writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, "the request body could not be read"))
		return nil, false
	}
	return b, true
}

func (s *Server) upsertCredential(f flavor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := PrincipalFrom(r.Context())
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		var format store.Format
		switch {
		case err != nil:
			mt = ""
		case mt == MediaTypeVCLD || mt == MediaTypeJSON:
			format = store.FormatJSON
		case mt == MediaTypeJWS:
			format = store.FormatJWS
		}
		if format == "" {
			writeStatus(w, http.StatusUnsupportedMediaType, failure(MinorNotAcceptable,
				"send a credential with an embedded proof as application/vc+ld+json or application/json, or a VC-JWT as text/plain"))
			return
		}
		body, ok := s.readBody(w, r)
		if !ok {
			return
		}
		if format == store.FormatJWS {
			body = bytes.TrimSpace(body)
			if !compactJWS.Match(body) {
				writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, "a text/plain body must be one compact JWS (header.payload.signature)"))
				return
			}
		} else if t := bytes.TrimSpace(body); len(t) == 0 || t[0] != '{' {
			writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, "a JSON body must be one credential object"))
			return
		}
		c, desc := s.check(r.Context(), f, body)
		if desc != "" {
			writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, desc))
			return
		}
		c.Learner, c.Kind, c.Format, c.Raw = p.Subject, kindOf(f), format, body
		out, err := s.cfg.Store.UpsertCredential(r.Context(), c)
		if errors.Is(err, store.ErrInvalid) {
			// A validly signed credential can still carry an id the store
			// refuses (too long, NUL, invalid UTF-8): the sender's fault.
			writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, "the credential cannot be stored: "+err.Error()))
			return
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
		code := http.StatusCreated
		switch out {
		case store.Replaced:
			code = http.StatusOK
		case store.Kept:
			// An equal credential as new or newer is stored already; the
			// spec leaves this case to the host. 304 says nothing changed
			// (and, as HTTP requires, has no body).
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", mt)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(code)
		_, _ = w.Write(body)
	}
}

// check verifies an upserted credential and reads what the store keys it
// on. It returns a description of the refusal, or "".
func (s *Server) check(ctx context.Context, f flavor, body []byte) (store.Credential, string) {
	rep, err := s.verifier.Verify(ctx, body)
	if err != nil {
		return store.Credential{}, "the credential could not be verified: " + err.Error()
	}
	if !rep.OK() {
		return store.Credential{}, "the credential does not verify, so it was not stored: " + errString(rep.Err())
	}
	if rep.Kind != "credential" || rep.Parsed == nil {
		return store.Credential{}, "the body is not a credential"
	}
	vc := rep.Parsed.Base()
	if k := badge.KindOf(vc.Type); k != f.kind {
		return store.Credential{}, fmt.Sprintf("this endpoint takes %ss; the body is a %s (use the other API)", f.credClass, k)
	}
	id, issuer := vc.ID, vc.IssuerID()
	if strings.TrimSpace(id) == "" || strings.TrimSpace(issuer) == "" {
		return store.Credential{}, "the credential has no id or no issuer id, which the host needs to tell it from others"
	}
	from := vc.ValidFrom
	if from == "" {
		from = vc.IssuanceDate
	}
	t, err := from.Time()
	if err != nil {
		return store.Credential{}, "the credential's validFrom is not a date-time: " + err.Error()
	}
	return store.Credential{ID: id, Issuer: issuer, ValidFrom: t}, ""
}

func errString(err error) string {
	if err == nil {
		return "unverified"
	}
	return err.Error()
}

func (s *Server) getProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	prof, err := s.cfg.Store.Profile(r.Context(), p.Subject)
	if errors.Is(err, store.ErrNotFound) {
		writeStatus(w, http.StatusNotFound, failure(MinorNotFound, "this learner has no profile yet; PUT one"))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", MediaTypeJSON)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(prof.JSON)
}

func (s *Server) putProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || (mt != MediaTypeJSON && mt != "application/ld+json") {
		writeStatus(w, http.StatusUnsupportedMediaType, failure(MinorNotAcceptable, "send the profile as application/json"))
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	if desc := checkProfile(body); desc != "" {
		writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, desc))
		return
	}
	if _, err := s.cfg.Store.PutProfile(r.Context(), store.Profile{Learner: p.Subject, JSON: body}); errors.Is(err, store.ErrInvalid) {
		writeStatus(w, http.StatusBadRequest, failure(MinorInvalidData, "the profile cannot be stored: "+err.Error()))
		return
	} else if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", MediaTypeJSON)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(body)
}

// checkProfile refuses what is plainly not a Profile: the spec requires
// the entire object, with an id and the type Profile.
func checkProfile(b []byte) string {
	var p struct {
		ID   json.RawMessage `json:"id"`
		Type json.RawMessage `json:"type"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&p); err != nil {
		return "the profile is not a JSON object: " + err.Error()
	}
	if d.More() {
		return "the body holds more than one JSON value"
	}
	var id string
	if json.Unmarshal(p.ID, &id) != nil || strings.TrimSpace(id) == "" {
		return "the profile has no id"
	}
	var types []string
	var one string
	if json.Unmarshal(p.Type, &one) == nil {
		types = []string{one}
	} else if json.Unmarshal(p.Type, &types) != nil {
		return "the profile's type is neither a string nor an array of strings"
	}
	if !slices.Contains(types, "Profile") {
		return `the profile's type must include "Profile"`
	}
	return ""
}
