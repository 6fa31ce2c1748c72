package badge

import (
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files from the current output")

// TestFindingsGolden pins every finding (severity, pointer, code) for every
// document in testdata (the spec examples) and the shared 1EdTech fixtures
// (the validator fixtures and the signed test vectors, named in the golden
// file relative to internal/fixtures/1edtech). Run with -update after an
// intended change and review the diff.
func TestFindingsGolden(t *testing.T) {
	v := newTestValidator(t)
	var files []string
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "golden" || d.Name() == "fuzz") {
			return filepath.SkipDir
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".tsv") {
			files = append(files, filepath.ToSlash(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		name string // as the golden file names it
		data []byte
	}
	var docs []doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{strings.TrimPrefix(f, "testdata/"), data})
	}
	for _, f := range fixtures.Files(t, "1edtech") {
		// The canonical N-Quads beside the test vectors are expected
		// outputs of canonicalization, not documents to validate.
		if !strings.HasSuffix(f, ".md") && !strings.HasSuffix(f, ".txt") && !strings.HasSuffix(f, ".tsv") {
			docs = append(docs, doc{f, fixtures.Read(t, "1edtech/"+f)})
		}
	}
	var b strings.Builder
	for _, d := range docs {
		data := fixturePayload(t, d.name, d.data)
		fmt.Fprintf(&b, "%s\n", d.name)
		for _, x := range v.Validate(data) {
			fmt.Fprintf(&b, "\t%s %s %s\n", x.Severity, x.Pointer, x.Code)
		}
	}
	golden := "testdata/golden/findings.txt"
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestFindingsGolden -update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("findings differ from %s (run with -update and review the diff):\n%s", golden, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n want %q\n got  %q", i+1, a, b)
		}
	}
	return ""
}

// specExampleOutcome: the examples of the specification that are complete
// credentials are valid; the rest are fragments or other documents.
var specExampleInvalid = map[string]string{
	"examples__05__untitled.json":                                                 "a fragment illustrating the issuer and subject, without types or achievement",
	"examples__07__untitled.json":                                                 "a fragment illustrating the issuer and subject, without types or achievement",
	"readme__00__Sample-assertion-credential.json":                                "a fragment without credentialSubject type or achievement",
	"impl_extensions__00__OB-CLR-Extension-JSON-LD-Context.json":                  "a JSON-LD context, not a credential",
	"impl_extensions__03__OB-CLR-Extension-JSON-Schema.json":                      "a JSON Schema, not a credential",
	"impl_migrating__01__OpenBadges-2-0-with-related-OpenBadges-3-0.json":         "an Open Badges 2.0 BadgeClass",
	"impl_migrating__03__Issuer-profile-relation-between-Open-Badges-2-0-an.json": "a Profile (checked with ValidateProfile in TestValidateProfile)",
	"impl_migrating__04__Upgraded-OB-2-0-assertion-included-within-CLR-2-0.json":  "its issuer.otherIdentifier type is an array; the schema wants the single string IdentifierEntry",
}

func TestSpecExamplesValidate(t *testing.T) {
	v := newTestValidator(t)
	files := fixtures.Glob(t, "1edtech/spec/*.json")
	vectors := fixtures.Glob(t, "1edtech/testvectors/*.json")
	for _, f := range append(files, vectors...) {
		name := path.Base(f)
		t.Run(name, func(t *testing.T) {
			data := fixtures.Read(t, f)
			fs := v.Validate(data)
			if why, bad := specExampleInvalid[name]; bad {
				if !fs.HasErrors() {
					t.Errorf("expected errors (%s), got none", why)
				}
				return
			}
			if fs.HasErrors() {
				t.Errorf("errors:\n%s", findingsText(fs))
			}
		})
	}
}

// TestValidatorConcurrent backs the claim that a Validator and an Awarder
// are safe for concurrent use (run with -race).
func TestValidatorConcurrent(t *testing.T) {
	v := newTestValidator(t)
	aw, err := NewAwarder(testIssuer(), courseAchievement(), nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{fixtures.Read(t, "1edtech/validator/ob30/complete.json"), fixtures.Read(t, "1edtech/validator/clr20/simple.json"), fixtures.Read(t, "1edtech/validator/ob30/simple-err-issuer.json")}
	want := make([]int, len(docs))
	for i, d := range docs {
		want[i] = len(v.Validate(d))
	}
	done := make(chan error)
	for g := range 4 {
		go func() {
			for i := range 5 {
				d := (g + i) % len(docs)
				if n := len(v.Validate(docs[d])); n != want[d] {
					done <- fmt.Errorf("doc %d: %d findings, want %d", d, n, want[d])
					return
				}
				if out := aw.Award(Candidate{ID: "did:example:x", Results: passingResults()}); !out.Eligible {
					done <- fmt.Errorf("award: %+v", out)
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestZeroValidator(t *testing.T) {
	var v Validator
	if fs := v.Validate(fixtures.Read(t, "1edtech/validator/ob30/simple.json")); len(fs) != 0 {
		t.Errorf("simple.json with the zero Validator:\n%s", findingsText(fs))
	}
	if fs := v.Validate(fixtures.Read(t, "1edtech/validator/ob30/simple-err-issuer.json")); !slices.Contains(fs.Codes(), "schema.required") {
		t.Errorf("zero Validator skipped the schema: %v", fs.Codes())
	}
}
