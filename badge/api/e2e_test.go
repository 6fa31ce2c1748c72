package api_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
)

// TestEndToEnd is the whole exchange in one process over a real loopback
// listener, on every backend: a client discovers the host, registers,
// authorizes with PKCE, upserts a signed credential (201), upserts a newer
// version of it (200), lists with paging headers, and writes and reads the
// profile; then it refreshes its token. Every API response is checked
// against the OpenAPI document on the way.
func TestEndToEnd(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, open(t))
			r := e.register(t)
			learner := "ada-" + strconv.FormatInt(time.Now().UnixNano(), 36)
			c, cfg, tok := e.login(t, r, learner)
			if tok.RefreshToken == "" {
				t.Fatal("no refresh token for a client that registered the refresh_token grant")
			}
			ctx := t.Context()
			day := 24 * time.Hour
			t0 := time.Now().Add(-10 * day)

			v1 := e.badgeFor(t, "did:example:"+learner, credID(1), t0, false)
			if out, err := c.Upsert(ctx, v1); err != nil || out != client.Inserted {
				t.Fatalf("first upsert: %v, %v; want inserted (201)", out, err)
			}
			v2 := e.badgeFor(t, "did:example:"+learner, credID(1), t0.Add(day), false)
			if out, err := c.Upsert(ctx, v2); err != nil || out != client.Replaced {
				t.Fatalf("newer version: %v, %v; want replaced (200)", out, err)
			}
			if out, err := c.Upsert(ctx, v1); err != nil || out != client.Kept {
				t.Fatalf("older version again: %v, %v; want kept (304)", out, err)
			}
			jws := e.badgeFor(t, "did:example:"+learner, credID(2), t0, true)
			if out, err := c.Upsert(ctx, jws); err != nil || out != client.Inserted {
				t.Fatalf("VC-JWT upsert: %v, %v; want inserted (201)", out, err)
			}
			for i := 3; i <= 5; i++ {
				if _, err := c.Upsert(ctx, e.badgeFor(t, "did:example:"+learner, credID(i), t0.Add(time.Duration(i)*day), false)); err != nil {
					t.Fatal(err)
				}
			}

			// Paging headers, read raw.
			resp, _ := e.do(t, "GET", api.PathOB+"/credentials?limit=2&offset=2", tok.AccessToken, "", nil)
			if resp.StatusCode != 200 || resp.Header.Get("X-Total-Count") != "5" {
				t.Fatalf("list: HTTP %d, X-Total-Count %q; want 200 and 5", resp.StatusCode, resp.Header.Get("X-Total-Count"))
			}
			link := resp.Header.Get("Link")
			for _, want := range []string{
				`<` + e.base + api.PathOB + `/credentials?limit=2&offset=4>; rel="next"`,
				`<` + e.base + api.PathOB + `/credentials?limit=2&offset=4>; rel="last"`,
				`<` + e.base + api.PathOB + `/credentials?limit=2&offset=0>; rel="first"`,
				`<` + e.base + api.PathOB + `/credentials?limit=2&offset=0>; rel="prev"`,
			} {
				if !strings.Contains(link, want) {
					t.Errorf("Link %q lacks %s", link, want)
				}
			}
			first, err := c.Page(ctx, client.ListOptions{Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if first.Total != 5 || len(first.Credentials) != 2 || first.Next == "" {
				t.Errorf("first page: total %d, %d credentials, next %q", first.Total, len(first.Credentials), first.Next)
			}
			if resp, _ := e.do(t, "GET", api.PathOB+"/credentials?limit=2&offset=4", tok.AccessToken, "", nil); strings.Contains(resp.Header.Get("Link"), `rel="next"`) {
				t.Errorf("the last page has a next link: %s", resp.Header.Get("Link"))
			}

			// The iterator walks every page; what comes back is what was sent.
			var got [][]byte
			for cr, err := range c.Credentials(ctx, client.ListOptions{Limit: 2}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, cr.Bytes())
			}
			if len(got) != 5 {
				t.Fatalf("iterated %d credentials, want 5", len(got))
			}
			if !bytes.Equal(got[0], v2) {
				t.Errorf("the stored credential is not the newer version as sent:\n%s", got[0])
			}
			if !containsBytes(got, jws) {
				t.Error("the VC-JWT did not come back in compactJwsString as sent")
			}
			// since filters on validFrom.
			p, err := c.Page(ctx, client.ListOptions{Since: t0.Add(3*day + time.Hour)})
			if err != nil || p.Total != 2 {
				t.Errorf("since: total %d, %v; want 2 (credentials 4 and 5)", p.Total, err)
			}

			// Profile.
			if _, err := c.Profile(ctx); !errors.Is(err, client.ErrNotFound) {
				t.Errorf("profile before any PUT: %v, want ErrNotFound", err)
			}
			prof := []byte(`{"@context":["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":"Profile","id":"did:example:` + learner + `","name":"Ada"}`)
			if _, err := c.PutProfile(ctx, prof); err != nil {
				t.Fatal(err)
			}
			if p, err := c.Profile(ctx); err != nil || !bytes.Equal(p, prof) {
				t.Errorf("profile read back: %s, %v", p, err)
			}

			// Refresh rotates: a new pair, and the old refresh token is spent.
			tok2, err := client.Refresh(ctx, e.hc, cfg, tok.RefreshToken)
			if err != nil {
				t.Fatal(err)
			}
			if tok2.AccessToken == tok.AccessToken || tok2.RefreshToken == "" || tok2.RefreshToken == tok.RefreshToken {
				t.Error("refresh did not rotate both tokens")
			}
			c2, _ := client.New(e.bearerClient(t, tok2.AccessToken), r.svc.APIURL)
			if _, err := c2.Page(ctx, client.ListOptions{}); err != nil {
				t.Errorf("the refreshed access token does not work: %v", err)
			}
		})
	}
}

func containsBytes(list [][]byte, b []byte) bool {
	for _, x := range list {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}

// TestDiscovery checks the SDD is served without a token, for both APIs,
// with the host's URLs.
func TestDiscovery(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	for _, clr := range []bool{false, true} {
		svc, err := client.Discover(t.Context(), e.hc, e.base, clr)
		if err != nil {
			t.Fatal(err)
		}
		if svc.RegistrationURL != e.base+api.PathRegister || svc.TokenURL != e.base+api.PathToken ||
			svc.AuthorizationURL != e.base+api.PathAuthorize || svc.RevocationURL != e.base+api.PathRevoke {
			t.Errorf("clr=%v: URLs %+v", clr, svc)
		}
		if len(svc.Scopes) != 4 {
			t.Errorf("clr=%v: scopes %v", clr, svc.Scopes)
		}
	}
}
