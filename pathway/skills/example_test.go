package skills_test

import (
	"fmt"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/skills"
)

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

var (
	sqlSkill = pathway.Alignment{TargetURL: "https://skills.example/sql", TargetFramework: "ESCO", TargetCode: "S1", TargetName: "SQL"}
	pySkill  = pathway.Alignment{TargetURL: "https://skills.example/python", TargetName: "Python"}
	levels   = skills.Scale{"urn:level:novice", "urn:level:competent", "urn:level:proficient"}
)

func ExampleBuild() {
	earned := []pathway.Earned{
		{ID: "urn:cred:1", AchievementID: "urn:ach:db", AchievementName: "Databases", IssuerID: "urn:iss:college",
			EarnedAt: day("2025-01-10"), Alignments: []pathway.Alignment{sqlSkill},
			Results: []pathway.Result{{Level: "urn:level:competent"}}},
		{ID: "urn:cred:2", AchievementID: "urn:ach:analytics", AchievementName: "Analytics", IssuerID: "urn:iss:bootcamp",
			EarnedAt: day("2025-03-02"), Alignments: []pathway.Alignment{sqlSkill},
			Results: []pathway.Result{{Level: "urn:level:proficient"}}},
		{ID: "urn:cred:3", AchievementID: "urn:ach:py", AchievementName: "Python Basics", IssuerID: "urn:iss:college",
			EarnedAt: day("2021-05-01"), ValidUntil: day("2024-05-01"), Alignments: []pathway.Alignment{pySkill}},
	}
	p, err := skills.Build(earned, day("2025-06-01"), skills.Options{Scales: []skills.Scale{levels}})
	if err != nil {
		panic(err)
	}
	for _, s := range p.Skills {
		fmt.Printf("%s expired=%v evidence:", s.Target.Name, s.Expired)
		for _, e := range s.Evidence {
			fmt.Printf(" %s", e.AchievementName)
			if e.Level != nil {
				fmt.Printf(" (level %d of %d)", e.Level.Rank, e.Level.Of)
			}
		}
		fmt.Println()
	}
	// Output:
	// SQL expired=false evidence: Analytics (level 3 of 3) Databases (level 2 of 3)
	// Python expired=true evidence: Python Basics
}

func ExampleAnalyze() {
	role := &skills.Role{ID: "https://jobs.example/analyst", Name: "Data analyst", Requirements: []skills.Requirement{
		{ID: "sql", Name: "SQL, proficient", Target: pathway.AlignmentMatch{TargetURL: sqlSkill.TargetURL},
			MinLevel: "urn:level:proficient", Scale: levels},
		{ID: "python", Name: "Python", Target: pathway.AlignmentMatch{TargetURL: pySkill.TargetURL}},
	}}
	def, err := role.Definition()
	if err != nil {
		panic(err)
	}
	earned := []pathway.Earned{{ID: "urn:cred:1", AchievementID: "urn:ach:db", EarnedAt: day("2025-01-10"),
		Alignments: []pathway.Alignment{sqlSkill}, Results: []pathway.Result{{Level: "urn:level:competent"}}}}
	align := func(u string) []badge.Alignment { return []badge.Alignment{{TargetURL: u}} }
	catalogue := []badge.Achievement{
		{ID: "urn:ach:py-course", Name: "Python course", Alignment: align(pySkill.TargetURL)},
		{ID: "urn:ach:sql-advanced", Name: "Advanced SQL", Alignment: align(sqlSkill.TargetURL),
			ResultDescription: []badge.ResultDescription{{ID: "urn:rd:1", RequiredLevel: "urn:level:proficient"}}},
		{ID: "urn:ach:data-cert", Name: "Data certificate", Alignment: append(align(sqlSkill.TargetURL), align(pySkill.TargetURL)...),
			ResultDescription: []badge.ResultDescription{{ID: "urn:rd:2", RequiredLevel: "urn:level:proficient"}}},
	}
	g, err := skills.Analyze(def, earned, day("2025-06-01"), catalogue, skills.GapOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Print(g.Text())
	// Output:
	// Role Data analyst as of 2025-06-01: not yet met (0%)
	//   [ ] SQL, proficient: credential urn:cred:1 does not count: level "urn:level:competent" is not an accepted level
	//       met by: Data certificate, Advanced SQL
	//   [ ] Python
	//       met by: Data certificate, Python course
	// Fewest achievements to meet the role: 1
	//   1. Data certificate: meets sql, python
}
