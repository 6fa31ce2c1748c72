package credential

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// JWTFormat names the way a JWT carries a credential.
type JWTFormat string

const (
	// FormatOpenBadgesJWT is the Open Badges 3.0 VC-JWT: the payload is
	// the credential plus iss, jti, nbf, sub and exp claims; typ "JWT".
	FormatOpenBadgesJWT JWTFormat = "openbadges-vc-jwt"
	// FormatVC11JWT is a VC Data Model 1.1 JWT: the credential is in the
	// "vc" claim.
	FormatVC11JWT JWTFormat = "vc-1.1-jwt"
	// FormatVCJWT is VC-JOSE-COSE application/vc+jwt: the payload is the
	// credential itself; typ "vc+jwt".
	FormatVCJWT JWTFormat = "vc+jwt"
	// FormatVPJWT is VC-JOSE-COSE application/vp+jwt.
	FormatVPJWT JWTFormat = "vp+jwt"
)

// JWTHeader is the protected header of a verified token: the members alg,
// kid, typ, cty and jwk as signed.
type JWTHeader struct {
	Alg string          // the signature algorithm, one of the allowlist
	Kid string          // the key id: a DID URL the Resolver dereferences
	Typ string          // the media type of the token: vc+jwt, vp+jwt, JWT, ...
	Cty string          // the content type, when the token sets one
	JWK json.RawMessage // the embedded public key, if any
}

// JWTResult is a verified credential JWT.
type JWTResult struct {
	// Format is the kind of token, which decides how Credential was read.
	Format JWTFormat
	// Credential is the credential JSON. For vc+jwt it is the payload
	// exactly; for an Open Badges VC-JWT it is the payload without the
	// RFC 7519 registered claims; for a VC 1.1 JWT it is the "vc" claim.
	// Member values are always the signed bytes, unchanged.
	Credential []byte
	// Payload is the decoded JWT payload exactly as signed.
	Payload []byte
	// Header is the token's protected header.
	Header JWTHeader
	// Claims are the token's registered claims. They agree with the
	// credential as the format requires; their times are unchecked.
	Claims JWTClaims
	// VerificationMethod is the key that verified the signature; its ID is
	// the kid (empty when the key was embedded as jwk), its Source says
	// where it came from.
	VerificationMethod *VerificationMethod
	// EmbeddedKey reports that the key came from the token's jwk header.
	EmbeddedKey bool
	// AddedFromClaims lists credential members that were absent and filled
	// in from JWT claims, as the VC 1.1 and Open Badges rules direct (for
	// example "issuer" from iss, "validUntil" from exp). Empty means
	// Credential is the signed credential with no member added.
	AddedFromClaims []string
	// Issuer is the credential's issuer id. Whether the key belongs to it
	// is KeyBoundTo's question.
	Issuer string
	// Warnings are departures from the format that verification tolerates
	// because the reference implementations do.
	Warnings []string

	body *body // the credential's dates, for ValidateTime
}

// KeyBoundTo reports whether the key that verified the token belongs to
// id, usually the credential's Issuer: the verification method's
// controller (or, failing that, its DID) must be id, and a key given only
// in the jwk header must be id's own did:key or did:jwk. The error wraps
// ErrKeyNotBound. Whether to accept a key
// that is not bound (a host that trusts an embedded key by other means) is
// the caller's decision, and package verify's policy.
func (r *JWTResult) KeyBoundTo(id string) error {
	return keyBoundTo(r.VerificationMethod, r.EmbeddedKey, id)
}

// ValidateTime checks the token's nbf, exp and iat and the credential's
// validFrom and validUntil (issuanceDate and expirationDate for VC 1.1)
// against now, with skew either way; a negative skew counts as none.
// The errors wrap ErrNotYetValid or ErrExpired.
func (r *JWTResult) ValidateTime(now time.Time, skew time.Duration) error {
	if err := r.Claims.ValidateTime(now, skew); err != nil {
		return err
	}
	if r.body == nil {
		return nil
	}
	return bodyWindow(r.body, now, skew)
}

