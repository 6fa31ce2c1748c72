package credential

import (
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/internal/strictjson"
	"github.com/microcred/microcred/internal/vocab"
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
		return "", fmt.Errorf("%w: a vc+jwt credential must not have \"vc\" or \"vp\" members", errMalformedJWT)
	}
	if b.issuer == "" {
		return "", fmt.Errorf("%w: the credential has no issuer", errMissingClaim)
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
	}{vocab.ContextVCv2, envelopePrefix + token, "EnvelopedVerifiableCredential"})
}

// parseEnvelopedCredential returns the vc+jwt token of an
// EnvelopedVerifiableCredential object. Other media types (COSE, SD-JWT)
// give ErrUnsupported.
func parseEnvelopedCredential(envelope []byte) (string, error) {
	var e struct {
		ID   string       `json:"id"`
		Type StringOrList `json:"type"`
	}
	// Case-sensitively: "ID" or "TYPE" must not name the token a
	// case-sensitive reader of the presentation does not see.
	if err := strictjson.Unmarshal(envelope, &e, jsonLimits(envelope)); err != nil {
		return "", fmt.Errorf("%w: credential in presentation is not a well-formed object: %w", errMalformedJWT, err)
	}
	if !slices.Contains(e.Type, "EnvelopedVerifiableCredential") {
		return "", fmt.Errorf("%w: a vp+jwt may carry only EnvelopedVerifiableCredential entries, got type %q (VC-JOSE-COSE 3.2.2)", errUnsecuredCredential, []string(e.Type))
	}
	switch {
	case strings.HasPrefix(e.ID, envelopePrefix):
		return strings.TrimPrefix(e.ID, envelopePrefix), nil
	case strings.HasPrefix(e.ID, "data:application/vc+sd-jwt"), strings.HasPrefix(e.ID, "data:application/vc+cose"):
		mt, _, _ := strings.Cut(strings.TrimPrefix(e.ID, "data:"), ",")
		return "", fmt.Errorf("%w: enveloped credential of media type %q", errUnsupportedFormat, mt)
	}
	return "", fmt.Errorf("%w: enveloped credential id %.60q is not a data:application/vc+jwt URL", errUnsecuredCredential, e.ID)
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
		return "", fmt.Errorf("%w: presentation: %v", errMalformedJWT, err)
	}
	b, err := readBody(members)
	if err != nil {
		return "", err
	}
	if b.hasVC || b.hasVP {
		return "", fmt.Errorf("%w: a vp+jwt presentation must not have \"vc\" or \"vp\" members", errMalformedJWT)
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
			return "", fmt.Errorf("%w: the presentation already has a %q member", errMalformedJWT, c.name)
		}
		members = append(members, rawMember{name: c.name, rawKey: quoteJSON(c.name), rawValue: quoteJSON(c.value)})
	}
	return signCompact(signer, joinObject(members), "vp+jwt", "vp", &opts)
}

// JWTPresentationResult is a verified vp+jwt.
type JWTPresentationResult struct {
	// Presentation is the payload exactly as signed (including nonce and
	// aud claims, if any).
	Presentation []byte
	// Header is the token's protected header.
	Header JWTHeader
	// Claims are the token's registered claims; their times are unchecked.
	Claims JWTClaims
	// VerificationMethod is the holder's key that verified the signature.
	VerificationMethod *VerificationMethod
	// EmbeddedKey is true when that key came from the header's jwk
	// rather than from resolving kid.
	EmbeddedKey bool
	// Holder is the presentation's holder, or the iss claim when it names
	// none.
	Holder string
	// Credentials are the vc+jwt tokens of the enveloped credentials, in
	// order, not yet verified: each is a credential of its own, for
	// VerifyJWT (or package verify) to check.
	Credentials []string
}

// KeyBoundTo reports whether the key that verified the presentation
// belongs to id, usually the Holder; see [JWTResult.KeyBoundTo].
func (r *JWTPresentationResult) KeyBoundTo(id string) error {
	return keyBoundTo(r.VerificationMethod, r.EmbeddedKey, id)
}

// VerifyPresentationJWT verifies a VC-JOSE-COSE vp+jwt: its syntax, the
// holder's signature, that iss agrees with the holder, and, when
// opts.Challenge and opts.Domain are set, that they equal the nonce and
// aud claims. Every verifiableCredential entry must be an
// EnvelopedVerifiableCredential of media type application/vc+jwt
// (VC-JOSE-COSE 3.2.2); their tokens are returned, not verified, because
// each is a credential with its own issuer, key and dates.
//
// As with VerifyJWT, who controls the key and whether the token is
// current are separate calls: [JWTPresentationResult.KeyBoundTo] and
// [JWTClaims.ValidateTime].
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
		return nil, fmt.Errorf("%w: typ %q (want \"vp+jwt\")", errBadMediaType, p.header.Typ)
	}
	switch strings.ToLower(p.header.Cty) {
	case "", "vp", "application/vp", "vp+ld+json":
	default:
		return nil, fmt.Errorf("%w: cty %q (want \"vp\")", errBadMediaType, p.header.Cty)
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
		return nil, fmt.Errorf("%w: a vp+jwt payload must not have \"vc\" or \"vp\" claims", errMalformedJWT)
	}
	if err := matchIfBoth("iss", claims.iss, "holder", b.holder); err != nil {
		return nil, err
	}
	holder := b.holder
	if holder == "" && claims.iss != nil {
		holder = *claims.iss
	}
	if opts.Challenge != "" && (claims.nonce == nil || *claims.nonce != opts.Challenge) {
		return nil, fmt.Errorf("%w: nonce %s, want challenge %q", errClaimMismatch, quoteOrMissing(claims.nonce), opts.Challenge)
	}
	if opts.Domain != "" && !slices.Contains(claims.aud, opts.Domain) {
		return nil, fmt.Errorf("%w: aud %q, want domain %q", errClaimMismatch, claims.aud, opts.Domain)
	}
	res := &JWTPresentationResult{
		Presentation:       p.payload,
		Header:             p.publicHeader(),
		Claims:             claims.public(),
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
		return nil, fmt.Errorf("%w: %d credentials in one presentation, limit %d", errJWTTooLarge, len(list), MaxPresentationCredentials)
	}
	for i, env := range list {
		tok, err := parseEnvelopedCredential(env)
		if err != nil {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		// The envelope's media type is application/vc+jwt, so the token
		// inside must say so too; its signature is the caller's next step.
		inner, err := parseCompact(tok, &opts)
		if err != nil {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		switch strings.ToLower(inner.header.Typ) {
		case "vc+jwt", "application/vc+jwt", "vc+ld+jwt":
		default:
			return nil, fmt.Errorf("verifiableCredential[%d]: %w: an application/vc+jwt envelope holds a token of typ %q", i, errBadMediaType, inner.header.Typ)
		}
		res.Credentials = append(res.Credentials, tok)
	}
	return res, nil
}

func quoteOrMissing(s *string) string {
	if s == nil {
		return "missing"
	}
	return fmt.Sprintf("%q", *s)
}
