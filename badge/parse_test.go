package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

func TestParseHostileInput(t *testing.T) {
	simple := string(fixtures.Read(t, "1edtech/validator/ob30/simple.json"))
	deep := `{"type":["OpenBadgeCredential"],"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`
	tests := []struct {
		name    string
		in      string
		want    error
		pointer string // of the *PathError, when there is one
	}{
		{"empty", ``, ErrInvalidJSON, ""},
		{"not JSON", `<svg/>`, ErrInvalidJSON, ""},
		{"truncated", simple[:len(simple)/2], ErrInvalidJSON, ""},
		{"trailing data", simple + `{}`, ErrInvalidJSON, ""},
		{"array, not object", `[1,2]`, ErrWrongType, ""},
		{"invalid UTF-8", strings.Replace(simple, "Teamwork", "Team\xffwork", 1), ErrInvalidUTF8, ""},
		{"duplicate top-level key", `{"type":["VerifiableCredential","OpenBadgeCredential"],"id":"a","id":"b"}`, ErrDuplicateKey, "/id"},
		{"duplicate nested key", strings.Replace(simple, `"name": "Teamwork"`, `"name": "Teamwork", "name": "Other"`, 1), ErrDuplicateKey, "/credentialSubject/achievement/name"},
		{"duplicate spelled with an escape", `{"type":["VerifiableCredential","OpenBadgeCredential"],"id":"a","\u0069d":"b"}`, ErrDuplicateKey, "/id"},
		{"duplicate after 16 names (the map path)", `{"type":["VerifiableCredential","OpenBadgeCredential"],"x":{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18,"k19":19,"k3":0}}`, ErrDuplicateKey, "/x/k3"},
		{"duplicate after a nested object closed", `{"type":["VerifiableCredential","OpenBadgeCredential"],"a":{"id":1,"b":{"id":2}},"id":"a","a":2}`, ErrDuplicateKey, "/a"},
		{"names that differ only in case", `{"type":["VerifiableCredential","OpenBadgeCredential"],"validUntil":"2020-01-01T00:00:00Z","ValidUntil":"2099-01-01T00:00:00Z"}`, ErrDuplicateKey, "/ValidUntil"},
		{"nested names that differ only in case", strings.Replace(simple, `"name": "Teamwork"`, `"name": "Teamwork", "NAME": "Other"`, 1), ErrDuplicateKey, "/credentialSubject/achievement/NAME"},
		{"too deep", deep, ErrTooDeep, ""},
		{"escaped lone high surrogate", `{"type":"OpenBadgeCredential","name":"a\ud800b"}`, ErrInvalidUTF8, ""},
		{"escaped lone low surrogate", `{"type":"OpenBadgeCredential","name":"\udc00"}`, ErrInvalidUTF8, ""},
		{"escaped reversed pair", `{"type":"OpenBadgeCredential","name":"\udc00\ud800"}`, ErrInvalidUTF8, ""},
		{"no type", `{"id":"x"}`, ErrNotCredential, "/type"},
		{"unknown type", `{"type":"Thing"}`, ErrNotCredential, ""},
		{"type is a number", `{"type":7}`, ErrWrongType, "/type"},
		{"name is a number", strings.Replace(simple, `"name": "Teamwork Badge"`, `"name": 42`, 1), ErrWrongType, "/name"},
		{"achievement name is an object", strings.Replace(simple, `"name": "Teamwork"`, `"name": {"a":1}`, 1), ErrWrongType, "/credentialSubject/achievement/name"},
		{"type item is a number", strings.Replace(simple, `"AchievementSubject"`, `5`, 1), ErrWrongType, "/credentialSubject/type/0"},
		{"issuer is a number", strings.Replace(simple, `"issuer": {`, `"issuer": 1, "x": {`, 1), ErrWrongType, "/issuer"},
		{"context item is a number", strings.Replace(simple, `"https://www.w3.org/ns/credentials/v2"`, `1`, 1), ErrWrongType, "/@context/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.in))
			if c != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want error %v", c, err, tt.want)
			}
			if tt.pointer != "" {
				var pe *PathError
				if !errors.As(err, &pe) || pe.Pointer != tt.pointer {
					t.Errorf("error %v: want pointer %s", err, tt.pointer)
				}
			}
		})
	}
}

