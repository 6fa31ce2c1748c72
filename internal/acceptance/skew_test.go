package acceptance

import (
	"context"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// TestSkewSameForDIAndJWT: verify.Config.Skew "is the clock difference
// tolerated in every time comparison ... Zero means DefaultSkew (5 minutes);
// a negative value tolerates none." A credential valid from two minutes
// after the verifier's clock is not yet valid without skew and valid with
// the default, whichever way it is secured.
func TestSkewSameForDIAndJWT(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	key, _ := credential.GenerateKey(credential.KeyP256)
	did, _ := credential.DIDKey(key.Public())
	kid, _ := credential.DIDKeyVerificationMethod(key.Public())
	c := baseCredential()
	c["validFrom"] = now.Add(2 * time.Minute).Format(time.RFC3339)
	c["issuer"].(obj)["id"] = did
	di, err := credential.AddProof(context.Background(), mustJSON(t, c), credential.SignOptions{Signer: key, VerificationMethod: kid, Created: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	jwt, err := credential.SignJWT(context.Background(), mustJSON(t, c), key, credential.JWTOptions{KeyID: kid})
	if err != nil {
		t.Fatal(err)
	}
	v := newVerifier(t, verify.Config{Clock: func() time.Time { return now }, Skew: -1})
	for name, in := range map[string][]byte{"data-integrity": di, "vc-jwt": []byte(jwt)} {
		t.Run(name, func(t *testing.T) {
			rep := runVerify(t, v, in)
			if !errIs(rep.Err(), verify.ErrNotYetValid) {
				t.Errorf("validFrom 2 minutes ahead, Skew -1: %s", describe(rep))
			}
		})
	}
	v = newVerifier(t, verify.Config{Clock: func() time.Time { return now }})
	for name, in := range map[string][]byte{"data-integrity": di, "vc-jwt": []byte(jwt)} {
		t.Run(name+"-default-skew", func(t *testing.T) {
			wantVerdict(t, runVerify(t, v, in), verify.Verified)
		})
	}
	v = newVerifier(t, verify.Config{Clock: func() time.Time { return now }, Skew: 5 * time.Minute})
	for name, in := range map[string][]byte{"data-integrity": di, "vc-jwt": []byte(jwt)} {
		t.Run(name+"-skew5m", func(t *testing.T) {
			wantVerdict(t, runVerify(t, v, in), verify.Verified)
		})
	}
}
