package jsonld_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/microcred/microcred/internal/jsonld"
)

func ExampleCanonicalize() {
	credential := []byte(`{
		"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
		"id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
		"type": ["VerifiableCredential", "AlumniCredential"],
		"issuer": "https://vc.example/issuers/5678",
		"validFrom": "2023-01-01T00:00:00Z",
		"credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}
	}`)
	// Share one Loader: it keeps parsed contexts.
	loader, err := jsonld.NewLoader(nil)
	if err != nil {
		panic(err)
	}
	nquads, err := jsonld.Canonicalize(context.Background(), credential, &jsonld.CanonicalizeOptions{Loader: loader})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(nquads))
	// Output:
	// <did:example:abcdefgh> <https://www.w3.org/ns/credentials/examples#alumniOf> "The School of Examples" .
	// <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
	// <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/examples#AlumniCredential> .
	// <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:abcdefgh> .
	// <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#issuer> <https://vc.example/issuers/5678> .
	// <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#validFrom> "2023-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
}

// An undefined term would be dropped from the canonical form, so a signature
// would not cover it: Canonicalize refuses the document and names the term.
func ExampleCanonicalize_undefinedTerm() {
	credential := []byte(`{
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential"],
		"issuer": "https://vc.example/issuers/5678",
		"credentialSubject": {"id": "did:example:abcdefgh"},
		"favouriteColour": "blue"
	}`)
	_, err := jsonld.Canonicalize(context.Background(), credential, nil)
	fmt.Println(errors.Is(err, jsonld.ErrUndefinedTerm))
	fmt.Println(err)
	// Output:
	// true
	// jsonld: undefined term: "favouriteColour" (no context defines it, so it would not be signed; define it in a context or remove it)
}

// A host defines its own terms in a context of its own, added explicitly.
func ExampleLoader_AddContext() {
	var loader jsonld.Loader // the zero value serves the embedded contexts
	err := loader.AddContext("https://contexts.example.org/colours/v1", []byte(`{
		"@context": {"@protected": true, "favouriteColour": "https://contexts.example.org/colours#favouriteColour"}
	}`))
	if err != nil {
		panic(err)
	}
	doc := []byte(`{
		"@context": ["https://www.w3.org/ns/credentials/v2", "https://contexts.example.org/colours/v1"],
		"id": "urn:uuid:1", "type": ["VerifiableCredential"], "favouriteColour": "blue"
	}`)
	nquads, err := jsonld.Canonicalize(context.Background(), doc, &jsonld.CanonicalizeOptions{Loader: &loader})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(nquads))
	// Output:
	// <urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
	// <urn:uuid:1> <https://contexts.example.org/colours#favouriteColour> "blue" .
}

// Remote contexts are fetched only from allowed URL prefixes, with the
// host's own client.
func ExampleNewLoader_remote() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/ld+json")
		fmt.Fprint(w, `{"@context": {"nickname": "https://example.org/vocab#nickname"}}`)
	}))
	defer srv.Close()

	loader, err := jsonld.NewLoader(&jsonld.LoaderOptions{
		Remote: &jsonld.RemoteOptions{Client: srv.Client(), Allow: []string{srv.URL + "/contexts/"}},
	})
	if err != nil {
		panic(err)
	}
	canon := func(ctxURL string) error {
		doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2", "` + ctxURL + `"],
			"id": "urn:uuid:2", "type": ["VerifiableCredential"], "nickname": "Sam"}`)
		_, err := jsonld.Canonicalize(context.Background(), doc, &jsonld.CanonicalizeOptions{Loader: loader})
		return err
	}
	fmt.Println(canon(srv.URL + "/contexts/v1"))
	fmt.Println(errors.Is(canon(srv.URL+"/elsewhere/v1"), jsonld.ErrUnknownContext))
	// Output:
	// <nil>
	// true
}
