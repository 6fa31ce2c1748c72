package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge/bake"
)

// TestQuickstart runs the tour end to end and checks that each step said
// what happened and that the baked image holds the credential.
func TestQuickstart(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), &out, dir); err != nil {
		t.Fatalf("quickstart failed: %v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{
		"Step 1. The issuer makes a key", "did:key:z6Mk",
		"Step 3. The issuer signs it", `"cryptosuite": "eddsa-rdfc-2022"`,
		"VERIFIED", "[ok  ] proof",
		"Step 5.", "Verifying the image itself: verified.",
		"With 3 verified badges the learner is 67% of the way",
		"[ ] Capstone: available",
		"complete = true (100%)",
		"Verification: verified.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q\n%s", want, text)
		}
	}
	img, err := os.ReadFile(filepath.Join(dir, "microcred-quickstart-badge.png"))
	if err != nil {
		t.Fatal(err)
	}
	baked, err := bake.Extract(img)
	if err != nil {
		t.Fatalf("the PNG holds no credential: %v", err)
	}
	if !bytes.Contains(baked.Payload, []byte(`"eddsa-rdfc-2022"`)) {
		t.Errorf("the baked payload is not the signed credential: %.200s", baked.Payload)
	}
}
