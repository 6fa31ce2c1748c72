package acceptance

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// TestMixedProofs: credentials carrying more than one kind of proof, or a
// proof with the wrong purpose, from the reference stack.
func TestMixedProofs(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	endorsement := obj{
		"@context": arr{ctxVC2, ctxOB303}, "id": "urn:uuid:00000000-0000-4000-8000-0000000000e2",
		"type": arr{"VerifiableCredential", "EndorsementCredential"}, "name": "Endorsement",
		"issuer": obj{"id": "did:placeholder", "type": arr{"Profile"}, "name": "Accreditor"}, "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": achievementID, "type": arr{"EndorsementSubject"}, "endorsementComment": "Good."},
	}
	withEndJWT := baseCredential()
	withEndJWT["credentialSubject"].(obj)["achievement"].(obj)["endorsementJwt"] = arr{"$jwtref"}
	res := s.batch(t, []job{
		{"name": "di", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": baseCredential(), "date": "2024-01-01T00:00:00Z"},
		// OB 3.0 §8.2: "If LD proofs are also used they must be added before the JWT is created"; any one proof suffices.
		{"name": "jwtOverDI", "op": "jwt", "form": "ob", "alg": "EdDSA", "header": "kid", "seed": issuerSeed, "doc": "$job:di"},
		{"name": "jwtOverTamperedDI", "op": "jwt", "form": "ob", "alg": "EdDSA", "header": "kid", "seed": issuerSeed, "doc": "$tampered:di"},
		{"name": "authPurpose", "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": baseCredential(), "purpose": "authentication", "date": "2024-01-01T00:00:00Z"},
		{"name": "endJWT", "op": "jwt", "form": "ob", "alg": "ES256", "header": "kid", "doc": endorsement},
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	tok := func(name string) []byte {
		var s string
		json.Unmarshal(res[name].OK, &s)
		return []byte(s)
	}
	v := newVerifier(t, verify.Config{})
	t.Run("jwt-over-di", func(t *testing.T) {
		wantVerdict(t, runVerify(t, v, tok("jwtOverDI")), verify.Verified)
	})
	t.Run("jwt-over-tampered-di", func(t *testing.T) {
		// The JWT signature is valid and the issuer's; the embedded DI proof is not. OB 3.0
		// verification: "any one proof suffices"; a host may want a warning, but it must not fail.
		rep := runVerify(t, v, tok("jwtOverTamperedDI"))
		wantVerdict(t, rep, verify.Verified, verify.VerifiedWithWarnings)
	})
	t.Run("endorsement-as-vc-jwt", func(t *testing.T) {
		// OB 3.0 EndorsementCredential, on its own, as a VC-JWT from jose.
		rep := runVerify(t, v, tok("endJWT"))
		wantVerdict(t, rep, verify.Verified)
	})
	t.Run("authentication-purpose", func(t *testing.T) {
		// OB 3.0 Proof: proofPurpose MUST be assertionMethod for a credential.
		rep := runVerify(t, v, res["authPurpose"].OK)
		if rep.OK() || !errIs(rep.Err(), verify.ErrProof) {
			t.Errorf("%s", describe(rep))
		}
	})
	t.Run("endorsementJwt-in-vc-jwt", func(t *testing.T) {
		// OB 3.0 §B.1.1: Achievement.endorsementJwt is CompactJws[0..*]. The 3.0.3 context has no
		// term for it, so a Data Integrity proof cannot cover it, but a VC-JWT carries it fine:
		// the JSON Schema accepts it and the JWT signature covers it.
		key, _ := credential.GenerateKey(credential.KeyP256)
		did, _ := credential.DIDKey(key.Public())
		kid, _ := credential.DIDKeyVerificationMethod(key.Public())
		c := jsonClone(withEndJWT).(map[string]any)
		c["issuer"].(map[string]any)["id"] = did
		c["credentialSubject"].(map[string]any)["achievement"].(map[string]any)["endorsementJwt"] = []any{string(tok("endJWT"))}
		token, err := credential.SignJWT(t.Context(), mustJSON(t, c), key, credential.JWTOptions{KeyID: kid})
		if err != nil {
			t.Fatalf("SignJWT: %v", err)
		}
		rep := runVerify(t, v, []byte(token))
		if !rep.OK() {
			t.Errorf("%s", describe(rep))
		}
	})
}

// TestJWTKidAndForeignJWK: a token naming the issuer's key in kid but
// carrying an attacker's key in jwk, signed by the attacker. Whatever key a
// verifier picks, it must be the issuer's: this must not verify.
func TestJWTKidAndForeignJWK(t *testing.T) {
	t.Parallel()
	issuerKey, _ := credential.GenerateKey(credential.KeyP256)
	did, _ := credential.DIDKey(issuerKey.Public())
	kid, _ := credential.DIDKeyVerificationMethod(issuerKey.Public())
	attacker, _ := credential.GenerateKey(credential.KeyP256)
	attackerJWK, _ := credential.MarshalJWK(attacker.Public())
	c := baseCredential()
	c["issuer"].(obj)["id"] = did
	claims := jsonClone(c).(map[string]any)
	claims["iss"], claims["jti"], claims["sub"], claims["nbf"] = did, c["id"], learnerDID, 1704067200
	h := base64.RawURLEncoding.EncodeToString(mustJSON(t, map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid, "jwk": json.RawMessage(attackerJWK)}))
	p := base64.RawURLEncoding.EncodeToString(mustJSON(t, claims))
	digest := sha256.Sum256([]byte(h + "." + p))
	r, s, _ := ecdsa.Sign(rand.Reader, attacker.(*ecdsa.PrivateKey), digest[:])
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	token := []byte(h + "." + p + "." + base64.RawURLEncoding.EncodeToString(sig))
	for _, cfg := range []verify.Config{{}, {UnsafeTrustEmbeddedJWK: true}} {
		rep := runVerify(t, newVerifier(t, cfg), token)
		if rep.OK() {
			t.Errorf("UnsafeTrustEmbeddedJWK=%v: an attacker's jwk beside the issuer's kid verifies: %s", cfg.UnsafeTrustEmbeddedJWK, describe(rep))
		}
	}
}
