package ctdl

import (
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/pathwaytest"
)

// maximalShort finds a learner one requirement short: starting from every
// slot filled, slots are withheld in definition order until the pathway is
// incomplete, then every withheld slot but the last is given back whenever
// that keeps it incomplete. The result lists the slots withheld; holding
// all the others is as much as a learner can hold without completing.
func maximalShort(t *testing.T, def *pathway.Definition, extra func([]pathway.Earned) []pathway.Earned) []string {
	t.Helper()
	complete := func(withheld []string) bool {
		earned := allBut(t, def, withheld...)
		if extra != nil {
			earned = extra(earned)
		}
		p, err := pathway.Evaluate(def, earned, asOf, pathway.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return p.Complete
	}
	var withheld []string
	for _, c := range def.Components {
		if !complete(withheld) {
			break
		}
		withheld = append(withheld, c.ID)
	}
	if complete(withheld) {
		t.Fatal("withholding every slot still completes")
	}
	for i := len(withheld) - 2; i >= 0; i-- {
		try := slices.Delete(slices.Clone(withheld), i, i+1)
		if !complete(try) {
			withheld = try
		}
	}
	return withheld
}

// TestRealPathways pins, for each of the 11 published CTDL pathways in
// testdata (copied from ../shared/testdata/pathways, sources in
// testdata/MANIFEST.tsv), four learners: one holding nothing, one holding
// only the first step, one holding everything but one requirement, and one
// holding everything. Only the last completes, and only the last gets an
// award. "First step" is the first slot no other slot precedes or is a
// prerequisite of; "one requirement short" is maximalShort's learner, and
// giving back any one slot it withholds must complete the pathway.
func TestRealPathways(t *testing.T) {
	const (
		bakersfield = "http://examplePathways.org/paths/1f8d3d06-3953-4bd8-8750-7dc5e9a062eb"
		illinois    = "http://IllinoisExamplePathways.org/paths/1f8d3d06-3953-4bd8-8750-7dc5e9a062eb"
	)
	tests := []struct {
		file string
		why  string
		// first is the first step; firstPct the progress it gives.
		first    string
		firstPct float64
		// short is how many slots the one-short learner lacks; shortPct
		// the progress shown.
		short    int
		shortPct float64
		// extra adjusts the credentials (Fluree's credits).
		extra func([]pathway.Earned) []pathway.Earned
	}{
		{"ce-pathways__PathwayConditions.json", "2 of B, C, D: one course is half way", pcB, 50, 2, 50, nil},
		{"vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer-v2.json", "core course Programming I gates Programming II", bakersfield, 4.3, 1, 82.6, nil},
		{"vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer.json", "2018 draft of the same transfer pathway", bakersfield, 4.5, 1, 81.8, nil},
		{"vocab__Archive__Bakersfield_AS_CS_pathway-UC_transfer.json", "UC variant", bakersfield, 3.7, 1, 85.2, nil},
		{"vocab__Badgr_French_B.A.MarketableSkills_CR_sandbox.json", "badges roll up into five skill-area milestones", "ce-86eeea71-e8c2-47c5-87c8-436a8b75308e", 23.3, 4, 93.3, nil},
		{"vocab__Badgr__Final__-_CTDL-French_BA_Marketable_Skills-Nates.json", "4 of 5 and 3 of 4 groups per area", "ce-ce7dd505-1c7b-40b2-980c-48ed405a3567", 5, 5, 97.5, nil},
		{"vocab__Badgr__Final__-_EmpoweringTeachingExcellence_Nate.json", "1-of-21 and 5-of-23 electives", "ce-2c7e5feb-f83b-445c-af09-1fddd6263faa", 10.4, 18, 97.9, nil},
		{"vocab__CTDL-French_BA_Marketable_Skills.json", "early conversion with dangling targets", "https://credentialengineregistry.org/resources/5e3b2fede5d6d01af9c6bb76", 5, 3, 95, nil},
		{"vocab__CompTIA-IT_Networking_Specialist.jsonld", "a certification is held, not earned by the ones below it", "ce-b040010e-06b4-4d2f-8e16-7fcf3408ebf7", 0, 1, 0, nil},
		{"vocab__Fluree_Pathway.json", "the degree needs 25 credits besides the structure", "ce-eabd8e70-fcb3-4c9c-ab2d-d057de93f4c3", 20.5, 2, 20.5, flureeCredits},
		{"vocab__Illinois-IT.json", "pre-CTDL draft: every course of the programme", illinois, 2.8, 1, 97.2, nil},
	}
	if n := countPathways(); n != len(tests) {
		t.Fatalf("the corpus has %d pathways, the table %d: add the new one here", n, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			def := importFile(t, tt.file, Options{}).Definition
			if got := firstStep(def); got != tt.first {
				t.Fatalf("first step = %q, want %q", got, tt.first)
			}
			withheld := maximalShort(t, def, tt.extra)
			if len(withheld) != tt.short {
				t.Errorf("one requirement short lacks %d slots %q, want %d", len(withheld), withheld, tt.short)
			}
			with := func(e []pathway.Earned) []pathway.Earned {
				if tt.extra != nil {
					return tt.extra(e)
				}
				return e
			}
			no := &pathwaytest.WantAward{Made: false}
			pathwaytest.Run(t, def, []pathwaytest.Scenario{
				{Name: "nothing: " + tt.why, AsOf: asOf,
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(0), Award: no}},
				{Name: "first step only: " + tt.why, AsOf: asOf, Earned: with([]pathway.Earned{credential(t, def, tt.first, "2025-01-10")}),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(tt.firstPct), Award: no}},
				{Name: "one requirement short: " + tt.why, AsOf: asOf, Earned: with(allBut(t, def, withheld...)),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(false), Percent: pathwaytest.Float(tt.shortPct), Award: no}},
				{Name: "everything: " + tt.why, AsOf: asOf, Earned: with(allBut(t, def)),
					Want: pathwaytest.Want{Complete: pathwaytest.Bool(true), Percent: pathwaytest.Float(100), Award: &pathwaytest.WantAward{Made: true}}},
			})
			// Each slot withheld is what stands between the learner and
			// completion: giving any one back completes.
			for _, id := range withheld {
				rest := slices.DeleteFunc(slices.Clone(withheld), func(s string) bool { return s == id })
				p, err := pathway.Evaluate(def, with(allBut(t, def, rest...)), asOf, pathway.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !p.Complete {
					t.Errorf("giving back %s does not complete: the short learner is not one requirement short", id)
				}
			}
		})
	}
}

