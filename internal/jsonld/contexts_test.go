package jsonld

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// pinnedContexts pins every embedded file by SHA-256. The digests were taken
// from the source files (/work/shared/contexts, and for citizenship and
// examples v2 also match the sha256 column of
// /work/shared/testdata/w3c/contexts/MANIFEST.tsv). A change to any embedded
// byte must fail here.
var pinnedContexts = []struct{ url, file, sha256 string }{
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json", "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.validator-variant.json", "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json", "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json", "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context-3.0.0.json", "b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10"},
	{"OBv3_beta", "ob-v3p0-context-3.0-beta.json", "5afdfb3d5ddb92417d2b48f0ab2f89d16d1b03696c2f3fa2e67184819e103326"},
	{"https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "ob-v3p0-extensions.json", "146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3"},
	{"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "clr-v2p0-context-2.0.1.json", "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6"},
	{"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "clr-v2p0-context-2.0.1.pre-partial.json", "30e8c666adf9fd720c118ce0bafe65dbd2a88f6d2acf362f34bfb0f4753804d1"},
	{"https://purl.imsglobal.org/spec/clr/v2p0/context.json", "clr-v2p0-context.json", "e198d7b517d74c5036434ce495086f67b10244709e9a3df9dcb7f8b1579b6167"},
	{"https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld", "00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8"},
	{"https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld", "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f"},
	{"https://www.w3.org/ns/credentials/undefined-terms/v2", "credentials-undefined-terms-v2.jsonld", "82dab514ba44eb18f5d1b0f638c5e140c6a556fbfb5089601bdc0fa5eb8b2581"},
	{"https://www.w3.org/2018/credentials/examples/v1", "credentials-examples-v1.jsonld", "7c93b87a80d3e1dd3db2aa579c5f75138bfa887164ca610136bb3bbbb0dc0bee"},
	{"https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld", "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"},
	{"https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld", "a89b0bc00b1848ac3dfdf956c7dd5de8567e755351c07ec6a1c2b4a08b67953b"},
	{"https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld", "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"},
	{"https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld", "0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363"},
	{"https://w3id.org/security/multikey/v1", "multikey-v1.jsonld", "c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6"},
	{"https://w3id.org/security/suites/ed25519-2020/v1", "ed25519-signature-2020-v1.jsonld", "b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588"},
	{"https://www.w3.org/ns/credentials/status/v1", "bitstring-status-list-v1.jsonld", "fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c"},
	{"https://w3id.org/vc/status-list/2021/v1", "status-list-2021-v1.jsonld", "634d71c159289f068c96012e4511c657fdf82ac4231900081bda3ba24e2e1160"},
	{"https://www.w3.org/ns/did/v1", "did-v1.jsonld", "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f"},
	{"https://w3id.org/security/v1", "security-v1.jsonld", "abaf97e107d1925503c433dcaf3ffd2831697cacc1ed2a293e1bc8030d5bcb47"},
	{"https://w3id.org/security/v2", "security-v2.jsonld", "611bd81151d5efe53ec9aed78f5a813e577287bc9451ee26d6879b1b8b46bc3b"},
	{"https://w3id.org/openbadges/v2", "openbadges-v2.jsonld", "3c0c25a0e581c64cbe632197377c4f334c6c0b95f0d90e3b74449781612b153d"},
	{"https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json", "extensions/accessibilityExtension-context-3.0.0.json", "a864fd0e3b08fdfb6d9445468796e040f76f90d510557e2ab467dbe42370846f"},
	{"https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json", "extensions/applyLinkExtension-context-3.0.0.json", "ff51b0bfb7474e8a91b74b3203cc9883110febb0dc094e4f08768bf865d9e5de"},
	{"https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json", "extensions/geoCoordinatesExtension-context-3.0.0.json", "2a0224ba6bc621fdfbc2118fced31448eaa4fc4dbb0301ed99bbab3d91775993"},
	{"https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json", "extensions/licenseExtension-context-3.0.0.json", "0d32012cfe2182d7d9dbf53c0be66ae8414ef957b260f9d31c74f7aa25fd653e"},
	{"https://purl.imsglobal.org/spec/ob-assessment/v2p0/context/", "extensions/ob-assessment-v2p0-context.json", "5e0df1382d4e4914f10245dcda4f654649c3118b2fdb34b00155cadbe2910b59"},
	{"https://purl.imsglobal.org/spec/ob-accred/v2p0/context/", "extensions/ob-accred-v2p0-context.json", "f72471e90fcf8ee5a0103df239927317aad1b6b2cbd0365f7784a71ac87b5ea7"},
}

func TestEmbeddedContextsPinned(t *testing.T) {
	if len(pinnedContexts) != len(embeddedTable) {
		t.Fatalf("%d pins for %d embedded contexts", len(pinnedContexts), len(embeddedTable))
	}
	for i, p := range pinnedContexts {
		t.Run(p.file, func(t *testing.T) {
			e := embeddedTable[i]
			if e.URL != p.url || e.File != p.file {
				t.Errorf("row %d is %s (%s), pinned %s (%s)", i, e.URL, e.File, p.url, p.file)
				return
			}
			raw, err := contextFS.ReadFile("contexts/" + p.file)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(raw)
			if got := hex.EncodeToString(sum[:]); got != p.sha256 {
				t.Errorf("%s: sha256 %s, pinned %s", p.file, got, p.sha256)
			}
			if _, err := e.document(); err != nil {
				t.Errorf("%s: %v", p.file, err)
			}
		})
	}
}

// TestEveryEmbeddedFileIsInTheTable catches a file copied into contexts/ but
// never made resolvable.
func TestEveryEmbeddedFileIsInTheTable(t *testing.T) {
	inTable := make(map[string]bool)
	for _, e := range embeddedTable {
		inTable[e.File] = true
	}
	err := fs.WalkDir(contextFS, "contexts", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if name := strings.TrimPrefix(path, "contexts/"); !inTable[name] {
			t.Errorf("%s is embedded but not in embeddedTable", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEmbeddedLookup(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, url, file string
	}{
		{"current OB 3.0.3 file, not the validator variant", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json"},
		{"current CLR 2.0.1 file, not the pre-partial copy", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "clr-v2p0-context-2.0.1.json"},
		{"beta alias by name", "OBv3_beta", "ob-v3p0-context-3.0-beta.json"},
		{"beta alias by plugfest URL", "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json", "ob-v3p0-context-3.0-beta.json"},
		{"validator alias of the 3.0.0 context", "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld", "ob-v3p0-context-3.0.0.json"},
		{"extension context", "https://purl.imsglobal.org/spec/ob-accred/v2p0/context/", "extensions/ob-accred-v2p0-context.json"},
	}
	var l Loader
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := l.resolve(ctx, tt.url)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				return
			}
			var want map[string]any
			for _, e := range embeddedTable {
				if e.File == tt.file {
					want, _ = e.document()
				}
			}
			// Parsed documents are shared, so identity is the right test.
			if want == nil || reflect.ValueOf(got).Pointer() != reflect.ValueOf(want).Pointer() {
				t.Errorf("%s: %s did not resolve to %s", tt.name, tt.url, tt.file)
			}
		})
	}
}

func TestUnknownContextNamesURL(t *testing.T) {
	var l Loader
	const u = "https://example.org/not-embedded/v1"
	_, err := l.resolve(context.Background(), u)
	if !errors.Is(err, ErrUnknownContext) || !strings.Contains(err.Error(), u) {
		t.Fatalf("got %v, want ErrUnknownContext naming %s", err, u)
	}
}
