package pathway

import (
	"testing"

	"github.com/microcred/microcred/badge"
)

// Milestones are evaluated on their own: a milestone over a group completes
// even when the destination does not, and its own requirement tree may
// reuse credentials the destination also counts.
func TestMilestones(t *testing.T) {
	d := pathwayOf(All(&Node{Kind: KindAllOf, ID: "core", Items: []*Node{C("a"), C("b")}}, C("c")),
		comp("a", "urn:a"), comp("b", "urn:b"), comp("c", "urn:c"))
	d.Milestones = []Milestone{
		{ID: "core", Name: "Core", Node: "core", Achievement: AchievementRef{ID: "urn:m:core", IssuerID: "urn:test:issuer"}},
		{ID: "any", Name: "First step", Requirement: Any(C("a"), C("c")), Achievement: AchievementRef{ID: "urn:m:any", IssuerID: "urn:test:issuer"}},
	}
	p := evaluate(t, d, []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:b", "2025-01-02")}, Options{})
	if p.Complete || p.Percent != 50 {
		t.Fatalf("destination: complete=%v percent=%v", p.Complete, p.Percent)
	}
	if !p.Milestones[0].Complete || !p.Milestones[1].Complete {
		t.Fatalf("milestones: %+v", p.Milestones)
	}
	a, err := AwardMilestone(d, p, "core", AwardOptions{Recipient: "did:example:1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Credential.Evidence) != 2 || a.ID != AwardID(d.ID, d.Version, "did:example:1", "urn:m:core") {
		t.Errorf("milestone award: id %s, %d evidence", a.ID, len(a.Credential.Evidence))
	}
	if _, err := AwardMilestone(d, p, "nope", AwardOptions{Recipient: "did:example:1"}); err == nil {
		t.Error("unknown milestone awarded")
	}
	// Before anything is earned no milestone is complete, and none is
	// awarded.
	p = evaluate(t, d, nil, Options{})
	if _, err := AwardMilestone(d, p, "any", AwardOptions{Recipient: "did:example:1"}); err == nil {
		t.Error("incomplete milestone awarded")
	}
}

func TestEquivalencesFromCLR(t *testing.T) {
	clr := &badge.ClrCredential{CredentialSubject: &badge.ClrSubject{Association: []badge.Association{
		{Type: "Association", AssociationType: badge.AssociationExactMatchOf, SourceID: "urn:partner:js", TargetID: "urn:ach:js"},
		{Type: "Association", AssociationType: badge.AssociationIsPartOf, SourceID: "urn:ach:js", TargetID: "urn:ach:web"},
	}}}
	clr.ID = "urn:clr:1"
	eqs := EquivalencesFromCLR(clr, "")
	if len(eqs) != 1 || !eqs[0].Mutual || eqs[0].Kind != "exactMatchOf" || eqs[0].Source != "CLR urn:clr:1" {
		t.Fatalf("equivalences %+v", eqs)
	}
	d := pathwayOf(C("js"), comp("js", "urn:ach:js"))
	d.Equivalences = eqs
	p := evaluate(t, d, []Earned{earn("1", "urn:partner:js", "2025-01-01")}, Options{})
	if !p.Complete || p.Assignments[0].Via[0].Source != "CLR urn:clr:1" {
		t.Fatalf("exactMatchOf from a CLR did not count with provenance: %+v", p.Assignments)
	}
}
