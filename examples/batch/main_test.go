package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

func TestBatch(t *testing.T) {
	out := filepath.Join(t.TempDir(), "signed.jsonl")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"-n", "40", "-workers", "3", "-out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Signed 40 credentials") || !strings.Contains(stderr.String(), "signed 40/40") {
		t.Errorf("unexpected output:\n%s\n%s", stdout.String(), stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		lines++
		want := []byte(fmt.Sprintf("graduate-%06d", lines-1))
		if !bytes.Contains(sc.Bytes(), want) {
			t.Fatalf("line %d is not graduate %d: order lost", lines, lines-1)
		}
		rep, err := credential.VerifyProofs(context.Background(), sc.Bytes(), credential.VerifyOptions{RequireIssuerController: true})
		if err != nil || rep.Err() != nil {
			t.Fatalf("line %d does not verify: %v %v", lines, err, rep.Err())
		}
	}
	if lines != 40 {
		t.Fatalf("%d lines, want 40", lines)
	}
	if err := run(context.Background(), []string{"-n", "0"}, &stdout, &stderr); err == nil {
		t.Error("-n 0 should be refused")
	}
}
