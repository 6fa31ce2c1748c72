// Command backpack is an Open Badges 3.0 client (Service Consumer, read
// and write): it registers with a host, obtains a token, upserts a
// credential issued with microcred, and lists the learner's credentials
// back.
//
//	go run ./examples/backpack -host URL [-user NAME]
//
// Without -user it runs the browser flow: it listens on a loopback port for
// the redirect, prints the authorization URL to open, and waits (five
// minutes at most) for the browser to come back. With -user it takes a
// shortcut for tests and demos: it fills in the consent page of
// examples/host (api.UnsafeDemoConsent) itself, as NAME. Either way the
// authorization uses PKCE (S256) and a fresh state.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backpack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	host := fs.String("host", "", "the host's base `URL` (as examples/host prints it)")
	user := fs.String("user", "", "approve on examples/host's demo consent page as `NAME` instead of opening a browser")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: backpack -host URL [-user NAME]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *host == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	if err := backpack(ctx, *host, *user, stdout); err != nil {
		fmt.Fprintln(stderr, "backpack:", err)
		return 1
	}
	return 0
}

func backpack(ctx context.Context, host, user string, w io.Writer) error {
	hc := &http.Client{Timeout: 30 * time.Second}

	// The redirect URI is a loopback listener of ours (RFC 8252 §7.3).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	origin := "http://" + ln.Addr().String()
	redirectURI := origin + "/callback"

	svc, err := client.Discover(ctx, hc, host, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Found %q: it registers clients at %s.\n", svc.Title, svc.RegistrationURL)
	info, err := svc.Register(ctx, hc, api.ClientMetadata{
		ClientName: "microcred example backpack", ClientURI: origin + "/", LogoURI: origin + "/logo.png",
		TOSURI: origin + "/terms", PolicyURI: origin + "/privacy",
		SoftwareID: "microcred-example-backpack", SoftwareVersion: "1",
		RedirectURIs: []string{redirectURI},
		Scope:        strings.Join([]string{api.ScopeCredentialRead, api.ScopeCredentialUpsert, api.ScopeProfileRead, api.ScopeOfflineAccess}, " "),
		GrantTypes:   []string{"authorization_code", "refresh_token"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Registered as client %s.\n", info.ClientID)

	cfg := svc.OAuth2(info, redirectURI, []string{api.ScopeCredentialRead, api.ScopeCredentialUpsert, api.ScopeOfflineAccess})
	auth := client.AuthCodeURL(cfg)
	var callback url.Values
	if user != "" {
		var loc *url.URL
		if loc, err = approveAs(ctx, auth.URL, user); err == nil {
			callback = loc.Query()
		}
	} else {
		fmt.Fprintf(w, "Open this URL in your browser and approve:\n  %s\n", auth.URL)
		callback, err = awaitCallback(ctx, ln)
	}
	if err != nil {
		return err
	}
	tok, err := auth.Exchange(ctx, hc, cfg, callback)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Authorized with PKCE: scopes %s.\n", tok.Extra("scope"))

	// The token source refreshes the access token when it expires.
	c, err := client.New(cfg.Client(context.WithValue(ctx, oauth2.HTTPClient, hc), tok), svc.APIURL)
	if err != nil {
		return err
	}

	signed, id, err := issue(ctx, user)
	if err != nil {
		return err
	}
	out, err := c.Upsert(ctx, signed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Upserted credential %s: %s.\n", id, out)

	v, err := verify.New(verify.Config{})
	if err != nil {
		return err
	}
	n := 0
	for cr, err := range c.Credentials(ctx, client.ListOptions{Limit: 50}) {
		if err != nil {
			return err
		}
		n++
		rep, err := v.Verify(ctx, cr.Bytes())
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s from %s: %s\n", rep.CredentialID, rep.Issuer, rep.Verdict)
	}
	fmt.Fprintf(w, "The host holds %d credential(s) for this learner.\n", n)
	return nil
}

// issue makes an issuer key and signs an Open Badges 3.0 credential for
// the learner, as an issuer would before pushing it to a backpack.
func issue(ctx context.Context, user string) ([]byte, string, error) {
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return nil, "", err
	}
	learner := "did:example:" + url.PathEscape(strings.ToLower(strings.ReplaceAll(user, " ", "-")))
	if user == "" {
		learner = "did:example:learner"
	}
	cred, err := badge.NewAchievementCredential(badge.Profile{ID: key.DID, Name: "Example Academy"}, badge.AchievementSubject{
		ID: learner,
		Achievement: &badge.Achievement{
			ID: "https://academy.example/achievements/api", AchievementType: "Badge",
			Name: "Open Badges API", Description: "Pushed a badge to a backpack through the Open Badges API.",
			Criteria: &badge.Criteria{Narrative: "Run examples/backpack."},
		},
	}, &badge.Options{ValidFrom: time.Now().UTC().Add(-time.Minute).Truncate(time.Second)})
	if err != nil {
		return nil, "", err
	}
	unsigned, err := json.Marshal(cred)
	if err != nil {
		return nil, "", err
	}
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod})
	return signed, cred.ID, err
}

// awaitCallback serves the redirect URI until the browser comes back.
func awaitCallback(ctx context.Context, ln net.Listener) (url.Values, error) {
	got := make(chan url.Values, 1)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		select {
		case got <- r.URL.Query():
		default:
		}
		fmt.Fprintln(w, "Done: you can close this window and return to the terminal.")
	})}
	go srv.Serve(ln)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	select {
	case q := <-got:
		return q, nil
	case <-ctx.Done():
		return nil, errors.New("no answer from the browser in time")
	}
}

var (
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]*)"`)
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
)

// approveAs is the test shortcut: it reads the demo consent page of
// examples/host and posts its form back approving as user, then returns
// the redirect it answers with (the redirect URI with the code). It works
// with that page only; a real host has its own login.
func approveAs(ctx context.Context, authURL, user string) (*url.URL, error) {
	hc := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	page, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusFound {
		return url.Parse(resp.Header.Get("Location"))
	}
	m := formAction.FindSubmatch(page)
	if resp.StatusCode != http.StatusOK || m == nil {
		return nil, fmt.Errorf("the authorization endpoint answered HTTP %d without the demo consent form; approve in a browser instead (omit -user)", resp.StatusCode)
	}
	form := url.Values{}
	for _, h := range hiddenInput.FindAllSubmatch(page, -1) {
		form.Add(html.UnescapeString(string(h[1])), html.UnescapeString(string(h[2])))
	}
	form.Set(api.FormUser, user)
	form.Set(api.FormDecision, "approve")
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, html.UnescapeString(string(m[1])), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = hc.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("the consent form was answered with HTTP %d, not a redirect", resp.StatusCode)
	}
	return url.Parse(resp.Header.Get("Location"))
}
