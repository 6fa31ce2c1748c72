// Command batch signs a graduation day's credentials concurrently from one
// signer, with a progress bar:
//
//	go run ./examples/batch [-n 5000] [-workers 0] [-out FILE]
//
// It builds n Open Badges 3.0 credentials (one per graduate), signs them with
// eddsa-rdfc-2022 through credential.SignBatch (bounded memory, input order
// kept), writes them as JSON Lines to -out (a temporary file by default) and
// reports the rate.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 5000, "how many credentials to issue")
	workers := fs.Int("workers", 0, "signing goroutines (0: one per CPU)")
	out := fs.String("out", filepath.Join(os.TempDir(), "microcred-batch.jsonl"), "where to write the signed credentials (JSON Lines)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 {
		return fmt.Errorf("-n must be at least 1")
	}
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)

	issuer := badge.Profile{ID: key.DID, Name: "Example University"}
	achievement := &badge.Achievement{
		ID: "https://university.example/achievements/bsc-2026", Name: "BSc Data Science (2026)",
		Description: "Bachelor of Science in Data Science.", AchievementType: "BachelorDegree",
		Criteria: &badge.Criteria{Narrative: "Complete 180 ECTS of the programme."},
	}
	// The credentials are built as they are signed: none waits in memory.
	var buildErr error
	graduates := func(yield func([]byte) bool) {
		for i := range *n {
			c, err := badge.NewAchievementCredential(issuer, badge.AchievementSubject{
				ID: fmt.Sprintf("did:example:graduate-%06d", i), Achievement: achievement,
			}, nil)
			if err == nil {
				var b []byte
				if b, err = json.Marshal(c); err == nil && !yield(b) {
					return
				}
			}
			if err != nil {
				buildErr = err
				return
			}
		}
	}
	bar := newProgressBar(stderr, *n)
	start := time.Now()
	err = credential.SignBatch(ctx, graduates, credential.BatchOptions{
		Sign:     credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod},
		Workers:  *workers,
		Progress: bar.update,
	}, func(r credential.BatchResult) error {
		if r.Err != nil {
			return fmt.Errorf("credential %d: %w", r.Index, r.Err)
		}
		w.Write(r.Signed)
		return w.WriteByte('\n')
	})
	bar.finish()
	if err == nil {
		err = buildErr
	}
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "Signed %d credentials in %s: %.0f credentials/s. Written to %s\n",
		*n, elapsed.Round(time.Millisecond), float64(*n)/elapsed.Seconds(), *out)
	return nil
}

// progressBar redraws one line on a terminal; elsewhere it stays quiet and
// prints only the final count, so logs are not filled with bars.
type progressBar struct {
	w        io.Writer
	total    int
	terminal bool
	last     time.Time
	done     int
}

func newProgressBar(w io.Writer, total int) *progressBar {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	return &progressBar{w: w, total: total, terminal: terminal}
}

func (p *progressBar) update(done, failed int) {
	p.done = done
	if !p.terminal || (time.Since(p.last) < 50*time.Millisecond && done < p.total) {
		return
	}
	p.last = time.Now()
	const width = 40
	filled := done * width / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("█", filled), strings.Repeat("·", width-filled), done, p.total)
}

func (p *progressBar) finish() {
	if p.terminal {
		fmt.Fprintln(p.w)
		return
	}
	fmt.Fprintf(p.w, "signed %d/%d\n", p.done, p.total)
}
