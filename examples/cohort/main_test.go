package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	csvPath := filepath.Join(t.TempDir(), "summary.csv")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-n", "300", "-csv", csvPath}, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"Program (version 1) as of 2026-06-01: 300 learners", "days between steps: median",
		"Where learners stall", "Electives 1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// A buffer is not a terminal: no progress bar.
	if strings.Contains(errOut.String(), "\r[") {
		t.Errorf("progress bar drawn on a non-terminal: %q", errOut.String())
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v", err)
	}
	if len(rows) < 52 || rows[1][5] != "300" {
		t.Errorf("%d CSV rows, totals %v", len(rows), rows[1])
	}
}

func TestRunJSON(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-n", "50", "-json"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Learners   int
		Components []struct{ ID string }
	}
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Learners != 50 || len(s.Components) != 50 {
		t.Errorf("%d learners, %d components; want 50 and 50", s.Learners, len(s.Components))
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-n", "x"}, {"-n", "-1"}, {"extra"}} {
		if err := run(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := run(ctx, []string{"-n", "1000"}, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestBar(t *testing.T) {
	var b bytes.Buffer
	drawBar(&b, 50, 100)
	if got := b.String(); got != "\r[####################....................]  50% 50/100" {
		t.Errorf("bar %q", got)
	}
}

// TestRateLine pins the rate line's figures, and that a platform without a
// peak reading says nothing about memory rather than "0 MiB".
func TestRateLine(t *testing.T) {
	for _, tc := range []struct {
		name     string
		learners int
		d        time.Duration
		peak     uint64
		want     string
	}{
		{"rate and peak", 100000, 2 * time.Second, 30 << 20, "100000 learners in 2s, 50000 learners/s, peak resident memory 30.0 MiB"},
		{"no peak reading", 10, time.Second, 0, "10 learners in 1s, 10 learners/s"},
		{"no time measured", 0, 0, 1 << 20, "0 learners in 0s, peak resident memory 1.0 MiB"},
	} {
		if got := rate(tc.learners, tc.d, tc.peak); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRunReportsRate(t *testing.T) {
	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"-n", "20"}, &bytes.Buffer{}, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "20 learners in ") || !strings.Contains(errOut.String(), "learners/s") {
		t.Errorf("standard error lacks the rate: %q", errOut.String())
	}
	if peakRSS() > 0 && !strings.Contains(errOut.String(), "peak resident memory") {
		t.Errorf("standard error lacks the peak memory: %q", errOut.String())
	}
}
