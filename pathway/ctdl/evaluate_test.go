package ctdl

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/pathwaytest"
)

// TestCorpusEvaluates runs, for every imported example, the two scenarios
// that hold for any pathway: nothing earned is 0% with no award, every slot
// filled completes with an award naming the credentials used.
func TestCorpusEvaluates(t *testing.T) {
	for _, tt := range corpus {
		if tt.wantErr != nil {
			continue
		}
		t.Run(tt.file, func(t *testing.T) {
			def := importFile(t, tt.file, Options{}).Definition
			full := pathwaytest.Want{Complete: pathwaytest.Bool(true), Percent: pathwaytest.Float(100), Award: &pathwaytest.WantAward{Made: true}}
			if tt.partial {
				full = pathwaytest.Want{Complete: pathwaytest.Bool(false), Award: &pathwaytest.WantAward{Made: false}}
			}
			pathwaytest.Run(t, def, []pathwaytest.Scenario{
				{Name: "nothing earned", AsOf: asOf,
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(0), Award: &pathwaytest.WantAward{Made: false}}},
				{Name: "every slot filled", AsOf: asOf, Earned: allBut(t, def), Want: full},
			})
		})
	}
}

const (
	pcB = "http://example.edu/e752fe59-4cc3-402a-8c2d-b2cc51e5dee"
	pcC = "http://example.edu/051a2f7a-ab1c-491a-8d97-abb4a4d83915"
	pcD = "http://example.edu/4fec78ed-f39f-4a63-b495-a15d40583b41"
)

// The 2019 draft: the destination needs an assessment whose condition is
// OR(2 of B, C, D; Course A), and Course A itself needs 2 of B, C, D. So
// any two of B, C, D complete it, one does not.
func TestPathwayConditionsDraft(t *testing.T) {
	def := importFile(t, "ce-pathways__PathwayConditions.json", Options{}).Definition
	cred := func(id string) pathway.Earned { return credential(t, def, id, "2025-03-01") }
	pathwaytest.Run(t, def, []pathwaytest.Scenario{
		{Name: "B and C", AsOf: asOf, Earned: []pathway.Earned{cred(pcB), cred(pcC)},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Award: &pathwaytest.WantAward{Made: true, Evidence: []string{"urn:cred:" + pcB, "urn:cred:" + pcC}}}},
		{Name: "C and D", AsOf: asOf, Earned: []pathway.Earned{cred(pcC), cred(pcD)},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true)}},
		{Name: "B alone", AsOf: asOf, Earned: []pathway.Earned{cred(pcB)},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Components: map[string]pathway.State{pcB: pathway.StateComplete, pcC: pathway.StateAvailable},
				Award: &pathwaytest.WantAward{Made: false}}},
	})
	x, err := pathwaytest.Explore(def, pathwaytest.ExploreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ways []string
	for _, w := range x.Ways {
		ways = append(ways, strings.Join(w.Components, " "))
	}
	want := []string{pcB + " " + pcC, pcB + " " + pcD, pcC + " " + pcD}
	slices.Sort(ways)
	slices.Sort(want)
	if !slices.Equal(ways, want) || x.Truncated {
		t.Errorf("ways = %q, want every pair of B, C, D", ways)
	}
}

const bk = "http://examplePathways.org/paths/"

