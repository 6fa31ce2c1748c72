package pathway

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSample(t *testing.T) {
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	if def.Requirement.Within == nil || def.Requirement.Within.Years != 2 {
		t.Errorf("within = %v, want P2Y", def.Requirement.Within)
	}
	for _, f := range Lint(def) {
		t.Errorf("unexpected finding on the sample: %v", f)
	}
	// Round trip: Marshal then Parse gives the same definition.
	b, err := Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(b)
	if err != nil {
		t.Fatalf("re-parse: %v\n%s", err, b)
	}
	b2, _ := Marshal(again)
	if string(b) != string(b2) {
		t.Errorf("round trip changed the definition:\n%s\n---\n%s", b, b2)
	}
}

const minimal = `{"format":"microcred-pathway/1","id":"p","version":"1","name":"P",
 "destination":{"id":"urn:d"},
 "components":[{"id":"a","match":{"achievements":["urn:a"]}},{"id":"b","match":{"achievements":["urn:b"]}}],
 "requirement":%s}`

func TestParseRejects(t *testing.T) {
	deep := strings.Repeat(`{"kind":"allOf","items":[`, 40) + `{"kind":"component","component":"a"}` + strings.Repeat(`]}`, 40)
	tests := []struct {
		name, req, code string
		limit           bool
	}{
		{"unknown kind is rejected, not guessed", `{"kind":"xor","items":[]}`, "unknown-kind", false},
		{"unknown field is rejected", `{"kind":"allOf","itemz":[]}`, "json", false},
		{"N greater than M", `{"kind":"nOf","min":3,"items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}`, "n-greater-than-m", false},
		{"huge N", `{"kind":"nOf","min":1000000000,"items":[{"kind":"component","component":"a"}]}`, "n-greater-than-m", false},
		{"max below min", `{"kind":"nOf","min":2,"max":1,"items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}`, "max-below-min", false},
		{"dangling component", `{"kind":"component","component":"zz"}`, "dangling", false},
		{"not with two items", `{"kind":"not","items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}`, "not-arity", false},
		{"deep nesting", deep, "limit-depth", true},
		{"unsatisfiable", `{"kind":"allOf","items":[{"kind":"component","component":"a"},{"kind":"not","items":[{"kind":"component","component":"a"}]}]}`, "unsatisfiable", false},
		{"null node", `{"kind":"allOf","items":[null]}`, "missing", false},
		{"wrong type", `{"kind":"nOf","min":"2","items":[]}`, "json", false},
		// encoding/json alone would read these: field names in another case,
		// and of two equal names the last.
		{"Kind in another case", `{"Kind":"allOf","items":[{"kind":"component","component":"a"}]}`, "json", false},
		{"MIN in another case", `{"kind":"nOf","MIN":1,"items":[{"kind":"component","component":"a"}]}`, "json", false},
		{"min twice", `{"kind":"nOf","min":2,"min":1,"items":[{"kind":"component","component":"a"}]}`, "json", false},
		{"min and Min", `{"kind":"nOf","min":2,"Min":1,"items":[{"kind":"component","component":"a"}]}`, "json", false},
		{"component in another case, nested", `{"kind":"allOf","items":[{"kind":"component","Component":"a"}]}`, "json", false},
		{"bad duration", `{"kind":"allOf","within":"2 years","items":[{"kind":"component","component":"a"}]}`, "json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(strings.Replace(minimal, "%s", tt.req, 1)))
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if errors.Is(err, ErrLimit) != tt.limit {
				t.Errorf("errors.Is(err, ErrLimit) = %v, want %v", !tt.limit, tt.limit)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("not a *ValidationError: %T", err)
			}
			found := false
			for _, f := range ve.Findings {
				found = found || f.Code == tt.code
			}
			if !found {
				t.Errorf("findings %v lack code %q", ve.Findings, tt.code)
			}
		})
	}
}

