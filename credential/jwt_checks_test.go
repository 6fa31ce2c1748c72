package credential

import (
	"context"
	"fmt"
	"time"
)

// jwtChecks are the options of a test that wants VerifyJWT composed with
// the checks a verifier adds: the key bound to the issuer (or holder),
// unless an embedded key is trusted, and the times at Now with ClockSkew
// (zero: five minutes, negative: none).
type jwtChecks struct {
	Resolver          Resolver
	Algorithms        []string
	MaxJWTBytes       int
	Challenge, Domain string
	Now               func() time.Time
	ClockSkew         time.Duration
	TrustEmbeddedJWK  bool
}

func (c jwtChecks) opts() JWTVerifyOptions {
	return JWTVerifyOptions{Resolver: c.Resolver, Algorithms: c.Algorithms, MaxJWTBytes: c.MaxJWTBytes, Challenge: c.Challenge, Domain: c.Domain}
}

func (c jwtChecks) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c jwtChecks) skew() time.Duration {
	switch {
	case c.ClockSkew == 0:
		return 5 * time.Minute
	case c.ClockSkew < 0:
		return 0
	}
	return c.ClockSkew
}

func verifyJWTChecked(ctx context.Context, token string, c jwtChecks) (*JWTResult, error) {
	res, err := VerifyJWT(ctx, token, c.opts())
	if err != nil {
		return nil, err
	}
	if err := res.KeyBoundTo(res.Issuer); err != nil && !(res.EmbeddedKey && c.TrustEmbeddedJWK) {
		return nil, err
	}
	if err := res.ValidateTime(c.now(), c.skew()); err != nil {
		return nil, err
	}
	return res, nil
}

func verifyPresentationJWTChecked(ctx context.Context, token string, c jwtChecks) (*JWTPresentationResult, []*JWTResult, error) {
	res, err := VerifyPresentationJWT(ctx, token, c.opts())
	if err != nil {
		return nil, nil, err
	}
	if err := res.KeyBoundTo(res.Holder); err != nil && !(res.EmbeddedKey && c.TrustEmbeddedJWK) {
		return nil, nil, err
	}
	if err := res.Claims.ValidateTime(c.now(), c.skew()); err != nil {
		return nil, nil, err
	}
	inner := c
	inner.Challenge, inner.Domain = "", ""
	var creds []*JWTResult
	for i, tok := range res.Credentials {
		cr, err := verifyJWTChecked(ctx, tok, inner)
		if err != nil {
			return nil, nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		creds = append(creds, cr)
	}
	return res, creds, nil
}
