package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/postgres"
	"github.com/microcred/microcred/badge/api/store/postgres/pgtest"
	"github.com/microcred/microcred/badge/api/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (store.Store, *sql.DB) { return pgtest.Open(t) })
}

// TestMigrations starts several stores on one empty schema at once, as
// several API servers starting together would: all succeed, the schema is
// applied once, and a store opened later finds it in place.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Schema(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, dsn)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent opens: %v", err)
	}
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, version int
	if err := db.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &version); err != nil {
		t.Fatal(err)
	}
	if n != 1 || version != 1 {
		t.Errorf("schema_migrations: %d rows, latest %d; want one row, version 1", n, version)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	if s, err := postgres.Open(ctx, dsn); err == nil {
		s.Close()
		t.Error("opening a database migrated by a newer build: no error")
	}
}

// TestNew checks that a host's own handle is used and left open.
func TestNew(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("pgx", pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := postgres.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.PingContext(ctx); err != nil {
		t.Errorf("Close closed a handle the host passed to New: %v", err)
	}
}

func TestOpenUnreachable(t *testing.T) {
	// A port nothing listens on (the discard port): Open fails, it does
	// not hang or return a store that fails later.
	if s, err := postgres.Open(context.Background(), "postgres://u:p@127.0.0.1:9/db?sslmode=disable&connect_timeout=5"); err == nil {
		s.Close()
		t.Error("Open of an unreachable server: no error")
	}
}

func BenchmarkStore(b *testing.B) {
	storetest.Benchmark(b, func(b *testing.B) store.Store {
		s, _ := pgtest.Open(b)
		return s
	})
}

func TestTwoServers(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Schema(t)
	a, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.TwoServers(t, a, b)
}
