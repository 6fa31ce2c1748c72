// Package postgres is the store.Store for hosts that run several stateless
// API servers in front of one PostgreSQL database, through database/sql and
// the pgx driver.
//
// Nothing is cached in the process: every guarantee of the Store interface
// (single-use codes and refresh tokens, the credential upsert, family
// revocation) is one statement in the database, so any number of servers
// may share it.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLockKey names the advisory lock that serialises migrations of
// one database (any fixed number; this one spells "mcred" in ASCII).
const migrationLockKey = 0x6d63726564

func dialect() *sqlstore.Dialect {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embedded directory is part of the build
	}
	return &sqlstore.Dialect{
		Name:          "postgres",
		Numbered:      true,
		Migrations:    sub,
		MigrationLock: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLockKey),
	}
}

// Store is a store.Store on a PostgreSQL database. It is safe for
// concurrent use, also by several processes.
type Store struct {
	*sqlstore.Store
	db    *sql.DB
	owned bool
}

var _ store.Store = (*Store)(nil)

// DefaultMaxConns is the size of the connection pool Open makes; a host
// that wants another opens its own handle and passes it to New.
const DefaultMaxConns = 16

// Open connects to the database named by dsn (a postgres:// URL or a
// key=value connection string, as pgx reads them) and brings its schema up
// to date. Servers starting at the same time are safe: migrations run
// under an advisory lock, once.
func Open(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	// database/sql keeps two idle connections by default: under a burst
	// of requests every other query would open (and authenticate) a new
	// one. Keep a bounded pool warm instead, small enough that several
	// servers stay under PostgreSQL's default max_connections (100).
	db.SetMaxOpenConns(DefaultMaxConns)
	db.SetMaxIdleConns(DefaultMaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s, err := New(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// New uses a database handle the host opened with the pgx driver (to set
// its own pool limits), bringing the schema up to date. Close does not
// close a handle passed to New.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	d := dialect()
	if _, err := sqlstore.Migrate(ctx, db, d); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return &Store{Store: sqlstore.New(db, d), db: db}, nil
}

// Close closes the database handle if Open opened it.
func (s *Store) Close() error {
	if !s.owned {
		return nil
	}
	return s.db.Close()
}
