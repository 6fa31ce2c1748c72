package verify

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/fixtures"
)

// The corpus: credentials shaped like the ones real issuers publish and
// today's wallets accept (issue 10), each signed with our own keys, with the
// verdict the package documentation's policy table promises under the
// default and the strict policy. Where a row's two verdicts differ, only
// conformance or nested findings separate them.

// bitstringList returns a BitstringStatusListCredential of n one-bit entries
// with the given indexes set, issued and signed by signer.
func bitstringList(t *testing.T, url string, signer testIssuer, n int, set ...int) []byte {
	t.Helper()
	bits := make([]byte, (n+7)/8)
	for _, i := range set {
		bits[i/8] |= 0x80 >> (i % 8) // index 0 is the most significant bit
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bits)
	zw.Close()
	m := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2"},
		"id":        url,
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    signer.did,
		"validFrom": fixedNow.Add(-24 * time.Hour).Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
			"encodedList": "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()),
		},
	}
	b, _ := json.Marshal(m)
	return signDI(t, b, signer, credential.SignOptions{})
}

func statusEntry(url string, i int) map[string]any {
	return map[string]any{"id": fmt.Sprintf("%s#%d", url, i), "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
		"statusListIndex": fmt.Sprint(i), "statusListCredential": url}
}

// corpusEnv is what the corpus rows are built from: an issuer, a second
// did:key that signs status lists, an https server publishing those lists
// and an issuer registry that knows the issuer.
type corpusEnv struct {
	iss, statusKey, endorser testIssuer
	s                        *tlsServer
	registry                 *IssuerRegistry
}

func newCorpusEnv(t *testing.T) *corpusEnv {
	e := &corpusEnv{iss: newIssuer(t), statusKey: newIssuer(t), endorser: newIssuer(t), s: newTLSServer(t)}
	publish := func(path, ct string, body []byte) { e.s.serve(path, ct, body) }
	full := 131072
	publish("/status/octet", "application/octet-stream", bitstringList(t, e.s.URL+"/status/octet", e.iss, full))
	publish("/status/plain", "text/plain", bitstringList(t, e.s.URL+"/status/plain", e.iss, full))
	publish("/status/100k", "application/vc+ld+json", bitstringList(t, e.s.URL+"/status/100k", e.iss, 100000))
	publish("/status/dedicated", "application/vc+ld+json", bitstringList(t, e.s.URL+"/status/dedicated", e.statusKey, full, 9))
	publish("/status/revoked", "application/vc+ld+json", bitstringList(t, e.s.URL+"/status/revoked", e.iss, full, 4))
	reg, err := ParseIssuerRegistry("Test Registry", fmt.Appendf(nil,
		`{"meta":{"created":"2026-01-01T00:00:00Z"},"registry":{%q:{"name":"Example University","url":"https://example.edu"}}}`, e.iss.did))
	if err != nil {
		t.Fatal(err)
	}
	e.registry = reg
	return e
}

func (e *corpusEnv) issue(t *testing.T, mod func(map[string]any)) []byte { return issue(t, e.iss, mod) }

func (e *corpusEnv) endorsement(t *testing.T, mod func(map[string]any)) map[string]any {
	m := endorsement(t, e.endorser, "https://example.com/achievements/21st-century-skills/teamwork")
	delete(m, "proof")
	if mod != nil {
		mod(m)
	}
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(signDI(t, b, e.endorser, credential.SignOptions{}), &out)
	return out
}

func achievement(m map[string]any) map[string]any {
	return m["credentialSubject"].(map[string]any)["achievement"].(map[string]any)
}

type corpusCase struct {
	name   string
	build  func(*testing.T, *corpusEnv) []byte
	online bool
	cfg    func(*corpusEnv, *Config)
	// The verdicts under PolicyDefault and PolicyStrict, and the check
	// that carries the finding (warn, fail or not established).
	def, strict Verdict
	check       CheckID
}

