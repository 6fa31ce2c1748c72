package verify

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNewChecksConfig: New rejects, once, what no credential could make
// work; the rejection names the field.
func TestNewChecksConfig(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   Config
		field string // "" when New must accept it
	}{
		{"zero Config", Config{}, ""},
		{"a typo in a cryptosuite", Config{AcceptedCryptosuites: []string{"eddsa-rdf-2022"}}, "AcceptedCryptosuites"},
		{"a suite package credential does not implement", Config{AcceptedCryptosuites: []string{"ecdsa-sd-2023"}}, "AcceptedCryptosuites"},
		{"an empty, non-nil suite list verifies nothing", Config{AcceptedCryptosuites: []string{}}, "AcceptedCryptosuites"},
		{"one known suite", Config{AcceptedCryptosuites: []string{"eddsa-rdfc-2022"}}, ""},
		{"an unknown JWT algorithm", Config{AcceptedJWTAlgorithms: []string{"ES257"}}, "AcceptedJWTAlgorithms"},
		{"HMAC", Config{AcceptedJWTAlgorithms: []string{"HS256"}}, "HS256"},
		{"alg none in any case", Config{AcceptedJWTAlgorithms: []string{"None"}}, "None"},
		{"an empty, non-nil algorithm list", Config{AcceptedJWTAlgorithms: []string{}}, "AcceptedJWTAlgorithms"},
		{"RS384, which credential verifies", Config{AcceptedJWTAlgorithms: []string{"RS384"}}, ""},
		{"an unknown policy", Config{Policy: "lenient"}, "Policy"},
		{"PolicyStrict", Config{Policy: PolicyStrict}, ""},
		{"a negative status-list floor", Config{StatusListMinEntries: -1}, "StatusListMinEntries"},
		{"a negative skew means none", Config{Skew: -time.Second}, ""},
		{"a negative document cap is refused, not unlimited", Config{Limits: Limits{MaxDocumentBytes: -1}}, "MaxDocumentBytes"},
		{"a negative depth cap", Config{Limits: Limits{MaxDepth: -1}}, "MaxDepth"},
		{"a negative status-list cap (gzip bombs)", Config{Limits: Limits{MaxStatusListBytes: -1}}, "MaxStatusListBytes"},
		{"a negative fetch timeout", Config{Limits: Limits{FetchTimeout: -time.Second}}, "FetchTimeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("New refused it: %v", err)
			case tc.field != "" && !errors.Is(err, ErrInvalidConfig):
				t.Fatalf("New accepted it (err %v)", err)
			case tc.field != "" && !strings.Contains(err.Error(), tc.field):
				t.Fatalf("the error does not name %s: %v", tc.field, err)
			}
		})
	}
}

// TestConfigSlicesCopied: a host changing its slices (or the defaults it
// was handed) after New changes nothing about the verifier.
func TestConfigSlicesCopied(t *testing.T) {
	iss := newIssuer(t)
	cred := issue(t, iss, nil)
	suites := []string{"eddsa-rdfc-2022"}
	v := offlineVerifier(t, Config{AcceptedCryptosuites: suites})
	suites[0] = "ecdsa-rdfc-2019"
	if r := mustVerify(t, v, cred); r.Verdict != Verified {
		t.Fatalf("changing the caller's slice after New changed the verifier:\n%s", r)
	}
	def := DefaultCryptosuites()
	def[0] = "tampered"
	if slices.Contains(DefaultCryptosuites(), "tampered") || slices.Contains(DefaultJWTAlgorithms(), "tampered") {
		t.Fatal("the defaults are shared mutable slices")
	}
	if r := mustVerify(t, offlineVerifier(t, Config{}), cred); r.Verdict != Verified {
		t.Fatalf("a default verifier after the caller changed a returned default:\n%s", r)
	}
}

// TestSkewResolvedOnce: zero is DefaultSkew, negative none, positive as
// given; the report's validity detail says which was used.
func TestSkewResolvedOnce(t *testing.T) {
	for _, tc := range []struct {
		skew, want time.Duration
		why        string
	}{
		{0, DefaultSkew, "zero is the documented default"},
		{-1, 0, "any negative value means no skew"},
		{-time.Hour, 0, "a large negative value is still no skew, not a shifted clock"},
		{time.Minute, time.Minute, "a positive value is used as given"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			v, err := New(Config{Skew: tc.skew})
			if err != nil {
				t.Fatal(err)
			}
			if v.skew != tc.want {
				t.Errorf("Skew %v resolved to %v, want %v (%s)", tc.skew, v.skew, tc.want, tc.why)
			}
		})
	}
	r := mustVerify(t, offlineVerifier(t, Config{}), issue(t, newIssuer(t), nil))
	if got := r.Check(CheckValidity).Detail["skew"]; got != DefaultSkew.String() {
		t.Errorf("validity detail skew = %v", got)
	}
}

