package badge

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
)

// courseAchievement has one requirement of each kind.
func courseAchievement() Achievement {
	a := *testAchievement()
	a.ResultDescription = []ResultDescription{
		{ID: "urn:rd:grade", Name: "Final grade", ResultType: ResultTypeLetterGrade,
			AllowedValue: []string{"F", "D", "C", "B", "A"}, RequiredValue: "C"},
		{ID: "urn:rd:rubric", Name: "Presentation", ResultType: ResultTypeRubricCriterionLevel, RequiredLevel: "urn:level:proficient",
			RubricCriterionLevel: []RubricCriterionLevel{
				{ID: "urn:level:novice", Name: "Novice"},
				{ID: "urn:level:proficient", Name: "Proficient"},
				{ID: "urn:level:expert", Name: "Expert"},
			}},
		{ID: "urn:rd:percent", Name: "Attendance", ResultType: ResultTypePercent, ValueMin: "0", ValueMax: "100", RequiredValue: "80"},
		{ID: "urn:rd:scaled", Name: "Exam", ResultType: ResultTypeScaledScore, ValueMin: "200", ValueMax: "800", RequiredValue: "500"},
		{ID: "urn:rd:status", Name: "Enrolment", ResultType: ResultTypeStatus, RequiredValue: string(ResultStatusCompleted)},
		{ID: "urn:rd:info", Name: "Comments", ResultType: ResultTypeResult}, // no requirement
	}
	return a
}

func passingResults() []Result {
	return []Result{
		{ResultDescription: "urn:rd:grade", Value: "B"},
		{ResultDescription: "urn:rd:rubric", AchievedLevel: "urn:level:proficient"},
		{ResultDescription: "urn:rd:percent", Value: "80"},
		{ResultDescription: "urn:rd:scaled", Value: "640"},
		{ResultDescription: "urn:rd:status", Status: ResultStatusCompleted},
	}
}

// with replaces the result for one ResultDescription (nil removes it).
func with(rd string, r *Result) []Result {
	var out []Result
	for _, x := range passingResults() {
		if x.ResultDescription != rd {
			out = append(out, x)
		}
	}
	if r != nil {
		r.ResultDescription = rd
		out = append(out, *r)
	}
	return out
}

func TestAward(t *testing.T) {
	aw, err := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	v := newTestValidator(t)
	tests := []struct {
		name       string
		results    []Result
		eligible   bool
		shortfall  string // the ResultDescription that falls short
		reasonPart string
	}{
		{"every requirement met exactly", passingResults(), true, "", ""},
		{"letter grade above the required", with("urn:rd:grade", &Result{Value: "A"}), true, "", ""},
		{"letter grade below the required", with("urn:rd:grade", &Result{Value: "D"}), false, "urn:rd:grade", `"D" is below the required "C"`},
		{"letter grade not allowed", with("urn:rd:grade", &Result{Value: "E"}), false, "urn:rd:grade", "not one of the allowed values"},
		{"rubric level above the required", with("urn:rd:rubric", &Result{AchievedLevel: "urn:level:expert"}), true, "", ""},
		{"rubric level below the required", with("urn:rd:rubric", &Result{AchievedLevel: "urn:level:novice"}), false, "urn:rd:rubric", `level "Novice" is below the required "Proficient"`},
		{"rubric level unknown", with("urn:rd:rubric", &Result{AchievedLevel: "urn:level:guru"}), false, "urn:rd:rubric", "not one of the rubric's levels"},
		{"rubric result without level", with("urn:rd:rubric", &Result{Value: "good"}), false, "urn:rd:rubric", "no achievedLevel"},
		{"percent with a % sign", with("urn:rd:percent", &Result{Value: "95%"}), true, "", ""},
		{"percent below", with("urn:rd:percent", &Result{Value: "79.5"}), false, "urn:rd:percent", "79.5 is below the required 80"},
		{"percent above valueMax", with("urn:rd:percent", &Result{Value: "120"}), false, "urn:rd:percent", "above valueMax 100"},
		{"percent not a number", with("urn:rd:percent", &Result{Value: "most"}), false, "urn:rd:percent", "not a number"},
		{"scaled score compared as a number, not as text", with("urn:rd:scaled", &Result{Value: "1000"}), false, "urn:rd:scaled", "above valueMax 800"},
		{"scaled score below", with("urn:rd:scaled", &Result{Value: "499"}), false, "urn:rd:scaled", "499 is below the required 500"},
		{"scaled score below valueMin", with("urn:rd:scaled", &Result{Value: "150"}), false, "urn:rd:scaled", "below valueMin 200"},
		{"status other than required", with("urn:rd:status", &Result{Status: ResultStatusInProgress}), false, "urn:rd:status", `status "InProgress"`},
		{"missing result", with("urn:rd:scaled", nil), false, "urn:rd:scaled", "no result for this requirement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := aw.Award(Candidate{ID: "did:example:learner", Results: tt.results, Evidence: []Evidence{{ID: "https://example.edu/work/1", Name: "Project"}}})
			if out.Err != nil {
				t.Fatal(out.Err)
			}
			if out.Eligible != tt.eligible {
				t.Fatalf("eligible = %v, want %v; shortfalls %v", out.Eligible, tt.eligible, out.Shortfalls)
			}
			if !tt.eligible {
				if out.Credential != nil {
					t.Error("a credential was built for an ineligible candidate")
				}
				if len(out.Shortfalls) != 1 || out.Shortfalls[0].ResultDescription != tt.shortfall || !strings.Contains(out.Shortfalls[0].Reason, tt.reasonPart) {
					t.Errorf("shortfalls %+v, want one for %s containing %q", out.Shortfalls, tt.shortfall, tt.reasonPart)
				}
				return
			}
			c := out.Credential
			if c == nil || len(c.CredentialSubject.Result) != len(tt.results) || len(c.Evidence) != 1 || c.Evidence[0].Type[0] != "Evidence" {
				t.Fatalf("credential %+v lacks the results or evidence", c)
			}
			if fs := v.ValidateCredential(c); fs.HasErrors() {
				t.Errorf("awarded credential is invalid:\n%s", findingsText(fs))
			}
		})
	}
}