// Bakersfield AS-CS: every child of the degree is required; the elective
// slots are 1-of-2 (or 1-of-5) choices; Programming II requires
// Programming I first.
func TestBakersfield(t *testing.T) {
	def := importFile(t, "vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer-v2.json", Options{}).Definition
	progI, progII := bk+"1f8d3d06-3953-4bd8-8750-7dc5e9a062eb", bk+"11360165-b900-41e3-9b5b-7be2ef7198b5"
	religions, mythology := bk+"d22478cc-f6a0-4cb4-9716-3c7a5064fd7d", bk+"bae6587a-8506-4817-832a-04bf21177e48"
	reversed := allBut(t, def, progI, progII)
	reversed = append(reversed, credential(t, def, progI, "2025-05-01"), credential(t, def, progII, "2025-01-01"))
	pathwaytest.Run(t, def, []pathwaytest.Scenario{
		{Name: "one option of an elective choice is enough", AsOf: asOf, Earned: allBut(t, def, mythology),
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Filled: map[string]string{religions: "urn:cred:" + religions, mythology: ""}}},
		{Name: "neither option of the choice", AsOf: asOf, Earned: allBut(t, def, mythology, religions),
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), NextSteps: []string{religions}}},
		{Name: "a core course missing", AsOf: asOf, Earned: allBut(t, def, progII),
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Components: map[string]pathway.State{progII: pathway.StateAvailable}}},
		{Name: "Programming II before its prerequisite", AsOf: asOf, Earned: reversed,
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Components: map[string]pathway.State{progI: pathway.StateComplete},
				Filled: map[string]string{progII: ""}, Missing: []string{"Programming Concepts and Methology II"}}},
	})
}

// CompTIA: the pathway names Cloud+ as destination, each certification
// carrying a 1-of-1 condition on the one below it, down to A+. A
// certification is issued on its own terms (an exam), so each is satisfied
// only by holding it: A+ alone, or every certification but Cloud+, is not
// Cloud+, with or without Shortcut, and no award is ever made for it. The
// chain survives as suggested order, so the next step after A+ names
// Cloud+ and the chain leads there.
func TestCompTIA(t *testing.T) {
	const (
		aPlus       = "ce-b040010e-06b4-4d2f-8e16-7fcf3408ebf7"
		networkPlus = "ce-10e06c1d-00a9-45a4-93e5-ee777f3fe8e2"
		cloudPlus   = "ce-1369d357-ac4f-49f9-8af2-c47376278896"
	)
	for _, opts := range []Options{{}, {Shortcut: true}, {CredentialReading: ReadingHeld}} {
		t.Run(fmt.Sprintf("shortcut=%v,reading=%s", opts.Shortcut, opts.CredentialReading), func(t *testing.T) {
			r := importFile(t, "vocab__CompTIA-IT_Networking_Specialist.jsonld", opts)
			def := r.Definition
			if len(def.Milestones) != 0 {
				t.Errorf("milestones %v: a certification is not earned by its prerequisites", def.Milestones)
			}
			pathwaytest.Run(t, def, []pathwaytest.Scenario{
				{Name: "A+ alone is not Cloud+", AsOf: asOf, Earned: []pathway.Earned{credential(t, def, aPlus, "2025-01-01")},
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(0),
						NextSteps: []string{cloudPlus}, Award: &pathwaytest.WantAward{Made: false}}},
				{Name: "every certification below Cloud+", AsOf: asOf, Earned: allBut(t, def, cloudPlus),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), NextSteps: []string{cloudPlus},
						Award: &pathwaytest.WantAward{Made: false}}},
				{Name: "holding Cloud+", AsOf: asOf, Earned: []pathway.Earned{credential(t, def, cloudPlus, "2025-01-01")},
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Award: &pathwaytest.WantAward{Made: true}}},
			})
			// The reading is stated for every certification with conditions,
			// in the notes and in Lint.
			held := 0
			for _, n := range r.Notes {
				if n.Code == "credential-held" {
					held++
				}
			}
			lint := 0
			for _, f := range r.Lint() {
				if f.Code == "ctdl-credential-held" {
					lint++
				}
			}
			if held != 7 || lint != 7 {
				t.Errorf("credential-held: %d notes, %d lint findings; want 7 each (Cloud+ down to Network+)", held, lint)
			}
			// Network+ leads to Security+, A+ to Network+.
			for _, c := range def.Components {
				if c.ID == aPlus && !slices.Contains(c.Precedes, networkPlus) {
					t.Errorf("A+ precedes %v, want Network+", c.Precedes)
				}
			}
		})
	}

	// Only the explicit choice reads the conditions as earning the
	// certifications: then the pathway awards them as milestones.
	cond := importFile(t, "vocab__CompTIA-IT_Networking_Specialist.jsonld", Options{CredentialReading: ReadingConditions}).Definition
	if len(cond.Milestones) == 0 {
		t.Error("ReadingConditions made no milestones")
	}
}

