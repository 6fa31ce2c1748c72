package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migration is one embedded schema step: a file named NNNN_what.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// readMigrations lists the .sql files at the root of fsys in version
// order. Versions must be unique and positive; a gap is allowed (a
// migration removed before release) but a duplicate is a build mistake.
func readMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".sql" {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %q: name must be NNNN_what.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %q and %q share version %d", other, name, v)
		}
		seen[v] = name
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// Migrate applies the dialect's migrations that the database has not
// recorded in schema_migrations, all in one transaction: a failing step
// leaves the schema as it was. Applying twice is a no-op. Concurrent calls
// (several servers starting at once) are serialised by the dialect's lock
// (an advisory lock in PostgreSQL, the write lock BEGIN IMMEDIATE takes in
// SQLite), so each step runs once; the others find it recorded.
//
// It returns the versions it applied.
func Migrate(ctx context.Context, db *sql.DB, d *Dialect) ([]int, error) {
	ms, err := readMigrations(d.Migrations)
	if err != nil {
		return nil, fmt.Errorf("store: %s migrations: %w", d.Name, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: %s: begin migration: %w", d.Name, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if d.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, d.MigrationLock); err != nil {
			return nil, fmt.Errorf("store: %s: lock for migration: %w", d.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at BIGINT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("store: %s: create schema_migrations: %w", d.Name, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("store: %s: read schema_migrations: %w", d.Name, err)
	}
	applied := map[int]bool{}
	latest := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: %s: read schema_migrations: %w", d.Name, err)
		}
		applied[v] = true
		latest = max(latest, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: read schema_migrations: %w", d.Name, err)
	}
	if n := len(ms); n > 0 && latest > ms[n-1].version {
		// A newer build migrated this database; running old code on a
		// newer schema would write what the newer code does not expect.
		return nil, fmt.Errorf("store: %s: database schema is at version %d, newer than this build knows (%d): upgrade the program", d.Name, latest, ms[n-1].version)
	}
	var did []int
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("store: %s: migration %s: %w", d.Name, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			m.version, m.name, time.Now().UnixMicro()); err != nil {
			return nil, fmt.Errorf("store: %s: record migration %s: %w", d.Name, m.name, err)
		}
		did = append(did, m.version)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: %s: commit migrations: %w", d.Name, err)
	}
	return did, nil
}
