package ctdl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/pathway"
)

func pathwayDoc(nodes ...string) []byte {
	return []byte(`{"@graph": [{"@id": "urn:pw", "@type": "Pathway", "name": "P", "hasDestinationComponent": "urn:goal"},` +
		strings.Join(nodes, ",") + `]}`)
}

func TestImportRejects(t *testing.T) {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	var chain []string
	for i := range 40 { // conditions nested through 40 components
		chain = append(chain, fmt.Sprintf(`{"@id": "urn:c%d", "@type": "BasicComponent", "hasCondition": {"requiredNumber": 1, "targetComponent": "urn:c%d"}}`, i, i+1))
	}
	chain = append(chain, `{"@id": "urn:c40", "@type": "CourseComponent"}`,
		`{"@id": "urn:goal", "@type": "CredentialComponent", "hasCondition": {"targetComponent": "urn:c0"}}`)
	// A diamond lattice: each level targets both nodes of the next twice
	// over, so the tree doubles per level.
	var lattice []string
	for i := range 30 {
		lattice = append(lattice,
			fmt.Sprintf(`{"@id": "urn:a%d", "@type": "BasicComponent", "hasCondition": {"targetComponent": ["urn:a%d", "urn:b%d"]}}`, i, i+1, i+1),
			fmt.Sprintf(`{"@id": "urn:b%d", "@type": "BasicComponent", "hasCondition": {"targetComponent": ["urn:a%d", "urn:b%d"]}}`, i, i+1, i+1))
	}
	lattice = append(lattice, `{"@id": "urn:a30", "@type": "CourseComponent"}`, `{"@id": "urn:b30", "@type": "CourseComponent"}`,
		`{"@id": "urn:goal", "@type": "CredentialComponent", "hasCondition": {"targetComponent": ["urn:a0", "urn:b0"]}}`)
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
		why  string
	}{
		{"empty", nil, Options{}, ErrSyntax, "nothing to read"},
		{"not json", []byte("<Pathway/>"), Options{}, ErrSyntax, "XML is not JSON-LD"},
		{"truncated", []byte(`{"@graph": [`), Options{}, ErrSyntax, "cut short"},
		{"too big", make([]byte, 100), Options{MaxDocumentBytes: 10}, ErrLimit, "MaxDocumentBytes"},
		{"too deep", []byte(deep), Options{}, ErrLimit, "nesting beyond MaxDepth"},
		{"too many objects", []byte("[" + strings.Repeat("{},", 99) + "{}]"), Options{MaxObjects: 50}, ErrLimit, "MaxObjects"},
		{"no pathway", []byte(`{"@id": "urn:x", "@type": "ConceptScheme"}`), Options{}, ErrNoPathway, "a concept scheme"},
		{"two pathways", []byte(`[{"@id": "urn:a", "@type": "Pathway"}, {"@id": "urn:b", "@type": "Pathway"}]`), Options{}, ErrAmbiguous, "which one?"},
		{"no destination", []byte(`{"@id": "urn:a", "@type": "Pathway"}`), Options{}, ErrUnusable, "nothing to award"},
		{"absent destination", pathwayDoc(`{"@id": "urn:other", "@type": "CourseComponent"}`), Options{}, ErrUnusable, "destination not in the document"},
		{"cycle", pathwayDoc(
			`{"@id": "urn:goal", "@type": "CredentialComponent", "hasCondition": {"targetComponent": "urn:x"}}`,
			`{"@id": "urn:x", "@type": "BasicComponent", "hasCondition": {"targetComponent": "urn:goal"}}`), Options{}, ErrUnusable, "a condition requiring itself"},
		{"deep conditions", pathwayDoc(chain...), Options{}, ErrLimit, "beyond pathway's depth limit"},
		{"exponential tree", pathwayDoc(lattice...), Options{}, ErrLimit, "2^30 expansions must stop at MaxTreeNodes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(tt.data, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
}

func TestImportQuirks(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		check func(t *testing.T, r *Result)
	}{
		{"single node document with embedded components and CURIE types", `{
			"@id": "urn:pw", "@type": "ceterms:Pathway", "ceterms:name": {"@en-US": "Solo"},
			"ceterms:hasDestinationComponent": {"@id": "urn:goal", "@type": "ceterms:CredentialComponent",
				"ceterms:hasCondition": {"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": "1",
					"ceterms:targetComponent": [{"@id": "urn:a", "@type": "ceterms:CourseComponent", "ceterms:proxyFor": "urn:badge:a"}]}}}`,
			func(t *testing.T, r *Result) {
				d := r.Definition
				if d.Name != "Solo" || len(d.Components) != 1 || d.Components[0].Match.Achievements[0] != "urn:badge:a" {
					t.Errorf("got name %q components %+v", d.Name, d.Components)
				}
			}},
		{"OR, NOT and a credit constraint", `{"@graph": [
			{"@id": "urn:pw", "@type": "Pathway", "hasDestinationComponent": "urn:goal"},
			{"@id": "urn:goal", "@type": "CredentialComponent", "hasCondition": [
				{"logicalOperator": "logic:Or", "targetComponent": ["urn:a", "urn:b"]},
				{"logicalOperator": {"@id": "https://credreg.net/ctdl/vocabs/logic/Not"}, "targetComponent": "urn:c"},
				{"targetComponent": ["urn:a", "urn:b", "urn:c"],
				 "hasConstraint": [{"leftSource": "ceterms:creditValue", "leftAction": "arrayOperation:Sum", "comparator": "comparator:GTEQ",
				                    "rightSource": {"@type": "ValueProfile", "value": 6, "creditUnitType": "creditUnit:SemesterHour"}},
				                   {"leftSource": "ceterms:creditValue", "comparator": "comparator:LT", "rightSource": 30}]}]},
			{"@id": "urn:a", "@type": "CourseComponent", "creditValue": {"value": 3, "creditUnitType": "creditUnit:SemesterHour"}},
			{"@id": "urn:b", "@type": "CourseComponent", "creditValue": {"value": "4", "creditUnitType": {"@id": "creditUnit:SemesterHour"}}},
			{"@id": "urn:c", "@type": "CourseComponent", "pointValue": 2}]}`,
			func(t *testing.T, r *Result) {
				got := r.Definition.Requirement
				if got.Kind != pathway.KindAllOf || len(got.Items) != 3 ||
					got.Items[0].Kind != pathway.KindAnyOf || got.Items[1].Kind != pathway.KindNot {
					t.Fatalf("requirement %+v", got)
				}
				third := got.Items[2]
				// Only a constraint: the targets are what it sums over.
				if third.Kind != pathway.KindCredits || third.Credits.Value != 6 || third.Credits.Unit != "SemesterHour" || len(third.Items) != 3 {
					t.Errorf("constraint not mapped to a credit threshold: %+v", third)
				}
				if !hasNote(r, "constraint-unmapped") || hasNote(r, "no-required-number") {
					t.Errorf("notes %v", r.Notes)
				}
				if r.Definition.Components[2].Points != 2 || r.Definition.Components[1].Credits.Value != 4 {
					t.Errorf("credits/points: %+v", r.Definition.Components)
				}
			}},
		{"prerequisite vs precedes, bare CTIDs", `[
			{"@id": "https://r.example/resources/ce-00000000-0000-0000-0000-000000000001", "@type": "Pathway",
			 "hasDestinationComponent": "ce-00000000-0000-0000-0000-000000000002"},
			{"@id": "https://r.example/resources/ce-00000000-0000-0000-0000-000000000002", "@type": "CredentialComponent",
			 "hasCondition": {"requiredNumber": 2, "targetComponent": ["ce-00000000-0000-0000-0000-000000000003", "ce-00000000-0000-0000-0000-000000000004"]}},
			{"@id": "https://r.example/resources/ce-00000000-0000-0000-0000-000000000003", "@type": "CourseComponent",
			 "preceeds": "ce-00000000-0000-0000-0000-000000000004"},
			{"@id": "https://r.example/resources/ce-00000000-0000-0000-0000-000000000004", "@type": "CourseComponent",
			 "prerequisite": ["https://r.example/resources/ce-00000000-0000-0000-0000-000000000003"]}]`,
			func(t *testing.T, r *Result) {
				c := r.Definition.Components
				if len(c) != 2 || c[0].ID != "ce-00000000-0000-0000-0000-000000000003" ||
					len(c[0].Precedes) != 1 || len(c[1].Prerequisites) != 1 || len(c[0].Prerequisites) != 0 {
					t.Errorf("ordering: %+v", c)
				}
			}},
		{"children named only by isChildOf", `{"@graph": [
			{"@id": "urn:pw", "@type": "Pathway", "hasDestinationComponent": "urn:goal"},
			{"@id": "urn:goal", "@type": "CredentialComponent", "ceasn:hasChild": "urn:a"},
			{"@id": "urn:a", "@type": "CourseComponent", "ceasn:isChildOf": "urn:goal"},
			{"@id": "urn:b", "@type": "CourseComponent", "ceasn:isChildOf": ["urn:goal"]}]}`,
			func(t *testing.T, r *Result) {
				if req := r.Definition.Requirement; req.Kind != pathway.KindAllOf || len(req.Items) != 2 || !hasNote(r, "is-child-of") {
					t.Errorf("requirement %+v, notes %v", req, r.Notes)
				}
			}},
		{"competency component and credential type", `{"@graph": [
			{"@id": "urn:pw", "@type": "Pathway", "hasDestinationComponent": "urn:goal"},
			{"@id": "urn:goal", "@type": "CredentialComponent", "credentialType": "ceterms:Certificate", "hasCondition": {"targetComponent": ["urn:k", "urn:m"]}},
			{"@id": "urn:k", "@type": "CompetencyComponent", "proxyFor": "https://case.example/items/42"},
			{"@id": "urn:m", "@type": "MultiComponent", "proxyForItems": ["urn:x", "urn:y"], "credentialType": "ceterms:DigitalBadge"}]}`,
			func(t *testing.T, r *Result) {
				c := r.Definition.Components
				if c[0].Match.Alignment == nil || c[0].Match.Alignment.TargetURL != "https://case.example/items/42" {
					t.Errorf("competency: %+v", c[0].Match)
				}
				if len(c[1].Match.AchievementTypes) != 1 || c[1].Match.AchievementTypes[0] != "Badge" || len(c[1].Match.Achievements) != 2 {
					t.Errorf("multi: %+v", c[1].Match)
				}
				if r.Definition.Destination.AchievementType != "Certificate" {
					t.Errorf("destination type %q", r.Definition.Destination.AchievementType)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{MatchCredentialType: strings.Contains(tt.name, "credential type")}
			r, err := Import([]byte(tt.data), opts)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, r)
		})
	}
}

