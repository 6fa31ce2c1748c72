// Command cohort summarises a generated cohort of learners on a
// 50-component pathway: completions, where learners stall, and how long
// they take between steps.
//
//	go run ./examples/cohort [-n LEARNERS] [-csv FILE] [-json]
//
// The cohort (100,000 learners by default) is generated one learner at a
// time by package cohorttest and streamed through cohort.Summarize, which
// hands each learner's credentials back for later learners once evaluated
// (Options.Release), so memory stays flat whatever -n is. A progress bar
// is drawn on standard error when it is a terminal. -csv writes the
// summary as a sheet a spreadsheet opens; -json prints the summary as
// JSON instead of text.
// The last line on standard error gives the rate in learners per second
// and the peak resident memory of the process.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/microcred/microcred/pathway/cohort"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

var errUsage = errors.New("usage: cohort [-n LEARNERS] [-csv FILE] [-json]")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "cohort:", err)
		os.Exit(1)
	}
}

const groups = 5 // 50 components

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cohort", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100000, "number of `LEARNERS` to generate")
	csvFile := fs.String("csv", "", "also write the summary as CSV to `FILE`")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	seed := fs.Uint64("seed", 1, "random `SEED` of the generated cohort")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *n < 0 {
		return fmt.Errorf("%w: -n must not be negative", errUsage)
	}
	// A fixed evaluation date keeps runs reproducible.
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	def := cohorttest.Pathway(groups)
	// The learners' credentials are recycled once evaluated: they were
	// two thirds of the bytes a learner allocated, and with them the
	// garbage collector ran about nine times as often.
	learners, release := cohorttest.LearnersReusing(groups, *n, *seed, asOf)
	opts := cohort.Options{Release: release}
	bar := terminal(stderr)
	if bar {
		opts.Progress = func(done int) { drawBar(stderr, done, *n) }
	}
	start := time.Now()
	s, err := cohort.Summarize(ctx, def, learners, asOf, opts)
	if bar {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	if *csvFile != "" {
		if err := writeCSV(*csvFile, s); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	report(stdout, s)
	fmt.Fprintln(stderr, rate(s.Learners, time.Since(start), peakRSS()))
	return nil
}

// rate is the line on standard error that says how fast the cohort went
// and how much memory it took at most: the figures a host sizes a run by.
// A peak of zero means the platform does not report it.
func rate(learners int, d time.Duration, peak uint64) string {
	line := fmt.Sprintf("%d learners in %v", learners, d.Round(time.Millisecond))
	if s := d.Seconds(); s > 0 {
		line += fmt.Sprintf(", %.0f learners/s", float64(learners)/s)
	}
	if peak > 0 {
		line += fmt.Sprintf(", peak resident memory %.1f MiB", float64(peak)/(1<<20))
	}
	return line
}

func writeCSV(name string, s *cohort.Summary) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return s.WriteCSV(f)
}

func report(w io.Writer, s *cohort.Summary) {
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(s.Learners, 1)) }
	fmt.Fprintf(w, "%s (version %s) as of %s: %d learners\n", s.Name, s.Version, s.AsOf.Format(time.DateOnly), s.Learners)
	fmt.Fprintf(w, "  complete %d (%.1f%%), started %d (%.1f%%), stalled %d (%.1f%%)",
		s.Complete, pct(s.Complete), s.Started, pct(s.Started), s.Stalled, pct(s.Stalled))
	if s.Failed > 0 {
		fmt.Fprintf(w, ", %d could not be evaluated", s.Failed)
	}
	fmt.Fprintln(w)
	if d := s.BetweenSteps; d.Count > 0 {
		fmt.Fprintf(w, "  days between steps: median %d, middle half %d-%d, 90%% within %d\n", d.Median, d.P25, d.P75, d.P90)
	}
	if d := s.ToComplete; d.Count > 0 {
		fmt.Fprintf(w, "  days from first to last step of those complete: median %d, 90%% within %d\n", d.Median, d.P90)
	}
	fmt.Fprintln(w, "\nRequirements:")
	for _, nd := range s.Nodes {
		if nd.Kind == "component" {
			continue
		}
		fmt.Fprintf(w, "  %-16s complete %6d  in progress %6d  available %6d  locked %6d  stalled here %6d\n",
			nd.Name, nd.Complete, nd.InProgress, nd.Available, nd.Locked, nd.Stalled)
	}
	fmt.Fprintln(w, "\nWhere learners stall (their next step, no progress for 90 days):")
	for i, st := range s.Stalls {
		if i == 5 {
			break
		}
		c := s.Components[indexOf(s, st.Component)]
		fmt.Fprintf(w, "  %-12s %6d stalled (%.0f%% of all stalled); reached after a median %d days\n",
			st.Name, st.Stalled, 100*st.Share, c.FromPrevious.Median)
	}
}

func indexOf(s *cohort.Summary, id string) int {
	for i, c := range s.Components {
		if c.ID == id {
			return i
		}
	}
	return 0
}

// terminal reports whether w is a character device (a terminal), without
// a dependency: the progress bar is for people, never for pipes or files.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func drawBar(w io.Writer, done, total int) {
	const width = 40
	frac := 1.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	full := int(frac * width)
	fmt.Fprintf(w, "\r[%s%s] %3.0f%% %d/%d", strings.Repeat("#", full), strings.Repeat(".", width-full), 100*frac, done, total)
}
