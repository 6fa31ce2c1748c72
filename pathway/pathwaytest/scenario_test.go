package pathwaytest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/pathway"
)

func webdev() *pathway.Definition {
	d := def(All(C("html"), NOf(1, C("js"), C("ts"))), comp("html", 0), comp("js", 0), comp("ts", 0))
	d.Components[1].Prerequisites = []string{"html"}
	return d
}

func TestRunPasses(t *testing.T) {
	Run(t, webdev(), []Scenario{
		{Name: "nothing yet", AsOf: day("2026-01-01"), Want: Want{Complete: Bool(false), Percent: Float(0),
			Components: map[string]pathway.State{"html": pathway.StateAvailable}}},
		{Name: "html and ts", AsOf: day("2026-01-01"),
			Earned: []pathway.Earned{earn("c1", "html", "2025-01-01"), earn("c2", "ts", "2025-02-01")},
			Want: Want{Complete: Bool(true), Filled: map[string]string{"html": "c1", "ts": "c2", "js": ""},
				Award: &WantAward{Made: true, Evidence: []string{"c1", "c2"}}}},
	})
}

// TestWrongExpectationFails proves that Run reports each kind of wrong
// expectation, with the explanation tree in the message.
func TestWrongExpectationFails(t *testing.T) {
	onlyHTML := []pathway.Earned{earn("c1", "html", "2025-01-01")}
	jsEarly := []pathway.Earned{earn("c1", "html", "2025-03-01"), earn("c2", "js", "2025-01-01")}
	tests := []struct {
		name   string
		s      Scenario
		inMsg  string
		reason string
	}{
		{"complete", Scenario{Earned: onlyHTML, Want: Want{Complete: Bool(true)}}, "complete = false, want true", "one of js/ts is missing"},
		{"percent", Scenario{Earned: onlyHTML, Want: Want{Percent: Float(100)}}, "want 100.0", "half done is not 100"},
		{"state", Scenario{Earned: jsEarly, Want: Want{Components: map[string]pathway.State{"js": pathway.StateComplete}}}, `component "js": state available, want complete`, "js earned before its prerequisite html"},
		{"filled", Scenario{Earned: onlyHTML, Want: Want{Filled: map[string]string{"html": "other"}}}, `filled by "c1", want "other"`, "wrong credential named"},
		{"award refused", Scenario{Earned: onlyHTML, Want: Want{Award: &WantAward{Made: true}}}, "destination award refused", "no award when incomplete"},
		{"award made", Scenario{Earned: append(onlyHTML, earn("c3", "ts", "2025-02-01")), Want: Want{Award: &WantAward{Made: false}}}, "destination award made", "complete means an award is made"},
		{"evidence", Scenario{Earned: append(onlyHTML, earn("c3", "ts", "2025-02-01")), Want: Want{Award: &WantAward{Made: true, Evidence: []string{"c1"}}}}, "evidence", "both credentials are evidence"},
		{"next steps", Scenario{Earned: onlyHTML, Want: Want{NextSteps: []string{"nope"}}}, "next steps", "no such component is next"},
		{"missing", Scenario{Earned: onlyHTML, Want: Want{Missing: []string{"unicorn"}}}, `containing "unicorn"`, "nothing mentions unicorns"},
		{"milestone", Scenario{Earned: onlyHTML, Want: Want{Milestones: map[string]bool{"m": true}}}, `milestone "m": no such milestone`, "undefined milestone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeTB{}
			tt.s.Name, tt.s.AsOf = tt.name, day("2026-01-01")
			Run(f, webdev(), []Scenario{tt.s})
			if len(f.errors) != 1 {
				t.Fatalf("%s: got %d failures, want 1: %s", tt.reason, len(f.errors), f.all())
			}
			msg := f.errors[0]
			if !strings.Contains(msg, tt.inMsg) {
				t.Errorf("message lacks %q:\n%s", tt.inMsg, msg)
			}
			if !strings.Contains(msg, "explanation:") || !strings.Contains(msg, "[x]") && !strings.Contains(msg, "[ ]") {
				t.Errorf("message lacks the explanation tree:\n%s", msg)
			}
		})
	}
}

func TestRunRejectsEmptyAndUndated(t *testing.T) {
	f := &fakeTB{}
	Run(f, webdev(), nil)
	Run(f, webdev(), []Scenario{{Name: "undated", Want: Want{Complete: Bool(false)}}})
	if len(f.errors) != 2 || !strings.Contains(f.all(), "no scenarios") || !strings.Contains(f.all(), "no AsOf") {
		t.Errorf("want two failures (no scenarios, no AsOf), got:\n%s", f.all())
	}
}

func TestRunFiles(t *testing.T) {
	RunFiles(t, webdev(), "testdata/scenarios/*.json")

	f := &fakeTB{}
	RunFiles(f, webdev(), "testdata/nothing-here/*.json")
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "no scenario file") {
		t.Errorf("an empty glob must fail, got %q", f.errors)
	}
}

func TestRunFilesReportsWrongFileExpectation(t *testing.T) {
	dir := t.TempDir()
	body := `{"name": "wrong", "asOf": "2026-01-01T00:00:00Z",
	  "earned": [{"id": "c1", "achievementId": "urn:ach:html", "issuer": "urn:test:issuer", "earnedAt": "2025-01-01T00:00:00Z"}],
	  "want": {"complete": true}}`
	if err := os.WriteFile(filepath.Join(dir, "wrong.json"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	f := &fakeTB{}
	RunFiles(f, webdev(), filepath.Join(dir, "*.json"))
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "complete = false, want true") || !strings.Contains(f.errors[0], "explanation:") {
		t.Errorf("want one failure with the explanation, got:\n%s", f.all())
	}
}

func TestLoadFileStrict(t *testing.T) {
	tests := []struct{ name, body, reason string }{
		{"unknown field", `{"asOf": "2026-01-01T00:00:00Z", "want": {"compelte": true}}`, "a misspelt expectation must not pass silently"},
		{"no asOf", `{"want": {"complete": true}}`, "an undated scenario evaluates in year 1"},
		{"trailing", `{"asOf": "2026-01-01T00:00:00Z"} {}`, "two documents"},
		{"not json", `complete: yes`, "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "s.json")
			if err := os.WriteFile(p, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadFile(p); !errors.Is(err, ErrScenario) {
				t.Errorf("%s: err = %v, want ErrScenario", tt.reason, err)
			}
		})
	}
}

func FuzzParseScenarios(f *testing.F) {
	if data, err := os.ReadFile("testdata/scenarios/webdev.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"asOf": "2026-01-01T00:00:00Z", "want": {"complete": true}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := parse("fuzz.json", data)
		if err != nil {
			if !errors.Is(err, ErrScenario) {
				t.Fatalf("error does not wrap ErrScenario: %v", err)
			}
			return
		}
		for _, s := range list {
			if s.AsOf.IsZero() || s.Name == "" {
				t.Fatalf("accepted a scenario without time or name: %+v", s)
			}
			Check(webdev(), s) // must not panic on any accepted scenario
		}
	})
}
