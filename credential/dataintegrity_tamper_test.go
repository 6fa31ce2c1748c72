package credential

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// diSample is the interop Open Badges credential signed with
// eddsa-rdfc-2022 by the did:key of the zero seed, issued by that DID.
type diSample struct {
	key    crypto.Signer
	vm     string
	did    string
	signed []byte
}

var diSignTime = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func newDISample(t testing.TB, suite string, opts ...func(*SignOptions)) *diSample {
	t.Helper()
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	return newDISampleWithKey(t, key, suite, opts...)
}

func newDISampleWithKey(t testing.TB, key crypto.Signer, suite string, opts ...func(*SignOptions)) *diSample {
	t.Helper()
	did, err := DIDKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	vm, err := DIDKeyVerificationMethod(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	doc := diDecodeObject(t, diReadFile(t, "testdata", "openbadges", "ob3-sample.json"))
	doc["issuer"].(map[string]any)["id"] = did
	unsigned, err := diMarshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	so := SignOptions{Signer: key, VerificationMethod: vm, Cryptosuite: suite, Created: diSignTime, Loader: diTestLoader(t)}
	for _, o := range opts {
		o(&so)
	}
	signed, err := AddProof(context.Background(), unsigned, so)
	if err != nil {
		t.Fatal(err)
	}
	return &diSample{key: key, vm: vm, did: did, signed: signed}
}

// edit applies a JSON-pointer (RFC 6901) replacement, insertion or (with
// diDelete) removal to a decoded document.
var diDelete = &struct{}{}

func diEdit(t testing.TB, doc any, pointer string, value any) {
	t.Helper()
	parts := strings.Split(pointer, "/")[1:]
	cur := doc
	for i, p := range parts {
		p = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				if value == diDelete {
					delete(c, p)
				} else {
					c[p] = value
				}
				return
			}
			cur = c[p]
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n >= len(c) {
				t.Fatalf("bad pointer %s", pointer)
			}
			if last {
				c[n] = value
				return
			}
			cur = c[n]
		default:
			t.Fatalf("pointer %s does not resolve", pointer)
		}
	}
}

