package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestLinkRel(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []string
		rel    string
		want   string
	}{
		{"one header, several links", []string{`<https://h/c?offset=2>; rel="next", <https://h/c?offset=8>; rel="last"`}, "next", "https://h/c?offset=2"},
		{"rel among several relation types", []string{`<https://h/x>; rel="prev next"`}, "next", "https://h/x"},
		{"rel unquoted and in upper case", []string{`<https://h/x>; REL=NEXT`}, "next", "https://h/x"},
		{"links in separate header values", []string{`<https://h/a>; rel="first"`, `<https://h/b>; rel="next"`}, "next", "https://h/b"},
		{"no such relation", []string{`<https://h/a>; rel="first"`}, "next", ""},
		{"a target without angle brackets is ignored", []string{`https://h/a; rel="next"`}, "next", ""},
		{"no header", nil, "next", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := linkRel(c.values, c.rel); got != c.want {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
			}
		})
	}
}

// fakeAPI serves n credentials in pages of two, with next links built by
// link.
func fakeAPI(t *testing.T, n int, link func(base string, offset int) string) *httptest.Server {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			fmt.Fprint(w, `{"imsx_codeMajor":"failure","imsx_severity":"error","imsx_description":"no token","imsx_codeMinor":{"imsx_codeMinorField":[{"imsx_codeMinorFieldName":"TargetEndSystem","imsx_codeMinorFieldValue":"unauthorizedrequest"}]}}`)
			return
		}
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var items []string
		for i := off; i < min(off+2, n); i++ {
			items = append(items, fmt.Sprintf(`{"id":"urn:%d"}`, i))
		}
		w.Header().Set("X-Total-Count", strconv.Itoa(n))
		if off+2 < n {
			w.Header().Set("Link", "<"+link(ts.URL, off+2)+`>; rel="next"`)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"credential":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(ts.Close)
	return ts
}

type bearer struct{ tok string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.tok)
	return http.DefaultTransport.RoundTrip(r)
}

func TestCredentialsIterator(t *testing.T) {
	ts := fakeAPI(t, 5, func(base string, off int) string {
		return base + "/ims/ob/v3p0/credentials?limit=2&offset=" + strconv.Itoa(off)
	})
	c, err := New(&http.Client{Transport: bearer{"tok"}}, ts.URL+"/ims/ob/v3p0")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for cr, err := range c.Credentials(context.Background(), ListOptions{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, string(cr.JSON))
	}
	if len(ids) != 5 || ids[4] != `{"id":"urn:4"}` {
		t.Errorf("iterated %v", ids)
	}
	// Breaking out early stops the iteration (no more requests).
	n := 0
	for range c.Credentials(context.Background(), ListOptions{Limit: 2}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d", n)
	}
}

// TestNextLinkToAnotherOrigin: a next link that leaves the API's origin is
// not followed, so the bearer token never goes there.
func TestNextLinkToAnotherOrigin(t *testing.T) {
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the client followed a link to another origin, with Authorization %q", r.Header.Get("Authorization"))
	}))
	defer elsewhere.Close()
	ts := fakeAPI(t, 5, func(string, int) string { return elsewhere.URL + "/steal" })
	c, _ := New(&http.Client{Transport: bearer{"tok"}}, ts.URL+"/ims/ob/v3p0")
	var last error
	for _, err := range c.Credentials(context.Background(), ListOptions{}) {
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "not following") {
		t.Errorf("error %v, want a refusal to follow", last)
	}
}

func TestErrorCarriesStatusInfo(t *testing.T) {
	ts := fakeAPI(t, 1, nil)
	c, _ := New(&http.Client{Transport: bearer{"wrong"}}, ts.URL+"/ims/ob/v3p0")
	_, err := c.Page(context.Background(), ListOptions{})
	var ce *Error
	if !errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) || !errors.As(err, &ce) {
		t.Fatalf("error %v: want *Error matching ErrUnauthorized only", err)
	}
	if ce.Status == nil || ce.Status.Minor() != "unauthorizedrequest" || ce.Status.Description != "no token" {
		t.Errorf("StatusInfo %+v", ce.Status)
	}
}

func TestNewRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		hc   *http.Client
		url  string
	}{
		{"nil client", nil, "https://h/ims/ob/v3p0"},
		{"relative URL", http.DefaultClient, "/ims/ob/v3p0"},
		{"another scheme", http.DefaultClient, "ftp://h/x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := New(c.hc, c.url); err == nil {
				t.Errorf("%s: accepted", c.name)
			}
		})
	}
}
