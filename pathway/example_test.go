package pathway_test

import (
	"fmt"
	"time"

	"github.com/microcred/microcred/pathway"
)

const webDeveloper = `{
  "format": "microcred-pathway/1",
  "id": "https://example.edu/pathways/web", "version": "1", "name": "Web Basics",
  "destination": {"id": "https://example.edu/achievements/web-basics", "name": "Web Basics",
                  "issuer": "https://example.edu/issuer"},
  "components": [
    {"id": "html", "name": "HTML", "match": {"achievements": ["urn:ach:html"]}},
    {"id": "css",  "name": "CSS",  "match": {"achievements": ["urn:ach:css"]}},
    {"id": "js",   "name": "JavaScript", "match": {"achievements": ["urn:ach:js"]}, "prerequisites": ["html"]},
    {"id": "a11y", "name": "Accessibility", "match": {"achievements": ["urn:ach:a11y"]}}
  ],
  "requirement": {"kind": "allOf", "name": "Web Basics", "items": [
    {"kind": "component", "component": "html"},
    {"kind": "nOf", "name": "Two electives", "min": 2, "items": [
      {"kind": "component", "component": "css"},
      {"kind": "component", "component": "js"},
      {"kind": "component", "component": "a11y"}]}]}
}`

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func ExampleEvaluate() {
	def, err := pathway.Parse([]byte(webDeveloper))
	if err != nil {
		panic(err)
	}
	earned := []pathway.Earned{
		{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")},
		{ID: "urn:cred:2", AchievementID: "urn:ach:js", EarnedAt: day("2025-03-02")},
	}
	p, err := pathway.Evaluate(def, earned, day("2025-06-01"), pathway.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Print(p.Explain())
	for _, s := range p.NextSteps {
		fmt.Printf("next: %s (%s), then %d more\n", s.Name, s.State, s.Remaining)
	}
	// Output:
	// Web Basics (version 1) as of 2025-06-01: 75% complete
	// [ ] Web Basics: 1 of 2 complete; still needed: Two electives
	//   [x] HTML: complete, by credential urn:cred:1 earned 2025-01-10
	//   [ ] Two electives: 1 of the required 2 complete; complete 1 more of: CSS, Accessibility
	//     [ ] CSS: available
	//     [x] JavaScript: complete, by credential urn:cred:2 earned 2025-03-02
	//     [ ] Accessibility: available
	// next: CSS (available), then 0 more
	// next: Accessibility (available), then 0 more
}

func ExamplePrepare() {
	def, err := pathway.Parse([]byte(webDeveloper))
	if err != nil {
		panic(err)
	}
	// Validated and indexed once; safe to share between goroutines.
	ev, err := pathway.Prepare(def, pathway.Options{})
	if err != nil {
		panic(err)
	}
	learners := map[string][]pathway.Earned{
		"ana": {{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")}},
		"ben": {
			{ID: "urn:cred:2", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")},
			{ID: "urn:cred:3", AchievementID: "urn:ach:css", EarnedAt: day("2025-02-01")},
			{ID: "urn:cred:4", AchievementID: "urn:ach:a11y", EarnedAt: day("2025-03-01")},
		},
	}
	for _, who := range []string{"ana", "ben"} {
		p, err := ev.Evaluate(learners[who], day("2025-06-01"))
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %g%%, complete %v\n", who, p.Percent, p.Complete)
	}
	// Output:
	// ana: 50%, complete false
	// ben: 100%, complete true
}

func ExampleAwardDestination() {
	def, _ := pathway.Parse([]byte(webDeveloper))
	earned := []pathway.Earned{
		{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")},
		{ID: "urn:cred:2", AchievementID: "urn:ach:js", EarnedAt: day("2025-03-02")},
		{ID: "urn:cred:3", AchievementID: "urn:ach:css", EarnedAt: day("2025-04-20")},
	}
	p, _ := pathway.Evaluate(def, earned, day("2025-06-01"), pathway.Options{})
	award, err := pathway.AwardDestination(def, p, pathway.AwardOptions{Recipient: "did:example:learner"})
	if err != nil {
		panic(err)
	}
	fmt.Println(award.ID == pathway.AwardID(def.ID, def.Version, "did:example:learner", def.Destination.ID))
	fmt.Println(award.Credential.AwardedDate)
	for _, e := range award.Credential.Evidence {
		fmt.Println(e.ID, "→", e.Name)
	}
	// Output:
	// true
	// 2025-04-20T00:00:00Z
	// urn:cred:1 → HTML
	// urn:cred:3 → CSS
	// urn:cred:2 → JavaScript
}

func ExampleLint() {
	def := &pathway.Definition{
		Format: pathway.FormatV1, ID: "urn:p", Version: "1",
		Destination: pathway.AchievementRef{ID: "urn:d"},
		Components: []pathway.Component{
			{ID: "a", Match: pathway.Match{Achievements: []string{"urn:a"}}},
			{ID: "b", Name: "Databases", Match: pathway.Match{Achievements: []string{"urn:b"}}},
		},
		Requirement: &pathway.Node{Kind: pathway.KindNOf, Min: 3, Items: []*pathway.Node{
			{Kind: pathway.KindComponent, Component: "a"},
			{Kind: pathway.KindAllOf},
		}},
	}
	for _, f := range pathway.Lint(def) {
		fmt.Println(f)
	}
	// Output:
	// error /requirement: requires 3 of only 2 items [n-greater-than-m]
	// warning /requirement/items/1: allOf with no items is always satisfied (vacuous truth) [empty-group]
	// warning /components/1: component "Databases" (b) is not referenced by the requirement or any milestone, so it never counts [unreachable]
}

func ExampleDiffFor() {
	v1, _ := pathway.Parse([]byte(webDeveloper))
	// Version 2 asks for all three electives.
	v2, _ := pathway.Parse([]byte(webDeveloper))
	v2.Version = "2"
	v2.Requirement.Items[1].Min = 3
	earned := []pathway.Earned{
		{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")},
		{ID: "urn:cred:2", AchievementID: "urn:ach:js", EarnedAt: day("2025-03-02")},
		{ID: "urn:cred:3", AchievementID: "urn:ach:css", EarnedAt: day("2025-04-20")},
	}
	d, err := pathway.DiffFor(v1, v2, earned, day("2025-06-01"), pathway.Options{})
	if err != nil {
		panic(err)
	}
	for _, c := range d.Changes {
		fmt.Println(c.Path+":", c.Message)
	}
	for _, s := range d.Summary {
		fmt.Println(s)
	}
	// Output:
	// requirement.items[1]: now requires 3 instead of 2
	// complete under version 1, not under version 2
	// progress 100% under version 1, 83.3% under version 2
}

// Two issuers used the specification's example id for their credentials:
// they are two credentials, and both count. The explanation names the
// issuer because the id alone would be ambiguous; the baked copy of the
// first credential counts once.
func ExampleEvaluate_sharedID() {
	const id = "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002"
	def := &pathway.Definition{Format: pathway.FormatV1, ID: "urn:example:p", Version: "1",
		Destination: pathway.AchievementRef{ID: "urn:example:done", IssuerID: "https://example.edu"},
		Components: []pathway.Component{
			{ID: "html", Match: pathway.Match{Achievements: []string{"urn:example:html"}}},
			{ID: "js", Match: pathway.Match{Achievements: []string{"urn:example:js"}}},
		},
		Requirement: &pathway.Node{Kind: pathway.KindAllOf, Items: []*pathway.Node{
			{Kind: pathway.KindComponent, Component: "html"}, {Kind: pathway.KindComponent, Component: "js"}}},
	}
	html := pathway.Earned{ID: id, IssuerID: "did:example:a", AchievementID: "urn:example:html"}
	js := pathway.Earned{ID: id, IssuerID: "did:example:b", AchievementID: "urn:example:js"}
	baked := html
	p, err := pathway.Evaluate(def, []pathway.Earned{html, js, baked}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), pathway.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("complete:", p.Complete)
	for _, a := range p.Assignments {
		fmt.Println(a.Component, "<-", a.Issuer)
	}
	for _, u := range p.Credentials {
		if !u.Used {
			fmt.Println("not counted:", u.Reason)
		}
	}
	// Output:
	// complete: true
	// html <- did:example:a
	// js <- did:example:b
	// not counted: another copy of credential urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002 (issuer did:example:a) counts instead (same issuer, id and validFrom)
}

// A transcript service records only verdicts and assignments, so it asks
// for neither the explanation nor the next steps.
func ExampleOptions_verdictOnly() {
	def, err := pathway.Parse([]byte(webDeveloper))
	if err != nil {
		panic(err)
	}
	pe, err := pathway.Prepare(def, pathway.Options{VerdictOnly: true})
	if err != nil {
		panic(err)
	}
	earned := []pathway.Earned{
		{ID: "urn:cred:1", AchievementID: "urn:ach:html", EarnedAt: day("2025-01-10")},
		{ID: "urn:cred:2", AchievementID: "urn:ach:js", EarnedAt: day("2025-03-02")},
	}
	p, err := pe.Evaluate(earned, day("2025-06-01"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("complete %v, %g%%, explanation %v, next steps %d\n", p.Complete, p.Percent, p.Root != nil, len(p.NextSteps))
	for _, a := range p.Assignments {
		fmt.Printf("%s filled by %s\n", a.Component, a.Credential)
	}
	// Output:
	// complete false, 75%, explanation false, next steps 0
	// html filled by urn:cred:1
	// js filled by urn:cred:2
}
