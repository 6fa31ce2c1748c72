// Command pathway evaluates credentials against a stackable pathway and
// prints where the learner stands.
//
//	go run ./examples/pathway -pathway FILE [-as-of DATE] [-json] [-verify] CREDENTIAL...
//
// FILE is a pathway in microcred's JSON format (see package pathway), or a
// CTDL Pathway JSON-LD document, told apart by content. Each CREDENTIAL is an
// Open Badges 3.0 credential or a CLR 2.0 credential (whose bundled
// credentials are all used) as JSON. DATE is YYYY-MM-DD or RFC 3339 and
// defaults to now. With -json the Progress is printed as JSON.
//
// By default proofs and status are NOT verified: every credential is
// believed as given, and the output says so. With -verify each credential is
// checked offline by package verify (a check that needs the network, such as
// a remote status list, is reported by verify as skipped) and only what
// pathway.FromReport accepts is counted.
//
// Exit status: 0 when the evaluation ran (complete or not), 1 on an error
// in the inputs, 2 on a usage error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pathway", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("pathway", "", "pathway definition `FILE` (microcred JSON or CTDL JSON-LD)")
	asOfFlag := fs.String("as-of", "", "evaluate at `DATE` (YYYY-MM-DD or RFC 3339; default now)")
	asJSON := fs.Bool("json", false, "print the progress as JSON")
	doVerify := fs.Bool("verify", false, "verify each credential offline (proof, validity, status) and count only those that pass")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: pathway -pathway FILE [-as-of DATE] [-json] [-verify] CREDENTIAL...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *file == "" || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	asOf := time.Now().UTC()
	if *asOfFlag != "" {
		t, err := parseDate(*asOfFlag)
		if err != nil {
			fmt.Fprintf(stderr, "pathway: -as-of: %v\n", err)
			return 2
		}
		asOf = t
	}
	def, notes, err := loadPathway(*file)
	if err != nil {
		fmt.Fprintf(stderr, "pathway: %s: %v\n", *file, err)
		return 1
	}
	var v *verify.Verifier
	if *doVerify {
		at := asOf
		if v, err = verify.New(verify.Config{Offline: true, Clock: func() time.Time { return at }}); err != nil {
			fmt.Fprintf(stderr, "pathway: %v\n", err)
			return 1
		}
	}
	var earned []pathway.Earned
	var rejected []string
	recipients := map[string]bool{}
	for _, name := range fs.Args() {
		es, subjects, err := loadCredentials(ctx, name)
		if err != nil {
			fmt.Fprintf(stderr, "pathway: %s: %v\n", name, err)
			return 1
		}
		if v != nil {
			if es, err = verified(ctx, v, name); err != nil {
				rejected = append(rejected, fmt.Sprintf("%s: %v", name, err))
				continue
			}
		}
		earned = append(earned, es...)
		for _, s := range subjects {
			recipients[s] = true
		}
	}
	p, err := pathway.Evaluate(def, earned, asOf, pathway.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "pathway: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p); err != nil {
			fmt.Fprintf(stderr, "pathway: %v\n", err)
			return 1
		}
		return 0
	}
	report(stdout, def, p, recipients, notes, v != nil, rejected)
	return 0
}

// verified checks a credential file offline with package verify and returns
// what the evaluator may count: pathway.FromReport keeps a revoked or
// expired credential (so the evaluator can explain it) and refuses one whose
// proof does not hold.
func verified(ctx context.Context, v *verify.Verifier, name string) ([]pathway.Earned, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	r, err := v.Verify(ctx, b)
	if err != nil {
		return nil, err
	}
	return pathway.FromReport(r)
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
// by content. For CTDL it also returns the importer's notes.
func loadPathway(name string) (*pathway.Definition, []ctdl.Note, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	if isCTDL(b) {
		r, err := ctdl.Import(b, ctdl.Options{})
		if err != nil {
			return nil, nil, err
		}
		return r.Definition, r.Notes, nil
	}
	def, err := pathway.Parse(b)
	return def, nil, err
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

// loadCredentials reads one OB 3.0 or CLR 2.0 credential file and returns
// the earned views and the subject ids found.
func loadCredentials(ctx context.Context, name string) ([]pathway.Earned, []string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	c, err := badge.Parse(b)
	if err != nil {
		return nil, nil, err
	}
	var out []pathway.Earned
	var subjects []string
	var add func(c badge.Credential) error
	add = func(c badge.Credential) error {
		switch c := c.(type) {
		case *badge.AchievementCredential:
			e, err := pathway.FromCredential(c)
			if err != nil {
				return err
			}
			out = append(out, e)
			if c.CredentialSubject != nil && c.CredentialSubject.ID != "" {
				subjects = append(subjects, c.CredentialSubject.ID)
			}
		case *badge.ClrCredential:
			if c.CredentialSubject == nil {
				return errors.New("CLR without credentialSubject")
			}
			inner, err := c.CredentialSubject.Credentials()
			if err != nil {
				return err
			}
			for _, ic := range inner {
				if err := add(ic); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("%T is not an achievement credential", c)
		}
		return nil
	}
	if err := add(c); err != nil {
		return nil, nil, err
	}
	return out, subjects, nil
}

func report(w io.Writer, def *pathway.Definition, p *pathway.Progress, recipients map[string]bool, notes []ctdl.Note, checked bool, rejected []string) {
	if checked {
		fmt.Fprintf(w, "Credentials were verified offline (proof, validity, status); %d rejected.\n", len(rejected))
		for _, r := range rejected {
			fmt.Fprintf(w, "  - rejected %s\n", r)
		}
	} else {
		fmt.Fprintln(w, "NOTE: credentials were not verified (run with -verify to check proofs and status); every credential is believed as given.")
	}
	if notes != nil {
		fmt.Fprintf(w, "Imported from CTDL JSON-LD with %d notes:\n", len(notes))
		for _, n := range notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, p.Explain())
	for _, c := range p.Credits {
		fmt.Fprintf(w, "\ncredits (%s): %g of %g %s", first(c.Name, c.Node), c.Earned, c.Required, c.Unit)
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
	fmt.Fprintln(w, "\ncredentials:")
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
	if !p.Complete {
		fmt.Fprintf(w, "\nnot complete: no award.\n")
		return
	}
	if len(recipients) != 1 {
		fmt.Fprintf(w, "\ncomplete, but the credentials name %d recipients; no award.\n", len(recipients))
		return
	}
	var recipient string
	for r := range recipients {
		recipient = r
	}
	a, err := pathway.AwardDestination(def, p, pathway.AwardOptions{Recipient: recipient})
	if err != nil {
		fmt.Fprintf(w, "\ncomplete, but no award: %v\n", err)
		return
	}
	fmt.Fprintf(w, "\ncomplete: award %s (%s) to %s, unsigned, with %d evidence entries.\n",
		a.ID, def.Destination.ID, recipient, len(a.Credential.Evidence))
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