// SignJWT seals an Open Badges 3.0 credential as a VC-JWT (OB 3.0
// section 8.2): the payload is the credential plus iss (issuer id), jti
// (id), nbf (validFrom), sub (credentialSubject.id, if any) and exp
// (validUntil, if any); the header is alg, typ "JWT", and kid or jwk.
// The credential's strings and numbers keep their bytes; only
// insignificant whitespace is dropped.
func SignJWT(ctx context.Context, credentialJSON []byte, signer crypto.Signer, opts JWTOptions) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	members, b, err := readCredentialForSigning(credentialJSON)
	if err != nil {
		return "", err
	}
	for _, name := range append(registeredClaims, "vc", "vp") {
		if _, ok := member(members, name); ok {
			return "", fmt.Errorf("%w: the credential already has a %q member; a VC-JWT adds the JWT claims itself", errMalformedJWT, name)
		}
	}
	if b.issuer == "" {
		return "", fmt.Errorf("%w: iss needs the credential's issuer id", errMissingClaim)
	}
	if b.id == "" {
		return "", fmt.Errorf("%w: jti needs the credential's id", errMissingClaim)
	}
	from := b.validFrom
	if from == "" {
		from = b.issuanceDate
	}
	if from == "" {
		return "", fmt.Errorf("%w: nbf needs the credential's validFrom", errMissingClaim)
	}
	if len(b.subjectIDs) > 1 {
		return "", fmt.Errorf("%w: sub can name one credentialSubject, this credential has %d", errMalformedJWT, len(b.subjectIDs))
	}
	if err := checkSignerIsIssuer(opts.KeyID, b.issuer); err != nil {
		return "", err
	}
	claims := []rawMember{{name: "iss", rawValue: quoteJSON(b.issuer)}, {name: "jti", rawValue: quoteJSON(b.id)}}
	t, err := parseDateTime("validFrom", from)
	if err != nil {
		return "", err
	}
	claims = append(claims, rawMember{name: "nbf", rawValue: json.RawMessage(fmt.Sprint(t.Unix()))})
	if len(b.subjectIDs) == 1 {
		claims = append(claims, rawMember{name: "sub", rawValue: quoteJSON(b.subjectIDs[0])})
	}
	until := b.validUntil
	if until == "" {
		until = b.expirationDate
	}
	if until != "" {
		t, err := parseDateTime("validUntil", until)
		if err != nil {
			return "", err
		}
		claims = append(claims, rawMember{name: "exp", rawValue: json.RawMessage(fmt.Sprint(t.Unix()))})
	}
	for i := range claims {
		claims[i].rawKey = quoteJSON(claims[i].name)
	}
	return signCompact(signer, joinObject(append(members, claims...)), "JWT", "", &opts)
}

// readCredentialForSigning checks that credentialJSON is one JSON object
// without duplicate members and reads what the claims need.
func readCredentialForSigning(credentialJSON []byte) ([]rawMember, *body, error) {
	members, err := splitCompact(credentialJSON)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: credential: %v", errMalformedJWT, err)
	}
	b, err := readBody(members)
	if err != nil {
		return nil, nil, err
	}
	return members, b, nil
}

// splitCompact compacts b (json.Compact removes only insignificant
// whitespace; strings and numbers keep their bytes) and splits the object.
func splitCompact(b []byte) ([]rawMember, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return nil, err
	}
	return splitObject(buf.Bytes())
}

// checkSignerIsIssuer refuses, at signing time, a DID URL kid whose DID is
// not the issuer: such a token can never verify.
func checkSignerIsIssuer(kid, issuer string) error {
	if !strings.HasPrefix(kid, "did:") {
		return nil
	}
	did, _, _ := strings.Cut(kid, "#")
	if did != issuer {
		return fmt.Errorf("%w: kid %q belongs to %q, but the issuer is %q", errIssuerKeyMismatch, kid, did, issuer)
	}
	return nil
}

