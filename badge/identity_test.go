package badge

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
)

func TestHashedEmailSpecExample(t *testing.T) {
	// The data model's own example: sha256("a@example.comKosher").
	got := HashedEmail("a@example.com", "Kosher")
	want := "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
	if got.IdentityHash != want || !got.Hashed || got.Salt != "Kosher" || got.IdentityType != IdentifierEmailAddress || got.Type != TypeIdentityObject {
		t.Fatalf("HashedEmail = %+v, want hash %s", got, want)
	}
}

func TestIdentityMatches(t *testing.T) {
	specHash := "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
	tests := []struct {
		name    string
		id      IdentityObject
		value   string
		want    bool
		wantErr error
	}{
		{"exact address", HashedEmail("a@example.com", "Kosher"), "a@example.com", true, nil},
		{"address in another case (normalized before hashing)", HashedEmail("a@example.com", "Kosher"), "A@Example.COM", true, nil},
		{"address with surrounding space", HashedEmail("a@example.com", "Kosher"), "  a@example.com ", true, nil},
		{"other address", HashedEmail("a@example.com", "Kosher"), "b@example.com", false, nil},
		{"right address, wrong salt", IdentityObject{IdentityHash: specHash, Hashed: true, Salt: "kosher", IdentityType: IdentifierEmailAddress}, "a@example.com", false, nil},
		{"upper-case hex digest", IdentityObject{IdentityHash: "sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399", Hashed: true, Salt: "Kosher", IdentityType: IdentifierEmailAddress}, "a@example.com", true, nil},
		{"issuer hashed a mixed-case address; caller has the exact spelling", func() IdentityObject {
			o := IdentityObject{IdentityHash: "sha256$" + sha256Hex("Ann@Example.org"+"s"), Hashed: true, Salt: "s", IdentityType: IdentifierEmailAddress}
			return o
		}(), "Ann@Example.org", true, nil},
		{"md5", IdentityObject{IdentityHash: "md5$" + md5Hex("a@example.comKosher"), Hashed: true, Salt: "Kosher", IdentityType: IdentifierEmailAddress}, "a@example.com", true, nil},
		{"no salt", IdentityObject{IdentityHash: "sha256$" + sha256Hex("a@example.com"), Hashed: true, IdentityType: IdentifierEmailAddress}, "a@example.com", true, nil},
		{"plaintext e-mail, any case", IdentityObject{IdentityHash: "student@1edtech.edu", IdentityType: IdentifierEmailAddress}, "Student@1EdTech.edu", true, nil},
		{"plaintext student id is exact", IdentityObject{IdentityHash: "AB12", IdentityType: IdentifierSisSourcedID}, "ab12", false, nil},
		{"plaintext student id", IdentityObject{IdentityHash: "AB12", IdentityType: IdentifierSisSourcedID}, "AB12", true, nil},
		{"unknown algorithm", IdentityObject{IdentityHash: "sha1$abcd", Hashed: true}, "x", false, ErrBadIdentityHash},
		{"no algorithm", IdentityObject{IdentityHash: "asdjhsadas", Hashed: true}, "x", false, ErrBadIdentityHash},
		{"short digest", IdentityObject{IdentityHash: "sha256$abcd", Hashed: true}, "x", false, ErrBadIdentityHash},
		{"not hex", IdentityObject{IdentityHash: "sha256$zz", Hashed: true}, "x", false, ErrBadIdentityHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.id.Matches(tt.value)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Matches(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func TestNewSalt(t *testing.T) {
	a, err := NewSalt()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSalt()
	if len(a) != 32 || a == b {
		t.Errorf("salts %q, %q: want 32 hex digits, different each time", a, b)
	}
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func md5Hex(s string) string {
	h := md5.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}
