package credential_test

import (
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/microcred/microcred/credential"
)

func TestDIDWebRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		url, did, doc string
		why           string
	}{
		{"https://example.edu", "did:web:example.edu", "https://example.edu/.well-known/did.json", "a bare host uses .well-known"},
		{"https://Example.EDU/", "did:web:example.edu", "https://example.edu/.well-known/did.json", "host names are case-insensitive; a trailing slash is no path"},
		{"https://example.edu:8443/issuers/registrar", "did:web:example.edu%3A8443:issuers:registrar", "https://example.edu:8443/issuers/registrar/did.json", "a port is %3A, path segments are colons"},
		{"https://example.edu/issuers/registrar/did.json", "did:web:example.edu:issuers:registrar", "https://example.edu/issuers/registrar/did.json", "the document URL itself maps to its DID"},
		{"https://example.edu/.well-known/did.json", "did:web:example.edu", "https://example.edu/.well-known/did.json", "the .well-known document URL maps to the bare DID"},
		{"https://127.0.0.1:9443", "did:web:127.0.0.1%3A9443", "https://127.0.0.1:9443/.well-known/did.json", "an IPv4 address with a port (test servers)"},
		{"https://example.edu/a%20b", "did:web:example.edu:a%20b", "https://example.edu/a%20b/did.json", "escaped path segments stay escaped"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			did, err := credential.DIDWeb(tc.url)
			if err != nil || did != tc.did {
				t.Fatalf("DIDWeb(%q) = %q, %v; want %q (%s)", tc.url, did, err, tc.did, tc.why)
			}
			doc, err := credential.DIDWebURL(did)
			if err != nil || doc != tc.doc {
				t.Errorf("DIDWebURL(%q) = %q, %v; want %q (%s)", did, doc, err, tc.doc, tc.why)
			}
			if again, err := credential.DIDWeb(doc); err != nil || again != did {
				t.Errorf("DIDWeb(DIDWebURL(%q)) = %q, %v: not the inverse (%s)", did, again, err, tc.why)
			}
		})
	}
}

func TestDIDWebRefuses(t *testing.T) {
	for _, tc := range []struct{ url, why string }{
		{"http://example.edu", "did:web is https only"},
		{"https://example.edu?x=1", "a query cannot be written in a did:web"},
		{"https://example.edu#k", "a fragment names a key, not an issuer"},
		{"https://user@example.edu", "user information is not part of a did:web"},
		{"https://[::1]:8443", "an IPv6 literal's colons would read as path separators"},
		{"https://example.edu/a//b", "an empty path segment"},
		{"https://example.edu/a/../b", "a dot-dot segment"},
		{"https://example.edu/a%3Ab", "a colon inside a segment would split it"},
		{"example.edu", "not a URL with a scheme"},
	} {
		t.Run("url/"+tc.why, func(t *testing.T) {
			if did, err := credential.DIDWeb(tc.url); !errors.Is(err, credential.ErrInvalidDID) {
				t.Errorf("DIDWeb(%q) = %q, %v; want ErrInvalidDID (%s)", tc.url, did, err, tc.why)
			}
		})
	}
	for _, tc := range []struct{ did, why string }{
		{"did:key:z6Mk", "another method"},
		{"did:web:", "no host"},
		{"did:web:example.edu/path", "a slash instead of a colon"},
		{"did:web:example.edu:..", "a dot-dot segment"},
		{"did:web:example.edu::x", "an empty segment"},
		{"did:web:%3A443", "a port without a host"},
		{"did:web:user@example.edu", "user information"},
		{"did:web:a%2Fb", "an escaped slash in the host"},
		{"did:web:evil.com%40good.com", "an escaped @ would make the host user information"},
	} {
		t.Run("did/"+tc.why, func(t *testing.T) {
			if u, err := credential.DIDWebURL(tc.did); !errors.Is(err, credential.ErrInvalidDID) {
				t.Errorf("DIDWebURL(%q) = %q, %v; want ErrInvalidDID (%s)", tc.did, u, err, tc.why)
			}
		})
	}
}

