package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestPresent(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"Presentation: verified (2 credentials inside, each verified: true)", "Replayed against a new challenge: failed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
