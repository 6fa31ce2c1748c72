package verify

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/credential/status"
)

// tlsServer starts an httptest TLS server whose routes are set later.
type tlsServer struct {
	*httptest.Server
	mux  *http.ServeMux
	hits atomic.Int64
}

func newTLSServer(t testing.TB) *tlsServer {
	s := &tlsServer{mux: http.NewServeMux()}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *tlsServer) serve(path, contentType string, body []byte) {
	s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

// didWeb is the did:web DID of the server (host and port, %3A-encoded).
func (s *tlsServer) didWeb() string {
	u, _ := url.Parse(s.URL)
	return "did:web:" + strings.ReplaceAll(u.Host, ":", "%3A")
}

// onlineVerifier talks to s through its own TLS client; loopback must be
// allowed for httptest.
func onlineVerifier(t testing.TB, s *tlsServer, cfg Config) *Verifier {
	cfg.HTTPClient = s.Client()
	cfg.UnsafeAllowPrivateAddresses = true
	return offlineVerifier(t, cfg)
}

// didWebIssuer publishes a DID document for iss's key at s and returns
// the did:web issuer and its verification method id.
func didWebIssuer(t *testing.T, s *tlsServer, iss testIssuer, contentType string) testIssuer {
	did := s.didWeb()
	mk, _ := credential.EncodeMultikey(iss.key.Public())
	vm := did + "#key-1"
	doc := fmt.Sprintf(`{"@context":["https://www.w3.org/ns/did/v1"],"id":%q,
		"verificationMethod":[{"id":%q,"type":"Multikey","controller":%q,"publicKeyMultibase":%q}],
		"assertionMethod":[%q]}`, did, vm, did, mk, vm)
	s.serve("/.well-known/did.json", contentType, []byte(doc))
	return testIssuer{key: iss.key, did: did, vm: vm}
}

func TestDIDWeb(t *testing.T) {
	s := newTLSServer(t)
	web := didWebIssuer(t, s, newIssuer(t), "application/did+json")
	cred := issue(t, web, nil)

	v := onlineVerifier(t, s, Config{})
	r := mustVerify(t, v, cred)
	if r.Verdict != Verified || r.Check(CheckKey).Detail["source"] != string(credential.KeySourceDIDWeb) {
		t.Fatalf("did:web credential:\n%s", r)
	}
	before := s.hits.Load()
	mustVerify(t, v, cred)
	if s.hits.Load() != before {
		t.Error("the DID document was fetched again instead of coming from the cache")
	}

	// Offline: not established, so unverified and never OK (issue 10 § 1).
	r = mustVerify(t, offlineVerifier(t, Config{}), cred)
	if r.Verdict != Unverified || r.OK() || r.Check(CheckProof).Outcome != NotEstablished || r.Check(CheckProof).Detail["skipped"] != true ||
		!errors.Is(r.Err(), ErrUnverified) || !errors.Is(r.Err(), ErrOfflineSkipped) {
		t.Fatalf("offline did:web:\n%s", r)
	}
	r = mustVerify(t, offlineVerifier(t, Config{HTTPClient: s.Client(), Offline: true, UnsafeAllowPrivateAddresses: true}), cred)
	if r.Check(CheckKey).Outcome != NotEstablished || r.Verdict != Unverified {
		t.Fatalf("Offline must win over HTTPClient:\n%s", r)
	}
}

func TestDIDWebAbuse(t *testing.T) {
	iss := newIssuer(t)

	t.Run("private address refused", func(t *testing.T) {
		s := newTLSServer(t)
		web := didWebIssuer(t, s, iss, "application/did+json")
		v := offlineVerifier(t, Config{HTTPClient: s.Client()}) // UnsafeAllowPrivateAddresses false
		r := mustVerify(t, v, issue(t, web, nil))
		expectFail(t, r, CheckKey, ErrNetwork)
		if s.hits.Load() != 0 {
			t.Error("the private address was contacted")
		}
	})
	t.Run("name resolving to loopback refused at dial time", func(t *testing.T) {
		s := newTLSServer(t)
		u, _ := url.Parse(s.URL)
		f := newFetcher(&Config{HTTPClient: s.Client()}, Limits{}.withDefaults())
		// get refuses "localhost" by name before dialling; go straight to the
		// client to prove the dial-time check (the DNS-rebinding defence)
		// holds on its own. localhost resolves from /etc/hosts, not DNS.
		_, err := f.client.Get("https://localhost:" + u.Port() + "/x")
		if err == nil || !strings.Contains(err.Error(), "not public") {
			t.Fatalf("err = %v", err)
		}
		_, err = f.get(t.Context(), "https://localhost:"+u.Port()+"/x", jsonTypes)
		if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), "not public") {
			t.Fatalf("err = %v", err)
		}
		if s.hits.Load() != 0 {
			t.Error("the loopback server was contacted")
		}
	})
	t.Run("redirect to another host", func(t *testing.T) {
		target := newTLSServer(t)
		web := didWebIssuer(t, target, iss, "application/did+json")
		s := newTLSServer(t)
		s.mux.HandleFunc("/.well-known/did.json", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+"/.well-known/did.json", http.StatusFound)
		})
		// The credential names s's did:web, whose document redirects away.
		cred := issue(t, testIssuer{key: web.key, did: s.didWeb(), vm: s.didWeb() + "#key-1"}, nil)
		r := mustVerify(t, onlineVerifier(t, s, Config{}), cred)
		expectFail(t, r, CheckKey, ErrNetwork)
		if !strings.Contains(r.Check(CheckKey).Message, "another host") {
			t.Errorf("message: %s", r.Check(CheckKey).Message)
		}
	})
	t.Run("non-https key URL", func(t *testing.T) {
		s := newTLSServer(t)
		plain := strings.Replace(s.URL, "https://", "http://", 1)
		cred := signDI(t, unsignedCredential(t, plain+"/issuer", nil), iss, credential.SignOptions{VerificationMethod: plain + "/issuer#key-1"})
		r := mustVerify(t, onlineVerifier(t, s, Config{}), cred)
		expectFail(t, r, CheckKey, ErrNetwork)
	})
	t.Run("huge response", func(t *testing.T) {
		s := newTLSServer(t)
		s.mux.HandleFunc("/.well-known/did.json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/did+json")
			chunk := bytes.Repeat([]byte(" "), 64<<10)
			for i := 0; i < 64; i++ { // 4 MiB, streamed without a length
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		})
		cred := issue(t, testIssuer{key: iss.key, did: s.didWeb(), vm: s.didWeb() + "#key-1"}, nil)
		r := mustVerify(t, onlineVerifier(t, s, Config{}), cred)
		expectFail(t, r, CheckKey, ErrLimit)
	})
	t.Run("slow server past the deadline", func(t *testing.T) {
		s := newTLSServer(t)
		s.mux.HandleFunc("/.well-known/did.json", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(20 * time.Second):
			}
			// Never an empty 200: returning normally would send one if the
			// request context ended before the client's own deadline
			// (seen once under -race), and the test would then be about a
			// malformed document instead of a slow server.
			panic(http.ErrAbortHandler)
		})
		cred := issue(t, testIssuer{key: iss.key, did: s.didWeb(), vm: s.didWeb() + "#key-1"}, nil)
		start := time.Now()
		r := mustVerify(t, onlineVerifier(t, s, Config{Limits: Limits{FetchTimeout: 300 * time.Millisecond}}), cred)
		expectFail(t, r, CheckKey, ErrNetwork)
		if time.Since(start) > 15*time.Second {
			t.Error("the fetch deadline was not applied") // hang guard, not a timing assertion
		}
	})
	t.Run("wrong content type", func(t *testing.T) {
		s := newTLSServer(t)
		web := didWebIssuer(t, s, iss, "text/html")
		expectFail(t, mustVerify(t, onlineVerifier(t, s, Config{}), issue(t, web, nil)), CheckKey, ErrNetwork)
	})
	t.Run("document for another DID", func(t *testing.T) {
		s := newTLSServer(t)
		other := newTLSServer(t)
		web := didWebIssuer(t, other, iss, "application/did+json") // a document naming other's DID
		body := readBody(t, other, "/.well-known/did.json")
		s.serve("/.well-known/did.json", "application/did+json", body)
		cred := issue(t, testIssuer{key: web.key, did: s.didWeb(), vm: s.didWeb() + "#key-1"}, nil)
		expectFail(t, mustVerify(t, onlineVerifier(t, s, Config{}), cred), CheckKey, ErrKey)
	})
}

