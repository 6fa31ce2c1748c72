package ctdl

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/pathwaytest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// corpus lists every file of testdata (copied from
// ../shared/testdata/pathways, see testdata/MANIFEST.tsv) and what Import
// must make of it.
var corpus = []struct {
	file    string
	wantErr error
	why     string
	// partial: filling every slot does not complete (a threshold the
	// declared values cannot reach).
	partial bool
}{
	{"ce-pathways__PathwayConditions.json", nil, "2019 draft conditions (reqNum, logicalOperand OR), id/type without @", false},
	{"vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer-v2.json", nil, "unprefixed terms, string credit values, duplicate ids, prerequisites", false},
	{"vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer.json", nil, "2018 draft: hasRoot, isParentOf, requiredCondition, RuleSet, defaultCredits", false},
	{"vocab__Archive__Bakersfield_AS_CS_pathway-UC_transfer.json", nil, "2018 draft with components referenced but absent", false},
	{"vocab__Badgr_French_B.A.MarketableSkills_CR_sandbox.json", nil, "registry graph with ceterms:/ceasn: prefixes and language maps", false},
	{"vocab__Badgr__Final__-_CTDL-French_BA_Marketable_Skills-Nates.json", nil, "top-level array; destination condition without requiredNumber", false},
	{"vocab__Badgr__Final__-_EmpoweringTeachingExcellence_Nate.json", nil, "1-of-21 and 5-of-23 electives, several conditions on one component", false},
	{"vocab__CTDL-French_BA_Marketable_Skills.json", nil, "early conversion: duplicate ids, dangling targets, unreachable components", false},
	{"vocab__CompTIA-IT_Networking_Specialist.jsonld", nil, "certification chain; destination named two ways that disagree", false},
	{"vocab__Fluree_Pathway.json", nil, "three concatenated documents with elisions (\"...\")", true},
	{"vocab__Illinois-IT.json", nil, "pre-CTDL draft whose hasRoot host name is misspelt", false},
	{"ce-pathways__ProgressionModel.json", ErrNoPathway, "a progression model, not a pathway", false},
	{"vocab__comptia-IT_progModel.json", ErrNoPathway, "a progression model, not a pathway", false},
	{"vocab__termScheduleType.json", ErrNoPathway, "a concept scheme, not a pathway", false},
	{"vocab__EmpoweringTeachingExcellence_Badgr.json", ErrNoPathway, "Badgr's own export format: use ImportBadgr", false},
	{"vocab__French-B-A-Marketable-Skills.json", ErrNoPathway, "Badgr's own export format: use ImportBadgr", false},
}

func importFile(t *testing.T, file string, opts Options) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Import(data, opts)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return r
}

// TestCorpusGolden imports every CTDL example, lints it and compares the
// summary with testdata/golden (go test -run TestCorpusGolden -update to
// rewrite after a deliberate change).
func TestCorpusGolden(t *testing.T) {
	for _, tt := range corpus {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Import(data, Options{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("%s: err = %v, want %v", tt.why, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.why, err)
			}
			for _, f := range pathway.Lint(r.Definition) {
				if f.Severity == badge.SeverityError {
					t.Errorf("lint error in an imported definition: %s", f)
				}
			}
			// The definition survives the pathway JSON format.
			js, err := pathway.Marshal(r.Definition)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := pathway.Parse(js); err != nil {
				t.Errorf("re-parse: %v", err)
			}
			golden(t, filepath.Join("testdata", "golden", tt.file+".txt"), summary(r))
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the import (run with -update after checking):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return ""
}

var asOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// credential makes an earned credential that fills component id of def,
// earned on the given day.
func credential(t *testing.T, def *pathway.Definition, id, day string) pathway.Earned {
	t.Helper()
	for _, c := range def.Components {
		if c.ID != id {
			continue
		}
		when, err := time.Parse("2006-01-02", day)
		if err != nil {
			t.Fatal(err)
		}
		e := pathway.Earned{ID: "urn:cred:" + id, EarnedAt: when, IssuerID: "urn:test:issuer"}
		if len(c.Match.Achievements) > 0 {
			e.AchievementID = c.Match.Achievements[0]
		} else {
			e.AchievementID = "urn:test:ach:" + id
		}
		if a := c.Match.Alignment; a != nil {
			e.Alignments = []pathway.Alignment{{TargetURL: a.TargetURL}}
		}
		return e
	}
	t.Fatalf("no component %q", id)
	return pathway.Earned{}
}

// credentials fills every component except the ones listed.
func allBut(t *testing.T, def *pathway.Definition, except ...string) []pathway.Earned {
	var out []pathway.Earned
	skip := map[string]bool{}
	for _, e := range except {
		skip[e] = true
	}
	for _, c := range def.Components {
		if !skip[c.ID] {
			out = append(out, credential(t, def, c.ID, "2025-01-10"))
		}
	}
	if len(out)+len(except) != len(def.Components) {
		t.Fatalf("allBut: unknown component in %q", except)
	}
	return out
}

// TestBadgrExports imports Badgr's own pathway exports, lints them and
// compares with golden summaries.
func TestBadgrExports(t *testing.T) {
	for _, file := range []string{"vocab__EmpoweringTeachingExcellence_Badgr.json", "vocab__French-B-A-Marketable-Skills.json"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := ImportBadgr(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range pathway.Lint(r.Definition) {
				if f.Severity == badge.SeverityError {
					t.Errorf("lint error: %s", f)
				}
			}
			golden(t, filepath.Join("testdata", "golden", "badgr__"+file+".txt"), summary(r))
		})
	}
}

// TestCSVExports imports the CE bulk-upload CSVs of the two Badgr pathways
// and checks them against golden summaries and the same scenarios.
func TestCSVExports(t *testing.T) {
	for _, file := range []string{"vocab__CSV__Badgr_French_BA_in_Marketable_Skills.csv", "vocab__CSV__badgr_TeachingExcellencePathway.csv"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := ImportCSV(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range pathway.Lint(r.Definition) {
				if f.Severity == badge.SeverityError {
					t.Errorf("lint error: %s", f)
				}
			}
			golden(t, filepath.Join("testdata", "golden", file+".txt"), summary(r))
			def := r.Definition
			pathwaytest.Run(t, def, []pathwaytest.Scenario{
				{Name: "nothing earned", AsOf: asOf, Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(0)}},
				{Name: "every slot filled", AsOf: asOf, Earned: allBut(t, def),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Award: &pathwaytest.WantAward{Made: true}}},
			})
		})
	}
}
