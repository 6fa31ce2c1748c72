package ctdl

import (
	"os"
	"path/filepath"
	"testing"
	"github.com/microcred/microcred/pathway"
)

func TestTry(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json*")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		r, err := Import(data, Options{})
		if err != nil {
			t.Logf("%s: ERROR %v", f, err)
			continue
		}
		t.Logf("%s: %d comps, %d milestones, %d notes", f, len(r.Definition.Components), len(r.Definition.Milestones), len(r.Notes))
		for _, n := range r.Notes { t.Logf("   %s", n) }
		for _, l := range pathway.Lint(r.Definition) { t.Logf("   LINT %s", l) }
	}
}
