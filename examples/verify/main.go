// Command verify checks an Open Badges 3.0 or CLR 2.0 credential and prints
// the verification report.
//
// Usage:
//
//	go run ./examples/verify [-json] [-now RFC3339] [-offline] FILE|-
//
// FILE is a JSON credential, a compact VC-JWT, or a baked PNG or SVG; "-"
// reads standard input. The report goes to standard output, as text or,
// with -json, as the JSON Report. -now evaluates validity at another time.
// -offline makes no network request: checks that would need one (a did:web
// key, a remote status list, a refresh, a remote schema) are reported as
// skipped with a warning, never silently passed.
//
// Exit status: 0 when verified (warnings allowed), 1 when not, 2 on a
// usage error.
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

const usage = "usage: verify [-json] [-now RFC3339] [-offline] FILE|-"

// maxInput bounds what is read from a file or standard input; baked images
// are the largest honest inputs.
const maxInput = 32 << 20

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print the report as JSON")
	nowFlag := fs.String("now", "", "evaluate validity at this time (RFC 3339) instead of now")
	offline := fs.Bool("offline", false, "make no network request; network checks become warnings")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	cfg := verify.Config{}
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
		fmt.Fprintf(stderr, "verify: %v\n", err)
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
	if !report.OK() {
		return 1
	}
	return 0
}