// TestCheckAspects pins the classification every verdict follows.
func TestCheckAspects(t *testing.T) {
	want := map[CheckID]Aspect{
		CheckParse: AspectAuthentic, CheckProof: AspectAuthentic, CheckKey: AspectAuthentic, CheckIssuerBinding: AspectAuthentic,
		CheckPresentation: AspectAuthentic, CheckCredentials: AspectAuthentic,
		CheckStatus: AspectCurrent, CheckValidity: AspectCurrent, CheckRefresh: AspectCurrent,
		CheckContext: AspectConformant, CheckType: AspectConformant, CheckSchema: AspectConformant, CheckSubject: AspectConformant,
		CheckEndorsements: AspectNested, CheckCLRNested: AspectNested, CheckTrust: AspectTrust,
		"some-future-check": AspectAuthentic,
	}
	for id, a := range want {
		if got := id.Aspect(); got != a {
			t.Errorf("%s: aspect %s, want %s", id, got, a)
		}
	}
	for _, id := range checkOrder {
		if _, ok := want[id]; !ok {
			t.Errorf("check %s has no row here", id)
		}
	}
}

// TestVerdictFromChecks: the verdict follows from the outcomes alone, a
// failure over anything unestablished, unestablished over warnings.
func TestVerdictFromChecks(t *testing.T) {
	for _, tc := range []struct {
		outcomes []Outcome
		want     Verdict
		reason   string
	}{
		{[]Outcome{Pass, Skipped}, Verified, "nothing to show"},
		{[]Outcome{Pass, Warn}, VerifiedWithWarnings, "a warning is shown, not held against it"},
		{[]Outcome{Warn, NotEstablished}, Unverified, "not established is never OK"},
		{[]Outcome{NotEstablished, Fail}, Failed, "a refutation wins over what could not be checked"},
		{[]Outcome{Fail, Warn}, Failed, "a failure fails"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			r := &Report{Kind: "credential"}
			for i, o := range tc.outcomes {
				r.Checks = append(r.Checks, Check{ID: checkOrder[i], Outcome: o})
			}
			r.finish()
			if r.Verdict != tc.want || r.OK() != (tc.want == Verified || tc.want == VerifiedWithWarnings) || r.OK() != (r.Err() == nil) {
				t.Errorf("%v: verdict %s OK %v Err %v, want %s (%s)", tc.outcomes, r.Verdict, r.OK(), r.Err(), tc.want, tc.reason)
			}
		})
	}
}

func TestParseIssuerRegistry(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		ok        bool
	}{
		{"DCC shape", `{"meta":{"created":"2026-01-01T00:00:00Z"},"registry":{"did:web:a.example":{"name":"A","url":"https://a.example","location":"X"}}}`, true},
		{"entries instead of registry", `{"entries":{"did:web:a.example":{"name":"A"}}}`, true},
		{"both, ambiguous", `{"registry":{"did:web:a.example":{"name":"A"}},"entries":{}}`, false},
		{"neither", `{"meta":{}}`, false},
		{"an entry without a name", `{"registry":{"did:web:a.example":{"url":"https://a.example"}}}`, false},
		{"an empty id", `{"registry":{"":{"name":"A"}}}`, false},
		{"duplicate keys, which JSON readers resolve differently", `{"registry":{"did:web:a.example":{"name":"A"},"did:web:a.example":{"name":"B"}}}`, false},
		{"not JSON", `registry`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseIssuerRegistry("R", []byte(tc.doc))
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			if err != nil && !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("error is not ErrInvalidConfig: %v", err)
			}
			if tc.ok {
				if e, found := r.Lookup("did:web:a.example"); !found || e.Name != "A" || r.Name() != "R" || r.Len() != 1 {
					t.Fatalf("lookup: %+v %v", e, found)
				}
				if _, found := r.Lookup("did:web:A.example"); found {
					t.Fatal("ids must match exactly")
				}
			}
		})
	}
	if _, err := ParseIssuerRegistry("", []byte(`{"registry":{}}`)); err == nil {
		t.Error("a registry without a name was accepted: reports could not cite it")
	}
	big := make([]byte, MaxRegistryBytes+1)
	if _, err := ParseIssuerRegistry("R", big); err == nil {
		t.Error("an oversized registry was accepted")
	}
}

// TestRegistryOrder: the first registry that lists an issuer names it.
func TestRegistryOrder(t *testing.T) {
	a, _ := ParseIssuerRegistry("Authoritative", []byte(`{"registry":{"did:web:x.example":{"name":"X University"}}}`))
	b, _ := ParseIssuerRegistry("Community", []byte(`{"registry":{"did:web:x.example":{"name":"X"},"did:web:y.example":{"name":"Y"}}}`))
	p := RegistryPolicy{Registries: []*IssuerRegistry{a, nil, b}}
	ctx := context.Background()
	if rec, ok, _ := p.RecognizeIssuer(ctx, "did:web:x.example"); !ok || rec.Registry != "Authoritative" || rec.Issuer.Name != "X University" {
		t.Errorf("x: %+v %v", rec, ok)
	}
	if rec, ok, _ := p.RecognizeIssuer(ctx, "did:web:y.example"); !ok || rec.Registry != "Community" {
		t.Errorf("y: %+v %v", rec, ok)
	}
	if err := p.TrustIssuer(ctx, "did:web:z.example", nil); !errors.Is(err, ErrUnrecognizedIssuer) || !strings.Contains(err.Error(), `"Community"`) {
		t.Errorf("z: %v", err)
	}
}
