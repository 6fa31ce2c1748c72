package credential

import (
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/internal/strictjson"
)

// MaxPresentationCredentials bounds how many enveloped credentials
// VerifyPresentationJWT verifies in one presentation.
const MaxPresentationCredentials = 256

// envelopePrefix is the data: URL prefix of a vc+jwt enveloped credential
// (VC-JOSE-COSE section 3.1.2 and VC Data Model 2.0 section 4.13).
const envelopePrefix = "data:application/vc+jwt,"

// SignVCJWT secures a credential as VC-JOSE-COSE application/vc+jwt: the
// payload is the credential (insignificant whitespace removed, nothing
// added),
// the header has typ "vc+jwt", cty "vc", and kid or jwk.
func SignVCJWT(ctx context.Context, credentialJSON []byte, signer crypto.Signer, opts JWTOptions) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	members, b, err := readCredentialForSigning(credentialJSON)
	if err != nil {
		return "", err
	}
	if b.hasVC || b.hasVP {
		return "", fmt.Errorf("%w: a vc+jwt credential must not have \"vc\" or \"vp\" members", ErrMalformedJWT)
	}
	if b.issuer == "" {
		return "", fmt.Errorf("%w: the credential has no issuer", ErrMissingClaim)
	}
	if err := checkSignerIsIssuer(opts.KeyID, b.issuer); err != nil {
		return "", err
	}
	return signCompact(signer, joinObject(members), "vc+jwt", "vc", &opts)
}

// EnvelopeCredential wraps a vc+jwt token as an EnvelopedVerifiableCredential,
// the form a presentation's verifiableCredential list carries.
func EnvelopeCredential(token string) ([]byte, error) {
	return json.Marshal(struct {
		Context string `json:"@context"`
		ID      string `json:"id"`
		Type    string `json:"type"`
	}{"https://www.w3.org/ns/credentials/v2", envelopePrefix + token, "EnvelopedVerifiableCredential"})
}

// ParseEnvelopedCredential returns the vc+jwt token of an
// EnvelopedVerifiableCredential object. Other media types (COSE, SD-JWT)
// give ErrUnsupportedFormat.
func ParseEnvelopedCredential(envelope []byte) (string, error) {
	var e struct {
		ID   string       `json:"id"`
		Type StringOrList `json:"type"`
	}
	// Case-sensitively: "ID" or "TYPE" must not name the token a
	// case-sensitive reader of the presentation does not see.
	if err := strictjson.Unmarshal(envelope, &e, jsonLimits(envelope)); err != nil {
		return "", fmt.Errorf("%w: credential in presentation is not a well-formed object: %w", ErrMalformedJWT, err)
	}
	if !slices.Contains(e.Type, "EnvelopedVerifiableCredential") {
		return "", fmt.Errorf("%w: a vp+jwt may carry only EnvelopedVerifiableCredential entries, got type %q (VC-JOSE-COSE 3.2.2)", ErrUnsecuredCredential, []string(e.Type))
	}
	switch {
	case strings.HasPrefix(e.ID, envelopePrefix):
		return strings.TrimPrefix(e.ID, envelopePrefix), nil
	case strings.HasPrefix(e.ID, "data:application/vc+sd-jwt"), strings.HasPrefix(e.ID, "data:application/vc+cose"):
		mt, _, _ := strings.Cut(strings.TrimPrefix(e.ID, "data:"), ",")
		return "", fmt.Errorf("%w: enveloped credential of media type %q", ErrUnsupportedFormat, mt)
	}
	return "", fmt.Errorf("%w: enveloped credential id %.60q is not a data:application/vc+jwt URL", ErrUnsecuredCredential, e.ID)
}

// SignPresentationJWT secures a presentation as VC-JOSE-COSE
// application/vp+jwt. opts.Nonce and opts.Audience, when set, are added as
// the "nonce" and "aud" claims (the challenge and domain a verifier asked
// for). Its verifiableCredential entries should be EnvelopeCredential
// results: VerifyPresentationJWT accepts nothing else.
func SignPresentationJWT(ctx context.Context, presentationJSON []byte, signer crypto.Signer, opts JWTOptions) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	members, err := splitCompact(presentationJSON)
	if err != nil {
		return "", fmt.Errorf("%w: presentation: %v", ErrMalformedJWT, err)
	}
	b, err := readBody(members)
	if err != nil {
		return "", err
	}
	if b.hasVC || b.hasVP {
		return "", fmt.Errorf("%w: a vp+jwt presentation must not have \"vc\" or \"vp\" members", ErrMalformedJWT)
	}
	if b.holder != "" {
		if err := checkSignerIsIssuer(opts.KeyID, b.holder); err != nil {
			return "", err
		}
	}
	for _, c := range []struct{ name, value string }{{"nonce", opts.Nonce}, {"aud", opts.Audience}} {
		if c.value == "" {
			continue
		}
		if hasMember(members, c.name) {
			return "", fmt.Errorf("%w: the presentation already has a %q member", ErrMalformedJWT, c.name)
		}
		members = append(members, rawMember{name: c.name, rawKey: quoteJSON(c.name), rawValue: quoteJSON(c.value)})
	}
	return signCompact(signer, joinObject(members), "vp+jwt", "vp", &opts)
}

