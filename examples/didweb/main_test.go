package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRun follows the tour: both keys verify before and after rotation,
// and a key the document never listed is refused.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"A badge signed with key-2025: verified\n",
		"A badge signed with key-2026: verified\n",
		"The key-2025 badge, after the rotation: verified\n",
		"A badge signed with a key the registrar never published: failed\n",
		"#key-2026 resolved (did:web)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