// Fluree: the degree requires 25 degree credits from the pathway; the
// trigonometry course brings 4 (declared on the course the component
// stands for), the elided slot none unless its credential carries them.
func TestFlureeCredits(t *testing.T) {
	const trig, elided = "ce-eabd8e70-fcb3-4c9c-ab2d-d057de93f4c3", "https://..."
	def := importFile(t, "vocab__Fluree_Pathway.json", Options{}).Definition
	rich := credential(t, def, elided, "2025-01-01")
	rich.Credits, rich.CreditUnit = 25, "DegreeCredit"
	pathwaytest.Run(t, def, []pathwaytest.Scenario{
		{Name: "structure met, credits short", AsOf: asOf,
			Earned: []pathway.Earned{credential(t, def, trig, "2025-01-01"), credential(t, def, elided, "2025-01-01")},
			Want:   pathwaytest.Want{Complete: pathwaytest.Bool(false), Missing: []string{"DegreeCredit"}}},
		{Name: "a credential carrying 25 credits", AsOf: asOf, Earned: []pathway.Earned{rich},
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true)}},
	})
}

// UNT French BA (Badgr conversion): the first skill area needs 4 of its 5
// badge groups, so losing a whole 1-of-2 group there still completes, while
// the same badges are 2 of the 4 in a 2-of-4 group of the second area.
func TestFrenchBA(t *testing.T) {
	const g1, g2 = "ce-c64eb6d8-b73b-4c00-a8ea-2250bafd9e7d", "ce-ba8f0c71-49d3-4063-8bd6-2512acad22f3"
	const area1 = "ce-01fca376-87cf-427c-ab86-d901c8a49951"
	def := importFile(t, "vocab__Badgr__Final__-_CTDL-French_BA_Marketable_Skills-Nates.json", Options{}).Definition
	pathwaytest.Run(t, def, []pathwaytest.Scenario{
		{Name: "4 of 5 groups suffice", AsOf: asOf, Earned: allBut(t, def, g1, g2),
			Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Milestones: map[string]bool{area1: true}}},
	})
}

func badgeCredentials(def *pathway.Definition) []pathway.Earned {
	var out []pathway.Earned
	for i, c := range def.Components {
		out = append(out, pathway.Earned{ID: "urn:cred:" + strconv.Itoa(i), AchievementID: c.Match.Achievements[0],
			EarnedAt: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)})
	}
	return out
}

// TestBadgrAgainstCTDL evaluates the same pathway in its two published
// forms, Badgr's export and its CTDL conversion: the badges the CTDL
// components stand for complete the Badgr import too, and nothing
// completes neither.
func TestBadgrAgainstCTDL(t *testing.T) {
	pairs := []struct{ badgr, ctdl string }{
		{"vocab__French-B-A-Marketable-Skills.json", "vocab__Badgr__Final__-_CTDL-French_BA_Marketable_Skills-Nates.json"},
		{"vocab__EmpoweringTeachingExcellence_Badgr.json", "vocab__Badgr__Final__-_EmpoweringTeachingExcellence_Nate.json"},
	}
	for _, p := range pairs {
		t.Run(p.badgr, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", p.badgr))
			if err != nil {
				t.Fatal(err)
			}
			br, err := ImportBadgr(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			bd, cd := br.Definition, importFile(t, p.ctdl, Options{}).Definition
			pathwaytest.Run(t, bd, []pathwaytest.Scenario{
				{Name: "nothing", AsOf: asOf, Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(0)}},
				{Name: "every badge of the Badgr export", AsOf: asOf, Earned: badgeCredentials(bd),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Award: &pathwaytest.WantAward{Made: true}}},
				{Name: "every badge the CTDL conversion names", AsOf: asOf, Earned: badgeCredentials(cd),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(true)}},
			})
		})
	}
}