func readBody(t *testing.T, s *tlsServer, path string) []byte {
	resp, err := s.Client().Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return b.Bytes()
}

func TestIsPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false,
		"64:ff9b::a00:1": false, "224.0.0.1": false,
	} {
		if got := isPublic(netip.MustParseAddr(addr)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", addr, got, want)
		}
	}
}

// statusFixture is an issuer with a status list published on a TLS server.
type statusFixture struct {
	s    *tlsServer
	iss  testIssuer
	list *status.List
	url  string
	v    *Verifier
}

func newStatusFixture(t testing.TB, purpose status.Purpose) *statusFixture {
	f := &statusFixture{s: newTLSServer(t), iss: newIssuer(t)}
	var err error
	if f.list, err = status.New(purpose, status.Options{}); err != nil {
		t.Fatal(err)
	}
	f.url = f.s.URL + "/status/1"
	f.publish(t, f.iss)
	f.v = onlineVerifier(t, f.s, Config{Cache: CacheConfig{DisableCaching: true}})
	return f
}

// publish signs the list with signer and serves it.
func (f *statusFixture) publish(t testing.TB, signer testIssuer) {
	unsigned, err := f.list.Credential(status.CredentialOptions{ID: f.url, Issuer: signer.did, ValidFrom: fixedNow.Add(-24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	signed := signDI(t, unsigned, signer, credential.SignOptions{})
	f.s.mux = http.NewServeMux()
	f.s.serve("/status/1", "application/vc+ld+json", signed)
}

// credential issues a credential carrying index i's status entry.
func (f *statusFixture) credential(t testing.TB, i int) []byte {
	e, err := f.list.Entry(f.url, i)
	if err != nil {
		t.Fatal(err)
	}
	return issue(t, f.iss, func(m map[string]any) { m["credentialStatus"] = e })
}

func TestStatusRevocation(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	i, _ := f.list.AllocateRandom(nil)
	cred := f.credential(t, i)
	if r := mustVerify(t, f.v, cred); r.Verdict != Verified {
		t.Fatalf("before revocation:\n%s", r)
	}
	if err := f.list.Revoke(i); err != nil {
		t.Fatal(err)
	}
	f.publish(t, f.iss)
	expectFail(t, mustVerify(t, f.v, cred), CheckStatus, ErrRevoked)

	// Another credential on the same list is unaffected.
	j, _ := f.list.AllocateRandom(nil)
	if r := mustVerify(t, f.v, f.credential(t, j)); r.Verdict != Verified {
		t.Fatalf("neighbour:\n%s", r)
	}
	// Offline: not established, so unverified, never a pass.
	r := mustVerify(t, offlineVerifier(t, Config{}), cred)
	if c := r.Check(CheckStatus); c.Outcome != NotEstablished || c.Detail["skipped"] != true || r.Verdict != Unverified || r.OK() {
		t.Fatalf("offline status:\n%s", r)
	}
}

func TestStatusSuspension(t *testing.T) {
	f := newStatusFixture(t, status.Suspension)
	i, _ := f.list.Allocate()
	cred := f.credential(t, i)
	_ = f.list.Suspend(i)
	f.publish(t, f.iss)
	expectFail(t, mustVerify(t, f.v, cred), CheckStatus, ErrSuspended)
	_ = f.list.Reinstate(i)
	f.publish(t, f.iss)
	if r := mustVerify(t, f.v, cred); r.Verdict != Verified {
		t.Fatalf("after reinstatement:\n%s", r)
	}
}

func TestStatusListSignedBySomeoneElse(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	i, _ := f.list.Allocate()
	cred := f.credential(t, i)
	// A list (everything clear) under another issuer's name is read, as
	// status services with a dedicated key publish them, but its unset bit
	// is only a warning naming its signer (issue 10 § 5)...
	other := newIssuer(t)
	f.publish(t, other)
	r := mustVerify(t, f.v, cred)
	if c := r.Check(CheckStatus); r.Verdict != VerifiedWithWarnings || c.Outcome != Warn || !strings.Contains(c.Message, other.did) {
		t.Fatalf("list from another issuer:\n%s", r)
	}
	// ...and refused when the host requires the credential's own issuer.
	strictIssuer := onlineVerifier(t, f.s, Config{RequireStatusListIssuer: true})
	expectUnverified(t, mustVerify(t, strictIssuer, cred), CheckStatus, ErrStatus)
	// A set revocation bit on such a list is believed: fail closed.
	_ = f.list.Revoke(i)
	f.publish(t, other)
	expectFail(t, mustVerify(t, f.v, cred), CheckStatus, ErrRevoked)
	_ = f.list.Reinstate(i)
	// A list that claims the issuer's name but is signed with another key,
	// or is unsigned, establishes nothing: unverified, never OK.
	attacker := newIssuer(t)
	unsigned, _ := f.list.Credential(status.CredentialOptions{ID: f.url, Issuer: f.iss.did})
	f.s.mux = http.NewServeMux()
	f.s.serve("/status/1", "application/json", signDI(t, unsigned, attacker, credential.SignOptions{}))
	expectUnverified(t, mustVerify(t, f.v, cred), CheckStatus, ErrStatus)
	f.s.mux = http.NewServeMux()
	f.s.serve("/status/1", "application/json", unsigned)
	expectUnverified(t, mustVerify(t, f.v, cred), CheckStatus, ErrStatus)
}

func TestStatusGzipBomb(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(make([]byte, DefaultMaxStatusListBytes+1)) // one byte past the 16 MiB cap, ~16 KiB compressed
	zw.Close()
	bomb := "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
	unsigned, _ := f.list.Credential(status.CredentialOptions{ID: f.url, Issuer: f.iss.did})
	var m map[string]any
	_ = json.Unmarshal(unsigned, &m)
	m["credentialSubject"].(map[string]any)["encodedList"] = bomb
	unsigned, _ = json.Marshal(m)
	f.s.mux = http.NewServeMux()
	f.s.serve("/status/1", "application/json", signDI(t, unsigned, f.iss, credential.SignOptions{}))
	v := onlineVerifier(t, f.s, Config{Limits: Limits{MaxFetchBytes: 4 << 20}})
	r := mustVerify(t, v, f.credential(t, 0))
	expectUnverified(t, r, CheckStatus, status.ErrTooLarge)
}

func TestStatusCache(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	v := onlineVerifier(t, f.s, Config{})
	cred := f.credential(t, 7)
	mustVerify(t, v, cred)
	before := f.s.hits.Load()
	for range 5 {
		if r := mustVerify(t, v, cred); r.Verdict != Verified {
			t.Fatal(r)
		}
	}
	if f.s.hits.Load() != before {
		t.Errorf("status list fetched %d more times; the cache should have served it", f.s.hits.Load()-before)
	}
}

// extensionsContext defines the 1EdTech status and refresh types.
const extensionsContext = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

func TestRevocationList1EdTech(t *testing.T) {
	s := newTLSServer(t)
	iss := newIssuer(t)
	mk := func(id string) []byte {
		return issue(t, iss, func(m map[string]any) {
			m["@context"] = append(m["@context"].([]any), extensionsContext)
			m["id"] = id
			m["credentialStatus"] = map[string]any{"id": s.URL + "/revocations", "type": "1EdTechRevocationList"}
		})
	}
	s.serve("/revocations", "application/json", []byte(`{"id":"x","revokedCredential":[{"id":"urn:uuid:revoked","revocationReason":"issued in error"}]}`))
	v := onlineVerifier(t, s, Config{})
	expectFail(t, mustVerify(t, v, mk("urn:uuid:revoked")), CheckStatus, ErrRevoked)
	if r := mustVerify(t, v, mk("urn:uuid:fine")); r.Verdict != Verified {
		t.Fatalf("not listed:\n%s", r)
	}
}

func TestRefresh(t *testing.T) {
	s := newTLSServer(t)
	iss := newIssuer(t)
	mod := func(name string) func(map[string]any) {
		return func(m map[string]any) {
			m["@context"] = append(m["@context"].([]any), extensionsContext)
			m["name"] = name
			m["refreshService"] = map[string]any{"id": s.URL + "/refresh", "type": "1EdTechCredentialRefresh"}
		}
	}
	fresh := issue(t, iss, mod("Teamwork Badge (refreshed)"))
	s.serve("/refresh", "application/vc+ld+json", fresh)
	v := onlineVerifier(t, s, Config{})
	r := mustVerify(t, v, issue(t, iss, mod("Teamwork Badge")))
	if r.Verdict != Verified || r.Check(CheckRefresh).Outcome != Pass || !strings.Contains(string(r.Credential), "(refreshed)") {
		t.Fatalf("refresh:\n%s", r)
	}
	// A refresh signed by someone else is ignored with a warning.
	s.mux = http.NewServeMux()
	s.serve("/refresh", "application/json", signDI(t, unsignedCredential(t, iss.did, mod("forged")), newIssuer(t), credential.SignOptions{}))
	r = mustVerify(t, v, issue(t, iss, mod("Teamwork Badge")))
	if r.Check(CheckRefresh).Outcome != Warn || strings.Contains(string(r.Credential), "forged") {
		t.Fatalf("forged refresh:\n%s", r)
	}
}

func TestHTTPSControllerDocuments(t *testing.T) {
	s := newTLSServer(t)
	iss := newIssuer(t)
	mk, _ := credential.EncodeMultikey(iss.key.Public())
	issuerURL := s.URL + "/issuer"
	// A controller document listing the key under assertionMethod.
	s.serve("/issuer", "application/ld+json", []byte(fmt.Sprintf(`{"@context":["https://www.w3.org/ns/cid/v1"],"id":%q,
		"verificationMethod":[{"id":%q,"type":"Multikey","controller":%q,"publicKeyMultibase":%q}],
		"assertionMethod":[%q]}`, issuerURL, issuerURL+"#key-1", issuerURL, mk, issuerURL+"#key-1")))
	// A key document naming its controller.
	s.serve("/keys/1", "application/json", []byte(fmt.Sprintf(`{"id":%q,"type":"Multikey","controller":%q,"publicKeyMultibase":%q}`,
		s.URL+"/keys/1", issuerURL, mk)))
	v := onlineVerifier(t, s, Config{})
	for _, tc := range []struct {
		vm     string
		source credential.KeySource
		why    string
	}{
		{issuerURL + "#key-1", credential.KeySourceControllerDocument, "a fragment of the issuer's controller document"},
		{s.URL + "/keys/1", credential.KeySourceHTTPS, "a key document of its own that names its controller"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			cred := signDI(t, unsignedCredential(t, issuerURL, nil), iss, credential.SignOptions{VerificationMethod: tc.vm})
			r := mustVerify(t, v, cred)
			if r.Verdict != Verified || r.Check(CheckKey).Detail["source"] != string(tc.source) {
				t.Fatalf("%s (%s):\n%s", tc.vm, tc.why, r)
			}
		})
	}
	// The same key claimed for another issuer: the controller document
	// says who controls it.
	cred := signDI(t, unsignedCredential(t, s.URL+"/someone-else", nil), iss, credential.SignOptions{VerificationMethod: issuerURL + "#key-1"})
	expectFail(t, mustVerify(t, v, cred), CheckIssuerBinding, ErrIssuerBinding)
	// A key the controller document does not list.
	cred = signDI(t, unsignedCredential(t, issuerURL, nil), iss, credential.SignOptions{VerificationMethod: issuerURL + "#key-2"})
	expectFail(t, mustVerify(t, v, cred), CheckKey, ErrKey)
}

func TestRemoteCredentialSchema(t *testing.T) {
	s := newTLSServer(t)
	iss := newIssuer(t)
	s.serve("/loose.json", "application/schema+json", []byte(`{"$schema":"https://json-schema.org/draft/2019-09/schema","type":"object","required":["name"]}`))
	s.serve("/strict.json", "application/schema+json", []byte(`{"$schema":"https://json-schema.org/draft/2019-09/schema","type":"object","properties":{"name":{"minLength":100}}}`))
	cred := func(schema string) []byte {
		return issue(t, iss, func(m map[string]any) {
			m["@context"] = append(m["@context"].([]any), extensionsContext)
			m["credentialSchema"] = []any{map[string]any{"id": s.URL + schema, "type": "1EdTechJsonSchemaValidator2019"}}
		})
	}
	v := onlineVerifier(t, s, Config{})
	if r := mustVerify(t, v, cred("/loose.json")); r.Verdict != Verified {
		t.Fatalf("conforming:\n%s", r)
	}
	// A conformance finding: a warning under the default policy, a failure
	// under the strict one.
	if r := mustVerify(t, v, cred("/strict.json")); r.Verdict != VerifiedWithWarnings || !r.Check(CheckSchema).StrictFail || r.Conformant.Answer != AnswerNo {
		t.Fatalf("default policy, non-conforming:\n%s", r)
	}
	expectFail(t, mustVerify(t, onlineVerifier(t, s, Config{Policy: PolicyStrict}), cred("/strict.json")), CheckSchema, ErrSchema)
	r := mustVerify(t, offlineVerifier(t, Config{}), cred("/strict.json"))
	if c := r.Check(CheckSchema); c.Outcome != Warn || c.Detail["skipped"] != true {
		t.Fatalf("offline schema check must be a skipped warning:\n%s", r)
	}
}

// TestFragmentKeys covers the 1EdTech "<issuer-id>#<multikey>" convention,
// under which anyone can name any issuer and put their own key after '#'.
func TestFragmentKeys(t *testing.T) {
	s := newTLSServer(t)
	issuerURL := s.URL + "/issuer"
	real, attacker := newIssuer(t), newIssuer(t)
	realMK, _ := credential.EncodeMultikey(real.key.Public())
	attackerMK, _ := credential.EncodeMultikey(attacker.key.Public())
	signBy := func(k testIssuer, mk string) []byte {
		return signDI(t, unsignedCredential(t, issuerURL, nil), k, credential.SignOptions{VerificationMethod: issuerURL + "#" + mk})
	}
	genuine, forged := signBy(real, realMK), signBy(attacker, attackerMK)
	s.serve("/issuer", "application/json", issuerDocument(issuerURL, realMK))
	online := onlineVerifier(t, s, Config{})

	if r := mustVerify(t, online, genuine); r.Verdict != Verified || r.Check(CheckIssuerBinding).Detail["confirmedBy"] != issuerURL {
		t.Fatalf("key listed by the issuer:\n%s", r)
	}
	expectFail(t, mustVerify(t, online, forged), CheckIssuerBinding, ErrIssuerBinding)

	// Offline, or with no document to ask, the binding is not established:
	// unverified, never OK.
	bare := newTLSServer(t) // serves nothing: 404 at the issuer id
	bareIssuer := bare.URL + "/issuer"
	forgedBare := signDI(t, unsignedCredential(t, bareIssuer, nil), attacker, credential.SignOptions{VerificationMethod: bareIssuer + "#" + attackerMK})
	for name, tc := range map[string]struct {
		v   *Verifier
		doc []byte
	}{
		"offline":     {offlineVerifier(t, Config{}), forged},
		"no document": {onlineVerifier(t, bare, Config{}), forgedBare},
	} {
		t.Run(name, func(t *testing.T) {
			expectUnverified(t, mustVerify(t, tc.v, tc.doc), CheckIssuerBinding, ErrIssuerBinding)
		})
	}
	// The validator-compatible switch takes the fragment at its word.
	unsafe := offlineVerifier(t, Config{UnsafeTrustFragmentKeys: true})
	if r := mustVerify(t, unsafe, forged); r.Verdict != Verified {
		t.Fatalf("UnsafeTrustFragmentKeys:\n%s", r)
	}
}

func TestStatusListAsJWT(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	i, _ := f.list.Allocate()
	_ = f.list.Revoke(i)
	unsigned, _ := f.list.Credential(status.CredentialOptions{ID: f.url, Issuer: f.iss.did, ValidFrom: fixedNow.Add(-time.Hour)})
	token, err := credential.SignJWT(t.Context(), unsigned, f.iss.key, credential.JWTOptions{KeyID: f.iss.vm})
	if err != nil {
		t.Fatal(err)
	}
	f.s.mux = http.NewServeMux()
	f.s.serve("/status/1", "application/vc+jwt", []byte(token))
	expectFail(t, mustVerify(t, f.v, f.credential(t, i)), CheckStatus, ErrRevoked)
	j, _ := f.list.Allocate()
	if r := mustVerify(t, f.v, f.credential(t, j)); r.Verdict != Verified {
		t.Fatalf("not revoked, JWT list:\n%s", r)
	}
}

// TestStatusListFragmentKey: a list signed with a key that is only named
// in a fragment of the issuer id counts only if that key also signed the
// credential.
func TestStatusListFragmentKey(t *testing.T) {
	s := newTLSServer(t)
	issuerURL := s.URL + "/issuer"
	iss, other := newIssuer(t), newIssuer(t)
	issMK, _ := credential.EncodeMultikey(iss.key.Public())
	otherMK, _ := credential.EncodeMultikey(other.key.Public())
	s.serve("/issuer", "application/json", issuerDocument(issuerURL, issMK))
	list, _ := status.New(status.Revocation, status.Options{})
	publish := func(k testIssuer, mk string) {
		unsigned, _ := list.Credential(status.CredentialOptions{ID: s.URL + "/status/" + mk, Issuer: issuerURL})
		signed := signDI(t, unsigned, k, credential.SignOptions{VerificationMethod: issuerURL + "#" + mk})
		s.mux.HandleFunc("/status/"+mk, func(w http.ResponseWriter, r *http.Request) { w.Write(signed) })
	}
	publish(iss, issMK)
	publish(other, otherMK)
	credFor := func(listPath string) []byte {
		e, _ := list.Entry(s.URL+listPath, 3)
		return signDI(t, unsignedCredential(t, issuerURL, func(m map[string]any) { m["credentialStatus"] = e }), iss,
			credential.SignOptions{VerificationMethod: issuerURL + "#" + issMK})
	}
	v := onlineVerifier(t, s, Config{})
	if r := mustVerify(t, v, credFor("/status/"+issMK)); r.Verdict != Verified {
		t.Fatalf("list signed with the credential's own key:\n%s", r)
	}
	expectUnverified(t, mustVerify(t, v, credFor("/status/"+otherMK)), CheckStatus, ErrStatus)

}

// issuerDocument is a controller document for issuerURL that lists one
// Multikey, named "<issuerURL>#<multikey>", for assertions.
func issuerDocument(issuerURL, multikey string) []byte {
	vm := issuerURL + "#" + multikey
	return fmt.Appendf(nil, `{"id":%q,"verificationMethod":[{"id":%q,"type":"Multikey","controller":%q,"publicKeyMultibase":%q}],"assertionMethod":[%q]}`,
		issuerURL, vm, issuerURL, multikey, vm)
}