func hasNote(r *Result, code string) bool {
	for _, n := range r.Notes {
		if n.Code == code {
			return true
		}
	}
	return false
}

// TestTamperedSource: one changed byte in a source changes the import or
// fails it; nothing is silently equal.
func TestTamperedSource(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "ce-pathways__PathwayConditions.json"))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Import(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// "rightOperand": 2 → 3 in the nested 2-of-3 condition.
	const at = `"rightOperand": 2`
	i := strings.Index(string(data), at)
	if i < 0 {
		t.Fatal("test data changed")
	}
	bad := []byte(string(data))
	bad[i+len(at)-1] = '3'
	r, err := Import(bad, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if summary(r) == summary(orig) {
		t.Error("changing requiredNumber 2 to 3 did not change the import")
	}
}

func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json*"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 30000 {
			f.Add(data)
		}
	}
	f.Add(pathwayDoc(`{"@id": "urn:goal", "@type": "CredentialComponent", "hasCondition": {"targetComponent": "urn:goal"}}`))
	f.Add([]byte(`[{"@id":"urn:p","@type":"Pathway","hasDestinationComponent":"urn:g"},{"@id":"urn:g","@type":"BasicComponent","hasChild":["urn:g"]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Import(data, Options{MaxObjects: 5000})
		if err != nil {
			return
		}
		if err := pathway.Validate(r.Definition); err != nil {
			t.Fatalf("Import returned an invalid definition: %v", err)
		}
	})
}

func TestImportBadgrRejects(t *testing.T) {
	el := func(id, nonChild string) string {
		return `{"elementId": "` + id + `", "name": "` + id + `", "completionBadge": null, "requiredForParentCompletion": true,
		"requirements": {"childElementRequirements": {"countRule": {"@type": "all"}},
		"nonChildElementRequirements": {"countRule": {"@type": "all"}, "elementIds": [` + nonChild + `]},
		"badgeRequirements": {"countRule": {"@type": "all"}, "requiredBadges": [{"badgeUrl": "https://b.example/` + id + `"}]},
		"shortcutBadges": [], "allowCompletionBadgeShortcut": false}, "children": [CHILDREN]}`
	}
	cycle := strings.Replace(el("root", ""), "CHILDREN", strings.Replace(el("a", `"b"`), "CHILDREN", strings.Replace(el("b", `"a"`), "CHILDREN", "", 1), 1), 1)
	tests := []struct {
		name string
		data string
		want error
	}{
		{"not json", "nope", ErrSyntax},
		{"a CTDL document", `{"@graph": []}`, ErrNoPathway},
		{"cycle of element requirements", cycle, ErrUnusable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ImportBadgr([]byte(tt.data), Options{}); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzImportBadgr(f *testing.F) {
	for _, p := range []string{"vocab__French-B-A-Marketable-Skills.json", "vocab__EmpoweringTeachingExcellence_Badgr.json"} {
		if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"elementId": "x", "requirements": {}, "children": [{"elementId": "x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ImportBadgr(data, Options{MaxObjects: 5000})
		if err != nil {
			return
		}
		if err := pathway.Validate(r.Definition); err != nil {
			t.Fatalf("ImportBadgr returned an invalid definition: %v", err)
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "vocab__CSV__Badgr_French_BA_in_Marketable_Skills.csv")); err == nil {
		f.Add(data)
	}
	f.Add([]byte("External Identifier,Pathway Component Type,hasDestinationComponent,hasCondition,targetComponent\nP,Pathway,G,,\nG,CredentialComponent,,C,\nC,ComponentCondition,,,G\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ImportCSV(data, Options{MaxObjects: 5000})
		if err != nil {
			return
		}
		if err := pathway.Validate(r.Definition); err != nil {
			t.Fatalf("ImportCSV returned an invalid definition: %v", err)
		}
	})
}

func TestImportCSVRejects(t *testing.T) {
	tests := []struct {
		name, data string
		want       error
	}{
		{"no identifier column", "name,type\nx,Pathway\n", ErrSyntax},
		{"bad quoting", "External Identifier,Pathway Component Type\n\"x,Pathway\n", ErrSyntax},
		{"condition cycle", "External Identifier,Pathway Component Type,hasDestinationComponent,hasCondition,targetComponent\nP,Pathway,G,,\nG,CredentialComponent,,C,\nC,ComponentCondition,,,G\n", ErrUnusable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ImportCSV([]byte(tt.data), Options{}); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestImportPathwayID(t *testing.T) {
	two := []byte(`[{"@id": "urn:a", "@type": "Pathway", "name": "A", "hasDestinationComponent": "urn:ga"},
		{"@id": "urn:b", "@type": "Pathway", "name": "B", "hasDestinationComponent": "urn:gb"},
		{"@id": "urn:ga", "@type": "CredentialComponent", "hasCondition": {"targetComponent": "urn:x"}},
		{"@id": "urn:gb", "@type": "CredentialComponent", "hasCondition": {"targetComponent": "urn:y"}},
		{"@id": "urn:x", "@type": "CourseComponent"}, {"@id": "urn:y", "@type": "CourseComponent"}]`)
	if _, err := Import(two, Options{}); !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("two pathways without PathwayID: %v", err)
	}
	r, err := Import(two, Options{PathwayID: "urn:b"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Definition.Name != "B" || len(r.Definition.Components) != 1 || r.Definition.Components[0].ID != "urn:y" {
		t.Errorf("PathwayID urn:b imported %q with %+v", r.Definition.Name, r.Definition.Components)
	}
	if _, err := Import(two, Options{PathwayID: "urn:c"}); !errors.Is(err, ErrNoPathway) {
		t.Errorf("unknown PathwayID: %v", err)
	}
}
