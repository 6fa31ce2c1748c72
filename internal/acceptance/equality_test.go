package acceptance

import (
	"testing"

	"github.com/microcred/microcred/badge"
)

// TestEquality: OB 3.0 "Equality and comparison" on credentials as
// different issuers' systems spell the same ids.
func TestEquality(t *testing.T) {
	t.Parallel()
	parse := func(issuer any, id, validFrom string, vc11 bool) badge.Credential {
		c := baseCredential()
		if vc11 {
			c = vc11Credential(ctxVC1, ctxOB303)
			c["issuanceDate"] = validFrom
		} else {
			c["validFrom"] = validFrom
		}
		c["issuer"], c["id"] = issuer, id
		cr, err := badge.Parse(mustJSON(t, c))
		if err != nil {
			t.Fatal(err)
		}
		return cr
	}
	a := parse("https://example.edu/issuers/1", "https://example.edu/credentials/a b", "2024-01-01T00:00:00Z", false)
	b := parse(obj{"id": " https://example.edu/issuers/%31 ", "type": arr{"Profile"}}, "https://example.edu/credentials/a%20b", "2024-06-01T00:00:00+02:00", false)
	c := parse("https://example.edu/issuers/2", "https://example.edu/credentials/a b", "2024-06-01T00:00:00Z", false)
	old11 := parse("https://example.edu/issuers/1", "https://example.edu/credentials/a b", "2023-01-01T00:00:00Z", true)
	if !badge.SameCredential(a, b) {
		t.Error("same issuer and id after percent-decoding and trimming are the same credential")
	}
	if badge.SameCredential(a, c) {
		t.Error("another issuer's credential with the same id is a different credential")
	}
	if !badge.Supersedes(b, a) || badge.Supersedes(a, b) {
		t.Error("the later validFrom (offset +02:00 is still later) supersedes")
	}
	if !badge.Supersedes(a, old11) {
		t.Error("a VC 2.0 re-issue supersedes the VC 1.1 original (issuanceDate is its validFrom)")
	}
}
