package skills

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

func skillURL(i int) string { return fmt.Sprintf("https://skills.example/s%d", i) }

// roleOf requires skills 1..m (no levels).
func roleOf(m int) *Role {
	r := &Role{ID: "https://jobs.example/role", Name: "Analyst"}
	for i := 1; i <= m; i++ {
		r.Requirements = append(r.Requirements, Requirement{ID: fmt.Sprintf("s%d", i), Name: fmt.Sprintf("Skill %d", i),
			Target: pathway.AlignmentMatch{TargetURL: skillURL(i)}})
	}
	return r
}

// achievement aligned to the given skills.
func achievement(id string, skills ...int) badge.Achievement {
	a := badge.Achievement{ID: "urn:ach:" + id, Name: id}
	for _, s := range skills {
		a.Alignment = append(a.Alignment, badge.Alignment{TargetURL: skillURL(s), TargetName: fmt.Sprintf("Skill %d", s)})
	}
	return a
}

func held(id string, skills ...int) pathway.Earned {
	e := pathway.Earned{ID: "urn:cred:" + id, AchievementID: "urn:ach:held:" + id, EarnedAt: date("2025-01-01")}
	for _, s := range skills {
		e.Alignments = append(e.Alignments, pathway.Alignment{TargetURL: skillURL(s)})
	}
	return e
}

