package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// TestGoldenReports pins the documented shape of a report, as JSON and as
// terminal text, for a fixture that fails. (Fixtures whose findings come
// from package badge are left out: their wording belongs to badge.) Run with
// -update after an intended change, and review the diff.
func TestGoldenReports(t *testing.T) {
	v := offlineVerifier(t, Config{})
	for _, name := range []string{"simple-err-expired"} {
		t.Run(name, func(t *testing.T) {
			r, err := v.Verify(context.Background(), fixtures.Read(t, "1edtech/validator/ob30/"+name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			r.Credential = nil // the input itself; the golden files pin the report around it
			js, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			for path, got := range map[string][]byte{
				"testdata/golden/" + name + ".json": append(js, '\n'),
				"testdata/golden/" + name + ".txt":  []byte(r.String()),
			} {
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file (run with -update if intended):\n%s", path, got)
				}
			}
		})
	}
}
