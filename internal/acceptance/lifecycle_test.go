package acceptance

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

const (
	statusURL     = "https://status.example.edu/lists/1"
	revocationURL = "https://status.example.edu/revocations"
	revokedIndex  = 94567
	issuerSeed    = "9b2f21e6c8f1d5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0"
)

// encodedList builds a Bitstring Status List v1.0 §3.2 encodedList by hand:
// 131,072 bits, index 0 the most significant bit of the first byte, GZIP,
// multibase base64url without padding.
func encodedList(t *testing.T, set ...int) string {
	t.Helper()
	bits := make([]byte, 131072/8)
	for _, i := range set {
		bits[i/8] |= 1 << (7 - i%8)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bits)
	zw.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// routes is an http.RoundTripper serving fixed documents: the verifier's
// network seam (verify doc: "a client with another RoundTripper is trusted to
// do its own address filtering"), with no real network.
type routes struct {
	docs  map[string][]byte
	calls atomic.Int32
}

func (r *routes) RoundTrip(req *http.Request) (*http.Response, error) {
	r.calls.Add(1)
	body, ok := r.docs[req.URL.String()]
	code := http.StatusOK
	if !ok {
		code, body = http.StatusNotFound, []byte("not found")
	}
	ct := "application/vc+ld+json"
	if strings.Contains(req.URL.Path, "revocations") {
		ct = "application/json"
	}
	return &http.Response{StatusCode: code, Header: http.Header{"Content-Type": {ct}}, Body: io.NopCloser(bytes.NewReader(body)),
		Request: req, ContentLength: int64(len(body))}, nil
}

func at(s string) func() time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return t }
}

