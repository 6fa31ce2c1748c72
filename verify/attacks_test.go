package verify

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
)

func TestGenuineCredentialVerifies(t *testing.T) {
	iss := newIssuer(t)
	v := offlineVerifier(t, Config{})
	r := mustVerify(t, v, issue(t, iss, nil))
	if r.Verdict != Verified || r.Err() != nil {
		t.Fatalf("genuine credential: %s", r)
	}
	if r.Parsed == nil || r.Parsed.Base().ID != r.CredentialID {
		t.Errorf("Parsed view missing or wrong: %v", r.Parsed)
	}
	if got := r.Check(CheckKey).Detail["source"]; got != string(KeyFromDIDKey) {
		t.Errorf("key source %v", got)
	}
	for i, c := range r.Checks {
		if c.ID != checkOrder[i] {
			t.Fatalf("check %d is %s, want %s: order must follow the Open Badges steps", i, c.ID, checkOrder[i])
		}
	}
}

// TestTamperingFails changes single values of a signed credential.
func TestTamperingFails(t *testing.T) {
	iss := newIssuer(t)
	signed := issue(t, iss, nil)
	v := offlineVerifier(t, Config{})
	for _, tc := range []struct{ from, to, reason string }{
		{`"Teamwork"`, `"Teamwork!"`, "achievement name"},
		{`"2010-01-01T00:00:00Z"`, `"2010-01-02T00:00:00Z"`, "validFrom"},
		{`did:example:ebfeb1f712ebc6f1c276e12ec21`, `did:example:ebfeb1f712ebc6f1c276e12ec22`, "recipient"},
	} {
		bad := []byte(strings.Replace(string(signed), tc.from, tc.to, 1))
		if string(bad) == string(signed) {
			t.Fatalf("%s: replacement did not apply", tc.reason)
		}
		r := mustVerify(t, v, bad)
		expectFail(t, r, CheckProof, ErrProof)
	}
}

func TestAttackKeyNotControlledByIssuer(t *testing.T) {
	victim, attacker := newIssuer(t), newIssuer(t)
	v := offlineVerifier(t, Config{})
	// The attacker names the victim as issuer and signs with a key of its own.
	forged := signDI(t, unsignedCredential(t, victim.did, nil), attacker, credential.SignOptions{})
	expectFail(t, mustVerify(t, v, forged), CheckIssuerBinding, ErrIssuerBinding)

	// The 1EdTech fragment convention cannot be used to launder a key
	// either: the fragment key's controller is the URL before '#'.
	mk, _ := credential.EncodeMultikey(attacker.key.Public())
	forged = signDI(t, unsignedCredential(t, "https://university.example/issuer", nil), attacker,
		credential.SignOptions{VerificationMethod: "https://attacker.example/issuer#" + mk})
	expectFail(t, mustVerify(t, v, forged), CheckIssuerBinding, ErrIssuerBinding)
}

func TestAttackWrongProofPurpose(t *testing.T) {
	iss := newIssuer(t)
	doc := signDI(t, unsignedCredential(t, iss.did, nil), iss, credential.SignOptions{ProofPurpose: credential.PurposeAuthentication})
	r := mustVerify(t, offlineVerifier(t, Config{}), doc)
	expectFail(t, r, CheckProof, credential.ErrProofPurposeMismatch)
}

func TestAttackCryptosuite(t *testing.T) {
	iss := newIssuer(t)
	signed := issue(t, iss, nil)
	for _, tc := range []struct {
		name   string
		doc    []byte
		cfg    Config
		target error
	}{
		{"unknown suite", []byte(strings.Replace(string(signed), `"eddsa-rdfc-2022"`, `"eddsa-rdfc-2099"`, 1)), Config{}, credential.ErrUnknownCryptosuite},
		{"suite swapped to jcs", []byte(strings.Replace(string(signed), `"eddsa-rdfc-2022"`, `"eddsa-jcs-2022"`, 1)), Config{}, ErrProof},
		{"downgrade to a suite the host refuses", signDI(t, unsignedCredential(t, iss.did, nil), iss, credential.SignOptions{Cryptosuite: credential.SuiteEd25519Signature2020}),
			Config{AcceptedCryptosuites: []string{credential.SuiteEdDSARDFC2022}}, credential.ErrCryptosuiteNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectFail(t, mustVerify(t, offlineVerifier(t, tc.cfg), tc.doc), CheckProof, tc.target)
		})
	}
}

// compactJWS signs header and payload with sign.
func compactJWS(t *testing.T, header, payload any, sign func(input []byte) []byte) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	input := enc(header) + "." + enc(payload)
	return input + "." + base64.RawURLEncoding.EncodeToString(sign([]byte(input)))
}

