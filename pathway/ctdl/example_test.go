package ctdl_test

import (
	"fmt"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/ctdl"
)

const doc = `{
  "@context": "https://credreg.net/ctdl/schema/context/json",
  "@graph": [
    {"@id": "https://example.org/pw", "@type": "ceterms:Pathway",
     "ceterms:name": {"en-US": "Data analyst"},
     "ceterms:hasDestinationComponent": "https://example.org/goal"},
    {"@id": "https://example.org/goal", "@type": "ceterms:CredentialComponent",
     "ceterms:name": {"en-US": "Data analyst certificate"},
     "ceterms:proxyFor": "https://example.org/badges/analyst",
     "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition",
        "ceterms:name": {"en-US": "Two of three courses"},
        "ceterms:requiredNumber": 2,
        "ceterms:targetComponent": ["https://example.org/sql", "https://example.org/stats", "https://example.org/python"]}]},
    {"@id": "https://example.org/sql", "@type": "ceterms:CourseComponent", "ceterms:name": "SQL",
     "ceterms:proxyFor": "https://example.org/badges/sql"},
    {"@id": "https://example.org/stats", "@type": "ceterms:CourseComponent", "ceterms:name": "Statistics",
     "ceterms:proxyFor": "https://example.org/badges/stats"},
    {"@id": "https://example.org/python", "@type": "ceterms:CourseComponent", "ceterms:name": "Python"}
  ]}`

func ExampleImport() {
	r, err := ctdl.Import([]byte(doc), ctdl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	def := r.Definition
	fmt.Println(def.Name, "→", def.Destination.ID)
	fmt.Println("rule:", def.Requirement.Kind, def.Requirement.Min, "of", len(def.Requirement.Items))
	for _, n := range r.Notes {
		fmt.Println("note:", n.Code)
	}

	earned := []pathway.Earned{
		{ID: "cred-1", AchievementID: "https://example.org/badges/sql", EarnedAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "cred-2", AchievementID: "https://example.org/badges/stats", EarnedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	p, err := pathway.Evaluate(def, earned, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), pathway.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("complete:", p.Complete)
	// Output:
	// Data analyst → https://example.org/badges/analyst
	// rule: nOf 2 of 3
	// note: credential-by-conditions
	// note: no-proxy
	// complete: true
}
