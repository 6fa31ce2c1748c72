// Command pathway evaluates credentials against a stackable pathway and
// prints where the learner stands.
//
//	go run ./examples/pathway -pathway FILE [-as-of DATE] [-json] [-offline] [-unverified] [-milestones] [CREDENTIAL...]
//	go run ./examples/pathway -pathway FILE -lint
//
// FILE is a pathway in microcred's JSON format (see package pathway), or a
// CTDL Pathway JSON-LD document, told apart by content. Each CREDENTIAL is an
// Open Badges 3.0 credential or a CLR 2.0 credential as JSON. DATE is
// YYYY-MM-DD (the end of that day, UTC) or RFC 3339 and defaults to now.
// With -json the Progress is printed as JSON.
//
// With no CREDENTIAL the learner is new: the output shows where to start.
//
// Every credential is verified by package verify before it counts (proof,
// key, issuer binding, status, validity at DATE); only what
// pathway.FromReport accepts is counted, and each credential refused is
// listed with the reason. An authentic credential that is only expired or
// revoked is shown as not counting, so the learner knows what to renew.
// -offline makes no network request: a credential whose key or status needs
// one is then refused as unverified. -unverified skips verification and
// believes every credential as given; the output says so first, loudly.
//
// Lint warnings about the pathway (and, for CTDL, how each component that
// is a credential of its own was read) are printed before the progress;
// -lint prints every finding and evaluates nothing. -milestones builds the
// award of every completed milestone as well as the destination's.
//
// Exit status: 0 when the evaluation ran (complete or not) or -lint found
// no error, 1 on an error in the inputs (including credentials of two
// different recipients) or a lint error, 2 on a usage error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/ctdl"
	"github.com/microcred/microcred/verify"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line, once parsed.
type options struct {
	file       string
	asOf       time.Time
	asJSON     bool
	offline    bool
	unverified bool
	lint       bool
	milestones bool
	creds      []string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pathway", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.file, "pathway", "", "pathway definition `FILE` (microcred JSON or CTDL JSON-LD)")
	asOfFlag := fs.String("as-of", "", "evaluate at `DATE` (YYYY-MM-DD, the end of that day UTC, or RFC 3339; default now)")
	fs.BoolVar(&o.asJSON, "json", false, "print the progress as JSON")
	fs.BoolVar(&o.offline, "offline", false, "verify without the network: credentials whose key or status needs it are refused as unverified")
	fs.BoolVar(&o.unverified, "unverified", false, "do NOT verify: believe every credential as given")
	fs.BoolVar(&o.lint, "lint", false, "print every lint finding about the pathway and exit")
	fs.BoolVar(&o.milestones, "milestones", false, "also award every completed milestone")
	fs.Bool("verify", true, "accepted for old scripts; verification is the default (see -unverified)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: pathway -pathway FILE [-as-of DATE] [-json] [-offline] [-unverified] [-milestones] [CREDENTIAL...]")
		fmt.Fprintln(stderr, "       pathway -pathway FILE -lint")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	o.creds = fs.Args()
	if o.file == "" || (o.lint && len(o.creds) > 0) {
		fs.Usage()
		return 2
	}
	o.asOf = time.Now().UTC()
	if *asOfFlag != "" {
		t, err := parseDate(*asOfFlag)
		if err != nil {
			fmt.Fprintf(stderr, "pathway: -as-of: %v\n", err)
			return 2
		}
		o.asOf = t
	}
	def, notes, findings, err := loadPathway(o.file)
	if err != nil {
		fmt.Fprintf(stderr, "pathway: %s: %v\n", o.file, err)
		return 1
	}
	if o.lint {
		return printLint(stdout, findings)
	}
	earned, guidance, rejected, err := gather(ctx, o)
	if err != nil {
		fmt.Fprintf(stderr, "pathway: %v\n", err)
		return 1
	}
	p, err := pathway.Evaluate(def, append(earned, guidance...), o.asOf, pathway.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "pathway: %v\n", err)
		return 1
	}
	if o.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p); err != nil {
			fmt.Fprintf(stderr, "pathway: %v\n", err)
			return 1
		}
		return 0
	}
	report(stdout, def, p, earned, notes, findings, o, rejected)
	return 0
}

