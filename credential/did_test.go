package credential

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDIDRoundTrip(t *testing.T) {
	ctx := context.Background()
	var r OfflineResolver
	for _, kt := range signingKeyTypes {
		k := testKeys[kt]
		type mk struct {
			name string
			did  func(crypto.PublicKey) (string, error)
			vm   func(crypto.PublicKey) (string, error)
		}
		methods := []mk{{"did:jwk", DIDJWK, DIDJWKVerificationMethod}}
		if kt != KeyRSA {
			methods = append(methods, mk{"did:key", DIDKey, DIDKeyVerificationMethod})
		}
		for _, m := range methods {
			did, err := m.did(k.Public())
			if err != nil {
				t.Fatalf("%s %s: %v", m.name, kt, err)
			}
			vmID, _ := m.vm(k.Public())
			doc, err := r.ResolveDID(ctx, did)
			if err != nil {
				t.Fatalf("%s %s: ResolveDID: %v", m.name, kt, err)
			}
			vm, err := doc.VerificationMethodFor(vmID, AssertionMethod)
			if err != nil {
				t.Fatalf("%s %s: VerificationMethodFor: %v", m.name, kt, err)
			}
			if !vm.PublicKey.(interface{ Equal(crypto.PublicKey) bool }).Equal(k.Public()) || vm.Controller != did || vm.ID != vmID {
				t.Errorf("%s %s: resolved %+v", m.name, kt, vm)
			}
			if vm2, err := r.ResolveVerificationMethod(ctx, vmID); err != nil || vm2.ID != vmID {
				t.Errorf("%s %s: ResolveVerificationMethod(%q) = %+v, %v", m.name, kt, vmID, vm2, err)
			}
			// The document survives JSON and still authorizes the key.
			b, _ := json.Marshal(doc)
			doc2, err := ParseDIDDocument(b)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := doc2.VerificationMethodFor(vmID, AssertionMethod); err != nil {
				t.Errorf("%s %s: after JSON round trip: %v", m.name, kt, err)
			}
		}
	}
	if _, err := DIDKey(testKeys[KeyRSA].Public()); !errors.Is(err, errUnsupportedKey) {
		t.Errorf("DIDKey(RSA) error = %v, want errUnsupportedKey", err)
	}
}

func TestOfflineResolverErrors(t *testing.T) {
	ctx := context.Background()
	did, _ := DIDKey(testKeys[KeyEd25519].Public())
	tests := []struct {
		id   string
		want error
		why  string
	}{
		{"did:web:example.com", errUnsupportedDIDMethod, "did:web needs the network"},
		{"did:example:123#key-1", errUnsupportedDIDMethod, "unknown method"},
		{"https://example.com/key", errUnsupportedDIDMethod, "not a DID: another resolver's job"},
		{"did:", ErrInvalidDID, "no method"},
		{"did:key:", ErrInvalidDID, "empty identifier"},
		{"did:KEY:z6Mk", ErrInvalidDID, "method names are lowercase"},
		{did + "/path", ErrInvalidDID, "paths are not defined for did:key"},
		{did + "#other", errVerificationMethodNotFound, "fragment that is not the key"},
		{did, errVerificationMethodNotFound, "a bare DID dereferences to the document, not a key, even with one key (Controlled Identifiers 1.0 § 3.3; acceptance BUGS.md #1)"},
		{"did:key:z" + strings.Repeat("1", MaxDIDLength), ErrInvalidDID, "oversized"},
		{"did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", errUnsupportedKey, "secp256k1"},
		{"did:key:z6Mk0", errInvalidMultikey, "bad base58"},
		{"did:jwk:!!!", ErrInvalidDID, "bad base64url"},
		{"did:jwk:eyJrdHkiOiJvY3QiLCJrIjoiQUFBQSJ9", errUnsupportedKey, "symmetric JWK"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			_, err := OfflineResolver{}.ResolveVerificationMethod(ctx, tt.id)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: ResolveVerificationMethod(%.40q) error = %v, want %v", tt.why, tt.id, err, tt.want)
			}
		})
	}
}

func TestVerificationMethodForAuthorization(t *testing.T) {
	doc, err := ParseDIDDocument([]byte(`{
	  "id": "did:example:issuer",
	  "verificationMethod": [
	    {"id": "#assert", "type": "Multikey", "controller": "did:example:issuer",
	     "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"},
	    {"id": "did:example:issuer#auth-only", "type": "Multikey", "controller": "did:example:issuer",
	     "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"},
	    {"id": "#foreign", "type": "Multikey", "controller": "did:example:mallory",
	     "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"}
	  ],
	  "assertionMethod": ["did:example:issuer#assert", "#foreign",
	    {"id": "#embedded", "type": "Multikey", "controller": "did:example:issuer",
	     "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"}],
	  "authentication": ["#auth-only"]
	}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		rel  Relationship
		want error
		why  string
	}{
		{"did:example:issuer#assert", AssertionMethod, nil, "listed by absolute id, defined relatively"},
		{"#assert", AssertionMethod, nil, "relative lookup"},
		{"#embedded", AssertionMethod, nil, "embedded in the relationship"},
		{"#auth-only", AssertionMethod, errNotAuthorized, "authentication key used to assert"},
		{"#auth-only", Authentication, nil, "authentication key used to authenticate"},
		{"#foreign", AssertionMethod, errNotAuthorized, "controller is someone else"},
		{"#missing", AssertionMethod, errVerificationMethodNotFound, "no such method"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			_, err := doc.VerificationMethodFor(tt.id, tt.rel)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: VerificationMethodFor(%q, %s) error = %v, want %v", tt.why, tt.id, tt.rel, err, tt.want)
			}
		})
	}
}

// TestDIDKeyDocumentKeyDecodedOnce: a did:key document's method hands
// Resolve the key its identifier decoded to, and a host that changes the
// method's publicKeyMultibase afterwards gets that key, not the stale one.
func TestDIDKeyDocumentKeyDecodedOnce(t *testing.T) {
	ctx := context.Background()
	did, _ := DIDKey(testKeys[KeyEd25519].Public())
	other, _ := DIDKey(testKeys[KeyP256].Public())
	doc, err := OfflineResolver{}.ResolveDID(ctx, did)
	if err != nil {
		t.Fatal(err)
	}
	m := doc.VerificationMethod[0]
	vm, err := m.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !testKeys[KeyEd25519].Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(vm.PublicKey) {
		t.Fatalf("Resolve gave %T, not the did:key's Ed25519 key", vm.PublicKey)
	}
	m.PublicKeyMultibase = strings.TrimPrefix(other, "did:key:")
	vm, err = m.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !testKeys[KeyP256].Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(vm.PublicKey) {
		t.Errorf("after publicKeyMultibase changed, Resolve gave %T, want the new P-256 key", vm.PublicKey)
	}
}
