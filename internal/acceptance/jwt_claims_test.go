package acceptance

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// TestReferenceJWTBinding: VC-JWTs whose registered claims or key do not
// match the credential, made by the jose package. OB 3.0 §8.2.4 (verify a
// VC-JWT): iss = issuer.id, jti = id, sub = credentialSubject.id,
// nbf = validFrom; and the key must be the issuer's.
func TestReferenceJWTBinding(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	type tc struct {
		name, reason string
		j            job
		cfg          verify.Config
		wantErr      error // nil: must verify
		bug          string
	}
	cases := []tc{
		{name: "kid-not-issuers", reason: "a did:key kid whose DID is not the issuer: anyone could sign",
			j: job{"form": "ob", "alg": "ES256", "header": "kid", "keepIssuer": true}, wantErr: verify.ErrIssuerBinding},
		{name: "jwk-not-issuers", reason: "verify doc: a jwk header proves nothing about an https issuer",
			j: job{"form": "ob", "alg": "ES256", "header": "jwk", "keepIssuer": true}, wantErr: verify.ErrIssuerBinding},
		{name: "jwk-not-issuers-unsafe", reason: "Config.UnsafeTrustEmbeddedJWK accepts it, as the 1EdTech validator does",
			j: job{"form": "ob", "alg": "ES256", "header": "jwk", "keepIssuer": true}, cfg: verify.Config{UnsafeTrustEmbeddedJWK: true}},
		{name: "iss-differs", reason: "iss must be issuer.id",
			j: job{"form": "ob", "alg": "ES256", "header": "kid", "override": obj{"iss": "did:example:someone-else"}}, wantErr: verify.ErrProof},
		{name: "jti-differs", reason: "jti must be the credential id",
			j: job{"form": "ob", "alg": "ES256", "header": "kid", "override": obj{"jti": "urn:uuid:00000000-0000-4000-8000-00000000ffff"}}, wantErr: verify.ErrProof},
		{name: "sub-differs", reason: "sub must be credentialSubject.id",
			j: job{"form": "ob", "alg": "ES256", "header": "kid", "override": obj{"sub": "did:example:another-learner"}}, wantErr: verify.ErrProof},
		{name: "nbf-differs", reason: "nbf must be validFrom",
			j: job{"form": "ob", "alg": "ES256", "header": "kid", "override": obj{"nbf": 1704070800}}, wantErr: verify.ErrProof},
		{name: "vc11-exp-only", reason: "VC-JWT 1.1 §6.3.1: exp stands for expirationDate; a vc claim without it expires at exp",
			j: job{"form": "vc11", "alg": "ES256", "header": "kid", "override": obj{"exp": 1735689600}}, wantErr: verify.ErrExpired}, // 2025-01-01
		{name: "didjwk-kid", reason: "kid a did:jwk DID URL, issuer that did:jwk",
			j: job{"form": "ob", "alg": "ES256", "header": "didjwk"}},
		{name: "didjwk-kid-EdDSA", reason: "did:jwk with an OKP key",
			j: job{"form": "ob", "alg": "EdDSA", "header": "didjwk"}},
	}
	var jobs []job
	for _, c := range cases {
		j := job{"name": c.name, "op": "jwt", "seed": "33" + "44444444444444444444444444444444444444444444444444444444444444"}
		for k, v := range c.j {
			j[k] = v
		}
		if j["form"] == "vc11" {
			d := vc11Credential(ctxVC1, ctxOB303)
			delete(d, "expirationDate")
			j["doc"] = d
		} else {
			j["doc"] = baseCredential()
		}
		jobs = append(jobs, j)
	}
	res := s.batch(t, jobs)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.bug != "" {
				t.Skip("BUG: " + c.bug)
			}
			r := res[c.name]
			if r.Error != "" {
				t.Fatalf("reference stack: %s", r.Error)
			}
			var token string
			json.Unmarshal(r.OK, &token)
			rep := runVerify(t, newVerifier(t, c.cfg), []byte(token))
			if c.wantErr == nil {
				if !rep.OK() {
					t.Errorf("%s: %s", c.reason, describe(rep))
				}
				return
			}
			if rep.OK() || !errIs(rep.Err(), c.wantErr) {
				t.Errorf("%s: want %v; %s", c.reason, c.wantErr, describe(rep))
			}
		})
	}
}