var corpus = []corpusCase{
	{name: "issuer.image as a bare URL string", def: VerifiedWithWarnings, strict: Failed, check: CheckSchema,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["issuer"].(map[string]any)["image"] = "https://example.edu/logo.png" })
		}},
	{name: "credentialSubject with a name but neither id nor identifier", def: VerifiedWithWarnings, strict: Failed, check: CheckSubject,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) {
				s := m["credentialSubject"].(map[string]any)
				delete(s, "id")
				s["name"] = "Ada Lovelace"
			})
		}},
	{name: `achievementType "Program", outside the enumeration`, def: VerifiedWithWarnings, strict: Failed, check: CheckSchema,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { achievement(m)["achievementType"] = "Program" })
		}},
	// The endorsed credential's own schema check reads its embedded
	// endorsements too, so the finding is on both reports.
	{name: "embedded endorsement without name", def: VerifiedWithWarnings, strict: Failed, check: CheckSchema,
		build: func(t *testing.T, e *corpusEnv) []byte {
			end := e.endorsement(t, func(m map[string]any) { delete(m, "name") })
			return e.issue(t, func(m map[string]any) { m["endorsement"] = []any{end} })
		}},
	{name: "expired embedded endorsement", def: VerifiedWithWarnings, strict: Failed, check: CheckEndorsements,
		build: func(t *testing.T, e *corpusEnv) []byte {
			end := e.endorsement(t, func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" })
			return e.issue(t, func(m map[string]any) { m["endorsement"] = []any{end} })
		}},
	{name: "plain W3C VC, type VerifiableCredential only", def: VerifiedWithWarnings, strict: Failed, check: CheckType,
		build: func(t *testing.T, e *corpusEnv) []byte {
			b, _ := json.Marshal(map[string]any{
				"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "id": "urn:uuid:5d3c8a0e-0e7b-4b8e-9c43-5e7f6d1f2a10",
				"type": []any{"VerifiableCredential"}, "issuer": e.iss.did, "validFrom": "2025-01-01T00:00:00Z",
				"credentialSubject": map[string]any{"id": "did:example:learner"},
			})
			return signDI(t, b, e.iss, credential.SignOptions{})
		}},
	{name: "status list served as application/octet-stream", online: true, def: Verified, strict: Verified, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/octet", 3) })
		}},
	{name: "status list served as text/plain", online: true, def: Verified, strict: Verified, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/plain", 3) })
		}},
	{name: "status list of 100,000 entries: under the spec minimum, a warning", online: true, def: VerifiedWithWarnings, strict: VerifiedWithWarnings, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/100k", 3) })
		}},
	{name: "status list of 100,000 entries under a floor of 131,072", online: true, def: Unverified, strict: Unverified, check: CheckStatus,
		cfg: func(_ *corpusEnv, c *Config) { c.StatusListMinEntries = 131072 },
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/100k", 3) })
		}},
	{name: "status list signed by a dedicated status did:key, bit unset", online: true, def: VerifiedWithWarnings, strict: VerifiedWithWarnings, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/dedicated", 3) })
		}},
	{name: "status list signed by a dedicated status did:key, bit set", online: true, def: Failed, strict: Failed, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/dedicated", 9) })
		}},
	{name: "dedicated status key when the host requires the credential's issuer", online: true, def: Unverified, strict: Unverified, check: CheckStatus,
		cfg: func(_ *corpusEnv, c *Config) { c.RequireStatusListIssuer = true },
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/dedicated", 3) })
		}},
	{name: "revoked and expired: both reported", online: true, def: Failed, strict: Failed, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) {
				m["credentialStatus"] = statusEntry(e.s.URL+"/status/revoked", 4)
				m["validUntil"] = "2025-06-01T00:00:00Z"
			})
		}},
	{name: "status list offline", def: Unverified, strict: Unverified, check: CheckStatus,
		build: func(t *testing.T, e *corpusEnv) []byte {
			return e.issue(t, func(m map[string]any) { m["credentialStatus"] = statusEntry(e.s.URL+"/status/octet", 3) })
		}},
	{name: "forged did:web credential, offline", def: Unverified, strict: Unverified, check: CheckProof,
		build: func(t *testing.T, e *corpusEnv) []byte {
			forger := newIssuer(t)
			return signDI(t, unsignedCredential(t, "did:web:registrar.example.edu", nil), forger,
				credential.SignOptions{VerificationMethod: "did:web:registrar.example.edu#key-1"})
		}},
	{name: "issuer clock three seconds ahead, zero Config", def: Verified, strict: Verified, check: CheckValidity,
		build: func(t *testing.T, e *corpusEnv) []byte {
			ahead := fixedNow.Add(3 * time.Second)
			return signDI(t, unsignedCredential(t, e.iss.did, func(m map[string]any) { m["validFrom"] = ahead.Format(time.RFC3339) }),
				e.iss, credential.SignOptions{Created: ahead})
		}},
	{name: "CLR with one forged nested credential", def: VerifiedWithWarnings, strict: Failed, check: CheckCLRNested,
		build: func(t *testing.T, e *corpusEnv) []byte {
			var good, forged map[string]any
			_ = json.Unmarshal(e.issue(t, nil), &good)
			_ = json.Unmarshal(e.issue(t, nil), &forged)
			forged["name"] = "Teamwork Badge, with honours" // changed after signing
			var m map[string]any
			_ = json.Unmarshal(fixtures.Read(t, "1edtech/testvectors/clrv2p0-unsigned.json"), &m)
			m["issuer"].(map[string]any)["id"] = e.iss.did
			m["credentialSubject"].(map[string]any)["verifiableCredential"] = []any{good, forged}
			b, _ := json.Marshal(m)
			return signDI(t, b, e.iss, credential.SignOptions{})
		}},
	{name: "issuer in the host's registry", def: Verified, strict: Verified, check: CheckTrust,
		cfg:   func(e *corpusEnv, c *Config) { c.Trust = RegistryPolicy{Registries: []*IssuerRegistry{e.registry}} },
		build: func(t *testing.T, e *corpusEnv) []byte { return e.issue(t, nil) }},
	{name: "issuer unknown to the host's registry", def: VerifiedWithWarnings, strict: VerifiedWithWarnings, check: CheckTrust,
		cfg: func(e *corpusEnv, c *Config) { c.Trust = RegistryPolicy{Registries: []*IssuerRegistry{e.registry}} },
		build: func(t *testing.T, e *corpusEnv) []byte {
			return issue(t, newIssuer(t), nil)
		}},
	{name: "issuer unknown to a registry the host requires", def: Failed, strict: Failed, check: CheckTrust,
		cfg: func(e *corpusEnv, c *Config) {
			c.Trust = RegistryPolicy{Registries: []*IssuerRegistry{e.registry}, Require: true}
		},
		build: func(t *testing.T, e *corpusEnv) []byte { return issue(t, newIssuer(t), nil) }},
}