func (s *diSample) tampered(t testing.TB, pointer string, value any) []byte {
	t.Helper()
	doc := diDecodeObject(t, s.signed)
	diEdit(t, doc, pointer, value)
	b, err := diMarshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTamperedDocuments: every edit of a signed credential or of its proof
// must fail, each for its own reason.
func TestTamperedDocuments(t *testing.T) {
	ctx := context.Background()
	s := newDISample(t, SuiteEdDSARDFC2022)
	otherKey := ed25519.NewKeyFromSeed([]byte("0123456789abcdef0123456789abcdef"))
	otherVM, _ := DIDKeyVerificationMethod(otherKey.Public())
	p256, err := GenerateKey(KeyP256)
	if err != nil {
		t.Fatal(err)
	}
	p256VM, _ := DIDKeyVerificationMethod(p256.Public())
	proofValue := diDecodeObject(t, s.signed)["proof"].(map[string]any)["proofValue"].(string)

	tests := []struct {
		pointer string
		value   any
		want    error
		reason  string
	}{
		{"/name", "Teamwork Badge!", ErrSignature, "top-level string changed"},
		{"/validFrom", "2024-01-01T00:00:01Z", ErrSignature, "date moved by one second"},
		{"/id", "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130003", ErrSignature, "credential id changed"},
		{"/issuer/name", "Evil University", ErrSignature, "issuer name changed"},
		{"/credentialSubject/id", "did:example:someone-else", ErrSignature, "subject changed"},
		{"/credentialSubject/achievement/criteria/narrative", "Anyone who asks.", ErrSignature, "nested achievement field changed"},
		{"/credentialSubject/achievement/achievementType", "Certificate", ErrSignature, "enumerated value changed"},
		{"/credentialSubject/achievement/name", diDelete, ErrSignature, "nested field removed"},
		{"/type/1", "EndorsementCredential", ErrSignature, "type changed"},
		{"/credentialSubject/undefinedTerm", "x", errMalformedDocument, "added member the contexts do not define (would not be signed)"},
		{"/proof/created", "2024-06-01T12:00:01Z", ErrSignature, "proof created changed"},
		{"/proof/verificationMethod", otherVM, ErrSignature, "another Ed25519 key named"},
		{"/proof/verificationMethod", p256VM, errKeyTypeMismatch, "a P-256 key named for an Ed25519 suite"},
		{"/proof/verificationMethod", "did:web:example.com#key-1", ErrVerificationMethod, "unresolvable method"},
		{"/proof/proofPurpose", "authentication", errProofPurposeMismatch, "purpose changed"},
		{"/proof/cryptosuite", SuiteEdDSAJCS2022, ErrSignature, "suite switched to JCS"},
		{"/proof/cryptosuite", SuiteEdDSA2022Draft, ErrSignature, "suite downgraded to the draft name"},
		{"/proof/cryptosuite", SuiteECDSARDFC2019, errKeyTypeMismatch, "suite switched to ECDSA with an Ed25519 key"},
		{"/proof/cryptosuite", "eddsa-rdfc-2099", errUnknownCryptosuite, "unknown suite"},
		{"/proof/cryptosuite", "ecdsa-sd-2023", errUnsupportedCryptosuite, "selective disclosure suite"},
		{"/proof/cryptosuite", diDelete, errMalformedProof, "cryptosuite removed"},
		{"/proof/type", "Ed25519Signature2020", errMalformedProof, "legacy type with a cryptosuite"},
		{"/proof/type", "JsonWebSignature2020", errUnknownCryptosuite, "unknown proof type"},
		{"/proof/proofValue", proofValue[:len(proofValue)-4], ErrSignature, "truncated proofValue"},
		{"/proof/proofValue", proofValue[:20] + "0" + proofValue[21:], errMalformedProof, "garbled proofValue (not base58)"},
		{"/proof/proofValue", "u" + proofValue[1:], errMalformedProof, "proofValue not base58btc"},
		{"/proof/proofValue", "z" + strings.Repeat("2", 87), ErrSignature, "well-formed but wrong signature"},
		{"/proof/proofValue", diDelete, errMalformedProof, "proofValue removed"},
		{"/proof/proofValue", 42, errMalformedProof, "proofValue not a string"},
		{"/proof/created", "yesterday", errMalformedProof, "created is not a dateTime"},
		{"/proof/created", "2999-01-01T00:00:00Z", ErrSignature, "created moved (the proof configuration is signed)"},
		{"/proof/expires", "2024-06-02T00:00:00Z", ErrSignature, "expires added (the proof configuration is signed)"},
		{"/proof/domain", "example.org", ErrSignature, "unsigned domain added"},
		{"/proof/previousProof", "urn:uuid:missing", errBrokenProofChain, "chain to a proof not in the set"},
		{"/proof", nil, errMalformedProof, "proof is null"},
		{"/proof", "z123", errMalformedProof, "proof is a string"},
		{"/proof", diDelete, ErrNoProof, "proof removed"},
	}
	loader := diTestLoader(t)
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			doc := s.tampered(t, tt.pointer, tt.value)
			_, err := timedOptions{VerifyOptions: VerifyOptions{Loader: loader}, now: diSignTime.Add(48 * time.Hour)}.verify(ctx, doc)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s (%s = %v): got %v, want %v", tt.reason, tt.pointer, tt.value, err, tt.want)
			}
		})
	}
	// The untampered document verifies with the same options.
	if _, err := (timedOptions{VerifyOptions: VerifyOptions{Loader: loader}, now: diSignTime.Add(48 * time.Hour)}).verify(ctx, s.signed); err != nil {
		t.Fatalf("untampered: %v", err)
	}
}

// TestEveryValueIsCovered changes each scalar value of a signed credential,
// its proof included, one at a time: every change must fail.
func TestEveryValueIsCovered(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	for _, suite := range []string{SuiteEdDSARDFC2022, SuiteEdDSAJCS2022} {
		s := newDISample(t, suite)
		var pointers []string
		var walk func(v any, path string)
		walk = func(v any, path string) {
			switch c := v.(type) {
			case map[string]any:
				for k, e := range c {
					walk(e, path+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k))
				}
			case []any:
				for i, e := range c {
					walk(e, fmt.Sprintf("%s/%d", path, i))
				}
			default:
				pointers = append(pointers, path)
			}
		}
		walk(diDecodeObject(t, s.signed), "")
		if len(pointers) < 20 {
			t.Fatalf("only %d values found", len(pointers))
		}
		for _, p := range pointers {
			doc := diDecodeObject(t, s.signed)
			var old any = doc
			for _, part := range strings.Split(p, "/")[1:] {
				switch c := old.(type) {
				case map[string]any:
					old = c[strings.NewReplacer("~1", "/", "~0", "~").Replace(part)]
				case []any:
					n, _ := strconv.Atoi(part)
					old = c[n]
				}
			}
			var changed any
			switch o := old.(type) {
			case string:
				changed = o + "x"
			case bool:
				changed = !o
			default:
				changed = "x"
			}
			_, err := VerifyProofs(ctx, s.tampered(t, p, changed), VerifyOptions{Loader: loader})
			if err == nil {
				t.Errorf("%s: changing %s from %v to %v still verifies", suite, p, old, changed)
			}
		}
	}
}