// edSign signs a JWS input with k's Ed25519 key, for compactJWS.
func edSign(t *testing.T, k testIssuer) func([]byte) []byte {
	return func(in []byte) []byte {
		s, err := k.key.Sign(nil, in, crypto.Hash(0))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// jwtPayload is a credential plus Open Badges VC-JWT claims.
func jwtPayload(t *testing.T, iss testIssuer, claims map[string]any) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(unsignedCredential(t, iss.did, nil), &m); err != nil {
		t.Fatal(err)
	}
	m["iss"], m["jti"], m["nbf"], m["sub"] = iss.did, m["id"], 1262304000, "did:example:ebfeb1f712ebc6f1c276e12ec21"
	for k, v := range claims {
		m[k] = v
	}
	return m
}

func TestAttackJWT(t *testing.T) {
	iss, other := newIssuer(t), newIssuer(t)
	v := offlineVerifier(t, Config{})
	pub := []byte(iss.key.Public().(ed25519.PublicKey))
	hmacSign := func(in []byte) []byte { m := hmac.New(sha256.New, pub); m.Write(in); return m.Sum(nil) }

	good := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), edSign(t, iss))
	if r := mustVerify(t, v, []byte(good)); r.Verdict != Verified {
		t.Fatalf("control token does not verify:\n%s", r)
	}
	jwk, _ := credential.MarshalJWK(other.key.Public())
	var jwkObj map[string]any
	_ = json.Unmarshal(jwk, &jwkObj)

	for _, tc := range []struct {
		name   string
		token  string
		check  CheckID
		target error
	}{
		{"alg none", compactJWS(t, map[string]any{"alg": "none", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), func([]byte) []byte { return nil }),
			CheckProof, credential.ErrAlgNone},
		{"HMAC with the public key as secret", compactJWS(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), hmacSign),
			CheckProof, credential.ErrHMACAlgorithm},
		{"RS256 header on an Ed25519 key", compactJWS(t, map[string]any{"alg": "RS256", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), edSign(t, iss)),
			CheckProof, credential.ErrAlgorithmKeyMismatch},
		{"signed by another key than kid", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckProof, credential.ErrSignature},
		{"own key in the jwk header", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "jwk": jwkObj}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckIssuerBinding, credential.ErrEmbeddedJWKUntrusted},
		{"kid of a key the issuer does not control", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": other.vm}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckIssuerBinding, ErrIssuerBinding},
		{"iss disagrees with issuer.id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"iss": other.did}), edSign(t, iss)),
			CheckProof, credential.ErrClaimMismatch},
		{"jti disagrees with id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"jti": "urn:uuid:other"}), edSign(t, iss)),
			CheckProof, credential.ErrClaimMismatch},
		{"nbf disagrees with validFrom", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"nbf": 1262390400}), edSign(t, iss)),
			CheckProof, credential.ErrClaimMismatch},
		{"sub disagrees with credentialSubject.id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"sub": "did:example:someone-else"}), edSign(t, iss)),
			CheckProof, credential.ErrClaimMismatch},
		{"tampered payload", func() string {
			p := strings.Split(good, ".")
			b, _ := base64.RawURLEncoding.DecodeString(p[1])
			b = []byte(strings.Replace(string(b), "Teamwork", "Teamwerk", 1))
			return p[0] + "." + base64.RawURLEncoding.EncodeToString(b) + "." + p[2]
		}(), CheckProof, credential.ErrSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectFail(t, mustVerify(t, v, []byte(tc.token)), tc.check, tc.target)
		})
	}
	if _, err := New(Config{AcceptedJWTAlgorithms: []string{"HS256"}}); err == nil {
		t.Error("New accepted HS256 in AcceptedJWTAlgorithms")
	}
	if _, err := New(Config{AcceptedJWTAlgorithms: []string{"none"}}); err == nil {
		t.Error("New accepted alg none")
	}
}