// TestLifecycle: validity dates written with offsets and fractions, status
// lists published by the same issuer, proof sets, endorsements by another
// issuer — all made by the reference stack.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)

	validity := baseCredential()
	validity["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
	validity["validFrom"] = "2024-01-01T00:00:00.750Z"
	validity["validUntil"] = "2024-06-01T00:00:00+14:00" // = 2024-05-31T10:00:00Z

	vc11 := vc11Credential(ctxVC1, ctxOB303)
	vc11["id"] = "urn:uuid:00000000-0000-4000-8000-000000000002"
	vc11["issuanceDate"] = "2024-01-01T00:00:00-10:00" // = 2024-01-01T10:00:00Z
	vc11["expirationDate"] = "2025-01-01T00:00:00Z"

	revoked := baseCredential()
	revoked["id"] = "urn:uuid:00000000-0000-4000-8000-000000000003"
	revoked["credentialStatus"] = obj{"id": statusURL + "#94567", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": statusURL}
	notRevoked := jsonClone(revoked).(map[string]any)
	notRevoked["id"] = "urn:uuid:00000000-0000-4000-8000-000000000004"
	notRevoked["credentialStatus"].(map[string]any)["statusListIndex"] = "94568"
	notRevoked["credentialStatus"].(map[string]any)["id"] = statusURL + "#94568"

	list := obj{
		"@context": arr{ctxVC2}, "id": statusURL, "type": arr{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": "did:placeholder", "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": statusURL + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
			"encodedList": encodedList(t, revokedIndex)},
	}

	obRevoked := withContext(baseCredential(), ctxVC2, ctxOB303, ctxOBExt)
	obRevoked["id"] = "urn:uuid:00000000-0000-4000-8000-000000000005"
	obRevoked["credentialStatus"] = obj{"id": revocationURL, "type": "1EdTechRevocationList"}

	endorsement := obj{
		"@context": arr{ctxVC2, ctxOB303}, "id": "urn:uuid:00000000-0000-4000-8000-0000000000e1",
		"type": arr{"VerifiableCredential", "EndorsementCredential"}, "name": "Endorsement of Teamwork",
		"issuer":    obj{"id": "did:placeholder", "type": arr{"Profile"}, "name": "Accreditor"},
		"validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": achievementID, "type": arr{"EndorsementSubject"},
			"endorsementComment": "Well designed."},
	}

	sign := func(name string, doc obj, seed string) job {
		// proof.created before every clock below: a proof from the future is refused (VC-DI §4.3 verify proof, step on created).
		return job{"name": name, "op": "sign", "suite": "eddsa-rdfc-2022", "seed": seed, "doc": doc, "date": "2024-01-01T00:00:00Z"}
	}
	res := s.batch(t, []job{
		sign("validity", validity, issuerSeed),
		{"name": "vc11", "op": "sign", "suite": "Ed25519Signature2020", "seed": issuerSeed, "doc": vc11, "date": "2024-01-01T00:00:00Z"},
		sign("revoked", revoked, issuerSeed),
		sign("notRevoked", notRevoked, issuerSeed),
		sign("list", list, issuerSeed),
		sign("obRevoked", obRevoked, issuerSeed),
		sign("endorsement", endorsement, strings.Repeat("ab", 32)),
		{"name": "jwtExpired", "op": "jwt", "form": "ob", "alg": "ES256", "header": "kid", "doc": validity},
	})
	signed := map[string][]byte{}
	for name, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", name, r.Error)
		}
		signed[name] = r.OK
	}
	var token string
	json.Unmarshal(signed["jwtExpired"], &token)

	t.Run("validUntil-with-offset", func(t *testing.T) {
		// VC 2.0 §4.9: validity compares instants; +14:00 makes the end 10:00Z on 31 May.
		rep := runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-05-31T12:00:00Z")}), signed["validity"])
		if !errIs(rep.Err(), verify.ErrExpired) {
			t.Errorf("at 12:00Z, after validUntil 2024-06-01T00:00:00+14:00: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-05-31T09:59:00Z")}), signed["validity"])
		wantVerdict(t, rep, verify.Verified)
	})
	t.Run("validFrom-fractional", func(t *testing.T) {
		rep := runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-01-01T00:00:00.5Z"), Skew: -1}), signed["validity"])
		if !errIs(rep.Err(), verify.ErrNotYetValid) {
			t.Errorf("half a second before validFrom .750Z: %s", describe(rep))
		}
	})
	t.Run("vc11-issuanceDate-offset", func(t *testing.T) {
		// OB 3.0 verification step 4 with VC 1.1 names: issuanceDate -10:00 is 10:00Z.
		rep := runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-01-01T05:00:00Z")}), signed["vc11"])
		if !errIs(rep.Err(), verify.ErrNotYetValid) {
			t.Errorf("before issuanceDate: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Clock: at("2025-06-01T00:00:00Z")}), signed["vc11"])
		if !errIs(rep.Err(), verify.ErrExpired) {
			t.Errorf("after expirationDate: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-06-01T00:00:00Z")}), signed["vc11"])
		wantVerdict(t, rep, verify.VerifiedWithWarnings)
	})
	t.Run("jwt-exp", func(t *testing.T) {
		rep := runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-05-31T12:00:00Z")}), []byte(token))
		if !errIs(rep.Err(), verify.ErrExpired) {
			t.Errorf("JWT after exp/validUntil: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Clock: at("2024-03-01T00:00:00Z")}), []byte(token))
		wantVerdict(t, rep, verify.Verified)
	})

	rt := &routes{docs: map[string][]byte{
		statusURL:     signed["list"],
		revocationURL: []byte(`{"id":"` + revocationURL + `","revokedCredential":[{"id":"urn:uuid:00000000-0000-4000-8000-000000000005","revoked":true,"revocationReason":"issued in error"}]}`),
	}}
	online := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}})
	t.Run("bitstring-revoked", func(t *testing.T) {
		// Bitstring Status List v1.0 §3.2 validate: bit 94567 set → revoked.
		rep := runVerify(t, online, signed["revoked"])
		if !errIs(rep.Err(), verify.ErrRevoked) {
			t.Errorf("bit %d is set: %s", revokedIndex, describe(rep))
		}
		// pathway.FromReport doc: a revoked credential never counts; the refusal carries its Earned, marked revoked, for guidance.
		var nc *pathway.NotCountedError
		if es, err := pathway.FromReport(rep); es != nil || !errors.As(err, &nc) || len(nc.Earned) != 1 || nc.Earned[0].Status != pathway.StatusRevoked {
			t.Errorf("FromReport of a revoked credential: %v, %+v", err, es)
		}
		// OB 3.0 verification: a tampered revoked credential still fails (for the proof).
		rep = runVerify(t, online, signed["notRevoked"])
		wantVerdict(t, rep, verify.Verified)
	})
	t.Run("bitstring-offline", func(t *testing.T) {
		// verify doc: offline, a needed status fetch is not established (skipped=true), so the
		// credential is unverified, never OK (issue 10 § 1).
		rep := runVerify(t, newVerifier(t, verify.Config{}), signed["revoked"])
		wantVerdict(t, rep, verify.Unverified)
		c := rep.Check(verify.CheckStatus)
		if c == nil || c.Outcome != verify.NotEstablished || c.Detail["skipped"] != true {
			t.Errorf("status check offline: %+v", c)
		}
	})
	t.Run("1edtech-revocation-list", func(t *testing.T) {
		// OB 3.0 §9.3 (1EdTechRevocationList): revoked iff an entry's id is the credential's id.
		rep := runVerify(t, online, signed["obRevoked"])
		if !errIs(rep.Err(), verify.ErrRevoked) {
			t.Errorf("listed as revoked: %s", describe(rep))
		}
	})

	t.Run("proof-set-one-bad-one-good", func(t *testing.T) {
		good := signed["validity"]
		v := newVerifier(t, verify.Config{Clock: at("2024-03-01T00:00:00Z")})
		var m map[string]any
		json.Unmarshal(good, &m)
		p := m["proof"].(map[string]any)
		bad := jsonClone(p).(map[string]any)
		pv := bad["proofValue"].(string)
		bad["proofValue"] = pv[:10] + flip(pv[10]) + pv[11:]
		m["proof"] = []any{bad, p}
		rep := runVerify(t, v, mustJSON(t, m))
		// verify doc, "proof: any one valid proof"; the issuer controls the good key.
		wantVerdict(t, rep, verify.Verified)
		m["proof"] = []any{p, bad}
		wantVerdict(t, runVerify(t, v, mustJSON(t, m)), verify.Verified)
		m["proof"] = []any{bad, bad}
		if rep := runVerify(t, v, mustJSON(t, m)); rep.OK() {
			t.Errorf("two bad proofs verify")
		}
	})
	t.Run("proof-set-stranger-and-issuer", func(t *testing.T) {
		key, _ := credential.GenerateKey(credential.KeyP256)
		vm, _ := credential.DIDKeyVerificationMethod(key.Public())
		both, err := credential.AddProof(context.Background(), signed["validity"], credential.SignOptions{Signer: key, VerificationMethod: vm,
			Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("AddProof onto a reference-signed credential (a proof set): %v", err)
		}
		v := newVerifier(t, verify.Config{Clock: at("2024-03-01T00:00:00Z")})
		wantVerdict(t, runVerify(t, v, both), verify.Verified)
		// Only the stranger's proof: valid signature, but not the issuer's key.
		var m map[string]any
		json.Unmarshal(both, &m)
		proofs := m["proof"].([]any)
		m["proof"] = proofs[len(proofs)-1]
		rep := runVerify(t, v, mustJSON(t, m))
		if !errIs(rep.Err(), verify.ErrIssuerBinding) {
			t.Errorf("stranger's proof only: %s", describe(rep))
		}
	})

	t.Run("endorsement-by-other-issuer", func(t *testing.T) {
		var e any
		json.Unmarshal(signed["endorsement"], &e)
		outer := baseCredential()
		outer["credentialSubject"].(obj)["achievement"].(obj)["endorsement"] = arr{e}
		r := s.batch(t, []job{sign("outer", outer, issuerSeed)})["outer"]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		v := newVerifier(t, verify.Config{})
		rep := runVerify(t, v, r.OK)
		wantVerdict(t, rep, verify.Verified)
		if len(rep.Endorsements) != 1 || rep.Endorsements[0].Verdict != verify.Verified {
			t.Errorf("endorsement reports: %d", len(rep.Endorsements))
		}
		// OB 3.0 step 6: an endorsement that fails makes the endorsements check fail under the strict
		// policy; the default policy keeps the endorsed credential and warns (issue 10 § 3).
		// Re-sign the outer credential around a tampered endorsement.
		te := jsonClone(e).(map[string]any)
		te["name"] = "tampered endorsement"
		outer["credentialSubject"].(obj)["achievement"].(obj)["endorsement"] = arr{te}
		r = s.batch(t, []job{sign("outer2", outer, issuerSeed)})["outer2"]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		rep = runVerify(t, v, r.OK)
		wantVerdict(t, rep, verify.VerifiedWithWarnings)
		if c := rep.Check(verify.CheckEndorsements); c == nil || !c.StrictFail || rep.Endorsements[0].Verdict != verify.Failed {
			t.Errorf("tampered endorsement, default policy: %s", describe(rep))
		}
		rep = runVerify(t, newVerifier(t, verify.Config{Policy: verify.PolicyStrict}), r.OK)
		if !errIs(rep.Err(), verify.ErrEndorsement) {
			t.Errorf("tampered endorsement: %s", describe(rep))
		}
	})
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func withContext(c obj, ctx ...string) obj {
	a := arr{}
	for _, s := range ctx {
		a = append(a, s)
	}
	c["@context"] = a
	return c
}
