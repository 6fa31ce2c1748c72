package postgres_test

import (
	"context"
	"log"
	"os"

	"github.com/microcred/microcred/badge/api/store/postgres"
)

// Each API server opens the same database; the first to start applies the
// schema, the others find it in place. The store is then passed to the
// API server (badge/api) as its Store.
func ExampleOpen() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, os.Getenv("DATABASE_URL")) // e.g. postgres://user:pass@db:5432/badges
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	_ = s // api.Config{Store: s, ...}
}