// TestDIDWebDocumentRotation publishes a document with a retired and a
// current key and reads it back as a verifier would.
func TestDIDWebDocumentRotation(t *testing.T) {
	const did = "did:web:registrar.example.edu"
	old, _ := credential.GenerateKey(credential.KeyEd25519)
	cur, _ := credential.GenerateKey(credential.KeyP256)
	rsa, _ := credential.GenerateKey(credential.KeyRSA)
	doc, err := credential.DIDWebDocument(did,
		credential.WebKey{Public: old.Public(), Fragment: "key-2025", Retired: true},
		credential.WebKey{Public: cur.Public(), Fragment: "key-2026"},
		credential.WebKey{Public: rsa.Public()},
	)
	if err != nil {
		t.Fatal(err)
	}
	published, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	read, err := credential.ParseDIDDocument(published)
	if err != nil {
		t.Fatalf("the published document does not parse: %v\n%s", err, published)
	}
	// The RFC 7638 thumbprint as go-jose computes it, not as we do.
	tp, err := (&jose.JSONWebKey{Key: rsa.Public()}).Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	rsaID := did + "#" + base64.RawURLEncoding.EncodeToString(tp)
	for _, tc := range []struct {
		id  string
		rel credential.Relationship
		key crypto.Signer
		ok  bool
		why string
	}{
		{did + "#key-2025", credential.AssertionMethod, old, true, "a retired key still vouches for what it signed"},
		{did + "#key-2025", credential.Authentication, old, false, "a retired key no longer authenticates"},
		{did + "#key-2026", credential.AssertionMethod, cur, true, "the current key issues"},
		{did + "#key-2026", credential.Authentication, cur, true, "the current key authenticates"},
		{rsaID, credential.AssertionMethod, rsa, true, "an RSA key is named by its JWK thumbprint"},
		{did + "#key-2024", credential.AssertionMethod, nil, false, "a key never published"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			vm, err := read.VerificationMethodFor(tc.id, tc.rel)
			if (err == nil) != tc.ok {
				t.Fatalf("VerificationMethodFor(%s, %s) = %v; want ok=%v (%s)", tc.id, tc.rel, err, tc.ok, tc.why)
			}
			if tc.ok {
				if eq, _ := vm.PublicKey.(interface{ Equal(crypto.PublicKey) bool }); eq == nil || !eq.Equal(tc.key.Public()) {
					t.Errorf("%s resolves to another key (%s)", tc.id, tc.why)
				}
			}
		})
	}
}

func TestDIDWebDocumentRefuses(t *testing.T) {
	k, _ := credential.GenerateKey(credential.KeyEd25519)
	for _, tc := range []struct {
		did  string
		keys []credential.WebKey
		why  string
	}{
		{"did:key:z6Mk", []credential.WebKey{{Public: k.Public()}}, "not a did:web"},
		{"did:web:example.edu", nil, "no key"},
		{"did:web:example.edu", []credential.WebKey{{}}, "a key without a public key"},
		{"did:web:example.edu", []credential.WebKey{{Public: k.Public(), Fragment: "a"}, {Public: k.Public(), Fragment: "a"}}, "two keys with one name"},
		{"did:web:example.edu", []credential.WebKey{{Public: k.Public(), Fragment: "a#b"}}, "a fragment that is not a name"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if _, err := credential.DIDWebDocument(tc.did, tc.keys...); err == nil {
				t.Errorf("DIDWebDocument(%s, %d keys) succeeded; want an error (%s)", tc.did, len(tc.keys), tc.why)
			}
		})
	}
}

func TestIssuerKeyFor(t *testing.T) {
	for _, tc := range []struct {
		kt     credential.KeyType
		prefix string
		why    string
	}{
		{credential.KeyEd25519, "did:key:z6Mk", "an Ed25519 key has a did:key of its own"},
		{credential.KeyP256, "did:key:zDn", "a P-256 key has a did:key of its own"},
		{credential.KeyP384, "did:key:z82", "a P-384 key has a did:key of its own"},
		{credential.KeyRSA, "did:jwk:", "an RSA key is written as did:jwk"},
	} {
		t.Run(string(tc.kt), func(t *testing.T) {
			signer, _ := credential.GenerateKey(tc.kt)
			k, err := credential.IssuerKeyFor(signer)
			if err != nil {
				t.Fatalf("%s: %v (%s)", tc.kt, err, tc.why)
			}
			if !strings.HasPrefix(k.DID, tc.prefix) || !strings.HasPrefix(k.VerificationMethod, k.DID+"#") {
				t.Errorf("%s: DID %q, method %q; want a %s… DID and a URL of it (%s)", tc.kt, k.DID, k.VerificationMethod, tc.prefix, tc.why)
			}
			vm, err := credential.OfflineResolver{}.ResolveVerificationMethod(context.Background(), k.VerificationMethod)
			if err != nil {
				t.Fatal(err)
			}
			if eq, _ := vm.PublicKey.(interface{ Equal(crypto.PublicKey) bool }); eq == nil || !eq.Equal(signer.Public()) {
				t.Errorf("%s: %s resolves to another key", tc.kt, k.VerificationMethod)
			}
		})
	}
	if _, err := credential.IssuerKeyFor(nil); !errors.Is(err, credential.ErrInvalidOptions) {
		t.Errorf("IssuerKeyFor(nil) = %v; want ErrInvalidOptions", err)
	}
}