// VerifyJWT verifies a credential JWT: an Open Badges 3.0 VC-JWT, a VC 1.1
// JWT ("vc" claim) or a VC-JOSE-COSE vc+jwt, told apart by typ and the
// "vc" claim. It checks, in order: size and syntax; the algorithm against
// the allowlist (never none or HMAC); the key (kid through the resolver,
// or jwk) and that the algorithm fits it; the signature; and that the
// registered claims agree with the credential. A key that cannot be
// resolved gives a *KeyError. Presentations (vp+jwt) are refused: use
// VerifyPresentationJWT.
//
// What VerifyJWT establishes is that the key in the result signed this
// credential. Whether that key belongs to the issuer and whether the
// token is current are separate questions, answered by
// [JWTResult.KeyBoundTo] and [JWTResult.ValidateTime]; a caller that
// skips them accepts any signer at any time. Package verify asks both.
func VerifyJWT(ctx context.Context, token string, opts JWTVerifyOptions) (*JWTResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := parseCompact(strings.TrimSpace(token), &opts)
	if err != nil {
		return nil, err
	}
	var format JWTFormat
	switch typ := strings.ToLower(p.header.Typ); typ {
	case "", "jwt":
		format = FormatOpenBadgesJWT
	case "vc+jwt", "application/vc+jwt", "vc+ld+jwt":
		format = FormatVCJWT
		switch strings.ToLower(p.header.Cty) {
		case "", "vc", "application/vc", "vc+ld+json", "credential+ld+json":
		default:
			return nil, fmt.Errorf("%w: cty %q with typ %q (want \"vc\")", errBadMediaType, p.header.Cty, p.header.Typ)
		}
	case "vp+jwt", "application/vp+jwt", "vp+ld+jwt":
		return nil, fmt.Errorf("%w: typ %q is a presentation; use VerifyPresentationJWT", errBadMediaType, p.header.Typ)
	case "vc+sd-jwt", "dc+sd-jwt", "vp+sd-jwt":
		return nil, fmt.Errorf("%w: SD-JWT (typ %q) is not supported", errUnsupportedFormat, p.header.Typ)
	default:
		return nil, fmt.Errorf("%w: typ %q (want \"JWT\" for an Open Badges VC-JWT or \"vc+jwt\")", errBadMediaType, p.header.Typ)
	}
	sp, err := verifyPayload(ctx, p, AssertionMethod, &opts)
	if err != nil {
		return nil, err
	}
	vm, embedded, members, claims := sp.vm, sp.embedded, sp.members, sp.claims
	res := &JWTResult{
		Format:             format,
		Payload:            p.payload,
		Header:             p.publicHeader(),
		Claims:             claims.public(),
		VerificationMethod: vm,
		EmbeddedKey:        embedded,
	}
	var b *body
	switch {
	case format == FormatVCJWT:
		b, err = checkVCJWT(members, claims, res)
	case hasMember(members, "vc"):
		res.Format = FormatVC11JWT
		b, err = checkVC11(members, claims, res)
	default:
		b, err = checkOpenBadgesJWT(members, claims, res)
	}
	if err != nil {
		return nil, err
	}
	if b.issuer == "" {
		return nil, fmt.Errorf("%w: the credential has no issuer", errMissingClaim)
	}
	res.Issuer, res.body = b.issuer, b
	return res, nil
}

func hasMember(members []rawMember, name string) bool {
	_, ok := member(members, name)
	return ok
}