// gather reads the credentials. earned are those that count; guidance are
// authentic credentials that no longer count (expired, revoked), passed to
// the evaluator only so it can explain them; rejected says why each
// refused credential was.
func gather(ctx context.Context, o options) (earned, guidance []pathway.Earned, rejected []string, err error) {
	var v *verify.Verifier
	if !o.unverified {
		at := o.asOf
		cfg := verify.Config{Clock: func() time.Time { return at }, Offline: o.offline}
		if !o.offline {
			cfg.HTTPClient = &http.Client{Timeout: 20 * time.Second}
		}
		if v, err = verify.New(cfg); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, name := range o.creds {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, nil, err
		}
		if v == nil {
			es, err := believed(b)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
			}
			earned = append(earned, es...)
			continue
		}
		r, err := v.Verify(ctx, b)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		es, err := pathway.FromReport(r)
		var nc *pathway.NotCountedError
		var sk *pathway.SkippedError
		switch {
		case errors.As(err, &nc):
			guidance = append(guidance, nc.Earned...)
			rejected = append(rejected, fmt.Sprintf("%s: %s, so it does not count", name, nc.Reason))
		case errors.As(err, &sk):
			earned = append(earned, es...)
			for _, e := range sk.Skipped {
				rejected = append(rejected, fmt.Sprintf("%s: %v", name, e))
			}
		case err != nil:
			rejected = append(rejected, fmt.Sprintf("%s: %v", name, err))
		default:
			earned = append(earned, es...)
		}
	}
	return earned, guidance, rejected, nil
}

// believed reads one OB 3.0 or CLR 2.0 credential without verifying it.
func believed(b []byte) ([]pathway.Earned, error) {
	c, err := badge.Parse(b)
	if err != nil {
		return nil, err
	}
	switch c := c.(type) {
	case *badge.AchievementCredential:
		e, err := pathway.FromCredential(c)
		if err != nil {
			return nil, err
		}
		return []pathway.Earned{e}, nil
	case *badge.ClrCredential:
		return pathway.FromCLR(c)
	}
	return nil, fmt.Errorf("%T is not an achievement or CLR credential", c)
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither YYYY-MM-DD nor RFC 3339", s)
	}
	// The end of the day: a credential earned on that day counts.
	return t.Add(24*time.Hour - time.Second), nil
}

// loadPathway reads a definition, telling microcred JSON from CTDL JSON-LD
// by content, and lints it. For CTDL it also returns the importer's notes,
// and the lint says how each component that is a credential was read.
func loadPathway(name string) (*pathway.Definition, []ctdl.Note, badge.Findings, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, nil, err
	}
	if isCTDL(b) {
		r, err := ctdl.Import(b, ctdl.Options{})
		if err != nil {
			return nil, nil, nil, err
		}
		return r.Definition, r.Notes, r.Lint(), nil
	}
	def, err := pathway.Parse(b)
	if err != nil {
		return nil, nil, nil, err
	}
	return def, nil, pathway.Lint(def), nil
}

// printLint prints every finding; the exit status is 1 when one is an
// error.
func printLint(w io.Writer, findings badge.Findings) int {
	code := 0
	for _, f := range findings {
		fmt.Fprintln(w, f)
		if f.Severity == badge.SeverityError {
			code = 1
		}
	}
	fmt.Fprintf(w, "%d findings\n", len(findings))
	return code
}

func isCTDL(b []byte) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(b, &probe) != nil {
		return false
	}
	if _, ok := probe["format"]; ok {
		return false
	}
	_, ctx := probe["@context"]
	_, graph := probe["@graph"]
	return ctx || graph || bytes.Contains(b, []byte("ceterms:"))
}

