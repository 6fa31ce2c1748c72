package badge

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// outcome is what validation of a fixture yields.
type outcome int

const (
	valid   outcome = iota // no errors, no warnings except those listed
	warning                // no errors, at least the listed warnings
	invalid                // errors, at least the listed codes
)

func (o outcome) String() string { return [...]string{"valid", "warning", "invalid"}[o] }

// validatorFixtures is every file of internal/fixtures/1edtech/validator (1EdTech's
// digital-credentials-public-validator test resources) with the data-model
// and schema outcome. "validator:" in why quotes what its own tests
// (OB30Tests, Endorsement30Tests, CLR20Tests) assert; where the validator's
// verdict rests on a proof, a key, a clock or a fetch, that part is package
// verify's, and the row says what remains for the data model.
var validatorFixtures = []struct {
	file  string
	want  outcome
	codes []string // must all appear (warnings for valid/warning rows may only be these)
	why   string
}{
	{"ob30/simple.json", valid, nil, "validator: valid"},
	{"ob30/simple.1ob", valid, nil, "validator: valid (same document, .1ob extension)"},
	{"ob30/simple_v1.json", warning, []string{"vc1.context", "vc1.issuanceDate", "context.outdated"}, "validator: warning (VC 1.1 credential)"},
	{"ob30/simple-did-key-method.json", valid, nil, "validator: valid; resolving the did:key is verify's"},
	{"ob30/simple-did-web-method.json", valid, nil, "validator: valid (test disabled: needs network); did:web is verify's"},
	{"ob30/simple-multiple-proofs.json", valid, nil,
		"validator: OB30Tests@032b3817 assert valid (one good proof suffices); shared SOURCES.md (@38254719) notes 1 error from JSON-LD expansion of the unknown proof type — a proof/JSON-LD matter for verify either way; the data is valid"},
	{"ob30/simple-context-alias.json", valid, nil, "validator: valid (properties in another order)"},
	{"ob30/simple-context-version.json", warning, []string{"context.outdated"}, "validator: ContextPropertyProbe notes context-3.0.2"},
	{"ob30/simple-eddsa-2022.json", warning, []string{"vc1.context", "vc1.issuanceDate", "context.outdated"},
		"validator: warning; its deprecated eddsa-2022 cryptosuite is a proof matter (verify); the data is a valid VC 1.1 credential"},
	{"ob30/simple-err-type.json", invalid, []string{"type.unknown-credential", "schema.enum"}, "validator: TypePropertyProbe fatal"},
	{"ob30/simple-err-context.json", invalid, []string{"context.first", "schema.minItems"}, "validator: ContextPropertyProbe (VC context removed)"},
	{"ob30/simple-err-issuer.json", invalid, []string{"issuer.missing", "schema.required"}, "validator: JsonSchemaProbe (issuer removed)"},
	{"ob30/simple-err-credential-subject-type.json", invalid, []string{"subject.type", "schema.enum"}, "validator: CredentialSubjectProbe"},
	{"ob30/simple-err-credential-subject-identifier-type.json", invalid, []string{"identifier.type", "schema.enum"}, "validator: CredentialSubjectProbe; its hashed identityHash 'asdjhsadas' is also malformed"},
	{"ob30/simple-err-credential-subject-result-type.json", invalid, []string{"result.type", "schema.enum"}, "validator: CredentialSubjectProbe"},
	{"ob30/simple-err-credential-subject-achievement-result-description-type.json", invalid, []string{"resultDescription.type"}, "validator: CredentialSubjectProbe (the JSON-LD schema allows any type here; the data model does not)"},
	{"ob30/simple-err-credential-subject-profile-type.json", invalid, []string{"profile.type"}, "validator: CredentialSubjectProbe (source profile type)"},
	{"ob30/simple-err-evidence-type.json", invalid, []string{"evidence.type"}, "validator: EvidenceProbe"},
	{"ob30/simple-err-issuer-type.json", invalid, []string{"profile.type", "schema.enum"}, "validator: IssuerProbe"},
	{"ob30/simple-err-issuer-parentorg-type.json", invalid, []string{"profile.type", "schema.enum"}, "validator: IssuerProbe"},
	{"ob30/simple-err-issuer-otheridentifier-type.json", invalid, []string{"identifierEntry.type", "schema.enum"}, "validator: IssuerProbe"},
	{"ob30/simple-err-proof-method.json", valid, nil, "validator: EmbeddedProofProbe (bad verification method) — verify's; the data is valid"},
	{"ob30/simple-err-proof-method-no-scheme.json", valid, nil, "validator: EmbeddedProofProbe — verify's; the data is valid"},
	{"ob30/simple-err-proof-method-unknown-scheme.json", valid, nil, "validator: EmbeddedProofProbe — verify's; the data is valid"},
	{"ob30/simple-err-proof-method-unknown-did-method.json", valid, nil, "validator: EmbeddedProofProbe — verify's; the data is valid"},
	{"ob30/simple-err-proof-value.json", valid, nil, "validator: EmbeddedProofProbe (bad signature) — verify's; the data is valid"},
	{"ob30/simple-err-expired.json", valid, nil, "validator: ExpirationProbe — expiry depends on the clock, verify's; the data is valid"},
	{"ob30/simple-err-issued.json", invalid, []string{"achievement.missing", "schema.required"},
		"validator: IssuanceProbe (validFrom 2040, verify's); independently the fixture has no achievement, which the schema rejects too"},
	{"ob30/simple-noproof.json", invalid, []string{"achievement.missing", "schema.required", "vc1.context"}, "not asserted by the validator's tests; a VC 1.1 credential without achievement"},
	{"ob30/complete.json", valid, []string{"result.achievedLevel"},
		"validator: InlineJsonSchemaProbe error from fetching the credentialSchema URLs (network: verify); the data is valid; the spec example links a rubric level of another resultDescription (warning)"},
	{"ob30/complete_v1.json", invalid, []string{"vc1.context", "identifier.identityType", "id.missing", "context.extensions-missing", "schema.required"},
		"validator: errors (InlineJsonSchemaProbe); the legacy example also uses identityType 'email', endorsements without id and 1EdTech types without extensions.json"},
	{"ob30/credential-status-revoked.json", warning, []string{"vc1.context", "vc1.issuanceDate"},
		"validator: RevocationListProbe fatal (a fetched 1EdTechRevocationList) — verify's; the data is a valid VC 1.1 credential"},
	{"ob30/endorsement-valid.json", valid, nil, "validator (EndorsementInspector): valid"},
	{"ob30/endorsement-err-schema-status-refresh.json", warning, []string{"vc1.context", "vc1.issuanceDate", "vc1.expirationDate"},
		"validator: CredentialParseProbe fatal after following refreshService to an unreachable URL (network: verify); the data is a valid VC 1.1 endorsement"},
	{"ob30/bit-string-list/credential-status-revoked.json", valid, nil, "validator: revoked by a BitstringStatusList — verify's; the data is valid"},
	{"ob30/bit-string-list/credential-status-revoked-blank-nodes.json", valid, nil, "validator: revoked by a BitstringStatusList — verify's; the data is valid"},
	{"ob30/bit-string-list/testlist", invalid, []string{"type.unknown-credential"}, "the BitstringStatusListCredential the revoked fixtures point at, not an Open Badges credential (verify reads it)"},
	{"ob30/sd/derivedcredential.json", valid, nil, "validator: valid (ecdsa-sd-2023 derived proof, verify's)"},
	{"ob30/simple.jwt", invalid, []string{"context.missing-ob", "achievement.missing"},
		"not asserted by the validator's tests; VC 1.1 `vc` claim with the pre-release github.io context and no achievement"},
	{"ob30/velocity.jwt", invalid, []string{"context.extensions-missing", "vc1.context"},
		"validator: invalid (its kid is a did:velocity key, verify's); the data uses 1EdTechJsonSchemaValidator2019 without extensions.json, an undefined JSON-LD term (validator issue #64)"},
	{"ob30/simple-json.png", valid, nil, "validator: valid (baked JSON)"},
	{"ob30/simple-json.svg", valid, nil, "validator: valid (baked JSON)"},
	{"ob30/simple-jwt.png", valid, nil, "validator: valid (baked VC-JWT)"},
	{"ob30/simple-jwt.svg", valid, nil, "validator: valid (baked VC-JWT)"},
	{"ob30/simple-jwt_v1.png", warning, []string{"vc1.context", "vc1.issuanceDate", "context.outdated"}, "validator: warning (VC 1.1 in a baked VC-JWT)"},
	{"ob30/simple-jwt_v1.svg", warning, []string{"vc1.context", "vc1.issuanceDate", "context.outdated"}, "validator: warning (VC 1.1 in a baked VC-JWT)"},
	{"clr20/simple.json", valid, nil, "validator (CLR20Inspector): valid"},
	{"clr20/simple_v1.json", warning, []string{"vc1.context", "context.outdated", "association.unknown-achievement"}, "validator: warning (VC 1.1, older contexts)"},
	{"clr20/complex.json", invalid, []string{"name.missing", "vc1.context", "context.outdated", "association.unknown-achievement"},
		"validator: test commented out (an issuer URL is unreachable, so no verdict); an endorsement inside the first bundled credential has no name, which EndorsementCredential requires (L84)"},
	{"clr20/simple.jwt", invalid, []string{"context.missing-ob", "schema.pattern"},
		"validator: test disabled; pre-final CLR draft (dc.imsglobal.org/draft context, credentials as compact JWS strings)"},
	{"clr20/simple-noproof.json", invalid, []string{"context.missing-ob", "schema.pattern"},
		"not asserted by the validator's tests; the pre-final draft CLR context, which the CLR schema's pattern rejects"},
	{"clr20/simple_old_safesigned.json", invalid, []string{"context.missing-ob", "schema.pattern"},
		"not asserted by the validator's tests; the pre-final draft CLR context, which the CLR schema's pattern rejects"},
}

