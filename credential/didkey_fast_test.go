package credential

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// longWay is OfflineResolver under another type, so that verifier.resolve
// takes its general path (ResolveDID, VerificationMethodFor) for it.
type longWay struct{ OfflineResolver }

// TestOfflineDIDKeyMethod: the shortcut VerifyProofs takes for a did:key
// with the default resolver must give what the DID document gives, method
// for method and error for error.
func TestOfflineDIDKeyMethod(t *testing.T) {
	ed := ed25519.NewKeyFromSeed(make([]byte, 32))
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edVM, _ := DIDKeyVerificationMethod(ed.Public())
	p256VM, _ := DIDKeyVerificationMethod(p256.Public())
	edDID, _, _ := strings.Cut(edVM, "#")
	mk := strings.TrimPrefix(edDID, "did:key:")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		id, purpose string
		ctx         context.Context
		short       bool // whether the shortcut answers
		reason      string
	}{
		{edVM, "assertionMethod", nil, true, "the usual Ed25519 issuer key"},
		{p256VM, "assertionMethod", nil, true, "a P-256 key"},
		{edVM, "authentication", nil, true, "presentations"},
		{edVM, "capabilityDelegation", nil, true, "listed for every purpose a did:key document has"},
		{edVM, "keyAgreement", nil, false, "not listed: the document says why"},
		{edVM, "somethingElse", nil, false, "an unknown purpose: the document says why"},
		{edDID, "assertionMethod", nil, false, "a bare DID"},
		{edDID + "#key-1", "assertionMethod", nil, false, "another fragment: not found in the document"},
		{"did:key:" + mk + "x#" + mk + "x", "assertionMethod", nil, false, "not a key"},
		{"did:key:z" + strings.Repeat("1", 3) + mk[1:] + "#z111" + mk[1:], "assertionMethod", nil, false, "leading zero bytes: not the canonical encoding"},
		{"did:key:1:" + mk + "#" + mk, "assertionMethod", nil, false, "a version prefix"},
		{edVM + "/path", "assertionMethod", nil, false, "a fragment with a path after it"},
		{edVM, "assertionMethod", cancelled, false, "a cancelled context"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			_, short := offlineDIDKeyMethod(ctx, tt.id, tt.purpose)
			if short != tt.short {
				t.Errorf("%s: shortcut answers %v, want %v", tt.reason, short, tt.short)
			}
			fast := &verifier{opts: VerifyOptions{Resolver: OfflineResolver{}}}
			slow := &verifier{opts: VerifyOptions{Resolver: longWay{}}}
			got, gotErr := fast.resolve(ctx, tt.id, tt.purpose)
			want, wantErr := slow.resolve(ctx, tt.id, tt.purpose)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: method differs from the DID document's (-long +short):\n%s", tt.reason, diff)
			}
			if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
				t.Errorf("%s: error %v, the long way %v", tt.reason, gotErr, wantErr)
			}
			if tt.short && gotErr != nil {
				t.Errorf("%s: %v", tt.reason, gotErr)
			}
		})
	}
}

// TestVerifierCache: the first canonical document is kept apart from the
// map; every key must still find its own document and no other.
func TestVerifierCache(t *testing.T) {
	var v verifier
	keys := []transformKey{
		{canon: canonRDFC, hash: crypto.SHA256},
		{canon: canonRDFC, hash: crypto.SHA384},
		{canon: canonRDFC, hash: crypto.SHA256, chain: "urn:a"},
		{canon: canonJCS, hash: crypto.SHA256, proofScope: true},
	}
	for i, k := range keys {
		if _, ok := v.cached(k); ok {
			t.Fatalf("key %d found before it was remembered", i)
		}
		v.remember(k, &transformed{canonDoc: []byte{byte(i)}})
		for j, k2 := range keys[:i+1] {
			got, ok := v.cached(k2)
			if !ok || got.canonDoc[0] != byte(j) {
				t.Errorf("after %d remembered, key %d gives %v, %v", i+1, j, got, ok)
			}
		}
	}
}
