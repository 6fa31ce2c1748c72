package client_test

import (
	"fmt"
	"net/url"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/client"
)

// After Discover and Register, a client starts the authorization code flow
// with PKCE: the URL goes to the user's browser; State and Verifier stay
// with the client until the callback, where Authorization.Exchange checks
// the state and redeems the code.
func ExampleAuthCodeURL() {
	svc := &client.Service{
		AuthorizationURL: "https://host.example/oauth/authorize",
		TokenURL:         "https://host.example/oauth/token",
	}
	info := &api.ClientInformation{ClientID: "my-client", ClientSecret: "secret"}
	cfg := svc.OAuth2(info, "https://backpack.example/callback", []string{api.ScopeCredentialRead})
	auth := client.AuthCodeURL(cfg)

	u, _ := url.Parse(auth.URL)
	q := u.Query()
	fmt.Println(q.Get("response_type"), q.Get("code_challenge_method"))
	fmt.Println(q.Get("state") == auth.State, len(q.Get("code_challenge")))
	// Output:
	// code S256
	// true 43
}