// TestAddProofRefusesForeignMethod: a verification method that names
// another key than the signer's is caught when signing, where it can be
// told offline.
func TestAddProofRefusesForeignMethod(t *testing.T) {
	signer, _ := credential.GenerateKey(credential.KeyEd25519)
	other, _ := credential.NewIssuerKey(credential.KeyEd25519)
	otherMK, _ := credential.EncodeMultikey(other.Signer.Public())
	mine, _ := credential.IssuerKeyFor(signer)
	myMK, _ := credential.EncodeMultikey(signer.Public())
	doc := []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:example:x","credentialSubject":{"id":"did:example:s"}}`)
	for _, tc := range []struct {
		vm  string
		ok  bool
		why string
	}{
		{mine.VerificationMethod, true, "the signer's own did:key"},
		{other.VerificationMethod, false, "another key's did:key"},
		{other.DID, false, "another key's bare did:key"},
		{"did:web:example.edu#" + otherMK, false, "a fragment that is another key's Multikey"},
		{"did:web:example.edu#" + myMK, true, "a fragment that is the signer's Multikey"},
		{"did:web:example.edu#key-1", true, "a named fragment: only the verifier can check it"},
		{"https://example.edu/keys/1", true, "an https key URL: only the verifier can check it"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			_, err := credential.AddProof(context.Background(), doc, credential.SignOptions{Signer: signer, VerificationMethod: tc.vm})
			if (err == nil) != tc.ok {
				t.Errorf("AddProof with %s: %v; want ok=%v (%s)", tc.vm, err, tc.ok, tc.why)
			}
			if err != nil && !errors.Is(err, credential.ErrInvalidOptions) {
				t.Errorf("AddProof with %s: %v; want ErrInvalidOptions (%s)", tc.vm, err, tc.why)
			}
		})
	}
}

// TestAddProofRefusesCaseVariants: signing adds "proof" (and sometimes
// extends "@context"); a document already holding a case variant of either
// would come out with two names a strict reader takes for one, and no
// verifier would accept what we issued (found by FuzzAddProof).
func TestAddProofRefusesCaseVariants(t *testing.T) {
	signer, _ := credential.GenerateKey(credential.KeyEd25519)
	mine, _ := credential.IssuerKeyFor(signer)
	for _, tc := range []struct {
		doc   string
		suite string
		ok    bool
		why   string
	}{
		{`{"a":1}`, credential.SuiteEdDSAJCS2022, true, "no proof yet"},
		{`{"prooF":{}}`, credential.SuiteEdDSAJCS2022, false, "a case variant of proof"},
		{`{"PROOF":1,"a":1}`, credential.SuiteEdDSAJCS2022, false, "an upper-case proof"},
		{`{"@Context":"https://www.w3.org/ns/credentials/v2","a":1}`, credential.SuiteEdDSAJCS2022, false, "a case variant of @context"},
		{`{"proofs":{},"a":1}`, credential.SuiteEdDSAJCS2022, true, "a longer name is another member"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			out, err := credential.AddProof(context.Background(), []byte(tc.doc), credential.SignOptions{Signer: signer, VerificationMethod: mine.VerificationMethod, Cryptosuite: tc.suite})
			if (err == nil) != tc.ok {
				t.Fatalf("AddProof(%s): %v; want ok=%v (%s)", tc.doc, err, tc.ok, tc.why)
			}
			if err != nil {
				if !errors.Is(err, credential.ErrMalformed) {
					t.Errorf("error %v does not match ErrMalformed", err)
				}
				return
			}
			if _, err := credential.VerifyProofs(context.Background(), out, credential.VerifyOptions{}); err != nil {
				t.Errorf("what we signed does not verify: %v", err)
			}
		})
	}
}
