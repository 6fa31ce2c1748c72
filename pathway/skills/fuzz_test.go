package skills

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/fixtures"
)

// FuzzBuildFromCredentials feeds parsed hostile credentials to the profile
// builder: whatever the parser accepts, Build returns a profile or an
// error, never a panic, and every skill has evidence.
func FuzzBuildFromCredentials(f *testing.F) {
	for _, p := range fixtures.Glob(f, "1edtech/spec/examples_skillAssertion*.json") {
		f.Add(fixtures.Read(f, p))
	}
	f.Add(fixtures.Read(f, "1edtech/spec/examples_fullOpenBadge__00__Complete-OpenBadgeCredential.json"))
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json")) // the golden profile
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"id":"urn:c","credentialSubject":{"achievement":{"id":"urn:a","alignment":[{"targetCode":"x"}],
		"resultDescription":[{"id":"rd","valueMin":"5","valueMax":"5","allowedValue":["a"]}]},
		"result":[{"resultDescription":"rd","value":"NaN"},{"resultDescription":"rd","achievedLevel":"zz"}]},"validFrom":"2020-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := badge.ParseAchievementCredential(data)
		if err != nil {
			return
		}
		p, err := BuildFromCredentials([]Verified{{Credential: c}}, date("2026-01-01"), Options{})
		if err != nil {
			return
		}
		for _, s := range p.Skills {
			if len(s.Evidence) == 0 || s.Key == "" {
				t.Fatalf("skill %q without evidence or key", s.Key)
			}
		}
		_ = p.Text()
	})
}
