package credential

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/jsonld"
	"github.com/microcred/microcred/internal/vocab"
)

// pcfgContexts are the @context values standardProofConfig accepts.
func pcfgContexts() []any {
	return []any{
		vocab.ContextVCv2,
		[]any{vocab.ContextVCv2},
		[]any{vocab.ContextVCv2, vocab.ContextOB},
		[]any{vocab.ContextVCv2, vocab.ContextOB, vocab.ContextExtensions},
		[]any{vocab.ContextVCv2, vocab.ContextCLR, vocab.ContextOB},
	}
}

// pcfgAwkward are literal values the escaping must get right: RDFC-1.0's
// ECHARs, the other controls it writes as \u00XX, what it writes as is
// (non-ASCII, U+2028, U+007F's neighbours), and the empty string.
var pcfgAwkward = []string{
	"2024-01-01T00:00:00Z",
	SuiteEdDSARDFC2022,
	"",
	`a"b`,
	`a\b`,
	"a\nb\r\tc\b\f",
	"\x00\x01\x1f\x7f\x7e",
	"é日本\U0001F600\uFFFD",
	"\u2028\u2029\u0085",
	" spaced  out ",
	"_:c14n0 <x> .\n",
	"not a date",
	"\\u0041",
}

// pcfgMethods are verificationMethod values the shortcut accepts.
var pcfgMethods = []string{
	"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
	"did:web:example.com:issuers:1#key-1",
	"https://example.org/keys/1",
	"https://example.org/issuers/1#key_1.a-b",
	"did:x",
	"did:example:a:b:c",
}

var pcfgPurposes = []string{"assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation", "keyAgreement"}

// pcfgGeneral is the general path the shortcut replaces, called directly
// on the configuration as a verifier builds it from proof and docContext.
func pcfgGeneral(t testing.TB, proof map[string]any, docContext any, loader *ContextLoader, h crypto.Hash, maxDepth int) ([]byte, error) {
	t.Helper()
	s := suite{canon: canonRDFC}
	return s.canonicalize(context.Background(), verifyConfig{proof: proof, context: docContext, hasContext: true}.build(), h, loader.internal(), maxDepth, false)
}

// TestStandardProofConfig: for every context list, every subset of the
// optional members, every purpose and a table of awkward values, the
// shortcut writes exactly what jsonld.Canonicalize writes, under the
// embedded contexts with and without a loader and with either RDFC hash.
func TestStandardProofConfig(t *testing.T) {
	loader := diTestLoader(t)
	optional := []string{"created", "cryptosuite", "expires", "proofPurpose", "verificationMethod"}
	compared := 0
	for ci, c := range pcfgContexts() {
		for subset := range 1 << len(optional) {
			purposes := []string{""}
			if subset&(1<<3) != 0 {
				purposes = pcfgPurposes
			}
			for _, purpose := range purposes {
				for vi := range pcfgAwkward {
					config := map[string]any{"type": ProofTypeDataIntegrity}
					// What the configuration leaves out or replaces: a
					// proof's proofValue, and its own @context.
					if vi%2 == 1 {
						config["proofValue"] = "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKxnTtEuEQBvLTABCKz"
					}
					if vi%4 >= 2 {
						config["@context"] = vocab.ContextVCv1
					}
					for bit, name := range optional {
						if subset&(1<<bit) == 0 {
							continue
						}
						switch name {
						case "proofPurpose":
							config[name] = purpose
						case "verificationMethod":
							config[name] = pcfgMethods[(vi+ci)%len(pcfgMethods)]
						default:
							config[name] = pcfgAwkward[(vi+bit)%len(pcfgAwkward)]
						}
					}
					got, ok := standardProofConfig(config, c, DefaultMaxDepth)
					if !ok {
						t.Fatalf("refused a standard configuration %#v under %v", config, c)
					}
					l, h := loader, crypto.SHA256
					if vi%5 == 1 {
						l = nil
					}
					if vi%3 == 2 {
						h = crypto.SHA384
					}
					want, err := pcfgGeneral(t, config, c, l, h, DefaultMaxDepth)
					if err != nil {
						t.Fatalf("general path failed on %#v under %v: %v", config, c, err)
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("%#v under %v:\nshortcut:\n%s\ngeneral path:\n%s", config, c, got, want)
					}
					compared++
				}
			}
		}
	}
	t.Logf("%d configurations compared", compared)
}