func TestValidityWindow(t *testing.T) {
	iss := newIssuer(t)
	for _, tc := range []struct {
		name   string
		mod    func(map[string]any)
		skew   time.Duration
		want   Verdict
		target error
	}{
		// Config.Skew: zero means DefaultSkew, negative means none (issue 10 § 6).
		{"expired, no skew", func(m map[string]any) { m["validUntil"] = "2025-12-31T23:59:59Z" }, -1, Failed, ErrExpired},
		{"not yet valid, no skew", func(m map[string]any) { m["validFrom"] = "2026-01-01T00:00:01Z" }, -1, Failed, ErrNotYetValid},
		{"issuer clock 3 s ahead, zero Config", func(m map[string]any) { m["validFrom"] = "2026-01-01T00:00:03Z" }, 0, Verified, nil},
		{"6 minutes ahead is past the default skew", func(m map[string]any) { m["validFrom"] = "2026-01-01T00:06:00Z" }, 0, Failed, ErrNotYetValid},
		{"expired 6 minutes ago is past the default skew", func(m map[string]any) { m["validUntil"] = "2025-12-31T23:54:00Z" }, 0, Failed, ErrExpired},
		{"not yet valid within skew", func(m map[string]any) { m["validFrom"] = "2026-01-01T00:00:30Z" }, time.Minute, Verified, nil},
		{"expired within skew", func(m map[string]any) { m["validUntil"] = "2025-12-31T23:59:30Z" }, time.Minute, Verified, nil},
		{"valid window", func(m map[string]any) { m["validUntil"] = "2030-01-01T00:00:00Z" }, 0, Verified, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, offlineVerifier(t, Config{Skew: tc.skew}), issue(t, iss, tc.mod))
			if tc.target != nil {
				expectFail(t, r, CheckValidity, tc.target)
			} else if r.Verdict != tc.want {
				t.Fatalf("verdict %s\n%s", r.Verdict, r)
			}
		})
	}
	// -now style: the same expired credential verifies at an earlier time.
	expired := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" }),
		iss, credential.SignOptions{Created: time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)})
	early := offlineVerifier(t, Config{Clock: func() time.Time { return time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if r := mustVerify(t, early, expired); r.Verdict != Verified {
		t.Fatalf("at 2015 the credential was valid:\n%s", r)
	}
}

func TestHostileInput(t *testing.T) {
	iss := newIssuer(t)
	signed := string(issue(t, iss, nil))
	v := offlineVerifier(t, Config{})
	deep := strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)
	manyProofs := func() string {
		var m map[string]any
		_ = json.Unmarshal([]byte(signed), &m)
		p := m["proof"]
		ps := make([]any, 5000)
		for i := range ps {
			ps[i] = p
		}
		m["proof"] = ps
		b, _ := json.Marshal(m)
		return string(b)
	}()
	for _, tc := range []struct {
		name, input string
		target      error
	}{
		{"deeply nested JSON", deep, ErrLimit},
		{"deep arrays inside a credential", strings.Replace(signed, `"name":"Teamwork"`, `"name":`+strings.Repeat("[", 5000)+strings.Repeat("]", 5000), 1), ErrLimit},
		{"thousands of proofs", manyProofs, ErrLimit},
		{"duplicate keys", strings.Replace(signed, `"name":"Teamwork Badge"`, `"name":"Teamwork Badge","name":"Other"`, 1), ErrMalformed},
		{"duplicate issuer", strings.Replace(signed, `{"@context"`, `{"issuer":"did:example:evil","@context"`, 1), ErrMalformed},
		{"invalid UTF-8", strings.Replace(signed, "Teamwork", "Team\xffwork", 1), ErrMalformed},
		{"lone surrogate escape", strings.Replace(signed, "Teamwork", `Team\ud800work`, 1), ErrMalformed},
		{"not a credential", "hello", ErrMalformed},
		{"JSON array", "[1,2,3]", ErrMalformed},
		{"empty", "", ErrMalformed},
		{"truncated", signed[:len(signed)/2], ErrMalformed},
		{"trailing garbage", signed + "{}", ErrMalformed},
		{"huge document", `{"x":"` + strings.Repeat("a", 2<<20) + `"}`, ErrLimit},
		{"presentation given to Verify", `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"]}`, ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := mustVerify(t, v, []byte(tc.input))
			expectFail(t, r, CheckParse, tc.target)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d) // not a timing assertion: a hang guard
			}
		})
	}
}

// TestPoisonGraph embeds a clique of blank nodes, the shape that makes
// RDF canonicalization exponential. Verification must end with a failed
// check, promptly, never hang.
func TestPoisonGraph(t *testing.T) {
	iss := newIssuer(t)
	const n = 24
	var nodes []any
	for i := 0; i < n; i++ {
		var links []any
		for j := 0; j < n; j++ {
			if j != i {
				links = append(links, map[string]any{"@id": fmt.Sprintf("_:n%d", j)})
			}
		}
		nodes = append(nodes, map[string]any{"@id": fmt.Sprintf("_:n%d", i), "https://example.org/p": links})
	}
	doc := unsignedCredential(t, iss.did, func(m map[string]any) {
		m["credentialSubject"].(map[string]any)["https://example.org/p"] = nodes
	})
	// Signing may itself refuse the graph; then forge a proof block.
	signed, err := credential.AddProof(context.Background(), doc, credential.SignOptions{Signer: iss.key, VerificationMethod: iss.vm})
	if err != nil {
		var m map[string]any
		_ = json.Unmarshal(doc, &m)
		m["proof"] = map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod",
			"verificationMethod": iss.vm, "proofValue": "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"}
		signed, _ = json.Marshal(m)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r, err := offlineVerifier(t, Config{}).Verify(ctx, signed)
	if err != nil {
		t.Fatalf("Verify ran into the test's deadline: %v", err)
	}
	if r.Verdict == Verified {
		t.Fatalf("a poison graph verified:\n%s", r)
	}
	t.Logf("poison graph: %s", r.Check(CheckProof).Message)
}