// TestVerifyOptions: what the verifier expects, each row a reason to fail.
func TestVerifyOptions(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	plain := newDISample(t, SuiteEdDSARDFC2022)
	bound := newDISample(t, SuiteEdDSARDFC2022, func(o *SignOptions) {
		o.Domain, o.Challenge, o.ProofPurpose = "verifier.example", "nonce-1", PurposeAuthentication
		o.Expires = diSignTime.Add(time.Hour)
	})
	bareDID := newDISample(t, SuiteEdDSARDFC2022, func(o *SignOptions) {
		o.VerificationMethod, _, _ = strings.Cut(o.VerificationMethod, "#")
	})
	tests := []struct {
		doc    []byte
		opts   timedOptions
		want   error // nil: verifies
		reason string
	}{
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{}}, nil, "zero options: assertionMethod, did:key"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{RequireIssuerController: true}}, nil, "issuer is the did:key"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{ExpectedController: plain.did}}, nil, "expected controller"},
		{bareDID.signed, timedOptions{VerifyOptions: VerifyOptions{}}, nil, "a bare did:key names exactly one key; whether a proof may name it so is the caller's rule (package verify warns when it is the issuer's DID)"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{ExpectedController: "did:example:other"}}, errControllerMismatch, "another controller expected"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication}}, errProofPurposeMismatch, "authentication expected"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{Domain: "verifier.example"}}, errDomainMismatch, "domain expected, none in proof"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{Challenge: "nonce-1"}}, errChallengeMismatch, "challenge expected, none in proof"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{AllowedCryptosuites: []string{SuiteECDSARDFC2019}}}, errCryptosuiteNotAllowed, "suite not allowed"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{}, now: diSignTime.Add(-time.Hour)}, ErrNotYetValid, "clock before created"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{}, now: diSignTime.Add(-time.Minute)}, nil, "within the default clock skew"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{}, now: diSignTime.Add(-time.Minute), skew: -1}, ErrNotYetValid, "no skew allowed"},
		{bound.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication, Domain: "verifier.example", Challenge: "nonce-1"}, now: diSignTime}, nil, "all bound values match"},
		{bound.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication, Domain: "other.example", Challenge: "nonce-1"}, now: diSignTime}, errDomainMismatch, "wrong domain"},
		{bound.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication, Domain: "verifier.example", Challenge: "nonce-2"}, now: diSignTime}, errChallengeMismatch, "wrong challenge"},
		{bound.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication}, now: diSignTime.Add(2 * time.Hour)}, ErrExpired, "expired"},
		{bound.signed, timedOptions{VerifyOptions: VerifyOptions{ProofPurpose: PurposeAuthentication}, now: diSignTime.Add(time.Hour)}, ErrExpired, "expires is exclusive"},
		{[]byte(`{"a":1,"a":2,"proof":{}}`), timedOptions{VerifyOptions: VerifyOptions{}}, errMalformedDocument, "duplicate member names"},
		{[]byte(`[]`), timedOptions{VerifyOptions: VerifyOptions{}}, errMalformedDocument, "not an object"},
		{[]byte(`{"@context":"x"}`), timedOptions{VerifyOptions: VerifyOptions{}}, ErrNoProof, "no proof"},
		{[]byte(`{"proof":[]}`), timedOptions{VerifyOptions: VerifyOptions{}}, ErrNoProof, "empty proof set"},
		{[]byte(`{"proof":[1]}`), timedOptions{VerifyOptions: VerifyOptions{}}, errMalformedProof, "proof is not an object"},
		{plain.signed, timedOptions{VerifyOptions: VerifyOptions{MaxDocumentBytes: 100}}, errMalformedDocument, "document over the size limit"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if tt.opts.Loader == nil {
				tt.opts.Loader = loader
			}
			if tt.opts.now.IsZero() {
				tt.opts.now = diSignTime.Add(time.Minute)
			}
			rep, err := tt.opts.verify(ctx, tt.doc)
			if tt.want == nil {
				if err != nil || !rep.Verified() {
					t.Errorf("%s: %v", tt.reason, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.reason, err, tt.want)
			}
			var pe *ProofError
			if rep != nil && !errors.As(err, &pe) {
				t.Errorf("%s: a per-proof failure is not a *ProofError: %T", tt.reason, err)
			}
		})
	}
}

