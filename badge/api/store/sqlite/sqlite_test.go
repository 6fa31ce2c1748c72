package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/sqlite"
	"github.com/microcred/microcred/badge/api/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (store.Store, *sql.DB) {
		path := filepath.Join(t.TempDir(), "api.db")
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return s, db
	})
}

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (store.Store, *sql.DB) {
		s, err := sqlite.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, nil
	})
}

// TestMigrations opens one file from several goroutines at once (as
// several processes starting together would), then again: every open
// succeeds, the schema is applied once and data survives reopening.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "api.db")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := sqlite.Open(ctx, path)
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

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutProfile(ctx, store.Profile{Learner: "alice", JSON: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if _, err := s.Profile(ctx, "alice"); err != nil {
		t.Errorf("profile after reopening: %v", err)
	}

	db, err := sql.Open("sqlite", path)
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

	// A database a newer build migrated is refused, not written to.
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	if s, err := sqlite.Open(ctx, path); err == nil {
		s.Close()
		t.Error("opening a database migrated by a newer build: no error")
	}
}

func TestOpenErrors(t *testing.T) {
	for _, tc := range []struct {
		path, why string
	}{
		{"", "no path"},
		{filepath.Join(t.TempDir(), "missing-dir", "api.db"), "a directory that does not exist"},
		{"file:x.db?%zz", "a query that does not parse"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if s, err := sqlite.Open(context.Background(), tc.path); err == nil {
				s.Close()
				t.Errorf("Open(%q) (%s): no error", tc.path, tc.why)
			}
		})
	}
}

func BenchmarkStore(b *testing.B) {
	storetest.Benchmark(b, func(b *testing.B) store.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "api.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	})
}

func TestTwoServers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "api.db")
	a, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.TwoServers(t, a, b)
}
