package badge

import (
	"slices"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// TestSchemasCompiledOnce pins that Validators share one compiled schema
// set (the reason NewValidator is cheap after the first) while each keeps
// its own Limits.
func TestSchemasCompiledOnce(t *testing.T) {
	small, err := NewValidator(Limits{MaxDocumentBytes: 64})
	if err != nil {
		t.Fatal(err)
	}
	large, err := NewValidator(Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var zero Validator
	setSmall, _ := small.schemas()
	setLarge, _ := large.schemas()
	setZero, _ := zero.schemas()
	if setSmall == nil || setSmall != setLarge || setSmall != setZero {
		t.Fatalf("schema sets %p, %p, %p: want one shared, compiled set", setSmall, setLarge, setZero)
	}

	doc := fixtures.Read(t, "1edtech/testvectors/obv3p0-unsigned.json")
	if fs := large.Validate(doc); fs.HasErrors() {
		t.Fatalf("default limits: %v", fs)
	}
	fs := small.Validate(doc)
	if !fs.HasErrors() {
		t.Fatal("a 64-byte limit accepted a larger document: limits leaked between Validators")
	}
	if slices.ContainsFunc(fs.Codes(), func(c string) bool { return len(c) > 7 && c[:7] == "schema." }) {
		t.Errorf("an oversized document reached the schemas: %v", fs.Codes())
	}
}
