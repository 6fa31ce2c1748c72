package sqlstore

import (
	"testing"
	"testing/fstest"
)

func TestRebind(t *testing.T) {
	for _, tc := range []struct {
		numbered bool
		in, want string
		why      string
	}{
		{false, "SELECT ? WHERE a = ?", "SELECT ? WHERE a = ?", "SQLite keeps ?"},
		{true, "SELECT ? WHERE a = ?", "SELECT $1 WHERE a = $2", "PostgreSQL numbers them in order"},
		{true, "SELECT 1", "SELECT 1", "no placeholder"},
		{true, "?,?,?,?,?,?,?,?,?,?,?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11", "past nine"},
		{true, "é ? ü", "é $1 ü", "multi-byte text around a placeholder survives"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			d := &Dialect{Numbered: tc.numbered}
			if got := d.rebind(tc.in); got != tc.want {
				t.Errorf("rebind(%q) = %q, want %q: %s", tc.in, got, tc.want, tc.why)
			}
		})
	}
}

func TestReadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	ok := fstest.MapFS{
		"0002_more.sql": file("B"),
		"0001_init.sql": file("A"),
		"0010_late.sql": file("C"),
		"README.md":     file("not a migration"),
	}
	ms, err := readMigrations(ok)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, m := range ms {
		got = append(got, m.version)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 10 {
		t.Errorf("versions %v, want [1 2 10]: numeric order, not name order, and only .sql files", got)
	}
	for _, tc := range []struct {
		fs  fstest.MapFS
		why string
	}{
		{fstest.MapFS{"init.sql": file("")}, "no version number"},
		{fstest.MapFS{"0000_zero.sql": file("")}, "version zero"},
		{fstest.MapFS{"x1_init.sql": file("")}, "not a number"},
		{fstest.MapFS{"0001_a.sql": file(""), "1_b.sql": file("")}, "two files with version 1"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if _, err := readMigrations(tc.fs); err == nil {
				t.Errorf("%s: no error", tc.why)
			}
		})
	}
}