// TestValidatorFixtures checks every 1EdTech validator fixture and fails if
// a file in internal/fixtures/1edtech/validator has no row.
func TestValidatorFixtures(t *testing.T) {
	v, err := NewValidator(Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures.Files(t, "1edtech/validator") {
		if !slices.ContainsFunc(validatorFixtures, func(r struct {
			file  string
			want  outcome
			codes []string
			why   string
		}) bool {
			return r.file == f
		}) {
			t.Errorf("fixture %s has no row in validatorFixtures", f)
		}
	}
	counts := map[outcome]int{}
	for _, row := range validatorFixtures {
		t.Run(row.file, func(t *testing.T) {
			data := fixturePayload(t, row.file, fixtures.Read(t, "1edtech/validator/"+row.file))
			fs := v.Validate(data)
			got := valid
			switch {
			case fs.HasErrors():
				got = invalid
			case len(fs) > 0:
				got = warning
			}
			if row.want == valid && got == warning {
				for _, f := range fs {
					if !slices.Contains(row.codes, f.Code) {
						t.Errorf("unexpected warning %s", f)
					}
				}
				got = valid
			}
			if got != row.want {
				t.Errorf("outcome %v, want %v (%s)\nfindings:\n%s", got, row.want, row.why, findingsText(fs))
			}
			for _, c := range row.codes {
				if !slices.Contains(fs.Codes(), c) {
					t.Errorf("no %s finding (%s)\nfindings:\n%s", c, row.why, findingsText(fs))
				}
			}
			if !t.Failed() {
				counts[row.want]++
			}
		})
	}
	t.Logf("%d fixtures: %d valid, %d valid with warnings, %d invalid as expected",
		len(validatorFixtures), counts[valid], counts[warning], counts[invalid])
}

func findingsText(fs Findings) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

// fixturePayload returns the credential JSON inside a fixture: the file
// itself, the payload of a VC-JWT (its `vc` claim for VC 1.1), or what a
// baked PNG or SVG carries. The signature is not looked at: that is
// package verify's work, and baking is package bake's (these few lines
// only read the two fixtures' containers).
func fixturePayload(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	switch filepath.Ext(name) {
	case ".png":
		data = pngCredential(t, data)
	case ".svg":
		data = svgCredential(t, data)
	}
	s := bytes.TrimSpace(data)
	if len(s) > 0 && s[0] != '{' {
		parts := strings.Split(string(s), ".")
		if len(parts) != 3 {
			t.Fatalf("%s: neither JSON nor a compact JWS", name)
		}
		payload, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			t.Fatalf("%s: JWT payload: %v", name, err)
		}
		var claims map[string]json.RawMessage
		if err := json.Unmarshal(payload, &claims); err != nil {
			t.Fatalf("%s: JWT claims: %v", name, err)
		}
		if vc, ok := claims["vc"]; ok {
			return vc
		}
		return payload
	}
	return s
}

