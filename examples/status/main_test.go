package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	s := out.String()
	before := strings.Index(s, "before revocation: verified")
	after := strings.Index(s, "after revocation:  failed (status: the issuer has revoked this credential)")
	if before < 0 || after < before {
		t.Fatalf("the verdict did not change from verified to failed:\n%s", s)
	}
	if code := run([]string{"extra"}, nil, &out, &errOut); code != 2 {
		t.Fatalf("arguments: exit %d, want 2", code)
	}
}
