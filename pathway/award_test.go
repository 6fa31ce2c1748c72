package pathway

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
)

// loadCredentials parses the sample OB 3.0 credentials.
func loadCredentials(t testing.TB) (map[string]badge.Credential, []Earned) {
	t.Helper()
	files, err := filepath.Glob("testdata/credentials/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample credentials: %v", err)
	}
	byID := map[string]badge.Credential{}
	var earned []Earned
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := badge.ParseAchievementCredential(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		e, err := FromCredential(c)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		byID[e.ID] = c
		earned = append(earned, e)
	}
	return byID, earned
}

func TestFromCredential(t *testing.T) {
	_, earned := loadCredentials(t)
	i := slices.IndexFunc(earned, func(e Earned) bool { return strings.HasSuffix(e.AchievementID, "/security") })
	sec := earned[i]
	if len(sec.Results) != 1 || sec.Results[0].Type != "Percent" || sec.Results[0].Value != "82" {
		t.Errorf("result type not resolved through resultDescription: %+v", sec.Results)
	}
	i = slices.IndexFunc(earned, func(e Earned) bool { return strings.HasSuffix(e.AchievementID, "/html") })
	if earned[i].Credits != 3 || earned[i].EarnedAt.IsZero() || earned[i].IssuerID != "https://example.edu/issuer" {
		t.Errorf("html: %+v", earned[i])
	}
	if _, err := FromCredential(&badge.AchievementCredential{}); !errors.Is(err, ErrInput) {
		t.Errorf("empty credential: err = %v, want ErrInput", err)
	}
}

func TestFromCredentialAlignment(t *testing.T) {
	al := badge.Alignment{Type: []string{"Alignment"}, TargetURL: "https://skills.example/sql", TargetCode: "S1",
		TargetFramework: "ESCO", TargetName: "SQL", TargetType: badge.AlignmentTargetCompetency,
		TargetDescription: "Query relational databases"}
	c := &badge.AchievementCredential{VerifiableCredential: badge.VerifiableCredential{ID: "urn:cred:1"}, CredentialSubject: &badge.AchievementSubject{
		Achievement: &badge.Achievement{ID: "urn:ach:sql", Alignment: []badge.Alignment{al}}}}
	e, err := FromCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	want := []Alignment{{TargetURL: "https://skills.example/sql", TargetCode: "S1", TargetFramework: "ESCO",
		TargetName: "SQL", TargetType: "ceasn:Competency", TargetDescription: "Query relational databases"}}
	if !slices.Equal(e.Alignments, want) {
		t.Errorf("alignments = %+v, want %+v", e.Alignments, want)
	}
}

