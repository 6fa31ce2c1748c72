// Package pgtest gives tests a fresh PostgreSQL store: a schema of its own
// in the database MICROCRED_POSTGRES_DSN names, dropped when the test ends.
//
// Without a DSN the test is skipped, saying so, unless
// MICROCRED_API_REQUIRED is set (as .ci/run sets it): there a missing
// database is a failure, not a skip.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"github.com/microcred/microcred/badge/api/store/postgres"
)

// EnvDSN names the variable that holds the test database's DSN.
const EnvDSN = "MICROCRED_POSTGRES_DSN"

// DSN returns the test database's DSN, skipping or failing t without one.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		if os.Getenv("MICROCRED_API_REQUIRED") != "" {
			t.Fatalf("%s is not set but MICROCRED_API_REQUIRED is: the PostgreSQL step of .ci/run did not run", EnvDSN)
		}
		t.Skipf("PostgreSQL tests skipped: %s is not set (.ci/run sets it; export a postgres:// DSN to run them here)", EnvDSN)
	}
	return dsn
}

// Schema creates an empty schema for t, dropped at its cleanup, and
// returns a DSN whose connections use it.
func Schema(t testing.TB) string {
	t.Helper()
	dsn := DSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 8)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("PostgreSQL at %s: %v", EnvDSN, err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, dsn, schema)
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("%s: %v", EnvDSN, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// Open returns a store in a fresh schema, closed at t's cleanup, and a
// database handle on the same schema for checks that read tables.
func Open(t testing.TB) (*postgres.Store, *sql.DB) {
	t.Helper()
	dsn := Schema(t)
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return s, db
}
