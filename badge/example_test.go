package badge_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/microcred/microcred/badge"
)

// fixedClock and sequentialIDs make the examples' output reproducible; in
// production leave Options.Clock and Options.IDs nil.
func fixedClock() time.Time { return time.Date(2024, 9, 1, 9, 0, 0, 0, time.UTC) }

func sequentialIDs() func() (string, error) {
	n := 0
	return func() (string, error) {
		n++
		return fmt.Sprintf("urn:uuid:6f0b1c7e-0000-4000-8000-%012d", n), nil
	}
}

func ExampleNewAchievementCredential() {
	issuer := badge.Profile{ID: "https://example.edu/issuers/565049", Name: "Example University"}
	subject := badge.AchievementSubject{
		ID: "did:example:ebfeb1f712ebc6f1c276e12ec21",
		Achievement: &badge.Achievement{
			ID:              "https://example.edu/achievements/teamwork",
			AchievementType: badge.AchievementTypeBadge,
			Name:            "Teamwork",
			Description:     "Collaborates within a group.",
			Criteria:        &badge.Criteria{Narrative: "Nominated by peers."},
		},
	}
	cred, err := badge.NewAchievementCredential(issuer, subject, &badge.Options{Clock: fixedClock, IDs: sequentialIDs()})
	if err != nil {
		log.Fatal(err)
	}
	out, err := json.MarshalIndent(cred, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))

	v, err := badge.NewValidator(badge.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("findings:", len(v.Validate(out)))
	// Output:
	// {
	//   "@context": [
	//     "https://www.w3.org/ns/credentials/v2",
	//     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	//   ],
	//   "id": "urn:uuid:6f0b1c7e-0000-4000-8000-000000000001",
	//   "type": [
	//     "VerifiableCredential",
	//     "OpenBadgeCredential"
	//   ],
	//   "name": "Teamwork",
	//   "description": "Collaborates within a group.",
	//   "issuer": {
	//     "id": "https://example.edu/issuers/565049",
	//     "type": [
	//       "Profile"
	//     ],
	//     "name": "Example University"
	//   },
	//   "validFrom": "2024-09-01T09:00:00Z",
	//   "credentialSubject": {
	//     "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
	//     "type": [
	//       "AchievementSubject"
	//     ],
	//     "achievement": {
	//       "id": "https://example.edu/achievements/teamwork",
	//       "type": [
	//         "Achievement"
	//       ],
	//       "achievementType": "Badge",
	//       "name": "Teamwork",
	//       "description": "Collaborates within a group.",
	//       "criteria": {
	//         "narrative": "Nominated by peers."
	//       }
	//     }
	//   }
	// }
	// findings: 0
}

func ExampleHashedEmail() {
	// Issue to an e-mail address without disclosing it. Use badge.NewSalt()
	// for a random salt; this one is the data model's own example.
	id := badge.HashedEmail("a@example.com", "Kosher")
	fmt.Println(id.IdentityHash)

	// Later, a verifier who knows an address checks it.
	for _, addr := range []string{"A@Example.com", "b@example.com"} {
		ok, err := id.Matches(addr)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(addr, ok)
	}
	// Output:
	// sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399
	// A@Example.com true
	// b@example.com false
}