// TestBareDIDVerificationMethod: a Data Integrity proof must name its key
// with a DID URL fragment. A bare DID dereferences to the DID document, not
// to a verification method (Controlled Identifiers 1.0 § 3.3), and the
// reference stack refuses it (acceptance BUGS.md #1); only
// UnsafeAllowBareDIDKey, for parity with the 1EdTech validator, accepts it.
// A VC-JWT kid is a key hint and may be a bare did:key.
func TestBareDIDVerificationMethod(t *testing.T) {
	iss := newIssuer(t)
	bareDI := signDI(t, unsignedCredential(t, iss.did, nil), iss, credential.SignOptions{VerificationMethod: iss.did})
	bareJWT := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.did}, jwtPayload(t, iss, nil), edSign(t, iss))
	for _, tc := range []struct {
		name   string
		cfg    Config
		in     []byte
		want   Verdict
		reason string
	}{
		{"DI default", Config{}, bareDI, Failed, "a bare DID is a document, not a key"},
		{"DI unsafe", Config{UnsafeAllowBareDIDKey: true}, bareDI, Verified, "the validator-parity switch names the DID's only key"},
		{"JWT kid", Config{}, []byte(bareJWT), Verified, "a kid is a hint (RFC 7515 § 4.1.4); a did:key has one key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, offlineVerifier(t, tc.cfg), tc.in)
			if r.Verdict != tc.want {
				t.Fatalf("%s: verdict %s, want %s\n%s", tc.reason, r.Verdict, tc.want, r)
			}
			switch {
			case tc.want == Failed:
				expectFail(t, r, CheckKey, credential.ErrVerificationMethodNotFound)
			case tc.cfg.UnsafeAllowBareDIDKey:
				if r.Check(CheckKey).Detail["unsafe"] != "UnsafeAllowBareDIDKey" {
					t.Errorf("%s: key check does not say the Unsafe switch was used: %v", tc.reason, r.Check(CheckKey).Detail)
				}
			}
		})
	}
}

// TestRaisedLimits: Config.Limits.MaxDepth and MaxDocumentBytes reach every
// check (data model, JSON Schema, JSON-LD expansion, proof), so a host that
// raises them gets a deep or large genuine credential verified, and the
// defaults still refuse it (acceptance BUGS.md #4).
func TestRaisedLimits(t *testing.T) {
	iss := newIssuer(t)
	roomy := credential.SignOptions{MaxDepth: 100, MaxDocumentBytes: 4 << 20}
	deep := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) {
		// An issuer with a parentOrg chain: over 70 levels of JSON.
		org := map[string]any{"id": "https://example.edu/org/0", "type": []any{"Profile"}}
		for i := 1; i < 70; i++ {
			org = map[string]any{"id": fmt.Sprintf("https://example.edu/org/%d", i), "type": []any{"Profile"}, "parentOrg": org}
		}
		m["issuer"].(map[string]any)["parentOrg"] = org
	}), iss, roomy)
	large := signDI(t, unsignedCredential(t, iss.did, func(m map[string]any) {
		m["image"] = map[string]any{"id": "data:image/png;base64," + strings.Repeat("AAAA", 300_000), "type": "Image"}
	}), iss, roomy)
	for _, tc := range []struct {
		name   string
		in     []byte
		lim    Limits
		want   Verdict
		reason string
	}{
		{"deep, default", deep, Limits{}, Failed, "deeper than DefaultMaxDepth"},
		{"deep, raised", deep, Limits{MaxDepth: 100}, Verified, "MaxDepth 100 covers 70 levels in every check"},
		{"large, default", large, Limits{}, Failed, "over DefaultMaxDocumentBytes"},
		{"large, raised", large, Limits{MaxDocumentBytes: 4 << 20}, Verified, "MaxDocumentBytes 4 MiB covers 1.2 MB in every check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, offlineVerifier(t, Config{Limits: tc.lim}), tc.in)
			if r.Verdict != tc.want {
				t.Fatalf("%s: verdict %s, want %s\n%s", tc.reason, r.Verdict, tc.want, r)
			}
			if tc.want == Failed {
				expectFail(t, r, CheckParse, ErrLimit)
			}
		})
	}
}