func pngCredential(t *testing.T, img []byte) []byte {
	t.Helper()
	if len(img) < 8 {
		t.Fatal("short PNG")
	}
	for p := img[8:]; len(p) >= 12; {
		n := binary.BigEndian.Uint32(p)
		if uint64(n)+12 > uint64(len(p)) {
			break
		}
		typ, body := string(p[4:8]), p[8:8+n]
		if typ == "iTXt" && bytes.HasPrefix(body, []byte("openbadgecredential\x00")) {
			rest := body[len("openbadgecredential\x00")+2:] // compression flag and method
			for range 2 {                                   // language tag, translated keyword
				i := bytes.IndexByte(rest, 0)
				if i < 0 {
					t.Fatal("malformed iTXt")
				}
				rest = rest[i+1:]
			}
			return rest
		}
		p = p[12+n:]
	}
	t.Fatal("no openbadgecredential iTXt chunk")
	return nil
}

var (
	svgVerify = regexp.MustCompile(`<openbadges:credential[^>]*\sverify="([^"]+)"`)
	svgCDATA  = regexp.MustCompile(`(?s)<openbadges:credential[^>]*>\s*<!\[CDATA\[(.*?)\]\]>`)
)

func svgCredential(t *testing.T, img []byte) []byte {
	t.Helper()
	if m := svgVerify.FindSubmatch(img); m != nil {
		return m[1]
	}
	if m := svgCDATA.FindSubmatch(img); m != nil {
		return m[1]
	}
	t.Fatal("no openbadges:credential element")
	return nil
}
