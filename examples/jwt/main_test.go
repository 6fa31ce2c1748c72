package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestJWT(t *testing.T) {
	for _, alg := range []string{"ES256", "ES384", "EdDSA", "RS256"} {
		t.Run(alg, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := run(context.Background(), []string{"-alg", alg}, &out, &errb); err != nil {
				t.Fatalf("%v\n%s%s", err, out.String(), errb.String())
			}
			for _, want := range []string{`"alg":"` + alg + `"`, "Verifier: verified (format jwt)", "Same signature, changed payload: failed"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
	if err := run(context.Background(), []string{"-alg", "HS256"}, new(bytes.Buffer), new(bytes.Buffer)); err == nil {
		t.Error("HS256 should be refused")
	}
}