// TestManyProofsRefused: a document with 10,000 proofs is refused before
// any proof is looked at.
func TestManyProofsRefused(t *testing.T) {
	doc := `{"@context":["https://www.w3.org/ns/credentials/v2"],"proof":[` + strings.Repeat(`{"type":"DataIntegrityProof"},`, 9999) + `{}]}`
	_, err := VerifyProofs(context.Background(), []byte(doc), VerifyOptions{MaxDocumentBytes: 1 << 20})
	if !errors.Is(err, errTooManyProofs) {
		t.Fatalf("got %v, want errTooManyProofs", err)
	}
	_, err = VerifyProofs(context.Background(), []byte(doc), VerifyOptions{})
	if !errors.Is(err, errTooManyProofs) {
		t.Fatalf("default limits: got %v, want errTooManyProofs", err)
	}
}

// TestSignRefuses: AddProof's own checks.
func TestSignRefuses(t *testing.T) {
	ctx := context.Background()
	ed := ed25519.NewKeyFromSeed(make([]byte, 32))
	edVM, _ := DIDKeyVerificationMethod(ed.Public())
	p256, _ := GenerateKey(KeyP256)
	rsa, err := GenerateKey(KeyRSA)
	if err != nil {
		t.Fatal(err)
	}
	doc := diReadFile(t, "testdata", "openbadges", "ob3-sample.json")
	tests := []struct {
		doc    []byte
		opts   SignOptions
		want   error
		reason string
	}{
		{doc, SignOptions{VerificationMethod: edVM}, ErrInvalidOptions, "no signer"},
		{doc, SignOptions{Signer: ed}, ErrInvalidOptions, "no verification method"},
		{doc, SignOptions{Signer: ed, VerificationMethod: edVM, Cryptosuite: SuiteECDSARDFC2019}, errKeyTypeMismatch, "Ed25519 key, ECDSA suite"},
		{doc, SignOptions{Signer: p256, VerificationMethod: edVM, Cryptosuite: SuiteEdDSARDFC2022}, errKeyTypeMismatch, "P-256 key, EdDSA suite"},
		{doc, SignOptions{Signer: p256, VerificationMethod: edVM, Cryptosuite: SuiteEd25519Signature2020}, errKeyTypeMismatch, "P-256 key, Ed25519Signature2020"},
		{doc, SignOptions{Signer: rsa, VerificationMethod: edVM}, errKeyTypeMismatch, "RSA key: no Data Integrity suite"},
		{doc, SignOptions{Signer: ed, VerificationMethod: edVM, Cryptosuite: SuiteEdDSA2022Draft}, ErrInvalidOptions, "draft suite name is never signed"},
		{doc, SignOptions{Signer: ed, VerificationMethod: edVM, Cryptosuite: "ecdsa-sd-2023"}, errUnsupportedCryptosuite, "selective disclosure"},
		{doc, SignOptions{Signer: ed, VerificationMethod: edVM, Created: diSignTime, Expires: diSignTime}, ErrInvalidOptions, "expires not after created"},
		{doc, SignOptions{Signer: ed, VerificationMethod: edVM, PreviousProof: []string{"urn:uuid:x"}}, errBrokenProofChain, "previous proof absent"},
		{[]byte(`{"name":"no context"}`), SignOptions{Signer: ed, VerificationMethod: edVM}, errMalformedDocument, "RDFC needs @context"},
		{[]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"nope":1}`), SignOptions{Signer: ed, VerificationMethod: edVM}, errMalformedDocument, "undefined term would go unsigned"},
		{[]byte(`{"a":1,"a":1}`), SignOptions{Signer: ed, VerificationMethod: edVM, Cryptosuite: SuiteEdDSAJCS2022}, errMalformedDocument, "duplicate member names"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			tt.opts.Loader = diTestLoader(t)
			if _, err := AddProof(ctx, tt.doc, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.reason, err, tt.want)
			}
		})
	}
}

// TestJCSPlainJSON: the JCS suites sign JSON without any @context.
func TestJCSPlainJSON(t *testing.T) {
	ctx := context.Background()
	key, _ := GenerateKey(KeyP384)
	vm, _ := DIDKeyVerificationMethod(key.Public())
	out, err := AddProof(ctx, []byte(`{"b":[1,2.50,"\u20ac"],"a":{"z":null}}`), SignOptions{Signer: key, VerificationMethod: vm, Cryptosuite: SuiteECDSAJCS2019})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyProofs(ctx, out, VerifyOptions{})
	if err != nil || rep.Proofs[0].Cryptosuite != SuiteECDSAJCS2019 {
		t.Fatalf("%v %+v", err, rep)
	}
	// Member order and number spelling are not signed; values are.
	reordered := []byte(strings.Replace(string(out), `"b":[1,2.50,"\u20ac"],"a":{"z":null}`, `"a":{"z":null},"b":[1,2.5,"€"]`, 1))
	if _, err := VerifyProofs(ctx, reordered, VerifyOptions{}); err != nil {
		t.Errorf("reordered: %v", err)
	}
	changed := []byte(strings.Replace(string(out), `2.50`, `2.51`, 1))
	if _, err := VerifyProofs(ctx, changed, VerifyOptions{}); !errors.Is(err, ErrSignature) {
		t.Errorf("changed number: %v", err)
	}
}

// TestConcurrentUse: AddProof and VerifyProofs share nothing but the
// caller's Loader and Resolver, so they may run in parallel (run with -race).
func TestConcurrentUse(t *testing.T) {
	s := newDISample(t, SuiteEdDSARDFC2022)
	loader := diTestLoader(t)
	unsigned := diReadFile(t, "testdata", "openbadges", "ob3-sample.json")
	errs := make(chan error, 16)
	for i := range 8 {
		go func() {
			if i%2 == 0 {
				_, err := VerifyProofs(context.Background(), s.signed, VerifyOptions{Loader: loader, Resolver: OfflineResolver{}})
				errs <- err
				return
			}
			_, err := AddProof(context.Background(), unsigned, SignOptions{Signer: s.key, VerificationMethod: s.vm, Loader: loader})
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestMaxDepthOption: a document nested deeper than DefaultMaxDepth is
// refused by default, and signs and verifies (parsing and RDFC
// canonicalization alike) when SignOptions.MaxDepth and
// VerifyOptions.MaxDepth allow it (acceptance BUGS.md #4).
func TestMaxDepthOption(t *testing.T) {
	ctx := context.Background()
	doc := diDecodeObject(t, diReadFile(t, "testdata", "openbadges", "ob3-sample.json"))
	org := map[string]any{"id": "https://example.edu/org/0", "type": []any{"Profile"}}
	for i := 1; i < 70; i++ {
		org = map[string]any{"id": fmt.Sprintf("https://example.edu/org/%d", i), "type": []any{"Profile"}, "parentOrg": org}
	}
	doc["issuer"].(map[string]any)["parentOrg"] = org
	unsigned, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	vm, _ := DIDKeyVerificationMethod(key.Public())
	so := SignOptions{Signer: key, VerificationMethod: vm, Created: diSignTime, Loader: diTestLoader(t)}
	if _, err := AddProof(ctx, unsigned, so); !errors.Is(err, errMalformedDocument) {
		t.Fatalf("default depth: AddProof error %v, want errMalformedDocument", err)
	}
	so.MaxDepth = 100
	signed, err := AddProof(ctx, unsigned, so)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		depth  int
		ok     bool
		reason string
	}{
		{0, false, "DefaultMaxDepth is 64"},
		{100, true, "raised: parsing and canonicalization both accept it"},
	} {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := VerifyProofs(ctx, signed, VerifyOptions{Loader: diTestLoader(t), MaxDepth: tt.depth})
			if (err == nil) != tt.ok {
				t.Errorf("%s: VerifyProofs error %v", tt.reason, err)
			}
		})
	}
}
