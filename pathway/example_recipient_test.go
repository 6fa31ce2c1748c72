package pathway_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// A platform that issues to hashed e-mail awards the stacked credential the
// same way: the learner's address is never written into the award.
func ExampleAwardOptions_hashedEmail() {
	def := &pathway.Definition{
		Format: pathway.FormatV1, ID: "urn:example:pathway", Version: "1", Name: "Data basics",
		Destination: pathway.AchievementRef{ID: "urn:example:data-basics", Name: "Data basics", IssuerID: "https://example.edu"},
		Components:  []pathway.Component{{ID: "sql", Name: "SQL", Match: pathway.Match{Achievements: []string{"urn:example:sql"}}}},
		Requirement: &pathway.Node{Kind: pathway.KindComponent, Component: "sql"},
	}
	email := badge.HashedEmail("learner@example.org", "s3cret-salt")
	earned := []pathway.Earned{{ID: "urn:uuid:1", AchievementID: "urn:example:sql", EarnedAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Recipient: pathway.Recipient{Identifiers: []badge.IdentityObject{email}}}}
	p, err := pathway.Evaluate(def, earned, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), pathway.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// An e-mail address as the recipient id is refused.
	_, err = pathway.AwardDestination(def, p, pathway.AwardOptions{Recipient: "learner@example.org"})
	fmt.Println(errors.Is(err, pathway.ErrRecipient))

	a, err := pathway.AwardDestination(def, p, pathway.AwardOptions{RecipientIdentifiers: earned[0].Recipient.Identifiers})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := a.Credential.CredentialSubject
	ok, _ := s.Identifier[0].Matches("learner@example.org")
	fmt.Printf("id %q, hashed %v, matches the learner %v\n", s.ID, s.Identifier[0].Hashed, ok)
	// Output:
	// true
	// id "", hashed true, matches the learner true
}