func TestParseRejectsDefinitionLevelProblems(t *testing.T) {
	tests := []struct{ name, doc, code string }{
		{"prerequisite cycle", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]},"prerequisites":["b"]},{"id":"b","match":{"achievements":["urn:b"]},"prerequisites":["a"]}],
			"requirement":{"kind":"allOf","items":[{"kind":"component","component":"a"},{"kind":"component","component":"b"}]}}`, "cycle"},
		{"duplicate component", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]}},{"id":"a","match":{"achievements":["urn:b"]}}],
			"requirement":{"kind":"component","component":"a"}}`, "duplicate-id"},
		{"wrong format", `{"format":"microcred-pathway/9","id":"p","version":"1","destination":{"id":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]}}],"requirement":{"kind":"component","component":"a"}}`, "format"},
		{"trailing data", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]}}],"requirement":{"kind":"component","component":"a"}} {}`, "json"},
		{"Components in another case", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
			"Components":[{"id":"a","match":{"achievements":["urn:a"]}}],"requirement":{"kind":"component","component":"a"}}`, "json"},
		{"destination ID in another case", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"ID":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]}}],"requirement":{"kind":"component","component":"a"}}`, "json"},
		{"milestone to unknown node", `{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
			"components":[{"id":"a","match":{"achievements":["urn:a"]}}],"requirement":{"kind":"component","component":"a"},
			"milestones":[{"id":"m","node":"nope","achievement":{"id":"urn:m"}}]}`, "dangling"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want *ValidationError", err)
			}
			for _, f := range ve.Findings {
				if f.Code == tt.code {
					return
				}
			}
			t.Errorf("findings %v lack %q", ve.Findings, tt.code)
		})
	}
}

func TestParseSizeLimit(t *testing.T) {
	_, err := Limits{MaxDocumentBytes: 100}.Parse(mustRead(t, "webdev.json"))
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("err = %v, want ErrLimit", err)
	}
}

func TestDuration(t *testing.T) {
	for _, s := range []string{"P2Y", "P1Y6M", "P3W", "P90D", "PT12H", "P1DT2H3M4S"} {
		d, err := ParseDuration(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDuration(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "P", "PT", "2Y", "P1.5Y", "P-1D", "P1H", "PT1D", "P99999999999Y", "P1Y2"} {
		if _, err := ParseDuration(s); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDuration(%q) err = %v, want ErrInvalid", s, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(mustRead(f, "webdev.json"))
	f.Add([]byte(strings.Replace(minimal, "%s", `{"kind":"nOf","min":1,"items":[{"kind":"component","component":"a"}]}`, 1)))
	f.Add([]byte(`{"kind":`))
	f.Add([]byte(`{"format":"microcred-pathway/1","id":"p","version":"1","destination":{"id":"urn:d"},
		"components":[{"id":"a","description":"Graded","match":{"result":{"minLevel":"B","scale":["C","B","A"]}}}],
		"requirement":{"kind":"component","component":"a"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		if err := Validate(def); err != nil {
			t.Fatalf("parsed definition fails Validate: %v", err)
		}
		_ = Lint(def)
	})
}

// TestNegativeLimitsRefused: zero means the default, a negative limit is
// refused rather than read as "no limit".
func TestNegativeLimitsRefused(t *testing.T) {
	data := mustRead(t, "webdev.json")
	for _, lim := range []Limits{{MaxDocumentBytes: -1}, {MaxDepth: -1}, {MaxNodes: -1}, {MaxComponents: -1},
		{MaxMilestones: -1}, {MaxEquivalences: -1}, {MaxScale: -1}} {
		if _, err := lim.Parse(data); !errors.Is(err, ErrInput) {
			t.Errorf("%+v.Parse: %v, want ErrInput", lim, err)
		}
	}
	def, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := (Limits{MaxNodes: -5}).Validate(def); !errors.Is(err, ErrInput) {
		t.Errorf("Validate with a negative limit: %v, want ErrInput", err)
	}
}
