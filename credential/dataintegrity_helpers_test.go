package credential

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/jcs"
)

func diReadFile(t testing.TB, path ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(path...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// diVectorFile reads a W3C Data Integrity test vector (vc-di-eddsa,
// vc-di-ecdsa) from its single copy, internal/fixtures/w3c/di.
func diVectorFile(t testing.TB, path ...string) []byte {
	t.Helper()
	return fixtures.Read(t, "w3c/di/"+strings.Join(path, "/"))
}

func diDecodeObject(t testing.TB, b []byte) map[string]any {
	t.Helper()
	v, err := jcs.Decode(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not a JSON object: %.60s", b)
	}
	return m
}

// secretKey reads a secretKeyMultibase (or the older privateKeyMultibase)
// member of a vc-di-* key pair file.
// diSecretKey reads a key pair file of the W3C vectors (see diVectorFile).
func diSecretKey(t testing.TB, path ...string) crypto.Signer {
	t.Helper()
	var kp map[string]string
	if err := json.Unmarshal(diVectorFile(t, path...), &kp); err != nil {
		t.Fatal(err)
	}
	return diSecretKeyFromMultibase(t, kp)
}

func diSecretKeyFromMultibase(t testing.TB, kp map[string]string) crypto.Signer {
	t.Helper()
	s := kp["secretKeyMultibase"]
	if s == "" {
		s = kp["privateKeyMultibase"]
	}
	k, err := ParseSecretMultikey(s)
	if err != nil {
		t.Fatalf("ParseSecretMultikey(%s): %v", s, err)
	}
	if pub, _ := EncodeMultikey(k.Public()); pub != kp["publicKeyMultibase"] {
		t.Fatalf("secret key %s does not match public key %s (got %s)", s, kp["publicKeyMultibase"], pub)
	}
	return k
}

// diOBSigner is the Ed25519 key of the 1EdTech Open Badges / CLR test vectors.
func diOBSigner(t testing.TB) crypto.Signer {
	seed, err := hex.DecodeString("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4")
	if err != nil {
		t.Fatal(err)
	}
	return ed25519.NewKeyFromSeed(seed)
}

// diTestResolver resolves did:key and did:jwk offline, and also what the
// 1EdTech validator fixtures use: an issuer URL whose fragment is the public
// Multikey ("https://example.edu/issuers/565049#z6Mk..."), controlled by the
// URL before the fragment. Production code resolves such URLs by fetching
// the controller document (package verify). DIDs go to OfflineResolver,
// through ResolveDID so that verification also checks the key is
// authorized for the proof purpose.
type diTestResolver struct{}

func (diTestResolver) ResolveDID(ctx context.Context, did string) (*DIDDocument, error) {
	return OfflineResolver{}.ResolveDID(ctx, did)
}

func (diTestResolver) ResolveVerificationMethod(ctx context.Context, id string) (*VerificationMethod, error) {
	if strings.HasPrefix(id, "did:") {
		return OfflineResolver{}.ResolveVerificationMethod(ctx, id)
	}
	controller, frag, ok := strings.Cut(id, "#")
	if !ok || !strings.HasPrefix(frag, "z") {
		return nil, errors.New("test resolver: no Multikey fragment in " + id)
	}
	pub, err := ParseMultikey(frag)
	if err != nil {
		return nil, err
	}
	return &VerificationMethod{ID: id, Type: "Multikey", Controller: controller, PublicKey: pub}, nil
}

// diTestLoader serves the embedded contexts plus any the vectors need that
// are not embedded.
func diTestLoader(t testing.TB) *ContextLoader {
	t.Helper()
	l, err := NewContextLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func diJSONUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// timedOptions is VerifyProofs plus the separate time check, as a verifier
// composes them: each verified proof is then held to created and expires
// at now, with skew (zero: five minutes, negative: none).
type timedOptions struct {
	VerifyOptions
	now  time.Time
	skew time.Duration
}

func (o timedOptions) verify(ctx context.Context, doc []byte) (*ProofReport, error) {
	rep, err := VerifyProofs(ctx, doc, o.VerifyOptions)
	if rep == nil || o.now.IsZero() {
		return rep, err
	}
	skew := o.skew
	switch {
	case skew == 0:
		skew = 5 * time.Minute
	case skew < 0:
		skew = 0
	}
	for i := range rep.Proofs {
		pr := &rep.Proofs[i]
		if pr.Err != nil {
			continue
		}
		if terr := pr.ValidateTime(o.now, skew); terr != nil {
			pr.Err = &ProofError{Index: pr.Index, Type: pr.Type, Cryptosuite: pr.Cryptosuite, Err: terr}
		}
	}
	return rep, rep.Err()
}
