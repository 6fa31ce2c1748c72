package ob2

import (
	"context"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/fixtures"
)

func FuzzConvert(f *testing.F) {
	for _, name := range []string{"baking-spec-assertion.json", "hosted-assertion.json"} {
		f.Add(readFile(f, name), readFile(f, "hosted-badgeclass.json"))
	}
	f.Add(fixtures.Read(f, "1edtech/spec/impl_migrating__01__OpenBadges-2-0-with-related-OpenBadges-3-0.json"), readFile(f, "hosted-badgeclass.json"))
	f.Add([]byte(`{"type":"Assertion","badge":"b","recipient":{"type":"email","identity":"a@b.c"},"issuedOn":"1"}`),
		[]byte(`{"id":"b","type":"BadgeClass","name":"n","description":"d","criteria":"c","issuer":{"id":"i","type":"Profile"}}`))
	f.Add([]byte("a.b.c"), []byte("{}"))
	v := validator(f)
	f.Fuzz(func(t *testing.T, assertion, badgeClass []byte) {
		docs := Documents{
			badgeClassID: badgeClass,
			"b":          badgeClass,
			issuerV2ID:   fixtures.Read(t, "1edtech/spec/impl_migrating__03__Issuer-profile-relation-between-Open-Badges-2-0-an.json"),
		}
		c, err := Convert(context.Background(), assertion, &Options{Resolver: docs, Salt: "s", CredentialID: "urn:uuid:00000000-0000-4000-8000-000000000000"})
		if err != nil {
			if c != nil {
				t.Fatal("credential returned with an error")
			}
			return
		}
		// Whatever converts must be valid Open Badges 3.0, data model and
		// schema alike.
		if fs := badge.CheckDataModel(c); fs.HasErrors() {
			t.Fatalf("converted credential fails the data model: %v", fs)
		}
		if fs := v.ValidateCredential(c); fs.HasErrors() {
			t.Fatalf("converted credential fails validation: %v", fs)
		}
	})
}
