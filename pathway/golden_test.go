package pathway

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins the whole Progress (decision record and explanations) of
// the sample pathway for learners at several stages. Run with -update after
// an intended change and review the diff.
func TestGolden(t *testing.T) {
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, all := loadCredentials(t)
	pick := func(suffixes ...string) []Earned {
		var out []Earned
		for _, e := range all {
			for _, s := range suffixes {
				if strings.HasSuffix(e.AchievementID, "/"+s) {
					out = append(out, e)
				}
			}
		}
		return out
	}
	tests := []struct {
		name   string
		earned []Earned
		asOf   string
	}{
		{"started", pick("html"), "2025-02-01"},
		{"core-done", pick("html", "javascript-101", "http"), "2025-05-01"},
		{"complete", all, "2025-10-01"},
		{"react-expired", all, "2027-06-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Evaluate(def, tt.earned, date(tt.asOf), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", "webdev-"+tt.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("progress differs from %s (run with -update after an intended change):\n%s", path, p.Explain())
			}
		})
	}
}