// checkOpenBadgesJWT applies OB 3.0 section 8.2.4.1: iss, jti, nbf (and
// sub for a subject with an id) must be present and equal the credential's
// issuer.id, id, validFrom and credentialSubject.id; exp, if present, must
// equal validUntil or becomes it.
func checkOpenBadgesJWT(members []rawMember, c *jwtClaims, res *JWTResult) (*body, error) {
	credMembers := withoutMembers(members, registeredClaims...)
	b, err := readBody(credMembers)
	if err != nil {
		return nil, err
	}
	if b.hasVP {
		return nil, fmt.Errorf("%w: a credential JWT must not carry a \"vp\" claim", errMalformedJWT)
	}
	from, fromName := b.validFrom, "validFrom"
	if from == "" && b.issuanceDate != "" {
		from, fromName = b.issuanceDate, "issuanceDate"
	}
	until, untilName := b.validUntil, "validUntil"
	if until == "" && b.expirationDate != "" {
		until, untilName = b.expirationDate, "expirationDate"
	}
	for _, req := range []struct {
		claim   string
		present bool
	}{{"iss", c.iss != nil}, {"jti", c.jti != nil}, {"nbf", c.nbf != nil}} {
		if !req.present {
			return nil, fmt.Errorf("%w: Open Badges VC-JWT needs %q", errMissingClaim, req.claim)
		}
	}
	if len(b.subjectIDs) > 0 && c.sub == nil {
		// OB 3.0 says sub MUST be present, but the 1EdTech validator accepts
		// its own sample without one (it carries the subject in aud); so
		// this is a warning, and a sub that is present must still agree.
		res.Warnings = append(res.Warnings, fmt.Sprintf("no \"sub\" claim for credentialSubject.id %q (Open Badges 3.0 requires one)", b.subjectIDs[0]))
	}
	if err := matchString("iss", c.iss, "issuer.id", b.issuer); err != nil {
		return nil, err
	}
	if err := matchString("jti", c.jti, "id", b.id); err != nil {
		return nil, err
	}
	if c.sub != nil && !slices.Contains(b.subjectIDs, *c.sub) {
		return nil, &ClaimMismatchError{Claim: "sub", Member: "credentialSubject.id", JWT: *c.sub, Value: strings.Join(b.subjectIDs, ", ")}
	}
	if from == "" {
		return nil, fmt.Errorf("%w: the credential has no validFrom for nbf to match", errMissingClaim)
	}
	if err := matchDate("nbf", c.nbf, fromName, from); err != nil {
		return nil, err
	}
	if until != "" && c.exp == nil {
		return nil, fmt.Errorf("%w: Open Badges VC-JWT needs \"exp\" when the credential has %s", errMissingClaim, untilName)
	}
	if err := matchDate("exp", c.exp, untilName, until); err != nil {
		return nil, err
	}
	// OB 3.0: the exp claim "MUST be used to set the value of the
	// validUntil" when the credential has none.
	if c.exp != nil && until == "" {
		credMembers = prepend(credMembers, "validUntil", quoteJSON(dateOf(*c.exp)))
		res.AddedFromClaims = append(res.AddedFromClaims, "validUntil")
		b.validUntil = dateOf(*c.exp)
	}
	res.Credential = joinObject(credMembers)
	return b, nil
}

