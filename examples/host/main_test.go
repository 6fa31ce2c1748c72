package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRun starts the host as the command line would, reads its base URL
// from the first line of standard output, fetches the discovery document,
// and stops it as SIGINT would (by cancelling the context), expecting a
// clean exit.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "host.db")}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v (stderr: %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	base := strings.TrimSpace(line)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("first line %q is not the base URL", base)
	}
	resp, err := http.Get(base + "/ims/ob/v3p0/discovery")
	if err != nil {
		t.Fatal(err)
	}
	var sdd struct {
		Components struct {
			SecuritySchemes struct {
				OAuth2ACG struct {
					Registration string `json:"x-imssf-registrationUrl"`
				} `json:"OAuth2ACG"`
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	err = json.NewDecoder(resp.Body).Decode(&sdd)
	resp.Body.Close()
	if err != nil || sdd.Components.SecuritySchemes.OAuth2ACG.Registration != base+"/oauth/register" {
		t.Errorf("discovery: %v, registration URL %q", err, sdd.Components.SecuritySchemes.OAuth2ACG.Registration)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after the stop signal (stderr: %s)", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the host did not stop")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"extra"}, {"-frobnicate"}} {
		var out, errOut strings.Builder
		if c := run(t.Context(), args, &out, &errOut); c != 2 || !strings.Contains(errOut.String(), "usage") {
			t.Errorf("%v: exit %d, stderr %q", args, c, errOut.String())
		}
	}
	var out, errOut strings.Builder
	if c := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")}, &out, &errOut); c != 1 {
		t.Errorf("unopenable database: exit %d", c)
	}
}