// TestJWTUndefinedTerm: in a VC-JWT, whose signature covers the payload
// bytes, an undefined JSON-LD term (endorsementJwt, which the Open Badges
// data model defines but the published 3.0.3 context lacks) is a context
// warning. A Data Integrity proof cannot carry one: AddProof refuses it and
// the proof check fails it, since it would go unsigned (acceptance
// BUGS.md #3).
func TestJWTUndefinedTerm(t *testing.T) {
	iss, endorser := newIssuer(t), newIssuer(t)
	endorsed := endorsement(t, endorser, "urn:uuid:a3b7d8c0-0000-4000-8000-000000000001")
	delete(endorsed, "proof")
	endorsed["iss"], endorsed["jti"], endorsed["nbf"] = endorser.did, endorsed["id"], 1262304000
	endorsementJWT := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": endorser.vm}, endorsed, edSign(t, endorser))
	payload := jwtPayload(t, iss, nil)
	payload["credentialSubject"].(map[string]any)["achievement"].(map[string]any)["endorsementJwt"] = []any{endorsementJWT}
	withJWT := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, payload, edSign(t, iss))
	unknownCtx := jwtPayload(t, iss, nil)
	unknownCtx["@context"] = append(unknownCtx["@context"].([]any), "https://example.com/unknown-context.json")
	withUnknownCtx := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, unknownCtx, edSign(t, iss))
	v := offlineVerifier(t, Config{})
	for _, tc := range []struct {
		name    string
		in      []byte
		want    Verdict
		context Outcome
		reason  string
	}{
		{"VC-JWT", []byte(withJWT), VerifiedWithWarnings, Warn, "the JWS covers endorsementJwt; the JWT endorsement is verified too"},
		{"VC-JWT with an unknown context", []byte(withUnknownCtx), Failed, Fail, "only undefined terms are let through: an unknown context still fails"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, v, tc.in)
			if r.Verdict != tc.want || r.Check(CheckContext).Outcome != tc.context {
				t.Fatalf("%s: verdict %s, context %s; want %s, %s\n%s", tc.reason, r.Verdict, r.Check(CheckContext).Outcome, tc.want, tc.context, r)
			}
			if tc.want != Failed && r.Check(CheckEndorsements).Outcome != Pass {
				t.Errorf("%s: endorsements %s\n%s", tc.reason, r.Check(CheckEndorsements).Outcome, r)
			}
		})
	}
}

// TestCompressedPNG: a credential baked into a zlib-compressed iTXt chunk
// (Open Badges 3.0 baking: "Compression MUST NOT be used") is read, but the
// parse check warns (acceptance BUGS.md #8). The PNG is assembled here by
// hand, independently of package bake.
func TestCompressedPNG(t *testing.T) {
	signed := issue(t, newIssuer(t), nil)
	chunk := func(typ string, data []byte) []byte {
		var b bytes.Buffer
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
		return b.Bytes()
	}
	itxt := func(compressed bool) []byte {
		var text bytes.Buffer
		flag := byte(0)
		if compressed {
			flag = 1
			zw := zlib.NewWriter(&text)
			_, _ = zw.Write(signed)
			_ = zw.Close()
		} else {
			text.Write(signed)
		}
		data := append([]byte("openbadgecredential\x00"), flag, 0, 0, 0)
		return chunk("iTXt", append(data, text.Bytes()...))
	}
	png := func(compressed bool) []byte {
		out := []byte("\x89PNG\r\n\x1a\n")
		out = append(out, chunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0})...)
		out = append(out, itxt(compressed)...)
		return append(out, chunk("IEND", nil)...)
	}
	v := offlineVerifier(t, Config{})
	for _, tc := range []struct {
		name   string
		in     []byte
		want   Verdict
		parse  Outcome
		reason string
	}{
		{"uncompressed", png(false), Verified, Pass, "the baking the specification asks for"},
		{"compressed", png(true), VerifiedWithWarnings, Warn, "compression MUST NOT be used: readable, but a warning"},
	} {
		r := mustVerify(t, v, tc.in)
		if r.Verdict != tc.want || r.Check(CheckParse).Outcome != tc.parse {
			t.Errorf("%s: verdict %s, parse %s; want %s, %s\n%s", tc.reason, r.Verdict, r.Check(CheckParse).Outcome, tc.want, tc.parse, r)
		}
	}
}