// JWTPresentationResult is a verified vp+jwt.
type JWTPresentationResult struct {
	// Presentation is the payload exactly as signed (including nonce and
	// aud claims, if any).
	Presentation       []byte
	Header             JWTHeader
	VerificationMethod *VerificationMethod
	EmbeddedKey        bool
	Holder             string
	// Credentials are the enveloped credentials, each verified, in order.
	Credentials []*JWTResult
}

// VerifyPresentationJWT verifies a VC-JOSE-COSE vp+jwt and every credential
// it envelops. The presentation's key must belong to its holder (when it
// names one); opts.Challenge and opts.Domain, when set, must equal the
// nonce and aud claims. A credential that is not an enveloped vc+jwt, or
// that fails verification, fails the presentation.
func VerifyPresentationJWT(ctx context.Context, token string, opts JWTVerifyOptions) (*JWTPresentationResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := parseCompact(strings.TrimSpace(token), &opts)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(p.header.Typ) {
	case "vp+jwt", "application/vp+jwt", "vp+ld+jwt":
	default:
		return nil, fmt.Errorf("%w: typ %q (want \"vp+jwt\")", ErrBadMediaType, p.header.Typ)
	}
	switch strings.ToLower(p.header.Cty) {
	case "", "vp", "application/vp", "vp+ld+json":
	default:
		return nil, fmt.Errorf("%w: cty %q (want \"vp\")", ErrBadMediaType, p.header.Cty)
	}
	sp, err := verifyPayload(ctx, p, Authentication, &opts)
	if err != nil {
		return nil, err
	}
	vm, embedded, members, claims := sp.vm, sp.embedded, sp.members, sp.claims
	b, err := readBody(members)
	if err != nil {
		return nil, err
	}
	if b.hasVC || b.hasVP {
		return nil, fmt.Errorf("%w: a vp+jwt payload must not have \"vc\" or \"vp\" claims", ErrMalformedJWT)
	}
	if err := matchIfBoth("iss", claims.iss, "holder", b.holder); err != nil {
		return nil, err
	}
	holder := b.holder
	if holder == "" && claims.iss != nil {
		holder = *claims.iss
	}
	if err := keyBoundTo(vm, embedded, holder, &opts); err != nil {
		return nil, err
	}
	if opts.Challenge != "" && (claims.nonce == nil || *claims.nonce != opts.Challenge) {
		return nil, fmt.Errorf("%w: nonce %s, want challenge %q", ErrClaimMismatch, quoteOrMissing(claims.nonce), opts.Challenge)
	}
	if opts.Domain != "" && !slices.Contains(claims.aud, opts.Domain) {
		return nil, fmt.Errorf("%w: aud %q, want domain %q", ErrClaimMismatch, claims.aud, opts.Domain)
	}
	if err := claimWindow(claims, &opts); err != nil {
		return nil, err
	}
	res := &JWTPresentationResult{
		Presentation:       p.payload,
		Header:             p.publicHeader(),
		VerificationMethod: vm,
		EmbeddedKey:        embedded,
		Holder:             holder,
	}
	raw, ok := member(members, "verifiableCredential")
	if !ok {
		return res, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw} // a single credential need not be in an array
	}
	if len(list) > MaxPresentationCredentials {
		return nil, fmt.Errorf("%w: %d credentials in one presentation, limit %d", ErrJWTTooLarge, len(list), MaxPresentationCredentials)
	}
	inner := opts
	inner.Challenge, inner.Domain = "", ""
	for i, env := range list {
		tok, err := ParseEnvelopedCredential(env)
		if err != nil {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		cred, err := VerifyJWT(ctx, tok, inner)
		if err != nil {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		if cred.Format != FormatVCJWT {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w: an application/vc+jwt envelope holds a %s token", i, ErrBadMediaType, cred.Format)
		}
		res.Credentials = append(res.Credentials, cred)
	}
	return res, nil
}

func quoteOrMissing(s *string) string {
	if s == nil {
		return "missing"
	}
	return fmt.Sprintf("%q", *s)
}