func TestAwardAllShortfallsReported(t *testing.T) {
	aw, err := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	out := aw.Award(Candidate{ID: "did:example:x"})
	if out.Eligible || len(out.Shortfalls) != 5 {
		t.Fatalf("want 5 shortfalls (one per requirement), got %v", out.Shortfalls)
	}
}

func TestNewAwarderRefuses(t *testing.T) {
	noReq := *testAchievement()
	badLevel := courseAchievement()
	badLevel.ResultDescription[1].RequiredLevel = "urn:level:none"
	badNumber := courseAchievement()
	badNumber.ResultDescription[2].RequiredValue = "lots"
	badStatus := courseAchievement()
	badStatus.ResultDescription[4].RequiredValue = "Done"
	tests := []struct {
		name string
		a    Achievement
		want error
	}{
		{"required status not a ResultStatusType", badStatus, ErrInvalidCredential},
		{"no requirements", noReq, ErrNoRequirements},
		{"requiredLevel not a level", badLevel, ErrInvalidCredential},
		{"requiredValue not a number", badNumber, ErrInvalidCredential},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewAwarder(testIssuer(), tt.a, nil); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestAwardCandidateWithoutRecipient(t *testing.T) {
	aw, _ := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	if out := aw.Award(Candidate{Results: passingResults()}); out.Err == nil || out.Eligible {
		t.Errorf("want an error for a candidate without id or identifier, got %+v", out)
	}
}

// cohort yields n candidates without holding them: every third one fails
// the grade.
func cohort(n int) iter.Seq[Candidate] {
	return func(yield func(Candidate) bool) {
		for i := range n {
			r := passingResults()
			if i%3 == 0 {
				r[0].Value = "F"
			}
			if !yield(Candidate{Identifier: []IdentityObject{HashedEmail(fmt.Sprintf("s%d@example.edu", i), "salt")}, Results: r}) {
				return
			}
		}
	}
}

func TestAwardCohort(t *testing.T) {
	aw, err := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var n, eligible int
	for out := range aw.AwardCohort(context.Background(), cohort(3000)) {
		if out.Err != nil {
			t.Fatal(out.Err)
		}
		if out.Eligible != (n%3 != 0) {
			t.Fatalf("candidate %d: eligible = %v", n, out.Eligible)
		}
		if out.Eligible {
			eligible++
		}
		n++
	}
	if n != 3000 || eligible != 2000 {
		t.Errorf("%d outcomes, %d eligible; want 3000, 2000", n, eligible)
	}
}

func TestAwardCohortStopsOnCancel(t *testing.T) {
	aw, _ := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var outs []Outcome
	for out := range aw.AwardCohort(ctx, cohort(100)) {
		outs = append(outs, out)
		if len(outs) == 5 {
			cancel()
		}
	}
	if len(outs) != 6 || !errors.Is(outs[5].Err, context.Canceled) {
		t.Errorf("got %d outcomes, last %+v; want 5 then one cancelled", len(outs), outs[len(outs)-1])
	}
}

func TestAwardCohortEarlyBreak(t *testing.T) {
	aw, _ := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	n := 0
	for range aw.AwardCohort(context.Background(), cohort(100)) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("n = %d", n)
	}
}

func BenchmarkAwardCohort(b *testing.B) {
	aw, err := NewAwarder(testIssuer(), courseAchievement(), testOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for out := range aw.AwardCohort(context.Background(), cohort(100)) {
			if out.Err != nil {
				b.Fatal(out.Err)
			}
		}
	}
}
