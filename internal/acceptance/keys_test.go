package acceptance

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// typedRoutes serves documents with their own content types.
type typedRoutes map[string][2]string // url → {content type, body}

func (r typedRoutes) RoundTrip(req *http.Request) (*http.Response, error) {
	d, ok := r[req.URL.String()]
	if !ok {
		return (&routes{}).RoundTrip(req)
	}
	return (&routes{docs: map[string][]byte{req.URL.String(): []byte(d[1])}}).withType(d[0]).RoundTrip(req)
}

type typed struct {
	*routes
	ct string
}

func (r *routes) withType(ct string) typed { return typed{r, ct} }

func (t typed) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.routes.RoundTrip(req)
	if err == nil {
		resp.Header.Set("Content-Type", t.ct)
	}
	return resp, err
}

// TestPublishedKeys: issuers that are not did:key — did:web (bare domain,
// path, port), an https controller document, and the 1EdTech
// "<issuer-id>#<multikey>" convention — signed by the reference stack, with
// the documents served through an injected RoundTripper.
func TestPublishedKeys(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	seed, _ := hex.DecodeString(issuerSeed)
	mb, err := credential.EncodeMultikey(ed25519.NewKeyFromSeed(seed).Public())
	if err != nil {
		t.Fatal(err)
	}
	didDoc := func(did string) string {
		return `{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"` + did + `",` +
			`"verificationMethod":[{"id":"` + did + `#key-1","type":"Multikey","controller":"` + did + `","publicKeyMultibase":"` + mb + `"}],` +
			`"assertionMethod":["` + did + `#key-1"]}`
	}
	const (
		didBare = "did:web:issuer.example.edu"
		didPath = "did:web:example.edu:issuers:42"
		didPort = "did:web:issuer.example.edu%3A8443"
		httpsIs = "https://keys.example.edu/issuers/7"
		httpsVM = "https://keys.example.edu/keys/7"
		fragIs  = "https://frag.example.edu/issuers/1"
	)
	rt := typedRoutes{
		"https://issuer.example.edu/.well-known/did.json":      {"application/did+json", didDoc(didBare)},
		"https://example.edu/issuers/42/did.json":              {"application/did+json", didDoc(didPath)},
		"https://issuer.example.edu:8443/.well-known/did.json": {"application/json", didDoc(didPort)},
		httpsVM: {"application/json", `{"@context":"https://w3id.org/security/multikey/v1","id":"` + httpsVM + `","type":"Multikey","controller":"` + httpsIs + `","publicKeyMultibase":"` + mb + `"}`},
		httpsIs: {"application/json", `{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"` + httpsIs + `",` +
			`"verificationMethod":[{"id":"` + httpsVM + `","type":"Multikey","controller":"` + httpsIs + `","publicKeyMultibase":"` + mb + `"}],"assertionMethod":["` + httpsVM + `"]}`},
	}
	type tc struct {
		name, issuer, vm, reason string
		cfg                      verify.Config
		want                     []verify.Verdict
	}
	online := verify.Config{HTTPClient: &http.Client{Transport: rt}}
	cases := []tc{
		{"did-web-bare", didBare, didBare + "#key-1", "did:web §3.2: bare domain → /.well-known/did.json", online, verified},
		{"did-web-path", didPath, didPath + "#key-1", "did:web §3.2: colons become path segments, then /did.json", online, verified},
		{"did-web-port", didPort, didPort + "#key-1", "did:web §3.2: %3A is a port", online, verified},
		{"did-web-offline", didBare, didBare + "#key-1", "verify doc: offline, a did:web key cannot be checked → unverified", verify.Config{},
			[]verify.Verdict{verify.Unverified}},
		{"https-controller-document", httpsIs, httpsVM, "OB 3.0 Dereferencing the Public Key: an https key whose controller is the issuer", online, verified},
		{"fragment-key-unsafe", fragIs, fragIs + "#{mb}", "1EdTech convention, accepted with UnsafeTrustFragmentKeys",
			verify.Config{UnsafeTrustFragmentKeys: true}, okVerdicts},
	}
	var jobs []job
	for _, c := range cases {
		jobs = append(jobs, job{"name": c.name, "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": baseCredential(),
			"date": "2024-01-01T00:00:00Z", "vmId": c.vm, "issuerId": c.issuer})
	}
	res := s.batch(t, jobs)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := res[c.name]
			if r.Error != "" {
				t.Fatalf("reference stack: %s", r.Error)
			}
			rep := runVerify(t, newVerifier(t, c.cfg), r.OK)
			wantVerdict(t, rep, c.want...)
			if c.name == "did-web-offline" {
				if k := rep.Check(verify.CheckKey); k == nil || k.Outcome != verify.NotEstablished || k.Detail["skipped"] != true || rep.OK() {
					t.Errorf("offline did:web passed without a skipped key check: %s", describe(rep))
				}
			}
			if strings.HasPrefix(c.name, "did-web") && c.cfg.HTTPClient != nil {
				// The key must be the one the issuer's document lists: another issuer's did:web must fail.
				other := strings.Replace(string(r.OK), c.issuer, "did:web:other.example.org", 1)
				if rep := runVerify(t, newVerifier(t, c.cfg), []byte(other)); rep.OK() {
					t.Errorf("a different issuer with the same key reference verifies")
				}
			}
		})
	}
}
