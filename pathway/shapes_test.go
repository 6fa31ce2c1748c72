package pathway

import (
	"fmt"
	"time"
)

// Hostile shapes from issue 15 §3: each passes Limits, and each once made
// Evaluate run for minutes or take hundreds of megabytes.

// shapeIssuerPool is n components that each accept any credential from one
// issuer, min of them required, against creds credentials for distinct
// achievements: every component competes for every credential.
func shapeIssuerPool(n, min, creds int) (*Definition, []Earned) {
	var comps []Component
	var items []*Node
	for i := range n {
		id := fmt.Sprintf("c%04d", i)
		comps = append(comps, Component{ID: id, Match: Match{Issuers: []string{"urn:test:issuer"}}})
		items = append(items, C(id))
	}
	var earned []Earned
	for i := range creds {
		earned = append(earned, earn(fmt.Sprintf("e%04d", i), fmt.Sprintf("urn:a%d", i), "2025-01-01"))
	}
	return pathwayOf(NOf(min, items...), comps...), earned
}

// shapeInterchangeable is n components that each accept any of the same
// n achievements, all required, with one credential for each.
func shapeInterchangeable(n int) (*Definition, []Earned) {
	var achs []string
	var earned []Earned
	for i := range n {
		achs = append(achs, fmt.Sprintf("urn:a%d", i))
		earned = append(earned, earn(fmt.Sprintf("e%04d", i), achs[i], "2025-01-01"))
	}
	var comps []Component
	var items []*Node
	for i := range n {
		id := fmt.Sprintf("c%04d", i)
		comps = append(comps, comp(id, achs...))
		items = append(items, C(id))
	}
	return pathwayOf(All(items...), comps...), earned
}

// shapeChain is a prerequisite chain of n components, each needing the one
// before, with a credential for every component but those where skip(i),
// dated in order.
func shapeChain(n int, skip func(int) bool) (*Definition, []Earned) {
	var comps []Component
	var items []*Node
	var earned []Earned
	start := date("2020-01-01")
	for i := range n {
		c := comp(fmt.Sprintf("c%04d", i), fmt.Sprintf("urn:a%d", i))
		if i > 0 {
			c.Prerequisites = []string{fmt.Sprintf("c%04d", i-1)}
		}
		comps = append(comps, c)
		items = append(items, C(c.ID))
		if !skip(i) {
			e := earn(fmt.Sprintf("e%04d", i), c.Match.Achievements[0], "")
			e.EarnedAt = start.Add(time.Duration(i) * time.Hour)
			earned = append(earned, e)
		}
	}
	return pathwayOf(All(items...), comps...), earned
}

// shapeStar is an equivalence star: spokes achievements, each mutually
// equivalent to one hub, n components each naming one spoke, and a
// credential for each of creds spokes, so every credential reaches every
// component through the hub.
func shapeStar(spokes, n, creds int) (*Definition, []Earned) {
	var comps []Component
	var items []*Node
	for i := range n {
		id := fmt.Sprintf("c%04d", i)
		comps = append(comps, comp(id, fmt.Sprintf("urn:s%d", i%spokes)))
		items = append(items, C(id))
	}
	d := pathwayOf(NOf(n/2, items...), comps...)
	for i := range spokes {
		d.Equivalences = append(d.Equivalences, Equivalence{From: fmt.Sprintf("urn:s%d", i), To: "urn:hub", Mutual: true, Source: "star"})
	}
	var earned []Earned
	for i := range creds {
		earned = append(earned, earn(fmt.Sprintf("e%04d", i), fmt.Sprintf("urn:s%d", (i*7)%spokes), "2025-01-01"))
	}
	return d, earned
}
