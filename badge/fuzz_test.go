package badge

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

func addFixtureSeeds(f *testing.F) {
	for _, g := range []string{"1edtech/validator/*/*.json", "1edtech/testvectors/*.json", "1edtech/spec/examples_*.json"} {
		for _, file := range fixtures.Glob(f, g) {
			f.Add(fixtures.Read(f, file))
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"type":"OpenBadgeCredential"}`,
		`{"type":["ClrCredential"],"credentialSubject":{"verifiableCredential":"x"}}`,
		`{"type":"EndorsementCredential","issuer":"https://x","credentialSubject":[{"id":"a"}]}`,
		`{"type":"OpenBadgeCredential","a":1,"a":2}`,
		`{"type":"OpenBadgeCredential","credentialSubject":{"achievement":{"image":"x","creator":"y"}}}`,
		"{\"type\":\"OpenBadgeCredential\",\"name\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse: Parse never panics, and what it accepts marshals, parses
// again, and marshals to the same bytes (marshalling is a fixed point).
func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			if c != nil {
				t.Fatal("credential returned with an error")
			}
			return
		}
		if !bytes.Equal(c.Raw(), data) {
			t.Fatal("Raw() differs from the input")
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal of a parsed credential: %v", err)
		}
		c2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-Parse of %s: %v", out, err)
		}
		out2, err := json.Marshal(c2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("marshal is not stable:\n%s\n%s", out, out2)
		}
	})
}

// FuzzValidate: Validate never panics, always explains a refusal, and
// agrees with Parse about documents that cannot be read.
func FuzzValidate(f *testing.F) {
	addFixtureSeeds(f)
	v, err := NewValidator(Limits{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs := v.Validate(data)
		for _, x := range fs {
			if x.Code == "" || x.Message == "" || (x.Severity != SeverityError && x.Severity != SeverityWarning) {
				t.Fatalf("incomplete finding %+v", x)
			}
		}
		if err := (Limits{}).Check(data); err != nil && !fs.HasErrors() {
			t.Fatalf("unreadable document (%v) validated without errors", err)
		}
	})
}

// FuzzUnmarshalJSON calls the decoders directly, without the validation
// encoding/json and Parse do first: malformed input must give an error,
// never a panic or a hang.
func FuzzUnmarshalJSON(f *testing.F) {
	addFixtureSeeds(f)
	for _, s := range []string{`{"a":`, `{"a" 1}`, `{"type":["x"`, `{"id":"\`, `[`, `{"a":1,}`, `{"a":[1,2}`, `"x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a AchievementCredential
		_ = a.UnmarshalJSON(data)
		var c ClrCredential
		_ = c.UnmarshalJSON(data)
		var p Profile
		_ = p.UnmarshalJSON(data)
	})
}
