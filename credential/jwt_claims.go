package credential

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/microcred/microcred/internal/strictjson"
)

// registeredClaims are the RFC 7519 section 4.1 claim names. None is an
// Open Badges or VC term, so removing them from an Open Badges VC-JWT
// payload leaves exactly the credential.
var registeredClaims = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}

// jwtClaims are the claims this package evaluates, read from the payload.
type jwtClaims struct {
	iss, sub, jti, nonce *string
	aud                  []string
	nbf, exp, iat        *float64
}

func readClaims(members []rawMember) (*jwtClaims, error) {
	c := &jwtClaims{}
	for _, name := range []string{"iss", "sub", "jti", "nonce"} {
		raw, ok := member(members, name)
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%w: claim %q must be a string", errMalformedJWT, name)
		}
		switch name {
		case "iss":
			c.iss = &s
		case "sub":
			c.sub = &s
		case "jti":
			c.jti = &s
		case "nonce":
			c.nonce = &s
		}
	}
	if raw, ok := member(members, "aud"); ok {
		var list StringOrList
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("%w: claim \"aud\" must be a string or array of strings", errMalformedJWT)
		}
		c.aud = list
	}
	for _, name := range []string{"nbf", "exp"} {
		raw, ok := member(members, name)
		if !ok {
			continue
		}
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
			return nil, fmt.Errorf("%w: claim %q must be a NumericDate (seconds since 1970)", errMalformedJWT, name)
		}
		if name == "nbf" {
			c.nbf = &f
		} else {
			c.exp = &f
		}
	}
	// "iat" is read only when it is a NumericDate: the W3C test suite's
	// own tokens carry it as a date string, and neither Open Badges 3.0
	// nor VC-JOSE-COSE gives it a meaning that would justify refusing one.
	if raw, ok := member(members, "iat"); ok {
		var f float64
		if json.Unmarshal(raw, &f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) <= 1e12 {
			c.iat = &f
		}
	}
	return c, nil
}

// body is the part of a credential or presentation the claims are checked
// against.
type body struct {
	id, issuer, holder           string
	subjectIDs                   []string
	validFrom, validUntil        string
	issuanceDate, expirationDate string
	hasVC, hasVP                 bool
}

func readBody(members []rawMember) (*body, error) {
	b := &body{}
	str := func(name string) (string, error) {
		raw, ok := member(members, name)
		if !ok {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("%w: %q must be a string", errMalformedJWT, name)
		}
		return s, nil
	}
	var err error
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"id", &b.id}, {"validFrom", &b.validFrom}, {"validUntil", &b.validUntil},
		{"issuanceDate", &b.issuanceDate}, {"expirationDate", &b.expirationDate},
	} {
		if *f.dst, err = str(f.name); err != nil {
			return nil, err
		}
	}
	if b.issuer, err = idOf(members, "issuer"); err != nil {
		return nil, err
	}
	if b.holder, err = idOf(members, "holder"); err != nil {
		return nil, err
	}
	if raw, ok := member(members, "credentialSubject"); ok {
		raw = bytes.TrimSpace(raw)
		var subjects []json.RawMessage
		if len(raw) > 0 && raw[0] == '[' {
			if err := json.Unmarshal(raw, &subjects); err != nil {
				return nil, fmt.Errorf("%w: credentialSubject: %v", errMalformedJWT, err)
			}
		} else {
			subjects = []json.RawMessage{raw}
		}
		for _, s := range subjects {
			var v struct {
				ID string `json:"id"`
			}
			if err := strictjson.Unmarshal(s, &v, jsonLimits(s)); err != nil {
				return nil, fmt.Errorf("%w: credentialSubject must be an object: %w", errMalformedJWT, err)
			}
			if v.ID != "" {
				b.subjectIDs = append(b.subjectIDs, v.ID)
			}
		}
	}
	_, b.hasVC = member(members, "vc")
	_, b.hasVP = member(members, "vp")
	return b, nil
}

// idOf reads a member that is either an id string or an object with "id"
// (issuer, holder).
func idOf(members []rawMember, name string) (string, error) {
	raw, ok := member(members, name)
	if !ok {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var v struct {
		ID string `json:"id"`
	}
	if err := strictjson.Unmarshal(raw, &v, jsonLimits(raw)); err != nil {
		return "", fmt.Errorf("%w: %q must be a string or an object with an id: %w", errMalformedJWT, name, err)
	}
	return v.ID, nil
}

// parseDateTime reads an XML Schema dateTime with a time zone, as VC and
// Open Badges require.
func parseDateTime(member, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s %q is not a dateTime with time zone: %v", errMalformedJWT, member, s, err)
	}
	return t, nil
}

