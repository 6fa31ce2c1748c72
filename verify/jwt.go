package verify

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/strictjson"
)

// jwtResult is what verifying a VC-JWT contributed to the report.
type jwtResult struct {
	res    *credential.JWTResult // nil when verification failed
	err    error
	header map[string]any
}

// jwt verifies a compact VC-JWT credential.
func (p *run) jwt(token string) *Report {
	if !p.jwtParse(token) {
		return p.r
	}
	return p.checkAll()
}

// jwtParse verifies the token's signature and claims and parses the
// credential it carries. When the signature does not verify, the
// credential is still read (unverified) so the report can say what else is
// wrong with it; the proof check fails either way.
func (p *run) jwtParse(token string) bool {
	if len(token) > p.v.lim.MaxDocumentBytes*2 {
		p.abort(fmt.Errorf("%w: JWT is %d bytes", ErrLimit, len(token)), "the JWT is over the size limit")
		return false
	}
	jr := &jwtResult{}
	jr.res, jr.err = credential.VerifyJWT(p.ctx, token, credential.JWTVerifyOptions{
		Resolver:    p.v.newResolver(credential.AssertionMethod),
		Algorithms:  p.v.algs,
		MaxJWTBytes: p.v.lim.MaxDocumentBytes * 2,
	})
	jr.header, _ = decodeSegment(token, 0)
	p.jwtRes = jr
	var body []byte
	if jr.res != nil {
		body = jr.res.Credential
	} else {
		var err error
		if body, err = unverifiedJWTCredential(token); err != nil {
			p.abort(fmt.Errorf("%w: %w", ErrMalformed, errors.Join(err, jr.err)), "the JWT could not be read: "+jr.err.Error())
			return false
		}
	}
	return p.parse(body)
}

// jwtTimeErr applies the verifier's clock and skew to a verified VC-JWT's
// nbf, exp and iat (package credential leaves time to its caller). The
// credential's validFrom and validUntil are the validity check's; a
// vc+jwt's claims may be narrower than them.
func (p *run) jwtTimeErr() error {
	if p.jwtRes == nil || p.jwtRes.res == nil {
		return nil
	}
	return timeErr(p.jwtRes.res.Claims.ValidateTime(p.now, p.v.skew))
}

// timeErr files a credential time error under this package's sentinel.
func timeErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, credential.ErrExpired):
		return fmt.Errorf("%w: %w", ErrExpired, err)
	default:
		return fmt.Errorf("%w: %w", ErrNotYetValid, err)
	}
}

// decodeSegment decodes one base64url JSON segment of a compact JWS.
func decodeSegment(token string, i int) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("a compact JWS has three parts")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		return nil, err
	}
	// The strict reader, as credential reads the header: a header it
	// refuses (a repeated or case-variant kid) shows no kid here either.
	return strictjson.DecodeObject(b, strictjson.Limits{MaxBytes: max(len(b), 1)})
}

// unverifiedJWTCredential extracts the credential from a JWT whose
// signature did not verify, for reporting only.
func unverifiedJWTCredential(token string) ([]byte, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, err
	}
	if vc, ok := m["vc"]; ok {
		return vc, nil
	}
	for _, c := range []string{"iss", "jti", "nbf", "exp", "sub", "iat", "aud"} {
		delete(m, c)
	}
	return json.Marshal(m)
}

// reportJWT turns the VC-JWT verification into the proof, key and
// issuer-binding checks.
func (p *run) reportJWT() {
	jr := p.jwtRes
	alg, _ := jr.header["alg"].(string)
	kid, _ := jr.header["kid"].(string)
	detail := map[string]any{"format": "vc-jwt", "alg": alg}
	if kid != "" {
		detail["kid"] = kid
	}
	var kerr *credential.KeyError
	keyFailed := errors.As(jr.err, &kerr)

	switch {
	case jr.err == nil:
		msg := alg + " JWT signature verified; its registered claims agree with the credential"
		p.add(CheckProof, Pass, msg, detail, nil)
	case keyFailed && isOfflineSkip(kerr):
		p.skipNet(CheckProof, "resolving the JWT key "+kid)
		p.skipNet(CheckKey, "resolving "+kid)
		p.add(CheckIssuerBinding, Skipped, "no key could be resolved offline", nil, nil)
		return
	default:
		p.add(CheckProof, Fail, "VC-JWT did not verify: "+jr.err.Error(), detail, fmt.Errorf("%w: %w", ErrProof, jr.err))
	}

	// Key.
	switch {
	case keyFailed:
		p.add(CheckKey, Fail, kerr.Error(), map[string]any{"kid": kid}, fmt.Errorf("%w: %w", ErrKey, kerr))
	case jr.res != nil:
		k := jr.res.VerificationMethod
		kd := map[string]any{"source": string(k.Source)}
		msg := "key from the JWT's jwk header"
		if !jr.res.EmbeddedKey {
			kd["verificationMethod"], kd["controller"] = k.ID, k.Controller
			msg = fmt.Sprintf("key %s resolved (%s)", k.ID, k.Source)
		}
		p.add(CheckKey, Pass, msg, kd, nil)
	default:
		p.add(CheckKey, Skipped, "the JWT failed before its key was used", nil, nil)
	}

	// Binding.
	if jr.res == nil {
		p.add(CheckIssuerBinding, Skipped, "the JWT did not verify", nil, nil)
		return
	}
	if jr.res.Issuer != p.issuer {
		p.add(CheckIssuerBinding, Fail, fmt.Sprintf("the JWT is bound to %q but the credential's issuer is %q", jr.res.Issuer, p.issuer), nil, ErrIssuerBinding)
		return
	}
	switch err := jr.res.KeyBoundTo(p.issuer); {
	case jr.res.EmbeddedKey && p.v.cfg.UnsafeTrustEmbeddedJWK:
		p.proofOK = true
		p.add(CheckIssuerBinding, Pass, "key embedded in the JWT accepted for "+p.issuer+" because Config.UnsafeTrustEmbeddedJWK is set", map[string]any{"unsafe": "UnsafeTrustEmbeddedJWK"}, nil)
	case err != nil:
		msg := err.Error()
		if jr.res.EmbeddedKey {
			msg += "; the key in the JWT's own jwk header vouches only for itself (Config.UnsafeTrustEmbeddedJWK accepts it)"
		}
		p.add(CheckIssuerBinding, Fail, msg, nil, fmt.Errorf("%w: %w", ErrIssuerBinding, err))
	default:
		p.bindIssuer(jr.res.VerificationMethod)
	}
}