func countPathways() int {
	n := 0
	for _, tt := range corpus {
		if tt.wantErr == nil {
			n++
		}
	}
	return n
}

// firstStep is the first slot that no slot precedes and that has no
// prerequisites.
func firstStep(def *pathway.Definition) string {
	preceded := map[string]bool{}
	for _, c := range def.Components {
		for _, p := range c.Precedes {
			preceded[p] = true
		}
	}
	for _, c := range def.Components {
		if len(c.Prerequisites) == 0 && !preceded[c.ID] {
			return c.ID
		}
	}
	return ""
}

// flureeCredits gives the elided slot's credential the 25 degree credits
// the degree asks of the pathway, as TestFlureeCredits does.
func flureeCredits(e []pathway.Earned) []pathway.Earned {
	out := slices.Clone(e)
	for i := range out {
		if out[i].AchievementID == "https://..." {
			out[i].Credits, out[i].CreditUnit = 25, "DegreeCredit"
		}
	}
	return out
}

// TestGroupNamesFromComponents: a group takes the name of the component
// whose conditions it is (the learner's words), not the condition's
// ("Required Badges", "Requires 4 of 5 items.").
func TestGroupNamesFromComponents(t *testing.T) {
	def := importFile(t, "vocab__Badgr__Final__-_CTDL-French_BA_Marketable_Skills-Nates.json", Options{}).Definition
	var names []string
	var walk func(n *pathway.Node)
	walk = func(n *pathway.Node) {
		if n.Kind != pathway.KindComponent {
			names = append(names, n.Name)
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(def.Requirement)
	for _, n := range names {
		if strings.HasPrefix(n, "Requires ") || strings.HasPrefix(n, "Required ") {
			t.Errorf("group named %q, the condition's wording", n)
		}
	}
	for _, want := range []string{"Marketable Skills in French", "Interpersonal Communication in French", "French 2040/2050"} {
		if !slices.Contains(names, want) {
			t.Errorf("no group named %q in %q", want, names)
		}
	}
}
