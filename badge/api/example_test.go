package api_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
	"github.com/microcred/microcred/badge/api/store/sqlite"
)

// A host mounts the API and its authorization server on its own mux; a
// client discovers where to register.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "microcred-api")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "host.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	mux := http.NewServeMux()
	ts := httptest.NewUnstartedServer(mux)
	base := "http://" + ts.Listener.Addr().String()
	srv, err := api.New(api.Config{
		Store:   st,
		BaseURL: base,
		Consent: api.NewUnsafeDemoConsent(), // a real host plugs in its own login
	})
	if err != nil {
		log.Fatal(err)
	}
	srv.Register(mux)
	ts.Start()
	defer ts.Close()

	svc, err := client.Discover(ctx, nil, base, false)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("register at", strings.TrimPrefix(svc.RegistrationURL, base))
	fmt.Println("authorize at", strings.TrimPrefix(svc.AuthorizationURL, base))
	fmt.Println(len(svc.Scopes), "scopes")
	// Output:
	// register at /oauth/register
	// authorize at /oauth/authorize
	// 4 scopes
}
