package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/sqlite"
)

// A host opens the embedded store once and hands it to the API server. Here
// the store is used directly: an upsert by the specification's credential
// equality, then a page of the learner's list.
func Example() {
	dir, err := os.MkdirTemp("", "microcred-store")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "api.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	issued := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	upsert := func(validFrom time.Time, payload string) {
		out, err := s.UpsertCredential(ctx, store.Credential{
			Learner: "learner-42", Kind: store.OpenBadges, Format: store.FormatJSON,
			Raw: []byte(payload), ID: "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
			Issuer: "https://example.edu/issuers/565049", ValidFrom: validFrom,
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(out)
	}
	upsert(issued, `{"version":1}`)                   // new: HTTP 201
	upsert(issued.Add(24*time.Hour), `{"version":2}`) // re-issued later: HTTP 200
	upsert(issued, `{"version":1}`)                   // the old one again: kept

	page, err := s.Credentials(ctx, "learner-42", store.Query{Limit: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Total, string(page.Credentials[0].Raw))
	// Output:
	// inserted
	// replaced
	// kept
	// 1 {"version":2}
}