// checkVC11 applies the VC Data Model 1.1 JWT decoding rules (section
// 6.3.1): iss, jti, sub, nbf and exp stand for issuer, id,
// credentialSubject.id, issuanceDate and expirationDate; a member the vc
// claim lacks is filled in from its claim, and one it has must agree.
func checkVC11(members []rawMember, c *jwtClaims, res *JWTResult) (*body, error) {
	if hasMember(members, "vp") {
		return nil, fmt.Errorf("%w: a credential JWT must not carry a \"vp\" claim", errMalformedJWT)
	}
	raw, _ := member(members, "vc")
	vcMembers, err := splitObject(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: the \"vc\" claim must be a JSON object: %v", errMalformedJWT, err)
	}
	b, err := readBody(vcMembers)
	if err != nil {
		return nil, err
	}
	if err := matchIfBoth("iss", c.iss, "issuer.id", b.issuer); err != nil {
		return nil, err
	}
	if err := matchIfBoth("jti", c.jti, "id", b.id); err != nil {
		return nil, err
	}
	if c.sub != nil && len(b.subjectIDs) > 0 && !slices.Contains(b.subjectIDs, *c.sub) {
		return nil, &ClaimMismatchError{Claim: "sub", Member: "credentialSubject.id", JWT: *c.sub, Value: strings.Join(b.subjectIDs, ", ")}
	}
	from, fromName := b.issuanceDate, "issuanceDate"
	if from == "" && b.validFrom != "" {
		from, fromName = b.validFrom, "validFrom"
	}
	if err := matchDate("nbf", c.nbf, fromName, from); err != nil {
		return nil, err
	}
	until, untilName := b.expirationDate, "expirationDate"
	if until == "" && b.validUntil != "" {
		until, untilName = b.validUntil, "validUntil"
	}
	if err := matchDate("exp", c.exp, untilName, until); err != nil {
		return nil, err
	}
	added := false
	add := func(name string, v json.RawMessage) {
		vcMembers = prepend(vcMembers, name, v)
		res.AddedFromClaims = append(res.AddedFromClaims, name)
		added = true
	}
	// Prepending in reverse keeps the added members in a natural order.
	if c.exp != nil && until == "" {
		add("expirationDate", quoteJSON(dateOf(*c.exp)))
		b.expirationDate = dateOf(*c.exp)
	}
	if c.nbf != nil && from == "" {
		add("issuanceDate", quoteJSON(dateOf(*c.nbf)))
		b.issuanceDate = dateOf(*c.nbf)
	}
	if c.jti != nil && b.id == "" {
		add("id", quoteJSON(*c.jti))
		b.id = *c.jti
	}
	if c.iss != nil && b.issuer == "" {
		add("issuer", quoteJSON(*c.iss))
		b.issuer = *c.iss
	}
	if c.sub != nil && len(b.subjectIDs) == 0 {
		if vcMembers, err = setSubjectID(vcMembers, *c.sub); err != nil {
			return nil, err
		}
		res.AddedFromClaims = append(res.AddedFromClaims, "credentialSubject.id")
		b.subjectIDs = []string{*c.sub}
		added = true
	}
	if added {
		res.Credential = joinObject(vcMembers)
	} else {
		res.Credential = bytes.Clone(raw)
	}
	return b, nil
}

func matchIfBoth(claim string, jwt *string, memberName, value string) error {
	if value == "" {
		return nil
	}
	return matchString(claim, jwt, memberName, value)
}

func prepend(members []rawMember, name string, v json.RawMessage) []rawMember {
	return append([]rawMember{{name: name, rawKey: quoteJSON(name), rawValue: v}}, members...)
}

// setSubjectID adds "id" to a single credentialSubject object.
func setSubjectID(members []rawMember, id string) ([]rawMember, error) {
	for i, m := range members {
		if m.name != "credentialSubject" {
			continue
		}
		sub, err := splitObject(m.rawValue)
		if err != nil {
			return nil, fmt.Errorf("%w: sub names one subject but credentialSubject is not one object", errMalformedJWT)
		}
		out := append([]rawMember(nil), members...)
		out[i].rawValue = joinObject(prepend(sub, "id", quoteJSON(id)))
		return out, nil
	}
	return prepend(members, "credentialSubject", joinObject(prepend(nil, "id", quoteJSON(id)))), nil
}

// checkVCJWT applies VC-JOSE-COSE section 3.1.1 to a vc+jwt payload: it is
// the credential; "vc" and "vp" claims are forbidden; iss, jti and sub,
// where present, must agree with issuer, id and credentialSubject.id.
func checkVCJWT(members []rawMember, c *jwtClaims, res *JWTResult) (*body, error) {
	b, err := readBody(members)
	if err != nil {
		return nil, err
	}
	if b.hasVC || b.hasVP {
		return nil, fmt.Errorf("%w: a vc+jwt payload must not have \"vc\" or \"vp\" claims (VC-JOSE-COSE 3.1.1)", errMalformedJWT)
	}
	if err := matchString("iss", c.iss, "issuer.id", b.issuer); err != nil {
		return nil, err
	}
	if err := matchIfBoth("jti", c.jti, "id", b.id); err != nil {
		return nil, err
	}
	if c.sub != nil && len(b.subjectIDs) > 0 && !slices.Contains(b.subjectIDs, *c.sub) {
		return nil, &ClaimMismatchError{Claim: "sub", Member: "credentialSubject.id", JWT: *c.sub, Value: strings.Join(b.subjectIDs, ", ")}
	}
	res.Credential = bytes.Clone(res.Payload)
	return b, nil
}
