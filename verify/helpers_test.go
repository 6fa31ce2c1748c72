package verify

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// fixedNow is the clock for fixture tests: after every fixture's validFrom
// and before the validUntil of the ones that are meant to be valid.
var fixedNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return fixedNow }

// route is one canned HTTP response.
type route struct {
	status      int
	contentType string
	body        []byte
}

// mapTransport is an http.RoundTripper serving canned responses by URL and
// 404 for everything else, so tests that need "the network" never touch it.
type mapTransport struct {
	routes map[string]route
	hits   atomic.Int64
}

func (m *mapTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	m.hits.Add(1)
	u := *req.URL
	u.Fragment = ""
	rt, ok := m.routes[u.String()]
	if !ok {
		rt = route{status: 404, contentType: "text/plain", body: []byte("not found")}
	}
	if rt.status == 0 {
		rt.status = 200
	}
	if rt.contentType == "" {
		rt.contentType = "application/json"
	}
	return &http.Response{
		StatusCode:    rt.status,
		Status:        fmt.Sprintf("%d %s", rt.status, http.StatusText(rt.status)),
		Header:        http.Header{"Content-Type": {rt.contentType}},
		Body:          io.NopCloser(bytes.NewReader(rt.body)),
		ContentLength: int64(len(rt.body)),
		Request:       req,
	}, nil
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureNetwork serves the documents the validator's network-dependent
// fixtures fetched (see testdata/SOURCES.md).
func fixtureNetwork(t testing.TB) *mapTransport {
	return &mapTransport{routes: map[string]route{
		"https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist": {
			contentType: "text/plain; charset=utf-8", body: readFile(t, "testdata/network/1edtech-testlist.json")},
		"https://dc.1edtech.org/wellspring2022/wellspring-portal/org/da1e96e9-afcc-4eed-b9a2-2ddf7353214c/did.json": {
			contentType: "application/did+json", body: readFile(t, "testdata/network/wellspring-org-did.json")},
		"https://dc.1edtech.org/wellspring2022/wellspring-portal/api/revocations/da1e96e9-afcc-4eed-b9a2-2ddf7353214c": {
			body: readFile(t, "testdata/network/wellspring-revocations.json")},
	}}
}
