package badge

import (
	"encoding/json"
	"net/url"
	"slices"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// obj is a JSON object being mutated in a test.
type obj = map[string]any

func get(m obj, path ...string) obj {
	for _, p := range path {
		m = m[p].(obj)
	}
	return m
}

// baseDocument is a valid credential with a result description, result and
// evidence, as a generic JSON value to break in one place per test.
func baseDocument(t *testing.T) obj {
	t.Helper()
	a := testAchievement()
	a.ResultDescription = []ResultDescription{{ID: "urn:rd:1", Name: "Status", ResultType: ResultTypeStatus}}
	c, err := NewAchievementCredential(testIssuer(), AchievementSubject{
		ID: "did:example:1", Achievement: a,
		Result: []Result{{ResultDescription: "urn:rd:1", Status: ResultStatusCompleted}},
	}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	var m obj
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDataModelRules(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name     string
		mutate   func(m obj)
		code     string
		pointer  string
		severity Severity
	}{
		{"VC v2 context not first", func(m obj) {
			m["@context"] = []any{ContextOB, ContextVCv2}
		}, "context.first", "/@context/0", SeverityError},
		{"OB context missing", func(m obj) { m["@context"] = []any{ContextVCv2} }, "context.missing-ob", "/@context/1", SeverityError},
		{"older OB context", func(m obj) {
			m["@context"] = []any{ContextVCv2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"}
		}, "context.outdated", "/@context/1", SeverityWarning},
		{"1EdTech status without extensions context", func(m obj) {
			m["credentialStatus"] = obj{"id": "https://example.edu/status", "type": TypeRevocationList}
		}, "context.extensions-missing", "/@context", SeverityError},
		{"no VerifiableCredential type", func(m obj) { m["type"] = []any{"OpenBadgeCredential"} }, "type.missing-vc", "/type", SeverityError},
		{"id not a URI", func(m obj) { m["id"] = "not a uri" }, "uri.invalid", "/id", SeverityError},
		{"validFrom without time zone", func(m obj) { m["validFrom"] = "2024-01-01T00:00:00" }, "date.format", "/validFrom", SeverityError},
		{"validUntil before validFrom", func(m obj) { m["validUntil"] = "2000-01-01T00:00:00Z" }, "validUntil.before-validFrom", "/validUntil", SeverityError},
		{"VC 1.1 issuanceDate", func(m obj) {
			m["issuanceDate"] = m["validFrom"]
			delete(m, "validFrom")
		}, "vc1.issuanceDate", "/issuanceDate", SeverityWarning},
		{"VC 1.1 AchievementCredential without name (AchievementCredentialv1p1: name 1; acceptance BUGS.md #5)", func(m obj) {
			m["@context"] = []any{ContextVCv1, ContextOB}
			m["issuanceDate"] = m["validFrom"]
			delete(m, "validFrom")
			delete(m, "name")
		}, "vc1.name", "/name", SeverityError},
		{"VC 2.0 AchievementCredential without name is fine (name 0..1)", func(m obj) { delete(m, "name") }, "", "", ""},
		{"issuer as a bare URI is fine", func(m obj) { m["issuer"] = "https://example.edu/issuers/1" }, "", "", ""},
		{"issuer without id", func(m obj) { delete(get(m, "issuer"), "id") }, "issuer.missing", "/issuer", SeverityError},
		{"image as a bare URL", func(m obj) { m["image"] = "https://example.edu/badge.png" }, "image.not-object", "/image", SeverityError},
		{"image with wrong type", func(m obj) { m["image"] = obj{"id": "https://x/y.png", "type": "Picture"} }, "image.type", "/image/type", SeverityError},
		{"subject without id or identifier", func(m obj) { delete(get(m, "credentialSubject"), "id") }, "subject.no-recipient", "/credentialSubject", SeverityError},
		{"malformed hashed identity", func(m obj) {
			get(m, "credentialSubject")["identifier"] = []any{obj{"type": "IdentityObject", "hashed": true, "identityHash": "sha256$abc", "identityType": "emailAddress"}}
		}, "identifier.identityHash", "/credentialSubject/identifier/0/identityHash", SeverityError},
		{"IdentityObject with extension property", func(m obj) {
			get(m, "credentialSubject")["identifier"] = []any{obj{"type": "IdentityObject", "hashed": false, "identityHash": "a@b.c", "identityType": "emailAddress", "x": 1}}
		}, "identifier.extra", "/credentialSubject/identifier/0", SeverityError},
		{"ext: achievementType is fine", func(m obj) { get(m, "credentialSubject", "achievement")["achievementType"] = "ext:Hackathon" }, "", "", ""},
		{"unknown achievementType", func(m obj) { get(m, "credentialSubject", "achievement")["achievementType"] = "Hackathon" },
			"achievement.achievementType", "/credentialSubject/achievement/achievementType", SeverityError},
		{"achievement without criteria", func(m obj) { delete(get(m, "credentialSubject", "achievement"), "criteria") },
			"achievement.criteria", "/credentialSubject/achievement/criteria", SeverityError},
		{"alignment without targetUrl", func(m obj) {
			get(m, "credentialSubject", "achievement")["alignment"] = []any{obj{"type": []any{"Alignment"}, "targetName": "X"}}
		}, "alignment.targetUrl", "/credentialSubject/achievement/alignment/0/targetUrl", SeverityError},
		{"Status result without status", func(m obj) {
			get(m, "credentialSubject")["result"] = []any{obj{"type": []any{"Result"}, "resultDescription": "urn:rd:1"}}
		}, "result.status-missing", "/credentialSubject/result/0/status", SeverityError},
		{"unknown result status", func(m obj) {
			get(m, "credentialSubject")["result"] = []any{obj{"type": []any{"Result"}, "resultDescription": "urn:rd:1", "status": "Done"}}
		}, "result.status", "/credentialSubject/result/0/status", SeverityError},
		{"result pointing to no resultDescription", func(m obj) {
			get(m, "credentialSubject")["result"] = []any{obj{"type": []any{"Result"}, "resultDescription": "urn:rd:9", "value": "A"}}
		}, "result.unknown-description", "/credentialSubject/result/0/resultDescription", SeverityWarning},
		{"requiredValue not allowed", func(m obj) {
			rd := get(m, "credentialSubject", "achievement")["resultDescription"].([]any)[0].(obj)
			rd["resultType"], rd["allowedValue"], rd["requiredValue"] = "LetterGrade", []any{"B", "A"}, "C"
			delete(m["credentialSubject"].(obj), "result")
		}, "resultDescription.requiredValue", "/credentialSubject/achievement/resultDescription/0/requiredValue", SeverityError},
		{"bad endorsementJwt", func(m obj) { m["endorsementJwt"] = []any{"not-a-jws"} }, "endorsementJwt.format", "/endorsementJwt/0", SeverityError},
		{"evidence with wrong type", func(m obj) { m["evidence"] = []any{obj{"type": "Proof"}} }, "evidence.type", "/evidence/0/type", SeverityError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := baseDocument(t)
			tt.mutate(m)
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			fs := v.Validate(data)
			if tt.code == "" {
				if fs.HasErrors() {
					t.Errorf("want no errors:\n%s", findingsText(fs))
				}
				return
			}
			i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == tt.code })
			if i < 0 {
				t.Fatalf("no %s finding:\n%s", tt.code, findingsText(fs))
			}
			if fs[i].Pointer != tt.pointer || fs[i].Severity != tt.severity {
				t.Errorf("got %s, want %s at %s", fs[i], tt.severity, tt.pointer)
			}
		})
	}
}

