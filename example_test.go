package microcred_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

// Example follows one badge through the four packages: badge builds it,
// credential seals it, verify believes it, pathway counts it.
func Example() {
	ctx := context.Background()
	issuer, _ := credential.NewIssuerKey(credential.KeyEd25519)

	// badge: what the credential says.
	cred, _ := badge.NewAchievementCredential(
		badge.Profile{ID: issuer.DID, Name: "Example Academy"},
		badge.AchievementSubject{ID: "did:example:learner", Achievement: &badge.Achievement{
			ID: "https://academy.example/achievements/sql", Name: "SQL",
			Description: "Writes correct SQL queries.", Criteria: &badge.Criteria{Narrative: "Pass the SQL exam."},
		}}, nil)
	unsigned, _ := json.Marshal(cred)

	// credential: how it is sealed.
	signed, err := credential.AddProof(ctx, unsigned, credential.SignOptions{
		Signer: issuer.Signer, VerificationMethod: issuer.VerificationMethod,
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	// verify: whether to believe it.
	v, _ := verify.New(verify.Config{})
	report, _ := v.Verify(ctx, signed)
	fmt.Println("verdict:", report.Verdict)

	// pathway: what it adds up to.
	def, err := pathway.Parse([]byte(`{
	  "format": "microcred-pathway/1", "id": "https://academy.example/pathways/data", "version": "1",
	  "name": "Data Basics",
	  "destination": {"id": "https://academy.example/achievements/data-basics", "name": "Data Basics"},
	  "components": [
	    {"id": "sql", "name": "SQL", "match": {"achievements": ["https://academy.example/achievements/sql"]}},
	    {"id": "stats", "name": "Statistics", "match": {"achievements": ["https://academy.example/achievements/stats"]}}
	  ],
	  "requirement": {"kind": "allOf", "items": [
	    {"kind": "component", "component": "sql"}, {"kind": "component", "component": "stats"}]}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	earned, _ := pathway.FromReport(report)
	progress, _ := pathway.Evaluate(def, earned, time.Now(), pathway.Options{})
	fmt.Printf("complete: %v, %.0f%%\n", progress.Complete, progress.Percent)
	for _, m := range progress.Missing {
		fmt.Println("missing:", m)
	}
	// Output:
	// verdict: verified
	// complete: false, 50%
	// missing: all of these: 1 of 2 complete; still needed: Statistics
}