// TestHandMadeJWS: compact JWS built byte by byte, as a small issuer without
// a JOSE library would, to test RFC 7515 rules the libraries enforce.
func TestHandMadeJWS(t *testing.T) {
	t.Parallel()
	key, _ := credential.GenerateKey(credential.KeyP256)
	did, _ := credential.DIDKey(key.Public())
	kid, _ := credential.DIDKeyVerificationMethod(key.Public())
	c := baseCredential()
	c["issuer"].(obj)["id"] = did
	claims := jsonClone(c).(map[string]any)
	claims["iss"], claims["jti"], claims["sub"], claims["nbf"] = did, c["id"], learnerDID, 1704067200
	payload := mustJSON(t, claims)
	sign := func(header map[string]any) []byte {
		h := base64.RawURLEncoding.EncodeToString(mustJSON(t, header))
		p := base64.RawURLEncoding.EncodeToString(payload)
		digest := sha256.Sum256([]byte(h + "." + p))
		r, s, err := ecdsa.Sign(rand.Reader, key.(*ecdsa.PrivateKey), digest[:])
		if err != nil {
			t.Fatal(err)
		}
		sig := make([]byte, 64)
		r.FillBytes(sig[:32])
		s.FillBytes(sig[32:])
		return []byte(h + "." + p + "." + base64.RawURLEncoding.EncodeToString(sig))
	}
	_ = crypto.SHA256
	_ = big.NewInt
	v := newVerifier(t, verify.Config{})

	t.Run("control", func(t *testing.T) {
		if rep := runVerify(t, v, sign(map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid})); !rep.OK() {
			t.Fatalf("hand-made ES256 JWS: %s", describe(rep))
		}
	})
	t.Run("crit-unknown", func(t *testing.T) {
		// RFC 7515 §4.1.11: a recipient that does not understand a "crit" extension MUST reject the JWS.
		rep := runVerify(t, v, sign(map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid,
			"crit": []string{"https://example.com/must-understand"}, "https://example.com/must-understand": true}))
		if rep.OK() {
			t.Errorf("a JWS with an unknown critical header verifies")
		}
	})
	t.Run("high-s-signature", func(t *testing.T) {
		// ECDSA (FIPS 186-4) accepts both s and n-s; JWS does not require low-s. Must verify.
		h := map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid}
		tok := sign(h)
		parts := splitJWS(tok)
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		n := key.(*ecdsa.PrivateKey).Curve.Params().N
		sv := new(big.Int).SetBytes(sig[32:])
		sv.Sub(n, sv)
		sv.FillBytes(sig[32:])
		tok = []byte(parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig))
		if rep := runVerify(t, v, tok); !rep.OK() {
			t.Errorf("the same signature with s' = n - s: %s", describe(rep))
		}
	})
	t.Run("der-signature", func(t *testing.T) {
		// RFC 7518 §3.4: ES256 signatures are R ‖ S (64 bytes); an ASN.1 DER signature must fail.
		h := base64.RawURLEncoding.EncodeToString(mustJSON(t, map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid}))
		p := base64.RawURLEncoding.EncodeToString(payload)
		digest := sha256.Sum256([]byte(h + "." + p))
		der, _ := ecdsa.SignASN1(rand.Reader, key.(*ecdsa.PrivateKey), digest[:])
		tok := []byte(h + "." + p + "." + base64.RawURLEncoding.EncodeToString(der))
		if rep := runVerify(t, v, tok); rep.OK() {
			t.Errorf("a DER-encoded ES256 signature verifies")
		}
	})
	t.Run("padded-base64", func(t *testing.T) {
		// RFC 7515 §2: base64url without padding. A padded segment is not a compact JWS.
		tok := string(sign(map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid, "x": "ab"}))
		parts := splitJWS([]byte(tok))
		padded := parts[0] + "=." + parts[1] + "." + parts[2]
		if len(parts[0])%4 == 0 {
			t.Skip("header needs no padding")
		}
		if rep := runVerify(t, v, []byte(padded)); rep.OK() {
			t.Errorf("a JWS with a padded header segment verifies")
		}
	})
	_ = context.Background
}

func splitJWS(tok []byte) [3]string {
	var out [3]string
	i := 0
	start := 0
	for j, b := range tok {
		if b == '.' && i < 2 {
			out[i] = string(tok[start:j])
			start = j + 1
			i++
		}
	}
	out[2] = string(tok[start:])
	return out
}
