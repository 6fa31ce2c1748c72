// Package sqlite is the embedded default store.Store: one SQLite database
// file, opened through a pure-Go driver (modernc.org/sqlite), so a host
// needs no cgo and no database server.
//
// The database runs in WAL mode, so reads proceed while one connection
// writes; writers wait for each other (up to a busy timeout) rather than
// fail. Several processes may open the same file on one machine; hosts
// that run API servers on several machines use package
// badge/api/store/postgres instead.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/internal/sqlstore"
)

// maxConns bounds the connections to one file: more would only queue
// for SQLite's single writer lock.
const maxConns = 16

//go:embed migrations/*.sql
var migrations embed.FS

func dialect() *sqlstore.Dialect {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embedded directory is part of the build
	}
	// BEGIN IMMEDIATE (see the DSN) already serialises migrations.
	return &sqlstore.Dialect{Name: "sqlite", Migrations: sub}
}

// Store is a store.Store on one SQLite database. It is safe for
// concurrent use.
type Store struct {
	*sqlstore.Store
	db *sql.DB
}

var _ store.Store = (*Store)(nil)

// Open opens (creating it if need be) the SQLite database in the file at
// path and brings its schema up to date. The path may be a plain file name
// or a "file:" URI; query parameters of the URI are kept, and Open adds
// the ones the store relies on (WAL, a busy timeout, foreign keys,
// immediate transactions).
//
// ":memory:" gives a private in-memory database, held on one connection
// because each SQLite connection to ":memory:" would see a database of its
// own.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty database path: %w", store.ErrInvalid)
	}
	memory := path == ":memory:"
	dsn, err := withParams(path, memory)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if memory {
		db.SetMaxOpenConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
	} else {
		// Readers run side by side under WAL and writers queue on the
		// busy timeout; keep the connections warm (database/sql would
		// keep two idle and reopen, re-running the pragmas, under load).
		db.SetMaxOpenConns(maxConns)
		db.SetMaxIdleConns(maxConns)
	}
	d := dialect()
	if _, err := sqlstore.Migrate(ctx, db, d); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return &Store{Store: sqlstore.New(db, d), db: db}, nil
}

// withParams adds the connection settings the store relies on to a path
// or file: URI, keeping the caller's own.
func withParams(path string, memory bool) (string, error) {
	base, rawQuery, _ := strings.Cut(path, "?")
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", fmt.Errorf("sqlite: database path %q: %w", path, err)
	}
	// busy_timeout first: it makes the journal_mode change wait too.
	q["_pragma"] = append([]string{"busy_timeout(10000)", "foreign_keys(1)"}, q["_pragma"]...)
	if !memory {
		q["_pragma"] = append(q["_pragma"], "journal_mode(WAL)", "synchronous(NORMAL)")
	}
	// Transactions (only migrations use one) take the write lock at BEGIN,
	// so two processes migrating at once queue instead of deadlocking on a
	// lock upgrade.
	q.Set("_txlock", "immediate")
	if !strings.HasPrefix(base, "file:") {
		base = "file:" + base
	}
	return base + "?" + q.Encode(), nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }
