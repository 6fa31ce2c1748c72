package ob2

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/internal/strictjson"
)

var update = flag.Bool("update", false, "rewrite the golden *.ob3.json files")

const (
	badgeClassID = "https://example.com/badgeclasses/c3c1ea5b-9d6b-416d-ab7f-76da1df3e8d6"
	issuerV2ID   = "https://example.com/issuers/v2p0/540e388e-2735-4c3e-9709-80142801c774"
	issuerDID    = "did:web:example.com:issuers:540e388e-2735-4c3e-9709-80142801c774"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hostedDocs serves the hosted BadgeClass and the migration guide's issuer.
func hostedDocs(t testing.TB) Documents {
	return Documents{
		badgeClassID: readFile(t, "hosted-badgeclass.json"),
		issuerV2ID:   fixtures.Read(t, "1edtech/spec/impl_migrating__03__Issuer-profile-relation-between-Open-Badges-2-0-an.json"),
	}
}

func validator(t testing.TB) *badge.Validator {
	t.Helper()
	v, err := badge.NewValidator(badge.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestGolden converts the fixtures, compares with the reviewed golden files
// and runs the full badge validation (data model and official JSON Schema)
// over the result.
func TestGolden(t *testing.T) {
	v := validator(t)
	tests := []struct {
		in, golden string
		opts       Options
	}{
		{"baking-spec-assertion.json", "baking-spec-assertion.ob3.json", Options{CredentialID: "urn:uuid:5f1f3c8e-1c1e-4c55-9b0e-2f7f3a1d8e01", Salt: "b2f8"}},
		{"hosted-assertion.json", "hosted-assertion.ob3.json", Options{CredentialID: "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130004", IssuerID: issuerDID, SubjectID: "did:example:ebfeb1f712ebc6f1c276e12ec21", Resolver: hostedDocs(t)}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Convert(context.Background(), readFile(t, tt.in), &tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := marshal(t, c)
			if fs := v.Validate(got); fs.HasErrors() {
				t.Errorf("converted credential fails badge validation:\n%v", fs)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readFile(t, tt.golden)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("converted credential differs from %s (-want +got):\n%s", tt.golden, diff)
			}
		})
	}
}

// TestMappingHosted checks the mapping field by field, independently of
// the golden file.
func TestMappingHosted(t *testing.T) {
	c, err := Convert(context.Background(), readFile(t, "hosted-assertion.json"),
		&Options{IssuerID: issuerDID, Resolver: hostedDocs(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.ID, "urn:uuid:") || len(c.ID) != len("urn:uuid:")+36 {
		t.Errorf("credential id %q is not a fresh urn:uuid", c.ID)
	}
	if c.ValidFrom != "2019-05-01T17:30:00Z" || c.ValidUntil != "2029-05-01T17:30:00Z" {
		t.Errorf("validFrom/validUntil = %s/%s, want the UTC issuedOn/expires", c.ValidFrom, c.ValidUntil)
	}
	s := c.CredentialSubject
	if s.Narrative != "Built and documented a working **3-D printer**." || s.Image == nil || !strings.HasSuffix(s.Image.ID, "/image.png") {
		t.Errorf("subject narrative/image not carried: %+v", s)
	}
	// The recipient hash is carried unchanged and still matches the address.
	id := s.Identifier[0]
	if ok, err := id.Matches("learner@example.com"); !ok || err != nil {
		t.Errorf("identifier %+v does not match the recipient: %v", id, err)
	}
	ach := s.Achievement
	if ach.ID != nameUUIDPython || ach.Name == "" || ach.Criteria.ID == "" || ach.Criteria.Narrative == "" {
		t.Errorf("achievement = %+v", ach)
	}
	if len(ach.Alignment) != 1 || ach.Alignment[0].TargetCode != "MK-3D" || ach.Alignment[0].TargetURL == "" {
		t.Errorf("alignment = %+v", ach.Alignment)
	}
	if diff := cmp.Diff([]string{"making", "3-D printing"}, ach.Tag); diff != "" {
		t.Errorf("tags: %s", diff)
	}
	if ach.Image == nil || ach.Image.Caption != "A gear over a printer nozzle" {
		t.Errorf("image = %+v", ach.Image)
	}
	if len(ach.Related) != 1 || ach.Related[0].ID != badgeClassID {
		t.Errorf("related = %+v, want the 2.0 BadgeClass", ach.Related)
	}
	if len(c.Evidence) != 3 || c.Evidence[0].ID != "https://example.com/portfolio/printer" || c.Evidence[1].Genre != "Video" {
		t.Errorf("evidence = %+v", c.Evidence)
	}

	// Issuer and original-assertion evidence follow the guide's upgraded example.
	var guide struct {
		Issuer struct {
			ID              string          `json:"id"`
			OtherIdentifier json.RawMessage `json:"otherIdentifier"`
		} `json:"issuer"`
		Evidence []struct {
			Type []string `json:"type"`
			Name string   `json:"name"`
		} `json:"evidence"`
	}
	if err := json.Unmarshal(fixtures.Read(t, "1edtech/spec/impl_migrating__04__Upgraded-OB-2-0-assertion-included-within-CLR-2-0.json"), &guide); err != nil {
		t.Fatal(err)
	}
	if c.Issuer.ID != guide.Issuer.ID {
		t.Errorf("issuer id = %q, want %q", c.Issuer.ID, guide.Issuer.ID)
	}
	// The guide writes "type" as a one-element array, badge as a string:
	// the same JSON-LD value, so compare with the type normalised.
	var theirs []map[string]any
	if err := json.Unmarshal(guide.Issuer.OtherIdentifier, &theirs); err != nil || len(theirs) != 1 {
		t.Fatalf("guide otherIdentifier: %v", err)
	}
	theirs[0]["type"] = theirs[0]["type"].([]any)[0]
	var ours []map[string]any
	_ = json.Unmarshal(marshal(t, c.Issuer.OtherIdentifier), &ours)
	if diff := cmp.Diff(theirs, ours); diff != "" {
		t.Errorf("issuer otherIdentifier differs from the migration guide (-guide +ours):\n%s", diff)
	}
	last := c.Evidence[len(c.Evidence)-1]
	if last.ID != "https://example.com/assertions/10481810-e094-4ffe-806f-25de49c87933" ||
		!cmp.Equal(last.Type, guide.Evidence[0].Type) || last.Name != guide.Evidence[0].Name {
		t.Errorf("original-assertion evidence = %+v, want type %v and name %q", last, guide.Evidence[0].Type, guide.Evidence[0].Name)
	}
}

// nameUUIDPython is uuid.uuid5(uuid.NAMESPACE_URL, badgeClassID) computed with
// Python's uuid module.
const nameUUIDPython = "urn:uuid:" + "684172bd-c1d0-5fe5-931f-8771d352fa31"

func TestNameUUID(t *testing.T) {
	// Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/badges/5")
	if got, want := nameUUID("https://example.org/badges/5"), "urn:uuid:92c244d9-a08f-57d5-a2b1-b40f8ebc0b69"; got != want {
		t.Errorf("nameUUID = %s, want %s", got, want)
	}
	if got := nameUUID(badgeClassID); got != nameUUIDPython {
		t.Errorf("nameUUID(%s) = %s, want %s", badgeClassID, got, nameUUIDPython)
	}
}

func TestPlaintextEmailIsHashed(t *testing.T) {
	data := readFile(t, "baking-spec-assertion.json")
	c, err := Convert(context.Background(), data, &Options{Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("alice@example.org" + "s"))
	want := badge.IdentityObject{Type: "IdentityObject", IdentityHash: "sha256$" + hex.EncodeToString(sum[:]), IdentityType: "emailAddress", Hashed: true, Salt: "s"}
	if diff := cmp.Diff(string(marshal(t, want)), string(marshal(t, c.CredentialSubject.Identifier[0]))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if bytes.Contains(marshal(t, c), []byte("alice@example.org")) {
		t.Error("the plaintext address leaked into the credential")
	}
	// Without a fixed salt every conversion gets its own.
	c1, _ := Convert(context.Background(), data, nil)
	c2, _ := Convert(context.Background(), data, nil)
	if c1.CredentialSubject.Identifier[0].Salt == c2.CredentialSubject.Identifier[0].Salt {
		t.Error("two conversions used the same random salt")
	}
	kept, err := Convert(context.Background(), data, &Options{UnsafePlaintextEmail: true})
	if err != nil {
		t.Fatal(err)
	}
	if id := kept.CredentialSubject.Identifier[0]; id.Hashed || id.IdentityHash != "alice@example.org" {
		t.Errorf("UnsafePlaintextEmail: %+v", id)
	}
}

func TestRecipientTypes(t *testing.T) {
	tests := []struct {
		name      string
		recipient string
		want      badge.IdentifierType
		hash      string
	}{
		{"url recipients become ext:url", `{"type":"url","identity":"https://example.org/~alice"}`, "ext:url", "https://example.org/~alice"},
		{"telephone recipients become ext:telephone", `{"type":"telephone","identity":"+15555550100"}`, "ext:telephone", "+15555550100"},
		{"full IRI types are shortened", `{"type":"https://w3id.org/openbadges#email","identity":"md5$0123456789abcdef0123456789abcdef","hashed":true}`, "emailAddress", "md5$0123456789abcdef0123456789abcdef"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := withField(t, readFile(t, "baking-spec-assertion.json"), "recipient", tt.recipient)
			c, err := Convert(context.Background(), doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if id := c.CredentialSubject.Identifier[0]; id.IdentityType != tt.want || id.IdentityHash != tt.hash {
				t.Errorf("identifier = %+v, want %s %s", id, tt.want, tt.hash)
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
		why      string
	}{
		{"2016-12-31T23:59:59+00:00", "2016-12-31T23:59:59Z", true, "a zero offset is written as Z"},
		{"2016-12-31T18:59:59.5-05:00", "2016-12-31T23:59:59.5Z", true, "an offset is moved to UTC, fractions kept"},
		{"1483228799", "2016-12-31T23:59:59Z", true, "an Open Badges 1.0 Unix timestamp"},
		{"2016-12-31T23:59:59", "2016-12-31T23:59:59Z", true, "no time zone is read as UTC"},
		{"2016-12-31", "2016-12-31T00:00:00Z", true, "a bare date is midnight UTC"},
		{"yesterday", "", false, "not a date at all"},
		{"99999999999999", "", false, "a timestamp past year 9999"},
		{"-5", "", false, "a negative timestamp"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			got, err := dateTime(tt.in)
			if (err == nil) != tt.ok || string(got) != tt.want {
				t.Errorf("dateTime(%q) = %q, %v; want %q, ok=%v (%s)", tt.in, got, err, tt.want, tt.ok, tt.why)
			}
		})
	}
}

// withField returns doc with one top-level property replaced (or removed
// when value is "").
func withField(t testing.TB, doc []byte, key, value string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	if value == "" {
		delete(m, key)
	} else {
		m[key] = json.RawMessage(value)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConvertErrors(t *testing.T) {
	embedded := readFile(t, "baking-spec-assertion.json")
	hosted := readFile(t, "hosted-assertion.json")
	partialBadge := fixtures.Read(t, "1edtech/spec/impl_migrating__01__OpenBadges-2-0-with-related-OpenBadges-3-0.json")
	docs := hostedDocs(t)
	withBadge := func(b []byte) Documents {
		d := Documents{}
		for k, v := range docs {
			d[k] = v
		}
		d[badgeClassID] = b
		return d
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := []struct {
		name string
		ctx  context.Context
		doc  []byte
		opts *Options
		want []error
	}{
		{"revoked assertion", nil, withField(t, embedded, "revoked", "true"), nil, []error{ErrRevoked}},
		{"signed assertion (compact JWS)", nil, []byte("eyJhbGciOiJSUzI1NiJ9.eyJpZCI6MX0.c2ln"), nil, []error{ErrSigned}},
		{"a BadgeClass is not an assertion", nil, partialBadge, nil, []error{ErrNotAssertion}},
		{"missing type", nil, withField(t, embedded, "type", ""), nil, []error{ErrNotAssertion}},
		{"badge by IRI without a resolver", nil, hosted, nil, []error{ErrUnresolved}},
		{"resolver lacks the document", nil, hosted, &Options{Resolver: Documents{}}, []error{ErrUnresolved}},
		{"resolver lacks the issuer", nil, hosted, &Options{Resolver: Documents{badgeClassID: docs[badgeClassID]}}, []error{ErrUnresolved}},
		{"resolver error is wrapped", nil, hosted, &Options{Resolver: ResolverFunc(func(context.Context, string) ([]byte, error) { return nil, errBoom })}, []error{ErrUnresolved, errBoom}},
		{"context canceled before a lookup", canceled, hosted, &Options{Resolver: docs}, []error{context.Canceled}},
		{"resolved document has another id", nil, hosted, &Options{Resolver: withBadge(withField(t, docs[badgeClassID], "id", `"https://evil.example/b"`))}, []error{ErrInvalid}},
		{"migration guide's partial BadgeClass lacks an issuer", nil, hosted, &Options{Resolver: withBadge(partialBadge)}, []error{ErrInvalid}},
		{"with an issuer it still lacks name, description and criteria", nil, hosted, &Options{Resolver: withBadge(withField(t, partialBadge, "issuer", `"`+issuerV2ID+`"`))}, []error{ErrInvalid, badge.ErrInvalidCredential}},
		{"resolved BadgeClass is a JWS", nil, hosted, &Options{Resolver: withBadge([]byte("a.b.c"))}, []error{ErrSigned}},
		{"missing issuedOn", nil, withField(t, embedded, "issuedOn", ""), nil, []error{ErrInvalid}},
		{"issuedOn is not a date", nil, withField(t, embedded, "issuedOn", `"last Tuesday"`), nil, []error{ErrInvalid}},
		{"issuedOn is an object", nil, withField(t, embedded, "issuedOn", `{}`), nil, []error{ErrInvalid}},
		{"recipient without identity", nil, withField(t, embedded, "recipient", `{"type":"email"}`), nil, []error{ErrInvalid}},
		{"recipient is a string", nil, withField(t, embedded, "recipient", `"alice@example.org"`), nil, []error{ErrInvalid}},
		{"hashed identity that is no hash", nil, withField(t, embedded, "recipient", `{"type":"email","hashed":true,"identity":"alice@example.org"}`), nil, []error{ErrInvalid}},
		{"recipient type that is an IRI", nil, withField(t, embedded, "recipient", `{"type":"http://schema.org/email","identity":"a@b.c"}`), nil, []error{ErrInvalid}},
		{"badge is a number", nil, withField(t, embedded, "badge", `5`), nil, []error{ErrInvalid}},
		{"evidence is a number", nil, withField(t, embedded, "evidence", `[5]`), nil, []error{ErrInvalid}},
		{"tags are objects", nil, withField(t, embedded, "badge", `{"id":"x","type":"BadgeClass","tags":[{}]}`), nil, []error{ErrInvalid}},
		{"malformed JSON", nil, []byte(`{"type":"Assertion",`), nil, []error{ErrInvalid, badge.ErrInvalidJSON}},
		{"duplicate property", nil, []byte(`{"type":"Assertion","type":"BadgeClass"}`), nil, []error{ErrInvalid}},
		{"property repeated in another case", nil, []byte(`{"type":"Assertion","badge":"https://a.example/b","Badge":{"id":"x"}}`), nil, []error{ErrInvalid}},
		{"nested property repeated in another case", nil, withField(t, embedded, "recipient", `{"type":"email","identity":"a@b.c","IDENTITY":"d@e.f"}`), nil, []error{ErrInvalid}},
		// Alone, a name in another case is not the property to a JSON-LD
		// reader; encoding/json would have filled the field from it.
		{"Revoked for revoked", nil, withField(t, embedded, "Revoked", "false"), nil, []error{ErrInvalid, strictjson.ErrFieldCase}},
		{"IssuedOn for issuedOn", nil, withField(t, withField(t, embedded, "issuedOn", ""), "IssuedOn", `"2020-01-01T00:00:00Z"`), nil, []error{ErrInvalid, strictjson.ErrFieldCase}},
		{"nested Identity for identity", nil, withField(t, embedded, "recipient", `{"type":"email","Identity":"a@b.c"}`), nil, []error{ErrInvalid, strictjson.ErrFieldCase}},
		{"Name in an embedded BadgeClass", nil, withField(t, embedded, "badge", `{"id":"x","type":"BadgeClass","Name":"n"}`), nil, []error{ErrInvalid, strictjson.ErrFieldCase}},
		{"not an object", nil, []byte(`["Assertion"]`), nil, []error{ErrInvalid}},
		{"over the size limit", nil, embedded, &Options{Limits: badge.Limits{MaxDocumentBytes: 100}}, []error{ErrInvalid}},
		{"too deep", nil, []byte(strings.Repeat("[", 200) + strings.Repeat("]", 200)), nil, []error{ErrInvalid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			c, err := Convert(ctx, tt.doc, tt.opts)
			if err == nil {
				t.Fatalf("Convert succeeded: %s", marshal(t, c))
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("error %q does not match %v", err, w)
				}
			}
		})
	}
}

var errBoom = errors.New("boom")

func TestFromBaked(t *testing.T) {
	assertion := readFile(t, "baking-spec-assertion.json")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
<openbadges:assertion verify="https://example.org/assertions/123"/></svg>`)
	b, err := bake.Extract(svg)
	if err != nil {
		t.Fatal(err)
	}
	opts := &Options{Resolver: Documents{"https://example.org/assertions/123": assertion}}
	c, err := FromBaked(context.Background(), b, opts)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "3-D Printmaster" {
		t.Errorf("converted %q", c.Name)
	}
	if _, err := FromBaked(context.Background(), b, nil); !errors.Is(err, ErrUnresolved) {
		t.Errorf("hosted URL without a resolver: %v", err)
	}
	signed := &bake.Baked{Kind: bake.KindOpenBadges2, Encoding: bake.EncodingJWS, Payload: []byte("a.b.c")}
	if _, err := FromBaked(context.Background(), signed, opts); !errors.Is(err, ErrSigned) {
		t.Errorf("signed: %v", err)
	}
	ob3 := &bake.Baked{Kind: bake.KindOpenBadges3, Encoding: bake.EncodingJSON, Payload: []byte("{}")}
	if _, err := FromBaked(context.Background(), ob3, opts); !errors.Is(err, ErrNotAssertion) {
		t.Errorf("OB 3.0: %v", err)
	}
}