// TestStandardProofConfigRefuses: what the shortcut cannot prove it
// writes as the general path does, it leaves to it.
func TestStandardProofConfigRefuses(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{
			"@context":           []any{vocab.ContextVCv2, vocab.ContextOB}, // the document's, see below
			"type":               ProofTypeDataIntegrity,
			"cryptosuite":        SuiteEdDSARDFC2022,
			"created":            "2024-01-01T00:00:00Z",
			"verificationMethod": pcfgMethods[0],
			"proofPurpose":       PurposeAssertionMethod,
		}
	}
	// The document's @context is base's, as in a signer's configuration.
	if b := base(); !pcfgAccepts(b, DefaultMaxDepth) {
		t.Fatal("the base configuration is refused; the cases below would prove nothing")
	}
	set := func(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
	del := func(k string) func(map[string]any) { return func(m map[string]any) { delete(m, k) } }
	tests := []struct {
		name     string
		change   func(map[string]any)
		maxDepth int
	}{
		{"another proof type", set("type", "Ed25519Signature2020"), 0},
		{"a type list", set("type", []any{ProofTypeDataIntegrity}), 0},
		{"no type", del("type"), 0},
		{"no @context", del("@context"), 0},
		{"a number", set("created", json.Number("1")), 0},
		{"a float", set("created", 1.5), 0},
		{"a boolean", set("cryptosuite", true), 0},
		{"a null", set("expires", nil), 0},
		{"an object", set("created", map[string]any{"@value": "2024"}), 0},
		{"a list", set("verificationMethod", []any{pcfgMethods[0]}), 0},
		{"invalid UTF-8", set("created", "2024\xff"), 0},
		{"an id", set("id", "urn:uuid:1"), 0},
		{"a domain", set("domain", "example.org"), 0},
		{"a challenge", set("challenge", "c"), 0},
		{"a nonce", set("nonce", "n"), 0},
		{"a previousProof", set("previousProof", "urn:uuid:0"), 0},
		{"an @id", set("@id", "urn:uuid:1"), 0},
		{"an unknown member", set("ex", "x"), 0},
		{"an unknown purpose", set("proofPurpose", "assertion"), 0},
		{"a purpose IRI", set("proofPurpose", "https://w3id.org/security#assertionMethod"), 0},
		{"VC 1.1", set("@context", []any{vocab.ContextVCv1}), 0},
		{"VC 1.1 alone", set("@context", vocab.ContextVCv1), 0},
		{"reversed", set("@context", []any{vocab.ContextOB, vocab.ContextVCv2}), 0},
		{"OB alone", set("@context", []any{vocab.ContextOB}), 0},
		{"CLR without OB", set("@context", []any{vocab.ContextVCv2, vocab.ContextCLR}), 0},
		{"one more", set("@context", []any{vocab.ContextVCv2, vocab.ContextOB, vocab.ContextExtensions, vocab.ContextCLR}), 0},
		{"an older OB", set("@context", []any{vocab.ContextVCv2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"}), 0},
		{"an inline context", set("@context", []any{vocab.ContextVCv2, map[string]any{"did": "https://evil.example/"}}), 0},
		{"an empty list", set("@context", []any{}), 0},
		{"a prefix-looking method", set("verificationMethod", "sec:key"), 0},
		{"an xsd method", set("verificationMethod", "xsd:string"), 0},
		{"a relative method", set("verificationMethod", "#key-1"), 0},
		{"a bare did:", set("verificationMethod", "did:"), 0},
		{"an http method", set("verificationMethod", "http://example.org/k"), 0},
		{"a bare https://", set("verificationMethod", "https://"), 0},
		{"a space", set("verificationMethod", "did:key:z 1"), 0},
		{"a percent", set("verificationMethod", "did:web:example.com%3A8443"), 0},
		{"a query", set("verificationMethod", "https://example.org/k?x=1"), 0},
		{"non-ASCII", set("verificationMethod", "did:web:exämple.org"), 0},
		{"a blank node", set("verificationMethod", "_:b0"), 0},
		{"a term", set("verificationMethod", "assertionMethod"), 0},
		{"a depth the general path refuses", func(map[string]any) {}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			config := base()
			tt.change(config)
			if got, ok := standardProofConfig(config, config["@context"], tt.maxDepth); ok {
				t.Errorf("accepted %#v:\n%s", config, got)
			}
		})
	}
}

// TestStandardProofConfigDepth: the general path's depth limit counts the
// configuration and its @context list, and the shortcut takes the same
// view of every limit it can be given.
func TestStandardProofConfigDepth(t *testing.T) {
	for _, c := range pcfgContexts() {
		for depth := -1; depth <= 3; depth++ {
			config := map[string]any{"@context": c, "type": ProofTypeDataIntegrity, "created": "2024-01-01T00:00:00Z"}
			_, ok := standardProofConfig(config, c, depth)
			_, err := pcfgGeneral(t, config, c, nil, crypto.SHA256, depth)
			if ok && err != nil {
				t.Errorf("@context %v, MaxDepth %d: the shortcut accepts what the general path refuses: %v", c, depth, err)
			}
			if !ok && err == nil && depth != 1 {
				t.Errorf("@context %v, MaxDepth %d: refused needlessly", c, depth)
			}
		}
	}
}

// TestEmbeddedAsIs: a loader serving a variant for an embedded URL changes
// what the contexts say, so the shortcut must not be taken with it.
// Added contexts cannot (AddContext refuses embedded URLs) and remote
// loading never reaches an embedded URL.
func TestEmbeddedAsIs(t *testing.T) {
	var nilLoader *ContextLoader
	if !nilLoader.embeddedAsIs() || !(&ContextLoader{}).embeddedAsIs() || !diTestLoader(t).embeddedAsIs() {
		t.Error("a loader without variants is refused")
	}
	for _, info := range jsonld.EmbeddedContexts() {
		if !info.Variant {
			continue
		}
		l, err := NewContextLoader(&ContextLoaderOptions{Variants: []string{info.File}})
		if err != nil {
			t.Fatal(err)
		}
		if l.embeddedAsIs() {
			t.Errorf("a loader with variant %s takes the shortcut", info.File)
		}
	}
	l := diTestLoader(t)
	if err := l.AddContext(vocab.ContextOB, []byte(`{"@context":{"did":"https://evil.example/"}}`)); err == nil {
		t.Error("AddContext replaced an embedded context; the shortcut's premise is gone")
	}
}

// TestCanonicalizeConfigTakesShortcut: the suite's configuration step
// gives the general path's bytes whichever path it takes, and errors
// only as the general path does.
func TestCanonicalizeConfigTakesShortcut(t *testing.T) {
	loader := diTestLoader(t)
	variant, err := NewContextLoader(&ContextLoaderOptions{Variants: []string{"ob-v3p0-context-3.0.3.validator-variant.json"}})
	if err != nil {
		t.Fatal(err)
	}
	config := map[string]any{
		"@context":           []any{vocab.ContextVCv2, vocab.ContextOB},
		"type":               ProofTypeDataIntegrity,
		"cryptosuite":        SuiteECDSARDFC2019,
		"created":            "2024-01-01T00:00:00Z",
		"verificationMethod": pcfgMethods[1],
		"proofPurpose":       PurposeAssertionMethod,
	}
	for _, s := range []string{SuiteEdDSARDFC2022, SuiteECDSARDFC2019} {
		st, _ := suiteOf(ProofTypeDataIntegrity, s)
		for _, l := range []*ContextLoader{nil, loader, variant} {
			want, err := pcfgGeneral(t, config, config["@context"], l, crypto.SHA256, DefaultMaxDepth)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.canonicalizeConfig(context.Background(), config, crypto.SHA256, l, DefaultMaxDepth)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: got %q, %v; want %q", s, got, err, want)
			}
		}
	}
	// Under a variant the contexts may mean something else: the shortcut
	// is not even tried.
	for _, s := range []string{SuiteEdDSARDFC2022, SuiteEdDSAJCS2022} {
		st, _ := suiteOf(ProofTypeDataIntegrity, s)
		for _, l := range []*ContextLoader{nil, loader, variant} {
			_, ok := st.standardConfig(context.Background(), config, config["@context"], l, DefaultMaxDepth)
			if want := l != variant && st.canon == canonRDFC; ok != want {
				t.Errorf("%s, variant loader %v: shortcut taken %v, want %v", s, l == variant, ok, want)
			}
		}
	}

	// A configuration with a proofValue (no signer builds one) keeps it.
	config["proofValue"] = "z1"
	general := suite{canon: canonRDFC}
	want, err := general.canonicalize(context.Background(), config, crypto.SHA256, nil, DefaultMaxDepth, false)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := suiteOf(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
	if got, err := st.canonicalizeConfig(context.Background(), config, crypto.SHA256, nil, DefaultMaxDepth); err != nil || !bytes.Equal(got, want) {
		t.Errorf("with a proofValue: got %q, %v; want %q", got, err, want)
	}
	delete(config, "proofValue")

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.canonicalizeConfig(cancelled, config, crypto.SHA256, loader, DefaultMaxDepth); err == nil {
		t.Error("a cancelled context canonicalized the configuration")
	}
}

// FuzzProofConfigShortcut: whatever configuration the shortcut accepts,
// its bytes are the general path's, which therefore succeeds.
func FuzzProofConfigShortcut(f *testing.F) {
	for _, c := range pcfgContexts() {
		ctx, _ := json.Marshal(c)
		f.Add([]byte(fmt.Sprintf(`{"@context":%s,"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"2024-01-01T00:00:00Z","verificationMethod":%q,"proofPurpose":"assertionMethod"}`, ctx, pcfgMethods[0])), uint8(7))
		f.Add([]byte(fmt.Sprintf(`{"@context":%s,"type":"DataIntegrityProof","expires":"a\"\\\n\u2028\u0000","proofPurpose":"authentication","proofValue":"z1"}`, ctx)), uint8(15))
	}
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"DataIntegrityProof","verificationMethod":"did:key:z#z","id":"urn:x"}`), uint8(1))
	loader := diTestLoader(f)
	contexts := pcfgContexts()
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		var proof map[string]any
		if json.Unmarshal(data, &proof) != nil || proof == nil {
			return
		}
		// The document's @context: a standard one, or the proof's own
		// (a configuration as a signer passes it).
		docContext, hasContext := proof["@context"]
		if i := int(sel % 8); i < len(contexts) {
			docContext, hasContext = contexts[i], true
		}
		maxDepth := int(sel/8%4) - 1
		got, ok := standardProofConfig(proof, docContext, maxDepth)
		if !ok {
			return
		}
		if !hasContext {
			t.Fatalf("accepted a configuration without an @context: %s", data)
		}
		want, err := pcfgGeneral(t, proof, docContext, loader, crypto.SHA256, maxDepth)
		if err != nil {
			t.Fatalf("the shortcut accepted what the general path refuses (%v): %s", err, data)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s under %v:\nshortcut:\n%s\ngeneral path:\n%s", data, docContext, got, want)
		}
		if n := len(verifyConfig{proof: proof, context: docContext, hasContext: true}.build()) - 1; strings.Count(string(got), "\n") != n {
			t.Fatalf("%s: %d lines for %d members", data, strings.Count(string(got), "\n"), n)
		}
	})
}

// pcfgAccepts reports whether the shortcut takes config, a configuration
// with its @context.
func pcfgAccepts(config map[string]any, maxDepth int) bool {
	_, ok := standardProofConfig(config, config["@context"], maxDepth)
	return ok
}