func ExampleAward() {
	issuer := badge.Profile{ID: "https://example.edu/issuers/565049", Name: "Example University"}
	course := badge.Achievement{
		ID:          "https://example.edu/achievements/go-101",
		Name:        "Go 101",
		Description: "Introductory Go programming.",
		Criteria:    &badge.Criteria{Narrative: "A final grade of C or better."},
		ResultDescription: []badge.ResultDescription{{
			ID:            "https://example.edu/achievements/go-101/grade",
			Name:          "Final grade",
			ResultType:    badge.ResultTypeLetterGrade,
			AllowedValue:  []string{"F", "D", "C", "B", "A"}, // low to high
			RequiredValue: "C",
		}},
	}
	opts := &badge.Options{Clock: fixedClock, IDs: sequentialIDs()}
	for _, grade := range []string{"B", "D"} {
		out, err := badge.Award(issuer, course, badge.Candidate{
			ID:      "did:example:learner",
			Results: []badge.Result{{ResultDescription: "https://example.edu/achievements/go-101/grade", Value: grade}},
		}, opts)
		if err != nil {
			log.Fatal(err)
		}
		if out.Eligible {
			fmt.Printf("%s: awarded %s\n", grade, out.Credential.ID)
		} else {
			fmt.Printf("%s: not awarded: %s\n", grade, out.Shortfalls[0])
		}
	}
	// Output:
	// B: awarded urn:uuid:6f0b1c7e-0000-4000-8000-000000000001
	// D: not awarded: Final grade: "D" is below the required "C"
}

func ExampleAwarder_AwardCohort() {
	issuer := badge.Profile{ID: "https://example.edu/issuers/565049"}
	course := badge.Achievement{
		ID: "https://example.edu/achievements/attendance", Name: "Full attendance", Description: "Attended the course.",
		Criteria: &badge.Criteria{Narrative: "At least 90% attendance."},
		ResultDescription: []badge.ResultDescription{{
			ID: "urn:example:attendance", Name: "Attendance", ResultType: badge.ResultTypePercent,
			ValueMin: "0", ValueMax: "100", RequiredValue: "90",
		}},
	}
	aw, err := badge.NewAwarder(issuer, course, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Candidates may come from a database cursor: only one is held at a time.
	roster := slices.Values([]badge.Candidate{
		{ID: "did:example:ann", Results: []badge.Result{{ResultDescription: "urn:example:attendance", Value: "95"}}},
		{ID: "did:example:bob", Results: []badge.Result{{ResultDescription: "urn:example:attendance", Value: "85"}}},
		{ID: "did:example:cy"},
	})
	for out := range aw.AwardCohort(context.Background(), roster) {
		switch {
		case out.Err != nil:
			fmt.Println(out.Recipient, "error:", out.Err)
		case out.Eligible:
			fmt.Println(out.Recipient, "awarded")
		default:
			fmt.Println(out.Recipient, "not awarded:", out.Shortfalls[0].Reason)
		}
	}
	// Output:
	// did:example:ann awarded
	// did:example:bob not awarded: 85 is below the required 90
	// did:example:cy not awarded: no result for this requirement
}

func ExampleValidator_Validate() {
	v, err := badge.NewValidator(badge.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	doc := []byte(`{
	  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
	  "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
	  "issuer": "https://example.edu/issuers/1", "validFrom": "2024-01-01",
	  "credentialSubject": {"type": ["AchievementSubject"], "id": "did:example:1",
	    "achievement": {"id": "https://example.edu/a/1", "type": ["Achievement"], "name": "A",
	      "criteria": {"narrative": "Do it."}}}}`)
	for _, f := range v.Validate(doc) {
		fmt.Println(f.Pointer, f.Code)
	}
	// Output:
	// /validFrom date.format
	// /credentialSubject/achievement/description achievement.description
	// /credentialSubject/achievement schema.required
	// /validFrom schema.format
}

func ExampleParse() {
	c, err := badge.Parse([]byte(`{"type": "OpenBadgeCredential", "issuer": "https://example.edu/issuers/1",
	  "credentialSubject": {"achievement": {"name": "Teamwork"}}}`))
	if err != nil {
		log.Fatal(err)
	}
	switch c := c.(type) {
	case *badge.AchievementCredential:
		fmt.Println(c.IssuerID(), c.CredentialSubject.Achievement.Name)
	}
	out, _ := json.Marshal(c) // the compact forms are kept
	fmt.Println(string(out))
	// Output:
	// https://example.edu/issuers/1 Teamwork
	// {"type":"OpenBadgeCredential","issuer":"https://example.edu/issuers/1","credentialSubject":{"achievement":{"name":"Teamwork"}}}
}