func TestCorpus(t *testing.T) {
	e := newCorpusEnv(t)
	// New compiles the JSON Schemas, so rows without a config of their own
	// share a verifier per policy and network.
	shared := map[string]*Verifier{}
	verifier := func(tc corpusCase, policy Policy) *Verifier {
		key := fmt.Sprint(policy, tc.online)
		if tc.cfg != nil {
			key += tc.name
		}
		if v := shared[key]; v != nil {
			return v
		}
		cfg := Config{Policy: policy}
		if tc.online {
			cfg.HTTPClient, cfg.UnsafeAllowPrivateAddresses = e.s.Client(), true
		}
		if tc.cfg != nil {
			tc.cfg(e, &cfg)
		}
		shared[key] = offlineVerifier(t, cfg)
		return shared[key]
	}
	for _, tc := range corpus {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.build(t, e)
			for _, policy := range []Policy{PolicyDefault, PolicyStrict} {
				r := mustVerify(t, verifier(tc, policy), in)
				want := tc.def
				if policy == PolicyStrict {
					want = tc.strict
				}
				if r.Verdict != want {
					t.Fatalf("%s policy: verdict %s, want %s\n%s", policy, r.Verdict, want, r)
				}
				checkCorpusReport(t, tc, policy, r)
			}
		})
	}
}

