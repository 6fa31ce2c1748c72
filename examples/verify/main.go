// Command verify checks an Open Badges 3.0 or CLR 2.0 credential and prints
// the verification report.
//
// Usage:
//
//	go run ./examples/verify [-json] [-now RFC3339] [-offline] [-strict] FILE|-
//
// FILE is a JSON credential, a compact VC-JWT, or a baked PNG or SVG; "-"
// reads standard input. The report goes to standard output, as text or,
// with -json, as the JSON Report. -now evaluates validity at another time.
// -offline makes no network request: a check that would need one is
// reported as not established, and a credential whose key, issuer binding
// or status could not be established offline is unverified, never
// verified (a refresh or a remote schema skipped offline is a warning).
// -strict fails every conformance finding, as the 1EdTech validator does;
// by default an authentic, current credential with data-model or schema
// findings is verified with warnings.
//
// Exit status: 0 when verified or verified with warnings; 1 when failed or
// unverified (standard error says which); 2 on a usage or I/O error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/microcred/microcred/verify"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = "usage: verify [-json] [-now RFC3339] [-offline] [-strict] FILE|-"

// maxInput bounds what is read from a file or standard input; baked images
// are the largest honest inputs.
const maxInput = 32 << 20

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print the report as JSON")
	nowFlag := fs.String("now", "", "evaluate validity at this time (RFC 3339) instead of now")
	offline := fs.Bool("offline", false, "make no network request; what needs one is not established (unverified)")
	strict := fs.Bool("strict", false, "fail conformance findings and nested credentials that do not verify, as the 1EdTech validator does")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	cfg := verify.Config{}
	if *strict {
		cfg.Policy = verify.PolicyStrict
	}
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "verify: -now %q is not an RFC 3339 time, e.g. 2026-01-31T12:00:00Z\n", *nowFlag)
			return 2
		}
		cfg.Clock = func() time.Time { return t }
	}
	if !*offline {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	var r io.Reader = stdin
	name := fs.Arg(0)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "verify: %v\n", err)
			return 2
		}
		defer f.Close()
		r = f
	}
	input, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		fmt.Fprintf(stderr, "verify: reading %s: %v\n", name, err)
		return 2
	}
	if len(input) > maxInput {
		fmt.Fprintf(stderr, "verify: %s is larger than %d bytes\n", name, maxInput)
		return 2
	}
	v, err := verify.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "verify: %v\n", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	report, err := v.Verify(ctx, input)
	if err != nil {
		// Only the context ends Verify with an error: the 2-minute budget
		// ran out, so nothing was established.
		fmt.Fprintf(stderr, "verify: unverified: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			fmt.Fprintf(stderr, "verify: %v\n", err)
			return 1
		}
	} else {
		fmt.Fprint(stdout, report)
	}
	switch report.Verdict {
	case verify.Verified, verify.VerifiedWithWarnings:
		return 0
	case verify.Unverified:
		hint := ""
		if *offline {
			hint = "; run without -offline to fetch what is missing"
		}
		fmt.Fprintf(stderr, "verify: unverified: its authenticity or status could not be established, so it is not to be believed%s\n", hint)
	default:
		fmt.Fprintf(stderr, "verify: %s: do not believe this credential\n", report.Verdict)
	}
	return 1
}
