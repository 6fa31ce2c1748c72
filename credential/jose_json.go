package credential

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/microcred/microcred/internal/strictjson"
)

// rawMember is one top-level member of a JSON object, kept as the exact
// bytes of its key and value.
type rawMember struct {
	name     string
	rawKey   []byte
	rawValue json.RawMessage
}

// splitObject returns the top-level members of a JSON object without
// re-encoding anything, so that what is returned is byte for byte what was
// signed. The object is read by the module's one strict reader: duplicate
// member names, names differing only in case, invalid UTF-8 and lone
// surrogates are refused, because JSON parsers disagree on them and a
// verifier must not read a different value than a later consumer reads.
func splitObject(b []byte) ([]rawMember, error) {
	ms, err := strictjson.Members(b, jsonLimits(b))
	if err != nil {
		return nil, err
	}
	members := make([]rawMember, len(ms))
	for i, m := range ms {
		members[i] = rawMember{name: m.Name(), rawKey: m.RawName, rawValue: m.Value}
	}
	return members, nil
}

// jsonMaxDepth caps the nesting of a JOSE header or JWT payload; a
// credential nests a dozen levels.
const jsonMaxDepth = strictjson.DefaultMaxDepth

// jsonLimits are the reader's limits for b: its size is the caller's to
// cap (JWTVerifyOptions.MaxJWTBytes bounds the whole token, and may be raised
// above DefaultMaxJWTBytes), its nesting jsonMaxDepth.
func jsonLimits(b []byte) strictjson.Limits {
	return strictjson.Limits{MaxBytes: max(len(b), 1), MaxDepth: jsonMaxDepth}
}

// registeredNames are the JOSE header parameters and JWT claims this
// package acts on. A member that equals one of them only when case is
// ignored ("KID", "Iss") is refused: encoding/json, which go-jose and
// many hosts use, would take it for the real one, while this package, which
// reads names exactly, would not.
var (
	headerNames = []string{"alg", "kid", "typ", "cty", "jwk", "crit", "b64", "x5c", "x5u", "x5t", "x5t#S256", "jku", "enc", "zip"}
	claimNames  = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "vc", "vp", "nonce", "cnf"}
)

// checkNames refuses a member named like one of names in another case.
func checkNames(members []rawMember, names []string, where string) error {
	for _, m := range members {
		if want, bad := strictjson.CaseMismatch(m.name, names...); bad {
			return fmt.Errorf("%w: %s member %q is not %q; JOSE names are case-sensitive: %w", errMalformedJWT, where, m.name, want, strictjson.ErrFieldCase)
		}
	}
	return nil
}

// joinObject writes members back as a compact object. Values keep their
// original bytes.
func joinObject(members []rawMember) []byte {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(m.rawKey)
		buf.WriteByte(':')
		buf.Write(m.rawValue)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// withoutMembers returns the members whose names are not in drop.
func withoutMembers(members []rawMember, drop ...string) []rawMember {
	return slices.DeleteFunc(slices.Clone(members), func(m rawMember) bool {
		return slices.Contains(drop, m.name)
	})
}

func member(members []rawMember, name string) (json.RawMessage, bool) {
	for _, m := range members {
		if m.name == name {
			return m.rawValue, true
		}
	}
	return nil, false
}