func report(w io.Writer, def *pathway.Definition, p *pathway.Progress, earned []pathway.Earned, notes []ctdl.Note, findings badge.Findings, o options, rejected []string) {
	switch {
	case o.unverified:
		fmt.Fprintln(w, "WARNING: -unverified: credentials were NOT verified; every credential is believed as given. Do not award on this output.")
	case o.offline:
		fmt.Fprintf(w, "Credentials were verified offline (proof, key, status, validity); %d refused.\n", len(rejected))
	default:
		fmt.Fprintf(w, "Credentials were verified (proof, key, status, validity); %d refused.\n", len(rejected))
	}
	for _, r := range rejected {
		fmt.Fprintf(w, "  - refused %s\n", r)
	}
	if notes != nil {
		fmt.Fprintf(w, "Imported from CTDL JSON-LD with %d notes (see -lint for how each was read):\n", len(notes))
		for _, n := range notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	var warnings badge.Findings
	for _, f := range findings {
		if f.Severity == badge.SeverityWarning && !strings.HasPrefix(f.Code, "ctdl-") { // the notes above already say these
			warnings = append(warnings, f)
		}
	}
	if len(warnings) > 0 {
		fmt.Fprintf(w, "The pathway has %d lint warnings:\n", len(warnings))
		for _, f := range warnings {
			fmt.Fprintf(w, "  - %s\n", f)
		}
	}
	if len(o.creds) == 0 {
		fmt.Fprintln(w, "\nNo credentials given: this is where a new learner starts.")
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, p.Explain())
	for _, c := range p.Credits {
		if c.Name != "" || c.Node != "" {
			fmt.Fprintf(w, "\ncredits (%s): %g of %g %s", first(c.Name, c.Node), c.Earned, c.Required, c.Unit)
		} else {
			fmt.Fprintf(w, "\ncredits: %g of %g %s", c.Earned, c.Required, c.Unit)
		}
	}
	if len(p.Credits) > 0 {
		fmt.Fprintln(w)
	}
	if len(p.Missing) > 0 {
		fmt.Fprintln(w, "\nstill missing:")
		for _, m := range p.Missing {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	if len(p.NextSteps) > 0 {
		fmt.Fprintln(w, "\nnext steps:")
		for i, s := range p.NextSteps {
			extra := ""
			if s.Reason != "" {
				extra = " (" + s.Reason + ")"
			}
			fmt.Fprintf(w, "  %d. %s [%s], then %d more to finish%s\n", i+1, first(s.Name, s.Component), s.State, s.Remaining, extra)
		}
	}
	if len(p.Credentials) > 0 {
		fmt.Fprintln(w, "\ncredentials:")
	}
	for _, c := range p.Credentials {
		name := credentialName(p.Credentials, c)
		if c.Used {
			fmt.Fprintf(w, "  %s counts for %s\n", name, strings.Join(c.Components, ", "))
		} else {
			fmt.Fprintf(w, "  %s does not count: %s\n", name, c.Reason)
		}
	}
	for _, m := range p.Milestones {
		fmt.Fprintf(w, "\nmilestone %s: %g%% complete", first(m.Name, m.ID), m.Percent)
	}
	if len(p.Milestones) > 0 {
		fmt.Fprintln(w)
	}
	opts, who, ok := awardTo(earned)
	if o.milestones {
		for _, m := range p.Milestones {
			if !m.Complete {
				continue
			}
			if !ok {
				fmt.Fprintf(w, "milestone %s complete, but %s; no award.\n", first(m.Name, m.ID), who)
				continue
			}
			a, err := pathway.AwardMilestone(def, p, m.ID, opts)
			if err != nil {
				fmt.Fprintf(w, "milestone %s complete, but no award: %v\n", first(m.Name, m.ID), err)
				continue
			}
			fmt.Fprintf(w, "milestone %s: award %s (%s) to %s, unsigned, with %d evidence entries.\n",
				first(m.Name, m.ID), a.ID, m.Achievement.ID, who, len(a.Credential.Evidence))
		}
	}
	if !p.Complete {
		fmt.Fprintf(w, "\nnot complete: no award.\n")
		return
	}
	if !ok {
		fmt.Fprintf(w, "\ncomplete, but %s; no award.\n", who)
		return
	}
	a, err := pathway.AwardDestination(def, p, opts)
	if err != nil {
		fmt.Fprintf(w, "\ncomplete, but no award: %v\n", err)
		return
	}
	fmt.Fprintf(w, "\ncomplete: award %s (%s) to %s, unsigned, with %d evidence entries.\n",
		a.ID, def.Destination.ID, who, len(a.Credential.Evidence))
}

// awardTo names the learner the way the credentials' issuers did: the
// evaluation has already refused credentials of two recipients, so the
// first credential naming one names them all.
func awardTo(earned []pathway.Earned) (pathway.AwardOptions, string, bool) {
	for _, e := range earned {
		switch r := e.Recipient; {
		case r.ID != "":
			return pathway.AwardOptions{Recipient: r.ID}, r.ID, true
		case len(r.Identifiers) > 0:
			return pathway.AwardOptions{RecipientIdentifiers: r.Identifiers}, r.String(), true
		}
	}
	return pathway.AwardOptions{}, "no credential names its recipient", false
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// credentialName names a credential by its id, adding the issuer when
// another issuer's credential has the same id (ids are unique per issuer
// only), as the evaluator's own explanations do.
func credentialName(all []pathway.CredentialUse, c pathway.CredentialUse) string {
	for _, o := range all {
		if o.ID == c.ID && o.Issuer != c.Issuer {
			if c.Issuer == "" {
				return c.ID + " (no issuer)"
			}
			return c.ID + " (issuer " + c.Issuer + ")"
		}
	}
	return c.ID
}
