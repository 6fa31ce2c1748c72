package credential

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzResolveDID: any string gives a document or an error, never a panic;
// a resolved document authorizes its own key, and a did:key resolves only
// from its canonical form.
func FuzzResolveDID(f *testing.F) {
	for _, s := range []string{
		"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
		"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
		"did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv",
		"did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJK",
		"did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9#0",
		"did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzdPUTFOei1EUThoYmVHZE5yZngtRkctSUswOCJ9",
		"did:web:example.com", "did:", "did:key:", "did:key:z", "did:jwk:e30", "",
		"did:key:z6Mki1111111111111111111111111111111111111111111#", // empty fragment, found by fuzzing
	} {
		f.Add(s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, s string) {
		var r OfflineResolver
		_, _ = r.ResolveVerificationMethod(ctx, s)
		doc, err := r.ResolveDID(ctx, s)
		if err != nil {
			return
		}
		if doc.ID != s || len(doc.VerificationMethod) != 1 {
			t.Fatalf("ResolveDID(%q): document %+v", s, doc)
		}
		rel := AssertionMethod
		if len(doc.AssertionMethod) == 0 {
			rel = KeyAgreement
		}
		if _, err := doc.VerificationMethodFor(doc.VerificationMethod[0].ID, rel); err != nil {
			t.Fatalf("ResolveDID(%q): own key not usable: %v", s, err)
		}
		if strings.HasPrefix(s, "did:key:") {
			vm, _ := doc.VerificationMethod[0].Resolve()
			if again, _ := DIDKey(vm.PublicKey); again != s {
				t.Fatalf("did:key %q resolved but re-encodes as %q", s, again)
			}
		}
	})
}

// FuzzParseDIDDocument: hostile controller documents (as did:web serves
// them) give errors, never panics, and lookups on them terminate.
func FuzzParseDIDDocument(f *testing.F) {
	doc, _ := OfflineResolver{}.ResolveDID(context.Background(), "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")
	b, _ := json.Marshal(doc)
	f.Add(b)
	f.Add([]byte(`{"id":"did:example:1","verificationMethod":[{"id":"#k","type":"JsonWebKey","controller":"did:example:1","publicKeyJwk":{"kty":"EC"}}],"assertionMethod":["#k",{"id":"#e"}]}`))
	f.Add([]byte(`{"id":"x","controller":["a","b"],"assertionMethod":[1]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ParseDIDDocument(b)
		if err != nil {
			return
		}
		for _, rel := range []Relationship{AssertionMethod, Authentication} {
			for _, ref := range d.Relationship(rel) {
				_, _ = d.VerificationMethodFor(ref.ID, rel)
			}
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("re-marshal: %v", err)
		}
	})
}
