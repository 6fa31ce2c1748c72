package badge

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// TypeIdentityObject is the only type value of an IdentityObject.
const TypeIdentityObject = "IdentityObject"

// ErrBadIdentityHash: an IdentityObject's identityHash is not
// "sha256$<64 hex digits>" or "md5$<32 hex digits>" although hashed is true.
var ErrBadIdentityHash = errors.New("badge: malformed identityHash")

// normalizeEmail is how HashedEmail prepares an address before hashing:
// surrounding white space removed and all letters lower-cased. The domain
// part is case-insensitive by RFC 5321; the local part formally is not,
// but no mail system in use treats it so, and hashing the lower-cased form
// is what lets a recipient who types "Ann@Example.org" match a credential
// issued to "ann@example.org".
func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// HashedEmail returns the IdentityObject for an e-mail recipient, hashed
// as the data model's IdentityHash describes: "sha256$" followed by the
// lower-case hex SHA-256 of the UTF-8 bytes of the normalized address
// (lower-cased and trimmed) followed by salt. Use a fresh random salt per
// credential (NewSalt): without one, anyone can test guesses of the
// address against the hash.
func HashedEmail(email, salt string) IdentityObject {
	sum := sha256.Sum256([]byte(normalizeEmail(email) + salt))
	return IdentityObject{
		Type:         TypeIdentityObject,
		IdentityHash: "sha256$" + hex.EncodeToString(sum[:]),
		IdentityType: IdentifierEmailAddress,
		Hashed:       true,
		Salt:         salt,
	}
}

// NewSalt returns 16 random bytes from crypto/rand as 32 hex digits.
func NewSalt() (string, error) { return newSalt(rand.Reader) }

func newSalt(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("badge: reading random salt: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Matches reports whether the known identifier value (an e-mail address,
// a student id, ...) is the one o identifies, following the recipient
// check of the Open Badges verification steps: for a hashed identity the
// hash of value+salt is compared with identityHash (md5 or sha256, hex in
// either case); otherwise value is compared with identityHash as text.
//
// E-mail addresses are compared without regard to case: the address is
// tried as given and then normalized (lower-cased and trimmed), so a hash made by an
// issuer that did not normalize still matches when the caller has the
// exact spelling. Other identifier types are compared exactly.
//
// The caller decides that the identityType is the one its value has; an
// error is returned only for a malformed hash.
func (o *IdentityObject) Matches(value string) (bool, error) {
	candidates := []string{value}
	if o.IdentityType == IdentifierEmailAddress {
		if n := normalizeEmail(value); n != value {
			candidates = append(candidates, n)
		}
	}
	if !o.Hashed {
		for _, c := range candidates {
			if c == o.IdentityHash || (o.IdentityType == IdentifierEmailAddress && strings.EqualFold(c, o.IdentityHash)) {
				return true, nil
			}
		}
		return false, nil
	}
	alg, digest, ok := strings.Cut(o.IdentityHash, "$")
	if !ok {
		return false, fmt.Errorf("%w: %q has no algorithm prefix", ErrBadIdentityHash, o.IdentityHash)
	}
	want, err := hex.DecodeString(digest)
	if err != nil {
		return false, fmt.Errorf("%w: the digest is not hexadecimal", ErrBadIdentityHash)
	}
	var sum func(string) []byte
	switch strings.ToLower(alg) {
	case "sha256":
		if len(want) != sha256.Size {
			return false, fmt.Errorf("%w: a sha256 digest has 64 hex digits, not %d", ErrBadIdentityHash, len(digest))
		}
		sum = func(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }
	case "md5":
		if len(want) != md5.Size {
			return false, fmt.Errorf("%w: an md5 digest has 32 hex digits, not %d", ErrBadIdentityHash, len(digest))
		}
		sum = func(s string) []byte { h := md5.Sum([]byte(s)); return h[:] }
	default:
		return false, fmt.Errorf("%w: algorithm %q (only sha256 and md5 are defined)", ErrBadIdentityHash, alg)
	}
	for _, c := range candidates {
		if subtle.ConstantTimeCompare(sum(c+o.Salt), want) == 1 {
			return true, nil
		}
	}
	return false, nil
}

// validIdentityHash reports whether h has the IdentityHash syntax.
func validIdentityHash(h string) bool {
	alg, digest, ok := strings.Cut(h, "$")
	if !ok {
		return false
	}
	b, err := hex.DecodeString(digest)
	if err != nil {
		return false
	}
	switch alg {
	case "sha256":
		return len(b) == sha256.Size
	case "md5":
		return len(b) == md5.Size
	}
	return false
}
