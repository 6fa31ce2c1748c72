package api

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/microcred/microcred/badge/api/store"
)

// AuthorizationRequest is an authorization request the server has
// checked: the client is registered, the redirect URI is one of its own,
// PKCE uses S256 and the scopes are ones it may ask for. Only then is the
// user asked.
type AuthorizationRequest struct {
	Client store.Client
	Scopes []string
	State  string
	// Endpoint is the authorization endpoint's URL, where a consent page
	// posts its form.
	Endpoint string
	// Params are the request's parameters; a consent page posts them back
	// to the authorization endpoint together with the user's answer.
	Params url.Values
}

// Approval is the user's answer: who they are (the learner whose
// credentials and profile the tokens reach) and the scopes they grant, a
// subset of the requested ones.
type Approval struct {
	Subject string
	Scopes  []string
}

// Consent is how a host plugs its users into the authorization endpoint.
// The server calls it for every valid authorization request (GET, and the
// POST a consent page sends back). It either answers — an Approval, or an
// error wrapping ErrAccessDenied when the user declines — or writes a
// response of its own (a login form, a consent page) and returns
// ErrConsentPending. The server never redirects to a URI the client did
// not register, whatever Consent returns.
type Consent interface {
	Consent(w http.ResponseWriter, r *http.Request, req *AuthorizationRequest) (Approval, error)
}

// ConsentFunc adapts a function to Consent.
type ConsentFunc func(w http.ResponseWriter, r *http.Request, req *AuthorizationRequest) (Approval, error)

// Consent calls f.
func (f ConsentFunc) Consent(w http.ResponseWriter, r *http.Request, req *AuthorizationRequest) (Approval, error) {
	return f(w, r, req)
}

var (
	// ErrConsentPending: the Consent wrote its own response; the server
	// writes nothing more.
	ErrConsentPending = errors.New("api: consent pending")
	// ErrAccessDenied: the user declined; the client receives
	// error=access_denied at its redirect URI.
	ErrAccessDenied = errors.New("api: the user denied the request")
)

// UnsafeDemoConsent is a minimal consent page for examples and tests. It
// shows the client's registered name and links and the scopes it asks for,
// and lets the person at the browser type a user name and approve or deny.
//
// It authenticates nobody: whoever reaches the page may claim to be any
// learner. A real host replaces it with its own login. What it does get
// right is that the form is bound to the request (an HMAC over the
// request's parameters, so another site cannot post an approval for a
// request it forged) and that the page cannot be framed.
type UnsafeDemoConsent struct {
	// Key signs the form: at least 16 random bytes. Servers that share a
	// database behind one load balancer need the same key. A zero
	// UnsafeDemoConsent refuses every request; NewUnsafeDemoConsent makes
	// a random key.
	Key []byte
}

// NewUnsafeDemoConsent returns an UnsafeDemoConsent with a random key.
func NewUnsafeDemoConsent() *UnsafeDemoConsent {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return &UnsafeDemoConsent{Key: k}
}

// Form field names of the demo consent page.
const (
	FormUser     = "consent_user"
	FormDecision = "consent_decision" // "approve" or "deny"
	FormMAC      = "consent_mac"
)

// Consent implements Consent.
func (c *UnsafeDemoConsent) Consent(w http.ResponseWriter, r *http.Request, req *AuthorizationRequest) (Approval, error) {
	if len(c.Key) < 16 {
		// Without a secret key anyone could compute the form's MAC.
		http.Error(w, "the consent page has no key: construct it with NewUnsafeDemoConsent", http.StatusInternalServerError)
		return Approval{}, ErrConsentPending
	}
	mac := c.mac(req.Params)
	if r.Method == http.MethodPost && r.PostForm.Has(FormDecision) {
		got, err := base64.RawURLEncoding.DecodeString(r.PostForm.Get(FormMAC))
		if err != nil || !hmac.Equal(got, mac) {
			http.Error(w, "the consent form does not belong to this request; start again from the application", http.StatusBadRequest)
			return Approval{}, ErrConsentPending
		}
		if r.PostForm.Get(FormDecision) != "approve" {
			return Approval{}, ErrAccessDenied
		}
		user := strings.TrimSpace(r.PostForm.Get(FormUser))
		if user == "" || len(user) > 256 {
			return Approval{}, c.page(w, req, mac, "Type a user name (at most 256 bytes).")
		}
		return Approval{Subject: user, Scopes: req.Scopes}, nil
	}
	return Approval{}, c.page(w, req, mac, "")
}

func (c *UnsafeDemoConsent) mac(p url.Values) []byte {
	h := hmac.New(sha256.New, c.Key)
	keys := make([]string, 0, len(p))
	for k := range p {
		if !strings.HasPrefix(k, "consent_") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range p[k] {
			h.Write([]byte(url.QueryEscape(k) + "=" + url.QueryEscape(v) + "&"))
		}
	}
	return h.Sum(nil)
}

type hidden struct{ Name, Value string }

func (c *UnsafeDemoConsent) page(w http.ResponseWriter, req *AuthorizationRequest, mac []byte, problem string) error {
	var fields []hidden
	for k, vs := range req.Params {
		if strings.HasPrefix(k, "consent_") {
			continue
		}
		for _, v := range vs {
			fields = append(fields, hidden{k, v})
		}
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	// form-action covers the redirect that answers the form too, so the
	// client's (registered, already checked) redirect origin is allowed.
	formAction := "'self'"
	if u, err := url.Parse(req.Params.Get("redirect_uri")); err == nil && u.Host != "" {
		formAction += " " + u.Scheme + "://" + u.Host
	}
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action "+formAction+"; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	if problem != "" {
		w.WriteHeader(http.StatusBadRequest)
	}
	_ = consentPage.Execute(w, map[string]any{
		"Client": req.Client, "Endpoint": req.Endpoint, "Scopes": req.Scopes, "Fields": fields, "Problem": problem,
		"MAC":      base64.RawURLEncoding.EncodeToString(mac),
		"FormUser": FormUser, "FormDecision": FormDecision, "FormMAC": FormMAC,
	})
	return ErrConsentPending
}

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize {{.Client.Name}}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:2em auto}li{margin:.3em 0}.warn{color:#a00}</style></head>
<body>
<h1>Authorize <span id="client-name">{{.Client.Name}}</span></h1>
<p><a href="{{.Client.URI}}">{{.Client.URI}}</a> asks to act for you with these permissions:</p>
<ul id="scopes">{{range .Scopes}}<li>{{.}}</li>{{end}}</ul>
<p>Its <a href="{{.Client.TOSURI}}">terms of service</a> and <a href="{{.Client.PolicyURI}}">privacy policy</a>.</p>
{{if .Problem}}<p class="warn" id="problem">{{.Problem}}</p>{{end}}
<form method="post" action="{{.Endpoint}}" id="consent">
{{range .Fields}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<input type="hidden" name="{{.FormMAC}}" value="{{.MAC}}">
<p><label>User name (demo: not checked) <input name="{{.FormUser}}" id="user" autocomplete="username"></label></p>
<p><button type="submit" name="{{.FormDecision}}" value="approve" id="approve">Approve</button>
<button type="submit" name="{{.FormDecision}}" value="deny" id="deny">Deny</button></p>
</form>
</body></html>
`))
