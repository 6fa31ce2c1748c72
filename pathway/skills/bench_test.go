package skills

import (
	"fmt"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// BenchmarkBuild: a learner with 200 credentials, each aligned to 3 of 100
// skills, with levels.
func BenchmarkBuild(b *testing.B) {
	var earned []pathway.Earned
	for i := range 200 {
		e := cred(fmt.Sprintf("c%03d", i), fmt.Sprintf("urn:iss:%d", i%7), "2025-01-01")
		for k := range 3 {
			e.Alignments = append(e.Alignments, pathway.Alignment{TargetURL: skillURL((i*7 + k*13) % 100)})
		}
		earned = append(earned, withLevel(e, scale[i%4]))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(earned, asOf, Options{Scales: []Scale{scale}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyze: a 20-competency role, a learner holding 5, and a
// catalogue of 200 achievements aligned to 1-3 competencies each.
func BenchmarkAnalyze(b *testing.B) {
	def, err := roleOf(20).Definition()
	if err != nil {
		b.Fatal(err)
	}
	earned := []pathway.Earned{held("h", 1, 2, 3, 4, 5)}
	var cat []badge.Achievement
	for i := range 200 {
		s := []int{1 + i%20}
		for k := range i % 3 {
			s = append(s, 1+(i*7+k*3)%20)
		}
		cat = append(cat, achievement(fmt.Sprintf("a%03d", i), s...))
	}
	b.ReportAllocs()
	for b.Loop() {
		g, err := Analyze(def, earned, asOf, cat, GapOptions{})
		if err != nil || !g.Closes {
			b.Fatalf("err %v, closes %v", err, g != nil && g.Closes)
		}
	}
}
