package badge

import (
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// TestEqualityAndComparison uses the specification's own examples:
// A and B are equal and both up to date; C and D are equal and C, with the
// later validFrom, supersedes D.
func TestEqualityAndComparison(t *testing.T) {
	load := func(name string) Credential {
		c, err := Parse(fixtures.Read(t, "1edtech/spec/equality-and-comparison__"+name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := load("00__Sample-credential-A"), load("01__Sample-credential-B")
	c, d := load("02__Sample-credential-C"), load("03__Sample-credential-D")
	if !SameCredential(a, b) || Supersedes(a, b) || Supersedes(b, a) {
		t.Error("A and B: want equal, neither superseding")
	}
	if !SameCredential(c, d) || !Supersedes(c, d) || Supersedes(d, c) {
		t.Error("C and D: want equal, C superseding D")
	}

	mk := func(id, issuer string) Credential {
		return &AchievementCredential{VerifiableCredential: VerifiableCredential{ID: id, Issuer: &Profile{ID: issuer}, ValidFrom: "2010-01-01T00:00:00Z"}}
	}
	for _, tt := range []struct {
		name string
		a, b Credential
		same bool
	}{
		{"percent-encoded id", mk("http://example.edu/credentials/a%20b", "https://i"), mk("http://example.edu/credentials/a b", "https://i"), true},
		{"white space around ids", mk(" urn:uuid:1\n", "https://i "), mk("urn:uuid:1", "https://i"), true},
		{"other issuer", mk("urn:uuid:1", "https://i"), mk("urn:uuid:1", "https://j"), false},
		{"other id", mk("urn:uuid:1", "https://i"), mk("urn:uuid:2", "https://i"), false},
		{"no ids are never the same", mk("", ""), mk("", ""), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameCredential(tt.a, tt.b); got != tt.same {
				t.Errorf("%s: SameCredential = %v", tt.name, got)
			}
		})
	}
}