func TestAwardSample(t *testing.T) {
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	creds, earned := loadCredentials(t)
	at := date("2025-10-01")
	p, err := Evaluate(def, earned, at, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Complete {
		t.Fatalf("sample learner should complete:\n%s", p.Explain())
	}
	opts := AwardOptions{Recipient: "did:example:learner-1", Credentials: creds, ExpireWithParts: true}
	a, err := AwardDestination(def, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != AwardID(def.ID, def.Version, opts.Recipient, def.Destination.ID) || !strings.HasPrefix(a.ID, "urn:uuid:") {
		t.Errorf("award id %s is not the derived id", a.ID)
	}
	again, _ := AwardDestination(def, p, opts)
	b1, _ := json.Marshal(a)
	b2, _ := json.Marshal(again)
	if string(b1) != string(b2) {
		t.Errorf("awarding twice gave different results")
	}
	if other := AwardID(def.ID, def.Version, "did:example:learner-2", def.Destination.ID); other == a.ID {
		t.Errorf("two recipients share an award id")
	}
	if len(a.Credential.Evidence) != len(p.Assignments) {
		t.Errorf("%d evidence entries for %d credentials used", len(a.Credential.Evidence), len(p.Assignments))
	}
	for _, as := range p.Assignments {
		if !slices.ContainsFunc(a.Credential.Evidence, func(e badge.Evidence) bool { return e.ID == as.Credential }) {
			t.Errorf("evidence does not name credential %s", as.Credential)
		}
	}
	if a.Credential.ValidUntil != "2027-05-10T00:00:00Z" {
		t.Errorf("ExpireWithParts: validUntil = %q, want the react badge's 2027-05-10", a.Credential.ValidUntil)
	}
	// The award is a well-formed OB 3.0 credential by package badge's rules.
	raw, err := json.Marshal(a.Credential)
	if err != nil {
		t.Fatal(err)
	}
	back, err := badge.ParseAchievementCredential(raw)
	if err != nil {
		t.Fatalf("award does not parse back: %v\n%s", err, raw)
	}
	for _, f := range badge.CheckDataModel(back) {
		if f.Severity == badge.SeverityError {
			t.Errorf("award data model: %+v", f)
		}
	}
	// The CLR bundles every used credential verbatim with associations.
	clr := a.CLR
	if clr == nil || len(clr.CredentialSubject.VerifiableCredential) != len(p.Assignments) {
		t.Fatalf("CLR missing or incomplete")
	}
	for _, as := range p.Assignments {
		raw := string(creds[as.Credential].Raw())
		if !slices.ContainsFunc(clr.CredentialSubject.VerifiableCredential, func(r json.RawMessage) bool { return string(r) == raw }) {
			t.Errorf("CLR does not carry credential %s byte for byte", as.Credential)
		}
	}
	kinds := map[badge.AssociationType]int{}
	for _, as := range clr.CredentialSubject.Association {
		kinds[as.AssociationType]++
	}
	if kinds[badge.AssociationIsPartOf] != len(p.Assignments)+len(p.Milestones[0].Assignments) || kinds[badge.AssociationIsChildOf] != 1 ||
		kinds[badge.AssociationPrecedes] != 3 || kinds[badge.AssociationExactMatchOf] != 1 {
		t.Errorf("associations %v: want one isPartOf per part of the destination and of the milestone, the milestone isChildOf the destination, "+
			"3 precedes (capstone prerequisites), 1 exactMatchOf (partner JavaScript)", kinds)
	}
	rawCLR, _ := json.Marshal(clr)
	if back, err := badge.ParseClrCredential(rawCLR); err != nil {
		t.Errorf("CLR does not parse back: %v", err)
	} else {
		for _, f := range badge.CheckDataModel(back) {
			if f.Severity == badge.SeverityError {
				t.Errorf("CLR data model: %+v", f)
			}
		}
	}
	// The milestone was complete too.
	if _, err := AwardMilestone(def, p, "core", AwardOptions{Recipient: opts.Recipient}); err != nil {
		t.Errorf("milestone: %v", err)
	}
}

func TestAwardRefusals(t *testing.T) {
	def := pathwayOf(All(C("a"), C("b")), comp("a", "urn:a"), comp("b", "urn:b"))
	opts := AwardOptions{Recipient: "did:example:1"}
	p := evaluate(t, def, []Earned{earn("1", "urn:a", "2025-01-01")}, Options{})
	if _, err := AwardDestination(def, p, opts); !errors.Is(err, ErrIncomplete) {
		t.Errorf("incomplete: err = %v, want ErrIncomplete", err)
	}
	empty := pathwayOf(All(), comp("a", "urn:a"))
	p = evaluate(t, empty, nil, Options{})
	if _, err := AwardDestination(empty, p, opts); !errors.Is(err, ErrVacuous) {
		t.Errorf("vacuous: err = %v, want ErrVacuous", err)
	}
	full := evaluate(t, def, []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-01")}, Options{})
	other := *def
	other.Version = "2"
	if _, err := AwardDestination(&other, full, opts); !errors.Is(err, ErrInput) {
		t.Errorf("progress of another version: err = %v, want ErrInput", err)
	}
	if _, err := AwardDestination(def, full, AwardOptions{}); !errors.Is(err, ErrInput) {
		t.Errorf("no recipient: err = %v, want ErrInput", err)
	}
	if _, err := AwardDestination(def, full, AwardOptions{Recipient: "x", Credentials: map[string]badge.Credential{}}); !errors.Is(err, ErrInput) {
		t.Errorf("CLR without the credentials: err = %v, want ErrInput", err)
	}
}

// A part that expires after the award: the award was right when made; on
// re-evaluation the pathway is no longer complete and no award is made.
func TestPartExpiresAfterAward(t *testing.T) {
	def := pathwayOf(All(C("a"), C("b")), comp("a", "urn:a"), comp("b", "urn:b"))
	a := earn("1", "urn:a", "2025-01-01")
	a.ValidUntil = date("2026-01-01")
	earned := []Earned{a, earn("2", "urn:b", "2025-02-01")}
	before, err := Evaluate(def, earned, date("2025-06-01"), Options{})
	if err != nil || !before.Complete {
		t.Fatalf("before expiry: complete=%v err=%v", before != nil && before.Complete, err)
	}
	if _, err := AwardDestination(def, before, AwardOptions{Recipient: "did:example:1"}); err != nil {
		t.Fatal(err)
	}
	after, err := Evaluate(def, earned, date("2026-06-01"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Complete || stateOf(after, "a").State != StateExpired {
		t.Fatalf("after expiry: complete=%v, a=%+v", after.Complete, stateOf(after, "a"))
	}
	if _, err := AwardDestination(def, after, AwardOptions{Recipient: "did:example:1"}); !errors.Is(err, ErrIncomplete) {
		t.Errorf("award after expiry: err = %v, want ErrIncomplete", err)
	}
}

func TestUUID5(t *testing.T) {
	// RFC 9562 NameSpace_DNS and the well-known v5 of "python.org".
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got := uuidURN(uuid5(dns, "python.org")); got != "urn:uuid:886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Errorf("uuid5 = %s", got)
	}
	// Length prefixes keep ("ab","c") and ("a","bc") apart.
	if AwardID("ab", "c", "r", "d") == AwardID("a", "bc", "r", "d") {
		t.Error("award ids collide by concatenation")
	}

}

func TestFromCLR(t *testing.T) {
	creds, _ := loadCredentials(t)
	def, _ := Parse(mustRead(t, "webdev.json"))
	_, earned := loadCredentials(t)
	p, err := Evaluate(def, earned, date("2025-10-01"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:learner-1", Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(a.CLR)
	clr, err := badge.ParseClrCredential(raw)
	if err != nil {
		t.Fatal(err)
	}
	back, err := FromCLR(clr)
	if err != nil || len(back) != len(p.Assignments) {
		t.Fatalf("FromCLR: %d credentials, %v", len(back), err)
	}
	// The bundle re-evaluates to the same completion.
	again, err := Evaluate(def, back, date("2025-10-01"), Options{})
	if err != nil || !again.Complete {
		t.Fatalf("re-evaluation of the CLR bundle: complete=%v err=%v", again != nil && again.Complete, err)
	}
}
