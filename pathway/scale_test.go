package pathway

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestResultScale(t *testing.T) {
	grades := []string{"F", "D", "C", "B", "A"}
	levels := []string{"urn:level:novice", "urn:level:competent", "urn:level:proficient", "urn:level:expert"}
	for _, tc := range []struct {
		name    string
		match   ResultMatch
		results []Result
		why     string // "" when the result meets the match; else a part of the reason
		reason  string
	}{
		{"grade above", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "A"}}, "", "A is above B"},
		{"grade at", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "B"}}, "", "the minimum itself counts"},
		{"grade below", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "C"}}, `level "C" is below the required "B"`, "C is lower on the scale"},
		{"off the scale", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "B+"}}, `result "B+" is not on the scale`, "entries compare exactly; B+ is not B"},
		{"case differs", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "a"}}, "not on the scale", "exact comparison, like Levels"},
		{"level above", ResultMatch{MinLevel: "urn:level:proficient", Scale: levels}, []Result{{Level: "urn:level:expert"}}, "", "achieved level on the scale"},
		{"level below", ResultMatch{MinLevel: "urn:level:proficient", Scale: levels}, []Result{{Level: "urn:level:competent"}}, "is below the required", "one step short"},
		{"level wins over value", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Level: "C", Value: "A"}}, "is below", "the achieved level is on the scale, so it is the one compared"},
		{"value when level is off the scale", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Level: "urn:x", Value: "A"}}, "", "a level off the scale falls back to the value"},
		{"one of several results", ResultMatch{MinLevel: "B", Scale: grades}, []Result{{Value: "D"}, {Value: "A"}}, "", "any one result may meet it"},
		{"type applies too", ResultMatch{Type: "LetterGrade", MinLevel: "B", Scale: grades}, []Result{{Type: "Percent", Value: "A"}}, "no result of type LetterGrade", "every field must hold for the same result"},
		{"no result", ResultMatch{MinLevel: "B", Scale: grades}, nil, "no result", "nothing to compare"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def := pathwayOf(C("g"), Component{ID: "g", Name: "Graded", Match: Match{Achievements: []string{"urn:ach:g"}, Result: &tc.match}})
			if err := Validate(def); err != nil {
				t.Fatal(err)
			}
			e := earn("1", "urn:ach:g", "2025-01-01")
			e.Results = tc.results
			p := evaluate(t, def, []Earned{e}, Options{})
			if p.Complete != (tc.why == "") {
				t.Errorf("complete = %v (%s)", p.Complete, tc.reason)
			}
			if tc.why != "" && !strings.Contains(p.Credentials[0].Reason, tc.why) {
				t.Errorf("reason %q, want %q (%s)", p.Credentials[0].Reason, tc.why, tc.reason)
			}
		})
	}
}

// A skills role written in the JSON format: "SQL at proficient or above".
func TestParseResultScale(t *testing.T) {
	doc := `{"format": "microcred-pathway/1", "id": "urn:role:analyst", "version": "1",
	  "destination": {"id": "urn:role:analyst"},
	  "components": [{"id": "sql", "reuse": true,
	    "match": {"alignment": {"targetUrl": "https://skills.example/sql"},
	              "result": {"minLevel": "urn:level:proficient",
	                         "scale": ["urn:level:novice", "urn:level:competent", "urn:level:proficient", "urn:level:expert"]}}}],
	  "requirement": {"kind": "component", "component": "sql"}}`
	def, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := validateSchema(t, []byte(doc)); err != nil {
		t.Fatalf("schema: %v", err)
	}
	e := earn("1", "urn:ach:sql-course", "2025-01-01")
	e.Alignments = []Alignment{{TargetURL: "https://skills.example/sql"}}
	e.Results = []Result{{Level: "urn:level:expert"}}
	if p := evaluate(t, def, []Earned{e}, Options{}); !p.Complete {
		t.Errorf("an expert result does not meet proficient: %s", p.Explain())
	}
	bad := strings.Replace(doc, `"minLevel": "urn:level:proficient"`, `"minLevel": "urn:level:master"`, 1)
	if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), "not on the scale") {
		t.Errorf("minLevel off the scale: err = %v", err)
	}
	noScale := strings.Replace(doc, `"scale"`, `"levels"`, 1)
	if validateSchema(t, []byte(noScale)) == nil {
		t.Errorf("schema accepts minLevel without a scale")
	}
	if _, err := Parse([]byte(noScale)); err == nil {
		t.Errorf("Parse accepts minLevel without a scale")
	}
}

func validateSchema(t *testing.T, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return compileSchema(t).Validate(inst)
}