func TestCLRRules(t *testing.T) {
	v := newTestValidator(t)
	data := fixtures.Read(t, "1edtech/validator/clr20/simple.json")
	var m obj
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	cs := get(m, "credentialSubject")
	cs["association"] = []any{obj{"type": "Association", "associationType": "exemplar", "sourceId": "urn:a", "targetId": "urn:b"}}
	cs["verifiableCredential"] = []any{}
	m["@context"] = []any{ContextVCv2, ContextOB, ContextCLR}
	out, _ := json.Marshal(m)
	codes := v.Validate(out).Codes()
	for _, want := range []string{"association.associationType", "association.unknown-achievement", "clr.no-credentials", "context.order"} {
		if !slices.Contains(codes, want) {
			t.Errorf("no %s in %v", want, codes)
		}
	}
}

// TestVC1SchemaPointers: a VC 1.1 credential is schema-checked in its VC
// 2.0 reading, but findings point at the properties as written.
func TestVC1SchemaPointers(t *testing.T) {
	v := newTestValidator(t)
	var m obj
	if err := json.Unmarshal(fixtures.Read(t, "1edtech/validator/ob30/simple_v1.json"), &m); err != nil {
		t.Fatal(err)
	}
	m["issuanceDate"] = "yesterday"
	data, _ := json.Marshal(m)
	fs := v.Validate(data)
	var got []string
	for _, f := range fs.Errors() {
		got = append(got, f.Pointer+" "+f.Code)
	}
	want := []string{"/issuanceDate date.format", "/issuanceDate schema.format"}
	if !slices.Equal(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
}

// TestModelPointers: every pointer join takes from the table is the one it
// would build, and the table holds the pointers a verification's checks
// use (which is what it is for; a miss only costs an allocation).
func TestModelPointers(t *testing.T) {
	table := modelPointers()
	for k, p := range table {
		if want := buildPointer(k.parent, k.property); p != want {
			t.Errorf("modelPointers[%q, %q] = %q, want %q", k.parent, k.property, p, want)
		}
	}
	for _, k := range []pointerKey{
		{"", "@context"}, {"", "id"}, {"", "issuer"}, {"/issuer", "id"}, {"", "credentialSubject"},
		{"/credentialSubject", "achievement"}, {"/credentialSubject/achievement", "criteria"},
		{"/credentialSubject/achievement/criteria", "narrative"}, {"", "validFrom"}, {"", "credentialStatus"},
	} {
		if _, ok := table[k]; !ok {
			t.Errorf("modelPointers lacks %q below %q", k.property, k.parent)
		}
	}
	if got := join("/credentialSubject", "a/b~c"); got != "/credentialSubject/a~1b~0c" {
		t.Errorf("join of an escaped property = %q", got)
	}
	if got := join("/credentialSubject", "result", 2, "type"); got != "/credentialSubject/result/2/type" {
		t.Errorf("join of an index = %q", got)
	}
}

// absoluteURIBySlowPath is what the uri check asked before absoluteURI.
func absoluteURIBySlowPath(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

var absoluteURICases = []struct {
	in, why string
}{
	{"did:key:z6Mkes6vHeBon2qu1kXbvsVfx3LPDzZwDYEX7MCzdMprnKof", "a DID: opaque"},
	{"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002", "a URN: opaque"},
	{"https://example.com/achievements/1", "host and path"},
	{"https://127.0.0.1:43649/status/1#0", "port and fragment"},
	{"HTTPS://EXAMPLE.COM", "upper-case scheme"},
	{"https://example.com?x=1", "query right after the host"},
	{"https://a:/x", "empty port, which url.Parse allows"},
	{"https://a:b/x", "a port that is not a number"},
	{"https://a:1:2/x", "two colons in an https host"},
	{"mongodb://a:1,b:2/x", "two colons elsewhere"},
	{"https://user@example.com/", "userinfo"},
	{"https://[::1]:80/", "an IPv6 literal"},
	{"https://ex ample.com/", "a space in the host"},
	{"https:///path", "an empty host"},
	{"https://example.com/%zz", "a bad escape in the path"},
	{"https://example.com/a#%zz", "a bad escape in the fragment"},
	{"https://example.com/%41", "a good escape"},
	{"example.com/x", "no scheme"},
	{"/relative", "a path"},
	{":nothing", "a colon first"},
	{"1http://x", "a digit first"},
	{"ht_tp://x", "an underscore in the scheme"},
	{"a\x7fb:c", "a control byte"},
	{"https://exa\nmple.com", "a newline"},
	{"mailto:", "only a scheme"},
	{"", "empty"},
	{"did:example:ü", "non-ASCII in an opaque part"},
	{"https://ü.example/", "non-ASCII in a host"},
}

// TestAbsoluteURI: absoluteURI answers exactly what url.Parse answers, on
// every shape its quick path reads and on those it leaves to url.Parse.
func TestAbsoluteURI(t *testing.T) {
	for _, c := range absoluteURICases {
		if got, want := absoluteURI(c.in), absoluteURIBySlowPath(c.in); got != want {
			t.Errorf("absoluteURI(%q) (%s) = %v, url.Parse says %v", c.in, c.why, got, want)
		}
	}
	// The shapes credentials carry are answered without url.Parse.
	for _, s := range []string{"did:key:z6Mk", "urn:uuid:1", "https://example.com/a/b", "https://127.0.0.1:43649/status/1#0"} {
		if _, known := quickAbsoluteURI(s); !known {
			t.Errorf("quickAbsoluteURI(%q) leaves it to url.Parse", s)
		}
	}
}

func FuzzAbsoluteURI(f *testing.F) {
	for _, c := range absoluteURICases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := absoluteURI(s), absoluteURIBySlowPath(s); got != want {
			t.Errorf("absoluteURI(%q) = %v, url.Parse says %v", s, got, want)
		}
	})
}
