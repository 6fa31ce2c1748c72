package verify

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/microcred/microcred/credential"
)

// didKeyRelationships are every relationship resolveKey is asked for and
// a few it is not.
var didKeyRelationships = []credential.Relationship{
	credential.AssertionMethod, credential.Authentication, credential.CapabilityInvocation,
	credential.CapabilityDelegation, credential.KeyAgreement, "", "assertionmethod", "somethingElse",
}

// checkDIDKeyMethod holds the shortcut to the general path for one URL
// and relationship: when it answers, the general path gives the same
// method without an error. It reports whether the shortcut answered.
func checkDIDKeyMethod(t *testing.T, ctx context.Context, id string, rel credential.Relationship) bool {
	t.Helper()
	base, frag, _ := strings.Cut(id, "#")
	got, ok := didKeyMethod(ctx, id, rel)
	if !ok {
		return false
	}
	method, _, _ := strings.Cut(strings.TrimPrefix(base, "did:"), ":")
	want, err := offlineDIDMethod(ctx, id, base, frag, method, rel)
	if err != nil {
		t.Fatalf("%q for %q: the shortcut answers, the DID document refuses: %v", id, rel, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%q for %q: the shortcut's method differs from the DID document's (-document +shortcut):\n%s", id, rel, diff)
	}
	return true
}

// TestDIDKeyMethod: the did:key shortcut answers for the canonical URL of
// each key type under each relationship a did:key document lists, with
// the method its DID document gives, and leaves everything else to it.
func TestDIDKeyMethod(t *testing.T) {
	ed := ed25519.NewKeyFromSeed(make([]byte, 32))
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	ctx := context.Background()
	for _, pub := range []any{ed.Public(), p256.Public(), p384.Public()} {
		vm, err := credential.DIDKeyVerificationMethod(pub)
		if err != nil {
			t.Fatal(err)
		}
		did, mk, _ := strings.Cut(vm, "#")
		for _, rel := range didKeyRelationships {
			listed := rel == credential.AssertionMethod || rel == credential.Authentication ||
				rel == credential.CapabilityInvocation || rel == credential.CapabilityDelegation
			if got := checkDIDKeyMethod(t, ctx, vm, rel); got != listed {
				t.Errorf("%s for %q: the shortcut answers %v, want %v", vm, rel, got, listed)
			}
			for _, other := range []string{
				did,                               // a bare DID
				did + "#",                         // an empty fragment
				did + "#key-1",                    // another fragment
				did + "#" + mk + "#" + mk,         // two fragments
				vm + "/path",                      // a path after the fragment
				did + "/path#" + mk,               // a path before it
				did + "?q#" + mk,                  // a query
				"did:key:1:" + mk + "#" + mk,      // a version prefix
				"did:key:" + mk + "x#" + mk + "x", // not a key
				"did:key:z111" + mk[1:] + "#z111" + mk[1:], // leading zero bytes: not canonical
				"did:key:" + mk[:len(mk)-1] + "#" + mk[:len(mk)-1],
				strings.ToUpper(did[:7]) + did[7:] + "#" + mk, // DID:KEY:
				"did:jwk:" + mk + "#" + mk,
				"did:key:" + strings.Replace(mk, "z", "Z", 1) + "#" + strings.Replace(mk, "z", "Z", 1),
			} {
				if checkDIDKeyMethod(t, ctx, other, rel) {
					t.Errorf("%q for %q: the shortcut answers", other, rel)
				}
			}
			if checkDIDKeyMethod(t, cancelled, vm, rel) {
				t.Errorf("%s for %q: the shortcut answers with a cancelled context", vm, rel)
			}
		}
	}
}

// FuzzDIDKeyMethod is the same comparison on arbitrary URLs: whatever the
// shortcut answers, the DID document must give.
func FuzzDIDKeyMethod(f *testing.F) {
	ed := ed25519.NewKeyFromSeed(make([]byte, 32))
	vm, _ := credential.DIDKeyVerificationMethod(ed.Public())
	f.Add(vm, uint8(0))
	f.Add(vm+"x", uint8(1))
	f.Add("did:key:z6Mk#z6Mk", uint8(0))
	f.Add("did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169", uint8(2))
	f.Fuzz(func(t *testing.T, id string, rel uint8) {
		if len(id) > credential.MaxDIDLength {
			return // resolveKey refuses it before either path
		}
		checkDIDKeyMethod(t, context.Background(), id, didKeyRelationships[int(rel)%len(didKeyRelationships)])
	})
}
