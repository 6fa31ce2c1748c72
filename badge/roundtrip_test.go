package badge

import (
	"encoding/json"
	"errors"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/microcred/microcred/internal/fixtures"
)

// notBadgeDocuments are spec examples that are not Open Badges 3.0 data:
// the test says why each is skipped rather than silently passing.
var notBadgeDocuments = map[string]string{
	"impl_extensions__00__OB-CLR-Extension-JSON-LD-Context.json":          "a JSON-LD context document, not a credential",
	"impl_extensions__03__OB-CLR-Extension-JSON-Schema.json":              "a JSON Schema document, not a credential",
	"impl_migrating__01__OpenBadges-2-0-with-related-OpenBadges-3-0.json": "an Open Badges 2.0 BadgeClass (package badge/ob2 imports these)",
}

// TestSpecExamplesRoundTrip parses every example of the specification and
// marshals it back: the result must decode to the same JSON value.
func TestSpecExamplesRoundTrip(t *testing.T) {
	files := fixtures.Glob(t, "1edtech/spec/*.json")
	var n int
	for _, f := range files {
		name := path.Base(f)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			data := fixtures.Read(t, f)
			var out []byte
			var err error
			if why, ok := notBadgeDocuments[name]; ok {
				// Not Open Badges 3.0 data, so Parse refuses it; decoded
				// into the credential type, everything lands in Extra or
				// in compacted forms and must still come back unchanged.
				if _, err := Parse(data); !errors.Is(err, ErrNotCredential) {
					t.Errorf("Parse of %s: %v, want ErrNotCredential", why, err)
				}
				var c AchievementCredential
				if err := json.Unmarshal(data, &c); err != nil {
					t.Fatalf("%s: %v", why, err)
				}
				out, err = json.Marshal(c)
			} else if strings.Contains(name, "Issuer-profile") {
				var p Profile
				if err := json.Unmarshal(data, &p); err != nil {
					t.Fatalf("Profile: %v", err)
				}
				out, err = json.Marshal(p)
			} else {
				c, perr := Parse(data)
				if perr != nil {
					t.Fatalf("Parse: %v", perr)
				}
				if string(c.Raw()) != string(data) {
					t.Errorf("Raw() is not the input")
				}
				out, err = json.Marshal(c)
			}
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			assertSameJSON(t, data, out)
			n++
		})
	}
	t.Logf("%d of %d spec examples round-tripped (%d of them not Open Badges data, through Extra)", n, len(files), len(notBadgeDocuments))
}

func assertSameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("round trip changed the document (-want +got):\n%s", d)
	}
}

// TestFixturesRoundTrip does the same for the validator fixtures and the
// signed test vectors (status lists excepted: they are not Open Badges).
func TestFixturesRoundTrip(t *testing.T) {
	var files []string
	for _, g := range []string{"1edtech/validator/*/*.json", "1edtech/validator/ob30/*/*.json", "1edtech/testvectors/*.json"} {
		files = append(files, fixtures.Glob(t, g)...)
	}
	if len(files) < 40 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data := fixtures.Read(t, f)
			var c Credential
			c, err := Parse(data)
			if errors.Is(err, ErrNotCredential) && strings.HasSuffix(f, "simple-err-type.json") {
				// Its type is deliberately no credential type: decode it
				// as the credential it imitates.
				var ac AchievementCredential
				c, err = &ac, json.Unmarshal(data, &ac)
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			out, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, data, out)
		})
	}
}
