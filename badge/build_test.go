package badge

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var fixedTime = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// counterIDs returns deterministic ids for tests.
func counterIDs() func() (string, error) {
	n := 0
	return func() (string, error) {
		n++
		return fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", n), nil
	}
}

func testOptions() *Options {
	return &Options{Clock: func() time.Time { return fixedTime }, IDs: counterIDs()}
}

func testIssuer() Profile {
	return Profile{ID: "https://example.edu/issuers/565049", Name: "Example University"}
}

func testAchievement() *Achievement {
	return &Achievement{
		ID:          "https://example.edu/achievements/teamwork",
		Name:        "Teamwork",
		Description: "Works well in a team.",
		Criteria:    &Criteria{Narrative: "Nominated by peers."},
	}
}

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator(Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNewAchievementCredentialValidates(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name    string
		subject AchievementSubject
		opts    *Options
		wantCtx []string
	}{
		{"did recipient", AchievementSubject{ID: "did:example:123", Achievement: testAchievement()}, testOptions(),
			[]string{ContextVCv2, ContextOB}},
		{"hashed e-mail recipient", AchievementSubject{Identifier: []IdentityObject{HashedEmail("a@example.com", "Kosher")}, Achievement: testAchievement()},
			testOptions(), []string{ContextVCv2, ContextOB}},
		{"1EdTech status adds the extensions context", AchievementSubject{ID: "did:example:123", Achievement: testAchievement()},
			func() *Options {
				o := testOptions()
				o.Status = &CredentialStatus{ID: "https://example.edu/revocations", Type: TypeRevocationList}
				o.Schemas = []CredentialSchema{{ID: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", Type: TypeJSONSchemaValidator2019}}
				o.ValidUntil = fixedTime.AddDate(1, 0, 0)
				return o
			}(), []string{ContextVCv2, ContextOB, ContextExtensions}},
		{"nil options", AchievementSubject{ID: "did:example:123", Achievement: testAchievement()}, nil,
			[]string{ContextVCv2, ContextOB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewAchievementCredential(testIssuer(), tt.subject, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range c.Context {
				got = append(got, e.URL)
			}
			if !slices.Equal(got, tt.wantCtx) {
				t.Errorf("@context = %q, want %q", got, tt.wantCtx)
			}
			if !strings.HasPrefix(c.ID, "urn:uuid:") {
				t.Errorf("id %q is not a urn:uuid", c.ID)
			}
			if fs := v.ValidateCredential(c); len(fs) != 0 {
				t.Errorf("built credential has findings:\n%s", findingsText(fs))
			}
		})
	}
}

func TestBuildersAreDeterministicWithInjectedClockAndIDs(t *testing.T) {
	build := func() []byte {
		c, err := NewAchievementCredential(testIssuer(), AchievementSubject{ID: "did:example:1", Achievement: testAchievement()}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := build(), build()
	if string(a) != string(b) {
		t.Fatalf("two builds differ:\n%s\n%s", a, b)
	}
	want := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:00000000-0000-4000-8000-000000000001","type":["VerifiableCredential","OpenBadgeCredential"],` +
		`"name":"Teamwork","description":"Works well in a team.",` +
		`"issuer":{"id":"https://example.edu/issuers/565049","type":["Profile"],"name":"Example University"},` +
		`"validFrom":"2024-03-01T12:00:00Z",` +
		`"credentialSubject":{"id":"did:example:1","type":["AchievementSubject"],"achievement":{"id":"https://example.edu/achievements/teamwork",` +
		`"type":["Achievement"],"name":"Teamwork","description":"Works well in a team.","criteria":{"narrative":"Nominated by peers."}}}}`
	if string(a) != want {
		t.Errorf("got  %s\nwant %s", a, want)
	}
}

func TestNewUUID(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id, err := NewUUID()
		if err != nil {
			t.Fatal(err)
		}
		if len(id) != len("urn:uuid:")+36 || id[9+14] != '4' || !strings.ContainsRune("89ab", rune(id[9+19])) {
			t.Fatalf("%q is not a version 4 UUID URN", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %s", id)
		}
		seen[id] = true
	}
}

func TestBuildersRefuseIncompleteInput(t *testing.T) {
	noName := testAchievement()
	noName.Name = ""
	tests := []struct {
		name     string
		issuer   Profile
		subject  AchievementSubject
		wantCode string
	}{
		{"no issuer id", Profile{Name: "x"}, AchievementSubject{ID: "did:example:1", Achievement: testAchievement()}, "issuer.missing"},
		{"no recipient", testIssuer(), AchievementSubject{Achievement: testAchievement()}, "subject.no-recipient"},
		{"no achievement", testIssuer(), AchievementSubject{ID: "did:example:1"}, "achievement.missing"},
		{"achievement without name", testIssuer(), AchievementSubject{ID: "did:example:1", Achievement: noName}, "achievement.name"},
		{"bad achievementType", testIssuer(), AchievementSubject{ID: "did:example:1", Achievement: func() *Achievement {
			a := testAchievement()
			a.AchievementType = "Diplomaa"
			return a
		}()}, "achievement.achievementType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewAchievementCredential(tt.issuer, tt.subject, testOptions())
			if c != nil || !errors.Is(err, ErrInvalidCredential) {
				t.Fatalf("got %v, %v; want ErrInvalidCredential", c, err)
			}
			var ie *InvalidError
			if !errors.As(err, &ie) || !slices.Contains(ie.Findings.Codes(), tt.wantCode) {
				t.Errorf("error %v lacks %s", err, tt.wantCode)
			}
		})
	}
}

func TestBuilderDoesNotModifyArguments(t *testing.T) {
	a := testAchievement()
	a.ResultDescription = []ResultDescription{{ID: "urn:rd:1", Name: "Grade", ResultType: ResultTypeLetterGrade}}
	subject := AchievementSubject{ID: "did:example:1", Achievement: a, Result: []Result{{ResultDescription: "urn:rd:1", Value: "A"}}}
	if _, err := NewAchievementCredential(testIssuer(), subject, testOptions()); err != nil {
		t.Fatal(err)
	}
	if a.Type != nil || a.ResultDescription[0].Type != nil || subject.Result[0].Type != nil || subject.Type != nil {
		t.Errorf("the builder filled types into the caller's values")
	}
}

func TestEndorsementAndCLRBuildersValidate(t *testing.T) {
	v := newTestValidator(t)
	e, err := NewEndorsementCredential(testIssuer(), EndorsementSubject{ID: "https://example.org/issuers/1", EndorsementComment: "In good standing"}, "Accreditation", testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if fs := v.ValidateCredential(e); len(fs) != 0 {
		t.Errorf("endorsement findings:\n%s", findingsText(fs))
	}

	ac, err := NewAchievementCredential(testIssuer(), AchievementSubject{ID: "did:example:1", Achievement: testAchievement()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(ac)
	if err != nil {
		t.Fatal(err)
	}
	program := Achievement{ID: "https://example.edu/programs/leadership", Name: "Leadership", Description: "The leadership program.",
		Criteria: &Criteria{Narrative: "Earn the component badges."}, AchievementType: AchievementTypeLearningProgram}
	clr, err := NewClrCredential(testIssuer(), ClrSubject{
		ID:                   "did:example:1",
		Achievement:          []Achievement{program},
		VerifiableCredential: []json.RawMessage{raw},
		Association:          []Association{{AssociationType: AssociationIsPartOf, SourceID: testAchievement().ID, TargetID: program.ID}},
	}, "Transcript", testOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := []string{clr.Context[0].URL, clr.Context[1].URL, clr.Context[2].URL}
	if !slices.Equal(got, []string{ContextVCv2, ContextCLR, ContextOB}) {
		t.Errorf("CLR @context = %q", got)
	}
	if fs := v.ValidateCredential(clr); len(fs) != 0 {
		t.Errorf("CLR findings:\n%s", findingsText(fs))
	}
	creds, err := clr.CredentialSubject.Credentials()
	if err != nil || len(creds) != 1 || creds[0].Base().ID != ac.ID {
		t.Errorf("Credentials() = %v, %v", creds, err)
	}
}

func TestBuilderWithStatusEntries(t *testing.T) {
	v := newTestValidator(t)
	for _, tt := range []struct {
		name    string
		status  *CredentialStatus
		wantExt bool
	}{
		{"bitstring status list (VC 2.0 context)", BitstringStatus("https://example.edu/status/1", 94567, "revocation"), false},
		{"1EdTech revocation list (needs extensions.json)", RevocationList("https://example.edu/revocations"), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Status = tt.status
			c, err := NewAchievementCredential(testIssuer(), AchievementSubject{ID: "did:example:1", Achievement: testAchievement()}, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasContext(&c.VerifiableCredential, ContextExtensions); got != tt.wantExt {
				t.Errorf("extensions context present = %v, want %v", got, tt.wantExt)
			}
			if fs := v.ValidateCredential(c); len(fs) != 0 {
				t.Errorf("findings:\n%s", findingsText(fs))
			}
			if tt.status.Type == TypeBitstringStatusListEntry {
				b, _ := json.Marshal(c.CredentialStatus)
				want := `{"id":"https://example.edu/status/1#94567","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListCredential":"https://example.edu/status/1","statusListIndex":"94567"}`
				if string(b) != want {
					t.Errorf("got  %s\nwant %s", b, want)
				}
			}
		})
	}
}