func planNames(g *Gap) string {
	var out []string
	for _, s := range g.Plan {
		out = append(out, s.Name)
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func TestLevelRequirement(t *testing.T) {
	role := &Role{ID: "https://jobs.example/dba", Name: "DBA", Requirements: []Requirement{{
		ID: "sql", Name: "SQL", Target: pathway.AlignmentMatch{TargetURL: sql.TargetURL}, MinLevel: "proficient", Scale: scale}}}
	def, err := role.Definition()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		level  string
		want   bool
		reason string
	}{
		{"novice", false, "two levels below the minimum"},
		{"competent", false, "one level below the minimum does not meet it"},
		{"proficient", true, "the minimum itself meets it"},
		{"expert", true, "above the minimum meets it"},
		{"", false, "no result at all cannot show a level"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			e := cred("c", "urn:iss:1", "2025-01-01", sql)
			if tt.level != "" {
				e = withLevel(e, tt.level)
			}
			g, err := Analyze(def, []pathway.Earned{e}, asOf, nil, GapOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if g.Met != tt.want {
				t.Errorf("level %q: met = %v, want %v (%s)\n%s", tt.level, g.Met, tt.want, tt.reason, g.Text())
			}
		})
	}
}

// TestLevelCatalogue: a catalogue achievement closes a level gap only if
// its requiredLevel guarantees the minimum.
func TestLevelCatalogue(t *testing.T) {
	role := &Role{ID: "https://jobs.example/dba", Requirements: []Requirement{{
		ID: "sql", Target: pathway.AlignmentMatch{TargetURL: sql.TargetURL}, MinLevel: "proficient", Scale: scale}}}
	def, err := role.Definition()
	if err != nil {
		t.Fatal(err)
	}
	leveled := func(id, required string) badge.Achievement {
		return badge.Achievement{ID: "urn:ach:" + id, Name: id, Alignment: []badge.Alignment{{TargetURL: sql.TargetURL}},
			ResultDescription: []badge.ResultDescription{{ID: "rd", ResultType: badge.ResultTypeRubricCriterionLevel, RequiredLevel: required}}}
	}
	cat := []badge.Achievement{leveled("intro", "competent"), leveled("advanced", "expert"), achievement("unleveled")}
	cat[2].Alignment = []badge.Alignment{{TargetURL: sql.TargetURL}}
	g, err := Analyze(def, []pathway.Earned{withLevel(cred("c", "i", "2025-01-01", sql), "competent")}, asOf, cat, GapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := planNames(g); got != "advanced" || !g.Closes || !g.Exact {
		t.Errorf("plan %q closes=%v exact=%v, want only the course guaranteeing expert\n%s", got, g.Closes, g.Exact, g.Text())
	}
	if n := len(g.Missing[0].Closers); n != 1 {
		t.Errorf("%d closers for the level gap, want 1 (intro and unleveled cannot guarantee proficient)", n)
	}
}

func TestPlanMinimal(t *testing.T) {
	// The hand-worked instance where greedy set cover is not minimal:
	// 14 skills; A and B split them 7/7; C1 takes 8 (4 of each), C2 4,
	// C3 2. Greedy takes C1 (8 > 7), then C2, then C3: three. The minimum
	// is A and B: two.
	role := roleOf(14)
	def, err := role.Definition()
	if err != nil {
		t.Fatal(err)
	}
	cat := []badge.Achievement{
		achievement("A", 1, 2, 3, 4, 5, 6, 7),
		achievement("B", 8, 9, 10, 11, 12, 13, 14),
		achievement("C1", 1, 2, 3, 4, 8, 9, 10, 11),
		achievement("C2", 5, 6, 12, 13),
		achievement("C3", 7, 14),
	}
	tests := []struct {
		name      string
		earned    []pathway.Earned
		cat       []badge.Achievement
		opts      GapOptions
		want      string
		exact     bool
		closes    bool
		reasoning string
	}{
		{"exact beats greedy", nil, cat, GapOptions{}, "A,B", true, true, "the exact search finds the 2-set greedy misses"},
		{"greedy when exact is off", nil, cat, GapOptions{MaxExactChecks: -1}, "C1,C2,C3", false, true, "greedy's 3 is within its H(m) bound and is irredundant"},
		{"greedy when exact runs out", nil, cat, GapOptions{MaxExactSubsets: 3}, "C1,C2,C3", false, true, "5 singletons exceed 3 subsets"},
		{"held skills shrink the cover", []pathway.Earned{held("h", 1, 2, 3, 4, 5, 6, 7)}, cat, GapOptions{}, "B", true, true, "A's skills are held, only B is needed"},
		{"one achievement suffices", []pathway.Earned{held("h", 1, 2, 3, 4, 8, 9, 10, 11, 5, 6, 12, 13)}, cat, GapOptions{}, "C3", true, true, "only 7 and 14 are missing; C3 alone meets both, A or B meets one"},
		{"unclosable gap", nil, []badge.Achievement{cat[2], cat[3]}, GapOptions{}, "C1,C2", false, false,
			"skills 7 and 14 are in no catalogue achievement: the plan meets what it can and says it does not close"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Analyze(def, tt.earned, asOf, tt.cat, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := planNames(g); got != tt.want || g.Exact != tt.exact || g.Closes != tt.closes {
				t.Errorf("plan %q exact=%v closes=%v, want %q exact=%v closes=%v: %s\n%s", got, g.Exact, g.Closes,
					tt.want, tt.exact, tt.closes, tt.reasoning, g.Text())
			}
		})
	}
}

// TestPlanMinimalBruteForce compares the plan with every subset of small
// random catalogues: its size is the minimum, and it meets the role
// exactly when some subset does.
func TestPlanMinimalBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	sizes := map[int]int{} // minimum plan size -> trials, to show the cases are not all trivial
	for trial := range 60 {
		m := 2 + rng.IntN(6)
		role := roleOf(m)
		if trial%3 == 0 {
			// An nOf role: the cover need not meet every skill.
			role.Requirements = role.Requirements[:m]
		}
		def, err := role.Definition()
		if err != nil {
			t.Fatal(err)
		}
		if trial%3 == 0 {
			def.Requirement = &pathway.Node{Kind: pathway.KindNOf, Min: (m + 1) / 2, Items: def.Requirement.Items}
		}
		if trial%4 == 1 {
			// Slots that are not reusable: one credential fills one
			// requirement, so coverage alone no longer decides (and no
			// entry may be dropped as dominated).
			for i := range def.Components {
				def.Components[i].Reuse = false
			}
		}
		var cat []badge.Achievement
		for i := range 1 + rng.IntN(7) {
			var s []int
			for k := 1; k <= m; k++ {
				if rng.IntN(3) == 0 {
					s = append(s, k)
				}
			}
			cat = append(cat, achievement(fmt.Sprintf("a%d", i), s...))
		}
		var earned []pathway.Earned
		if rng.IntN(2) == 0 {
			earned = append(earned, held("h", 1+rng.IntN(m)))
		}
		g, err := Analyze(def, earned, asOf, cat, GapOptions{})
		if err != nil {
			t.Fatal(err)
		}
		best := -1
		for mask := 0; mask < 1<<len(cat); mask++ {
			extra := slices.Clone(earned)
			n := 0
			for i := range cat {
				if mask&(1<<i) != 0 {
					extra = append(extra, imagine(&cat[i], fmt.Sprintf("%s%d", catalogueID, i), asOf))
					n++
				}
			}
			p, err := pathway.Evaluate(def, extra, asOf, pathway.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Complete && (best < 0 || n < best) {
				best = n
			}
		}
		sizes[best]++
		switch {
		case g.Met:
			if best != 0 {
				t.Fatalf("trial %d: met, but brute force needs %d", trial, best)
			}
		case best < 0:
			if g.Closes {
				t.Fatalf("trial %d: plan claims to close an unclosable role\n%s", trial, g.Text())
			}
		case !g.Closes || !g.Exact || len(g.Plan) != best:
			t.Fatalf("trial %d: plan of %d (closes=%v exact=%v), brute-force minimum %d\n%s", trial, len(g.Plan), g.Closes, g.Exact, best, g.Text())
		}
	}
	if sizes[2]+sizes[3]+sizes[4] == 0 {
		t.Errorf("no trial needed two or more achievements: %v", sizes)
	}
	t.Logf("trials by minimum plan size (-1: unclosable): %v", sizes)
}

func TestAnalyzeErrors(t *testing.T) {
	def, err := roleOf(2).Definition()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Analyze(nil, nil, asOf, nil, GapOptions{}); !errors.Is(err, ErrInput) {
		t.Errorf("nil role: %v", err)
	}
	if _, err := Analyze(def, nil, asOf, make([]badge.Achievement, 3), GapOptions{MaxCatalogue: 2}); !errors.Is(err, ErrLimit) {
		t.Errorf("catalogue over the limit: %v", err)
	}
	if _, err := Analyze(def, []pathway.Earned{{ID: catalogueID + "0", AchievementID: "x"}}, asOf, nil, GapOptions{}); !errors.Is(err, ErrInput) {
		t.Errorf("reserved id: %v", err)
	}
	bad := []*Role{nil, {ID: "r"}, {ID: "r", Requirements: []Requirement{{ID: "x"}}},
		{ID: "r", Requirements: []Requirement{{ID: "x", Target: pathway.AlignmentMatch{TargetURL: "u"}, MinLevel: "zzz", Scale: scale}}}}
	for i, r := range bad {
		if _, err := r.Definition(); !errors.Is(err, ErrInput) {
			t.Errorf("bad role %d: %v", i, err)
		}
	}
}