// matchString compares a string claim with a credential member.
func matchString(claim string, jwt *string, memberName, value string) error {
	if jwt == nil || *jwt == value {
		return nil
	}
	return &ClaimMismatchError{Claim: claim, Member: memberName, JWT: *jwt, Value: value}
}

// matchDate compares a NumericDate claim with a dateTime member to the
// second: NumericDate has no required sub-second precision, so a validFrom
// of 12:00:00.5 is carried as nbf 12:00:00.
func matchDate(claim string, jwt *float64, memberName, value string) error {
	if jwt == nil || value == "" {
		return nil
	}
	t, err := parseDateTime(memberName, value)
	if err != nil {
		return err
	}
	if int64(math.Floor(*jwt)) != t.Unix() {
		return &ClaimMismatchError{Claim: claim, Member: memberName,
			JWT: fmt.Sprintf("%v (%s)", *jwt, numericDate(*jwt).Format(time.RFC3339)), Value: value}
	}
	return nil
}

func numericDate(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// JWTClaims are the registered claims of a verified token, as signed.
// Nothing in them has been compared with a clock: that is ValidateTime.
type JWTClaims struct {
	Issuer   string   // iss
	Subject  string   // sub
	ID       string   // jti
	Audience []string // aud
	Nonce    string   // nonce (a presentation's challenge)
	// NotBefore, Expiry and IssuedAt are nbf, exp and iat; zero when the
	// token has none. An iat that is not a NumericDate (the W3C test
	// suite writes dates as strings) is left zero, not refused: neither
	// Open Badges 3.0 nor VC-JOSE-COSE gives iat a meaning for validity.
	NotBefore, Expiry, IssuedAt time.Time
}

// ValidateTime checks nbf, exp and iat against now, tolerating skew
// either way for clocks that disagree; a negative skew counts as none.
// The errors wrap ErrNotYetValid or ErrExpired.
func (c *JWTClaims) ValidateTime(now time.Time, skew time.Duration) error {
	var nb, ex *time.Time
	if !c.NotBefore.IsZero() {
		nb = &c.NotBefore
	}
	if !c.Expiry.IsZero() {
		ex = &c.Expiry
	}
	if err := checkWindow("JWT", nb, ex, now, skew); err != nil {
		return err
	}
	if !c.IssuedAt.IsZero() && now.Add(max(skew, 0)).Before(c.IssuedAt) {
		return fmt.Errorf("%w: JWT issued at %s, after now (%s)", ErrNotYetValid, c.IssuedAt.Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

func (c *jwtClaims) public() JWTClaims {
	var out JWTClaims
	for _, f := range []struct {
		src *string
		dst *string
	}{{c.iss, &out.Issuer}, {c.sub, &out.Subject}, {c.jti, &out.ID}, {c.nonce, &out.Nonce}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	out.Audience = c.aud
	for _, f := range []struct {
		src *float64
		dst *time.Time
	}{{c.nbf, &out.NotBefore}, {c.exp, &out.Expiry}, {c.iat, &out.IssuedAt}} {
		if f.src != nil {
			*f.dst = numericDate(*f.src)
		}
	}
	return out
}

// checkWindow enforces not-before and expiry with skew.
func checkWindow(what string, notBefore, expires *time.Time, now time.Time, skew time.Duration) error {
	skew = max(skew, 0)
	if notBefore != nil && now.Add(skew).Before(*notBefore) {
		return fmt.Errorf("%w: %s not before %s (now %s)", ErrNotYetValid, what, notBefore.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if expires != nil && !now.Add(-skew).Before(*expires) {
		return fmt.Errorf("%w: %s expired at %s (now %s)", ErrExpired, what, expires.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// bodyWindow checks validFrom/validUntil (or the VC 1.1 issuanceDate and
// expirationDate).
func bodyWindow(b *body, now time.Time, skew time.Duration) error {
	var nb, ex *time.Time
	from, fromName := b.validFrom, "validFrom"
	if from == "" {
		from, fromName = b.issuanceDate, "issuanceDate"
	}
	until, untilName := b.validUntil, "validUntil"
	if until == "" {
		until, untilName = b.expirationDate, "expirationDate"
	}
	if from != "" {
		t, err := parseDateTime(fromName, from)
		if err != nil {
			return err
		}
		nb = &t
	}
	if until != "" {
		t, err := parseDateTime(untilName, until)
		if err != nil {
			return err
		}
		ex = &t
	}
	return checkWindow("credential", nb, ex, now, skew)
}

func quoteJSON(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// dateOf renders a NumericDate as a VC dateTime.
func dateOf(f float64) string {
	return numericDate(f).Format(time.RFC3339)
}
