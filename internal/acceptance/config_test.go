package acceptance

import (
	"context"
	"crypto"
	"net/http"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

// signAs signs doc as key's did:key issuer with the given suite.
func signAs(t *testing.T, key crypto.Signer, suite string, doc obj) []byte {
	t.Helper()
	did, _ := credential.DIDKey(key.Public())
	vm, _ := credential.DIDKeyVerificationMethod(key.Public())
	d := jsonClone(doc).(map[string]any)
	if iss, ok := d["issuer"].(map[string]any); ok {
		iss["id"] = did
	} else {
		d["issuer"] = did
	}
	out, err := credential.AddProof(context.Background(), mustJSON(t, d), credential.SignOptions{Signer: key, VerificationMethod: vm,
		Cryptosuite: suite, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestConfigKnobs: every Config field a host sets changes what the verifier
// does, as its documentation says (verify doc, type Config).
func TestConfigKnobs(t *testing.T) {
	t.Parallel()
	key, _ := credential.GenerateKey(credential.KeyEd25519)
	did, _ := credential.DIDKey(key.Public())
	plain := signAs(t, key, "", baseCredential())
	legacy := signAs(t, key, credential.SuiteEd25519Signature2020, baseCredential())
	withStatus := baseCredential()
	withStatus["credentialStatus"] = obj{"id": statusURL + "#3", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "3", "statusListCredential": statusURL}
	statusCred := signAs(t, key, "", withStatus)
	list := signAs(t, key, "", obj{
		"@context": arr{ctxVC2}, "id": statusURL, "type": arr{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": "x", "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": statusURL + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
			"encodedList": encodedList(t)},
	})
	jwtKey, _ := credential.GenerateKey(credential.KeyEd25519)
	jdid, _ := credential.DIDKey(jwtKey.Public())
	jkid, _ := credential.DIDKeyVerificationMethod(jwtKey.Public())
	jc := baseCredential()
	jc["issuer"].(obj)["id"] = jdid
	token, _ := credential.SignJWT(context.Background(), mustJSON(t, jc), jwtKey, credential.JWTOptions{KeyID: jkid})

	t.Run("AcceptedCryptosuites", func(t *testing.T) {
		v := newVerifier(t, verify.Config{AcceptedCryptosuites: credential.ModernCryptosuites()})
		if rep := runVerify(t, v, legacy); rep.OK() {
			t.Errorf("Ed25519Signature2020 accepted with ModernCryptosuites")
		}
		wantVerdict(t, runVerify(t, v, plain), verify.Verified)
	})
	t.Run("AcceptedJWTAlgorithms", func(t *testing.T) {
		if rep := runVerify(t, newVerifier(t, verify.Config{AcceptedJWTAlgorithms: []string{"ES256"}}), []byte(token)); rep.OK() {
			t.Errorf("EdDSA JWT accepted with only ES256 allowed")
		}
		if _, err := verify.New(verify.Config{AcceptedJWTAlgorithms: []string{"HS256"}}); err == nil {
			t.Errorf("verify doc: HS* are refused by New")
		}
	})
	t.Run("Trust", func(t *testing.T) {
		wantVerdict(t, runVerify(t, newVerifier(t, verify.Config{Trust: verify.Allowlist{did}}), plain), verify.Verified)
		rep := runVerify(t, newVerifier(t, verify.Config{Trust: verify.Allowlist{"did:web:someone.else"}}), plain)
		if !errIs(rep.Err(), verify.ErrUntrusted) {
			t.Errorf("untrusted issuer: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{RequireTrustPolicy: true}), plain)
		wantVerdict(t, rep, verify.VerifiedWithWarnings)
	})
	t.Run("Skew", func(t *testing.T) {
		// validFrom 2024-01-01T00:00:00Z, clock 3 s earlier (an issuer whose clock runs ahead): the zero
		// Config tolerates DefaultSkew (issue 10 § 6), a negative Skew none, and 5 s is enough.
		clock := at("2023-12-31T23:59:57Z")
		wantVerdict(t, runVerify(t, newVerifier(t, verify.Config{Clock: clock}), plain), verify.Verified)
		if rep := runVerify(t, newVerifier(t, verify.Config{Clock: clock, Skew: -1}), plain); !errIs(rep.Err(), verify.ErrNotYetValid) {
			t.Errorf("no skew: %s", describe(rep))
		}
		wantVerdict(t, runVerify(t, newVerifier(t, verify.Config{Clock: clock, Skew: 5 * time.Second}), plain), verify.Verified)
	})
	t.Run("Offline-with-client", func(t *testing.T) {
		rt := &routes{docs: map[string][]byte{statusURL: list}}
		v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}, Offline: true})
		rep := runVerify(t, v, statusCred)
		wantVerdict(t, rep, verify.Unverified) // status not established offline (issue 10 § 1)
		if rt.calls.Load() != 0 {
			t.Errorf("Offline made %d requests", rt.calls.Load())
		}
	})
	t.Run("Cache", func(t *testing.T) {
		rt := &routes{docs: map[string][]byte{statusURL: list}}
		v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}})
		wantVerdict(t, runVerify(t, v, statusCred), verify.Verified)
		wantVerdict(t, runVerify(t, v, statusCred), verify.Verified)
		if n := rt.calls.Load(); n != 1 {
			t.Errorf("default cache: %d fetches of one status list for two verifications, want 1", n)
		}
		rt2 := &routes{docs: map[string][]byte{statusURL: list}}
		v = newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt2}, Cache: verify.CacheConfig{DisableCaching: true}})
		runVerify(t, v, statusCred)
		runVerify(t, v, statusCred)
		if n := rt2.calls.Load(); n != 2 {
			t.Errorf("DisableCaching: %d fetches, want 2", n)
		}
	})
	t.Run("MaxFetchBytes", func(t *testing.T) {
		rt := &routes{docs: map[string][]byte{statusURL: list}}
		v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}, Limits: verify.Limits{MaxFetchBytes: 100}})
		rep := runVerify(t, v, statusCred)
		if rep.OK() || !errIs(rep.Err(), verify.ErrStatus) && !errIs(rep.Err(), verify.ErrLimit) {
			t.Errorf("a %d-byte list with MaxFetchBytes 100: %s", len(list), describe(rep))
		}
	})
	t.Run("MaxStatusListBytes", func(t *testing.T) {
		rt := &routes{docs: map[string][]byte{statusURL: list}}
		v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}, Limits: verify.Limits{MaxStatusListBytes: 1024}})
		if rep := runVerify(t, v, statusCred); rep.OK() {
			t.Errorf("a 16 KiB list decompressed under a 1 KiB cap: %s", describe(rep))
		}
	})
}