// checkCorpusReport holds every report to the promises of the policy
// table: OK only for the two verified verdicts, Err exactly when not OK,
// the named check carries the outcome the verdict rests on, and a finding
// the strict policy fails is marked StrictFail under the default policy.
func checkCorpusReport(t *testing.T, tc corpusCase, policy Policy, r *Report) {
	t.Helper()
	if r.Policy != policy {
		t.Fatalf("report policy %q, want %q", r.Policy, policy)
	}
	if r.OK() != (r.Verdict == Verified || r.Verdict == VerifiedWithWarnings) || r.OK() != (r.Err() == nil) {
		t.Fatalf("%s: OK %v, Err %v", r.Verdict, r.OK(), r.Err())
	}
	c := r.Check(tc.check)
	if c == nil {
		t.Fatalf("no %s check\n%s", tc.check, r)
	}
	want := map[Verdict]Outcome{Verified: Pass, VerifiedWithWarnings: Warn, Unverified: NotEstablished, Failed: Fail}[r.Verdict]
	if c.Outcome != want {
		t.Fatalf("%s policy: check %s is %s, want %s\n%s", policy, tc.check, c.Outcome, want, r)
	}
	if policy == PolicyDefault && tc.strict == Failed && tc.def == VerifiedWithWarnings && !c.StrictFail {
		t.Fatalf("check %s is not marked StrictFail\n%s", tc.check, r)
	}
	if r.Verdict == Unverified && !errors.Is(r.Err(), ErrUnverified) {
		t.Fatalf("unverified report's Err does not wrap ErrUnverified: %v", r.Err())
	}
	if a := tc.check.Aspect(); r.Verdict == Failed && (a == AspectConformant || a == AspectNested) && policy == PolicyDefault {
		t.Fatalf("the default policy failed on a %s check\n%s", a, r)
	}
}

// TestCorpusDetails checks what the corpus reports say beyond the verdict:
// the warnings name what a host needs to show.
func TestCorpusDetails(t *testing.T) {
	e := newCorpusEnv(t)
	online := offlineVerifier(t, Config{HTTPClient: e.s.Client(), UnsafeAllowPrivateAddresses: true})
	offline := offlineVerifier(t, Config{})
	find := func(name string) corpusCase {
		for _, c := range corpus {
			if c.name == name {
				return c
			}
		}
		t.Fatalf("no corpus row %q", name)
		return corpusCase{}
	}

	r := mustVerify(t, online, find("status list signed by a dedicated status did:key, bit unset").build(t, e))
	if msg := r.Check(CheckStatus).Message; !strings.Contains(msg, e.statusKey.did) || !strings.Contains(msg, "RequireStatusListIssuer") {
		t.Errorf("the warning must name the list's signer and the setting: %s", msg)
	}
	r = mustVerify(t, online, find("status list of 100,000 entries: under the spec minimum, a warning").build(t, e))
	if msg := r.Check(CheckStatus).Message; !strings.Contains(msg, "100000 entries") || !strings.Contains(msg, "StatusListMinEntries") {
		t.Errorf("the warning must give the size and the setting: %s", msg)
	}
	r = mustVerify(t, online, find("revoked and expired: both reported").build(t, e))
	if r.Check(CheckValidity).Outcome != Fail || !errors.Is(r.Err(), ErrRevoked) || !errors.Is(r.Err(), ErrExpired) {
		t.Errorf("revoked and expired must both be reported:\n%s", r)
	}
	r = mustVerify(t, offline, find("issuer.image as a bare URL string").build(t, e))
	if r.Authentic.Answer != AnswerYes || r.Current.Answer != AnswerYes || r.Conformant.Answer != AnswerNo ||
		len(r.Conformant.Checks) != 1 || r.Conformant.Checks[0] != CheckSchema {
		t.Errorf("assessments: authentic %v, current %v, conformant %v", r.Authentic, r.Current, r.Conformant)
	}
	fs, _ := r.Check(CheckSchema).Detail["findings"].([]map[string]string)
	if len(fs) == 0 || fs[0]["pointer"] == "" || fs[0]["code"] == "" || fs[0]["fix"] == "" {
		t.Errorf("each finding needs its rule, pointer and what a conformant issuer writes instead: %v", fs)
	}
	r = mustVerify(t, offline, find("plain W3C VC, type VerifiableCredential only").build(t, e))
	if msg := r.Check(CheckType).Message; !strings.Contains(msg, "verified as a VC only") {
		t.Errorf("a plain VC's warning must say what it is: %s", msg)
	}
	r = mustVerify(t, offlineVerifier(t, Config{Trust: RegistryPolicy{Registries: []*IssuerRegistry{e.registry}}}), e.issue(t, nil))
	if d := r.Check(CheckTrust).Detail; d["registry"] != "Test Registry" || d["name"] != "Example University" {
		t.Errorf("the trust check must name the registry and the registered name: %v", d)
	}
	r = mustVerify(t, offline, find("CLR with one forged nested credential").build(t, e))
	if len(r.Nested) != 2 || r.Nested[0].Verdict != Verified || r.Nested[1].Verdict != Failed {
		t.Errorf("each nested credential keeps its own verdict:\n%s", r)
	}
}
