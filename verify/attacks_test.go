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
	if got := r.Check(CheckKey).Detail["source"]; got != string(credential.KeySourceDIDKey) {
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
		t.Run("changed "+tc.reason, func(t *testing.T) {
			bad := []byte(strings.Replace(string(signed), tc.from, tc.to, 1))
			if string(bad) == string(signed) {
				t.Fatalf("%s: replacement did not apply", tc.reason)
			}
			r := mustVerify(t, v, bad)
			expectFail(t, r, CheckProof, ErrProof)
		})
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
	expectFail(t, r, CheckProof, credential.ErrMismatch)
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
		{"unknown suite", []byte(strings.Replace(string(signed), `"eddsa-rdfc-2022"`, `"eddsa-rdfc-2099"`, 1)), Config{}, credential.ErrUnsupported},
		{"suite swapped to jcs", []byte(strings.Replace(string(signed), `"eddsa-rdfc-2022"`, `"eddsa-jcs-2022"`, 1)), Config{}, ErrProof},
		{"downgrade to a suite the host refuses", signDI(t, unsignedCredential(t, iss.did, nil), iss, credential.SignOptions{Cryptosuite: credential.SuiteEd25519Signature2020}),
			Config{AcceptedCryptosuites: []string{credential.SuiteEdDSARDFC2022}}, credential.ErrNotAllowed},
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
		says   string // the specific reason, in the error's message
	}{
		{"alg none", compactJWS(t, map[string]any{"alg": "none", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), func([]byte) []byte { return nil }),
			CheckProof, credential.ErrNotAllowed, "alg none"},
		{"HMAC with the public key as secret", compactJWS(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), hmacSign),
			CheckProof, credential.ErrNotAllowed, "HMAC"},
		{"RS256 header on an Ed25519 key", compactJWS(t, map[string]any{"alg": "RS256", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), edSign(t, iss)),
			CheckProof, credential.ErrVerificationMethod, "does not match the key"},
		{"signed by another key than kid", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckProof, credential.ErrSignature, "invalid signature"},
		{"own key in the jwk header", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "jwk": jwkObj}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckIssuerBinding, credential.ErrKeyNotBound, "embedded"},
		{"kid of a key the issuer does not control", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": other.vm}, jwtPayload(t, iss, nil), edSign(t, other)),
			CheckIssuerBinding, ErrIssuerBinding, "controlled by"},
		{"iss disagrees with issuer.id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"iss": other.did}), edSign(t, iss)),
			CheckProof, credential.ErrMismatch, "claim iss"},
		{"jti disagrees with id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"jti": "urn:uuid:other"}), edSign(t, iss)),
			CheckProof, credential.ErrMismatch, "claim jti"},
		{"nbf disagrees with validFrom", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"nbf": 1262390400}), edSign(t, iss)),
			CheckProof, credential.ErrMismatch, "claim nbf"},
		{"sub disagrees with credentialSubject.id", compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.vm}, jwtPayload(t, iss, map[string]any{"sub": "did:example:someone-else"}), edSign(t, iss)),
			CheckProof, credential.ErrMismatch, "claim sub"},
		{"tampered payload", func() string {
			p := strings.Split(good, ".")
			b, _ := base64.RawURLEncoding.DecodeString(p[1])
			b = []byte(strings.Replace(string(b), "Teamwork", "Teamwerk", 1))
			return p[0] + "." + base64.RawURLEncoding.EncodeToString(b) + "." + p[2]
		}(), CheckProof, credential.ErrSignature, "invalid signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, v, []byte(tc.token))
			expectFail(t, r, tc.check, tc.target)
			if !strings.Contains(r.Err().Error(), tc.says) {
				t.Errorf("the error does not say %q: %v", tc.says, r.Err())
			}
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

// TestBareDIDVerificationMethod: a Data Integrity verificationMethod
// should be a DID URL with a fragment; a bare DID dereferences to the DID
// document, not to a key (Controlled Identifiers 1.0 § 3.3). A bare
// did:key or did:jwk that is the issuer's own DID names exactly one key,
// the issuer's, so it verifies with a warning naming the conformant form
// (issue 10 § 4); any other bare DID is refused. A VC-JWT kid is a key
// hint and may be a bare did:key without a warning.
func TestBareDIDVerificationMethod(t *testing.T) {
	iss, other := newIssuer(t), newIssuer(t)
	jwkKey, err := credential.GenerateKey(credential.KeyP256)
	if err != nil {
		t.Fatal(err)
	}
	jwkDID, err := credential.DIDJWK(jwkKey.Public())
	if err != nil {
		t.Fatal(err)
	}
	jwkIss := testIssuer{key: jwkKey, did: jwkDID, vm: jwkDID + "#0"}
	bare := func(signer testIssuer, issuer string) []byte {
		return signDI(t, unsignedCredential(t, issuer, nil), signer, credential.SignOptions{VerificationMethod: signer.did})
	}
	bareJWT := compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": iss.did}, jwtPayload(t, iss, nil), edSign(t, iss))

	s := newTLSServer(t)
	web := didWebIssuer(t, s, newIssuer(t), "application/did+json")
	online := onlineVerifier(t, s, Config{})
	offline := offlineVerifier(t, Config{})
	for _, tc := range []struct {
		name      string
		v         *Verifier
		in        []byte
		want      Verdict
		keyResult Outcome
		reason    string
	}{
		{"DI bare did:key = issuer", offline, bare(iss, iss.did), VerifiedWithWarnings, Warn,
			"the issuer's own did:key names one key, the issuer's; the key check says what to write instead"},
		{"DI bare did:jwk = issuer", offline, bare(jwkIss, jwkIss.did), VerifiedWithWarnings, Warn,
			"a did:jwk, like a did:key, names exactly one key"},
		{"DI bare did:key ≠ issuer", offline, bare(other, iss.did), Failed, Fail,
			"a bare DID that is not the issuer names a key the issuer does not control"},
		{"DI bare did:web = issuer", online, bare(web, web.did), Failed, Fail,
			"a did:web document may list many keys: a bare did:web names none"},
		{"JWT kid", offline, []byte(bareJWT), Verified, Pass,
			"a kid is a hint (RFC 7515 § 4.1.4); a did:key has one key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, tc.v, tc.in)
			if r.Verdict != tc.want {
				t.Fatalf("%s: verdict %s, want %s\n%s", tc.reason, r.Verdict, tc.want, r)
			}
			k := r.Check(CheckKey)
			if k == nil || k.Outcome != tc.keyResult {
				t.Fatalf("%s: key check %v, want %s\n%s", tc.reason, k, tc.keyResult, r)
			}
			switch tc.keyResult {
			case Fail:
				expectFail(t, r, CheckKey, credential.ErrVerificationMethod)
			case Warn:
				// The warning names the DID URL a conformant issuer writes.
				want := k.Detail["conformant"].(string)
				if !strings.HasPrefix(want, iss.did+"#") && !strings.HasPrefix(want, jwkIss.did+"#") || !strings.Contains(k.Message, want) {
					t.Errorf("%s: the warning does not name the conformant verificationMethod: %s (detail %v)", tc.reason, k.Message, k.Detail)
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
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, v, tc.in)
			if r.Verdict != tc.want || r.Check(CheckParse).Outcome != tc.parse {
				t.Errorf("%s: verdict %s, parse %s; want %s, %s\n%s", tc.reason, r.Verdict, r.Check(CheckParse).Outcome, tc.want, tc.parse, r)
			}
		})
	}
}