func TestEscapesThatAreFine(t *testing.T) {
	for _, s := range []string{`"\ud83d\ude00"`, `"\\ud800"`, `"\u00e9\n\"\\"`, `"\uD83D\uDE00x"`} {
		in := `{"type":"OpenBadgeCredential","name":` + s + `}`
		if _, err := Parse([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}

// TestParseLimits pins one meaning of zero and negative: zero is the
// documented default, and a negative limit is refused rather than read as
// "no limit" (size and depth caps are never safe to switch off).
func TestParseLimits(t *testing.T) {
	data := fixtures.Read(t, "1edtech/validator/ob30/simple.json")
	deep := []byte(strings.Repeat("[", DefaultMaxDepth+1) + strings.Repeat("]", DefaultMaxDepth+1))
	big := append([]byte(`{"type":"OpenBadgeCredential","name":"`), bytes.Repeat([]byte("x"), DefaultMaxDocumentBytes)...)
	big = append(big, `"}`...)
	for _, tt := range []struct {
		name    string
		limits  Limits
		data    []byte
		wantErr error // nil: parses
	}{
		{"one byte under the document", Limits{MaxDocumentBytes: len(data) - 1}, data, ErrTooLarge},
		{"exactly the document", Limits{MaxDocumentBytes: len(data)}, data, nil},
		{"MaxDepth 3", Limits{MaxDepth: 3}, data, ErrTooDeep},
		{"zero limits: default size cap applies", Limits{}, big, ErrTooLarge},
		{"zero limits: default depth cap applies", Limits{}, deep, ErrTooDeep},
		{"negative size refused, not unlimited", Limits{MaxDocumentBytes: -1}, data, ErrInvalidLimits},
		{"negative depth refused, not unlimited", Limits{MaxDepth: -1}, data, ErrInvalidLimits},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decoder{Limits: tt.limits}.Parse(tt.data)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	if _, err := NewValidator(Limits{MaxDepth: -5}); !errors.Is(err, ErrInvalidLimits) {
		t.Errorf("NewValidator with a negative limit: %v, want ErrInvalidLimits", err)
	}
}

// TestTwoSubjectsIsAnError makes sure a second credentialSubject is never
// silently dropped.
func TestTwoSubjectsIsAnError(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(fixtures.Read(t, "1edtech/validator/ob30/simple.json"), &doc); err != nil {
		t.Fatal(err)
	}
	doc["credentialSubject"] = []any{map[string]any{"id": "did:example:other"}, doc["credentialSubject"]}
	data, _ := json.Marshal(doc)
	_, err := Parse(data)
	if err == nil || !strings.Contains(err.Error(), "2 values") {
		t.Fatalf("err = %v, want a refusal of two subjects", err)
	}
}

func TestParseKeepsOriginalBytes(t *testing.T) {
	data := fixtures.Read(t, "1edtech/testvectors/obv3p0-signed.json")
	c, err := ParseAchievementCredential(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Raw(), data) {
		t.Fatal("Raw() is not the input")
	}
	data[10] ^= 1 // the caller's buffer changes; the credential's copy must not
	if bytes.Equal(c.Raw(), data) {
		t.Fatal("Raw() aliases the caller's buffer")
	}
}

// TestTamperedByteChangesRaw: one changed byte in the signed vector gives a
// different Raw, so a proof checked over Raw fails; a re-marshalled struct
// would hide changes in white space or key order.
func TestTamperedByteChangesRaw(t *testing.T) {
	data := fixtures.Read(t, "1edtech/testvectors/obv3p0-signed.json")
	i := bytes.Index(data, []byte("Teamwork"))
	tampered := bytes.Clone(data)
	tampered[i] = 't'
	a, err1 := Parse(data)
	b, err2 := Parse(tampered)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if bytes.Equal(a.Raw(), b.Raw()) {
		t.Fatal("tampered document has the same Raw")
	}
}

func TestParseKinds(t *testing.T) {
	for _, tt := range []struct {
		file   string
		want   string
		reason string
	}{
		{"1edtech/validator/ob30/simple.json", "*badge.AchievementCredential", "OpenBadgeCredential is the OB 3.0 alias of AchievementCredential"},
		{"1edtech/validator/ob30/endorsement-valid.json", "*badge.EndorsementCredential", "an endorsement is its own class"},
		{"1edtech/validator/clr20/simple.json", "*badge.ClrCredential", "a CLR 2.0 bundle"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			c, err := Parse(fixtures.Read(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := typeName(c); got != tt.want {
				t.Errorf("%s, want %s (%s)", got, tt.want, tt.reason)
			}
		})
	}
	if _, err := ParseClrCredential(fixtures.Read(t, "1edtech/validator/ob30/simple.json")); !errors.Is(err, ErrNotCredential) {
		t.Errorf("ParseClrCredential of an OB credential: %v", err)
	}
	if _, err := ParseEndorsementCredential(fixtures.Read(t, "1edtech/validator/ob30/endorsement-valid.json")); err != nil {
		t.Error(err)
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *AchievementCredential:
		return "*badge.AchievementCredential"
	case *EndorsementCredential:
		return "*badge.EndorsementCredential"
	case *ClrCredential:
		return "*badge.ClrCredential"
	}
	return "?"
}

// TestExtensionsPreserved: unknown properties survive at every level and
// come out sorted after the known ones.
func TestExtensionsPreserved(t *testing.T) {
	in := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"type":"OpenBadgeCredential","zeta":1,"alpha":{"b":[1,2]},"ID":"shadow",` +
		`"credentialSubject":{"type":"AchievementSubject","achievement":{"id":"a","x:ext":true,"image":"https://img"}}}`
	c, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	ac := c.(*AchievementCredential)
	if ac.ID != "" || string(ac.Extra["ID"]) != `"shadow"` {
		t.Errorf("property names must match exactly: ID=%q Extra=%v", ac.ID, ac.Extra)
	}
	if ac.CredentialSubject.Achievement.Image.ID != "https://img" {
		t.Errorf("bare image URL not read into Image.ID")
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"type":"OpenBadgeCredential","credentialSubject":{"type":"AchievementSubject","achievement":{"id":"a","image":"https://img","x:ext":true}},` +
		`"ID":"shadow","alpha":{"b":[1,2]},"zeta":1}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	// An added field turns the bare image back into an object.
	ac.CredentialSubject.Achievement.Image.Caption = "Badge"
	out, _ = json.Marshal(ac.CredentialSubject.Achievement.Image)
	if string(out) != `{"id":"https://img","caption":"Badge"}` {
		t.Errorf("image = %s", out)
	}
}

func TestMarshalIsStable(t *testing.T) {
	c, err := Parse(fixtures.Read(t, "1edtech/validator/ob30/complete.json"))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := json.Marshal(c)
	for range 20 {
		again, _ := json.Marshal(c)
		if !bytes.Equal(first, again) {
			t.Fatal("marshalling is not deterministic")
		}
	}
}

func TestDateTime(t *testing.T) {
	for _, tt := range []struct {
		in  string
		ok  bool
		why string
	}{
		{"2010-01-01T00:00:00Z", true, "UTC with Z"},
		{"2010-01-01T00:00:00.123+02:00", true, "fractional seconds and an offset"},
		{"2010-01-01t00:00:00z", true, "RFC 3339 allows lower-case t and z"},
		{"2010-01-01T00:00:00", false, "no time zone"},
		{"2010-01-01", false, "a date without a time"},
		{"yesterday", false, "not a date at all"},
	} {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := DateTime(tt.in).Time(); (err == nil) != tt.ok {
				t.Errorf("%q: err = %v; want ok=%v (%s)", tt.in, err, tt.ok, tt.why)
			}
		})
	}
}

func TestEnumerations(t *testing.T) {
	for _, tt := range []struct {
		valid bool
		ok    bool
		what  string
	}{
		{AchievementType("Badge").Valid(), true, "Badge"},
		{AchievementType("ext:MyType").Valid(), true, "ext:MyType"},
		{AchievementType("ext:").Valid(), false, "bare ext:"},
		{AchievementType("ext:a b").Valid(), false, "space in ext"},
		{AchievementType("badge").Valid(), false, "lower-case badge"},
		{ResultType("ext:Stars").Valid(), true, "ResultType ext"},
		{ResultStatusType("ext:Paused").Valid(), false, "ResultStatusType is closed"},
		{AlignmentTargetType("ceasn:Competency").Valid(), true, "ceasn:Competency"},
		{IdentifierType("emailAddress").Valid(), true, "emailAddress"},
		{IdentifierType("email").Valid(), false, "email"},
		{AssociationType("isPartOf").Valid(), true, "isPartOf"},
		{AssociationType("exemplar").Valid(), false, "CASE-only exemplar"},
		{AssociationType("ext:foo").Valid(), false, "AssociationType is closed"},
	} {
		t.Run(tt.what, func(t *testing.T) {
			if tt.valid != tt.ok {
				t.Errorf("%s: Valid() = %v", tt.what, tt.valid)
			}
		})
	}
}

// TestNestedCredentialsKeepTheirBytes: an embedded endorsement is signed on
// its own, so its Raw must be its own bytes inside the document.
func TestNestedCredentialsKeepTheirBytes(t *testing.T) {
	data := fixtures.Read(t, "1edtech/validator/ob30/complete.json")
	c, err := ParseAchievementCredential(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Endorsement) == 0 {
		t.Fatal("fixture has no endorsement")
	}
	raw := c.Endorsement[0].Raw()
	if !bytes.Contains(data, raw) || !bytes.HasPrefix(raw, []byte("{")) {
		t.Fatalf("endorsement Raw is not a slice of the document: %.80s", raw)
	}
	var doc struct {
		Endorsement []json.RawMessage `json:"endorsement"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, doc.Endorsement[0]) {
		t.Error("endorsement Raw differs from the document's bytes")
	}
}

func TestValidateProfile(t *testing.T) {
	v := newTestValidator(t)
	data := fixtures.Read(t, "1edtech/spec/impl_migrating__03__Issuer-profile-relation-between-Open-Badges-2-0-an.json")
	if fs := v.ValidateProfile(data); fs.HasErrors() {
		t.Errorf("spec Profile example:\n%s", findingsText(fs))
	}
	bad := bytes.Replace(data, []byte(`"Profile"`), []byte(`"Issuer"`), 1)
	if fs := v.ValidateProfile(bad); !slices.Contains(fs.Codes(), "profile.type") {
		t.Errorf("Profile typed Issuer: %v", fs.Codes())
	}
}

func TestLanguageMaps(t *testing.T) {
	v := newTestValidator(t)
	data := bytes.Replace(fixtures.Read(t, "1edtech/validator/ob30/simple.json"), []byte(`"name": "Teamwork"`),
		[]byte(`"name": {"en": "Teamwork", "fr-FR": "Travail d'équipe"}`), 1)
	c, err := ParseAchievementCredential(data)
	if err != nil {
		t.Fatal(err)
	}
	a := c.CredentialSubject.Achievement
	m, ok := a.Extra.LanguageMap("name")
	if a.Name != "" || !ok || m["fr-FR"] != "Travail d'équipe" {
		t.Errorf("Name %q, map %v", a.Name, m)
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, data, out)
	if fs := v.Validate(data); fs.HasErrors() {
		t.Errorf("a language map is valid:\n%s", findingsText(fs))
	}
	// An object that is not a language map is still the wrong type.
	bad := bytes.Replace(data, []byte(`"fr-FR"`), []byte(`"french"`), 1)
	if _, err := Parse(bad); !errors.Is(err, ErrWrongType) {
		t.Errorf("non-language-map object: err = %v", err)
	}
}

// TestUnmarshalIsStrictToo: json.Unmarshal into the types refuses repeated
// property names, like Parse, since the check happens in the decoders.
func TestUnmarshalIsStrictToo(t *testing.T) {
	var p Profile
	err := json.Unmarshal([]byte(`{"id":"https://a","type":"Profile","id":"https://b"}`), &p)
	if !errors.Is(err, ErrDuplicateKey) {
		t.Fatalf("err = %v, want ErrDuplicateKey", err)
	}
	// encoding/json would fill one field from either of two names that
	// differ only in case; the decoders refuse them as duplicates.
	err = json.Unmarshal([]byte(`{"id":"https://a","type":"Profile","ID":"https://b"}`), &p)
	if !errors.Is(err, ErrDuplicateKey) {
		t.Fatalf("case variants: err = %v, want ErrDuplicateKey", err)
	}
	// Alone, a name in another case is another (undefined) term, as to a
	// JSON-LD reader: it lands in Extra and fills no field.
	c, err := Parse([]byte(`{"type":["VerifiableCredential","OpenBadgeCredential"],"ValidUntil":"2099-01-01T00:00:00Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	if ac := c.(*AchievementCredential); ac.ValidUntil != "" || ac.Extra["ValidUntil"] == nil {
		t.Errorf("ValidUntil read as validUntil: %+v", ac)
	}
	for _, bad := range []string{`{"a":`, `{"a" 1}`, `{"id":"\`, `{"a":[1,2}`, `{`, `{"a":1,}`} {
		var a AchievementCredential
		if err := a.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("UnmarshalJSON(%q) accepted malformed input", bad)
		}
	}
}

func TestNullIsNoValue(t *testing.T) {
	c, err := Parse([]byte(`{"type":null,"name":null,"issuer":null,"evidence":null,"credentialSubject":{"type":"AchievementSubject","result":null}}`))
	if !errors.Is(err, ErrNotCredential) {
		t.Fatalf("a null type is no type: %v, %v", c, err)
	}
	c, err = Parse([]byte(`{"type":"OpenBadgeCredential","name":null,"issuer":null,"evidence":null,"credentialSubject":{"type":null,"result":null}}`))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(c)
	if string(out) != `{"type":"OpenBadgeCredential","credentialSubject":{}}` {
		t.Errorf("nulls not omitted: %s", out)
	}
}

// TestCompactionForms: every spelling JSON-LD compaction allows reads into
// the same Go value and is written back as it was read.
func TestCompactionForms(t *testing.T) {
	in := `{"@context":"https://www.w3.org/ns/credentials/v2","type":"OpenBadgeCredential","issuer":"https://example.edu/i",` +
		`"image":"https://example.edu/i.png","credentialSubject":[{"id":"did:example:1","type":"AchievementSubject",` +
		`"achievement":{"id":"https://a","type":"Achievement","image":{"id":"https://x.png","type":["Image"]}}}],` +
		`"evidence":{"type":"Evidence","id":"https://e"},"proof":{"type":"DataIntegrityProof","proofValue":"z1"}}`
	c, err := ParseAchievementCredential([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case len(c.Context) != 1 || c.Context[0].URL != ContextVCv2:
		t.Errorf("@context %v", c.Context)
	case c.IssuerID() != "https://example.edu/i" || c.Image.ID != "https://example.edu/i.png":
		t.Errorf("issuer %v image %v", c.Issuer, c.Image)
	case c.CredentialSubject.ID != "did:example:1" || c.CredentialSubject.Achievement.Image.Type != "Image":
		t.Errorf("subject %+v", c.CredentialSubject)
	case len(c.Evidence) != 1 || c.Evidence[0].ID != "https://e" || len(c.Proof) != 1 || c.Proof[0].ProofValue != "z1":
		t.Errorf("evidence %v proof %v", c.Evidence, c.Proof)
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, []byte(in), out)
}
