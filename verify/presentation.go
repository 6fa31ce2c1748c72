package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/credential"
)

// CheckCredentials is the check of a presentation report that sums up the
// credentials it carries; each has its own report in Report.Nested.
const CheckCredentials CheckID = "credentials"

// PresentationOptions are the values the verifier sent the holder. Both
// are required: without them a presentation captured once could be
// replayed to anyone.
type PresentationOptions struct {
	Challenge string // the nonce the verifier issued for this request
	Domain    string // the verifier's own identifier (usually its origin)
}

// VerifyPresentation verifies a Verifiable Presentation: its own proof
// (Data Integrity with proofPurpose authentication, or a vp+jwt) by a key
// the holder controls, with the expected challenge and domain; then every
// credential it carries, each once, through the full credential pipeline
// and under this verifier's Config (its Clock included; see
// Report.Nested). The presentation verifies only if all of that does. The
// error is non-nil only when ctx ended.
//
// It is the one presentation verifier: package credential provides only
// the mechanics it is built on (VerifyProofs, VerifyPresentationJWT).
func (v *Verifier) VerifyPresentation(ctx context.Context, input []byte, o PresentationOptions) (*Report, error) {
	p := v.newRun(ctx, 0)
	p.r.Kind = "presentation"
	p.r.Format = FormatJSON
	r := p.presentation(input, o)
	return r, ctx.Err()
}

func (p *run) presentation(input []byte, o PresentationOptions) *Report {
	finish := func() *Report { p.r.finish(); return p.r }
	fail := func(id CheckID, msg string, err error) *Report {
		p.add(id, Fail, msg, nil, fmt.Errorf("%w: %w", ErrPresentation, err))
		for _, id := range []CheckID{CheckParse, CheckPresentation, CheckCredentials} {
			if p.r.Check(id) == nil {
				p.add(id, Skipped, "the presentation could not be read", nil, nil)
			}
		}
		return finish()
	}
	if o.Challenge == "" || o.Domain == "" {
		return fail(CheckParse, "VerifyPresentation needs the challenge and domain the verifier sent", fmt.Errorf("%w: empty challenge or domain", ErrInvalidConfig))
	}
	trimmed := bytes.TrimSpace(input)
	var creds []any
	if looksLikeJWT(trimmed) {
		p.r.Format = FormatJWT
		res, err := credential.VerifyPresentationJWT(p.ctx, string(trimmed), credential.JWTVerifyOptions{
			Resolver:    p.v.newResolver(credential.Authentication),
			Algorithms:  p.v.algs,
			Challenge:   o.Challenge,
			Domain:      o.Domain,
			MaxJWTBytes: p.v.lim.MaxDocumentBytes * 2,
		})
		body, derr := unverifiedJWTCredential(string(trimmed))
		if derr != nil || checkJSON(body, p.v.lim.MaxDepth) != nil {
			return fail(CheckParse, "the presentation JWT could not be read", fmt.Errorf("%w: %v", ErrMalformed, derr))
		}
		var doc map[string]any
		_ = json.Unmarshal(body, &doc)
		p.add(CheckParse, Pass, "compact vp+jwt", nil, nil)
		if err == nil {
			err = p.presentationJWTRules(res)
		}
		if err != nil {
			p.add(CheckPresentation, Fail, "presentation JWT did not verify: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrPresentation, err))
			creds = presentedCredentials(doc["verifiableCredential"])
		} else {
			p.r.Issuer = res.Holder
			p.add(CheckPresentation, Pass, "presentation JWT verified for holder "+res.Holder+" with the expected nonce and audience", nil, nil)
			// The credentials are the signed tokens, each verified once,
			// below, by the full pipeline under this verifier's clock.
			for _, tok := range res.Credentials {
				creds = append(creds, tok)
			}
		}
	} else {
		if len(input) > p.v.lim.MaxDocumentBytes {
			return fail(CheckParse, "the presentation is over the size limit", ErrLimit)
		}
		if err := checkJSON(input, p.v.lim.MaxDepth); err != nil {
			return fail(CheckParse, err.Error(), fmt.Errorf("%w: %w", ErrMalformed, err))
		}
		dec := json.NewDecoder(bytes.NewReader(input))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil || doc == nil {
			return fail(CheckParse, "the presentation is not a JSON object", ErrMalformed)
		}
		p.r.Types = stringList(doc["type"])
		if !slices.Contains(p.r.Types, "VerifiablePresentation") {
			return fail(CheckParse, "type does not include VerifiablePresentation", ErrMalformed)
		}
		holder := idOf(doc["holder"])
		p.r.Issuer = holder
		p.add(CheckParse, Pass, "well-formed JSON presentation", nil, nil)
		p.presentationProof(input, holder, o)
		creds = presentedCredentials(doc["verifiableCredential"])
	}
	if len(creds) > p.v.lim.MaxNested {
		p.add(CheckCredentials, Fail, fmt.Sprintf("%d credentials, limit %d", len(creds), p.v.lim.MaxNested), nil, fmt.Errorf("%w: %w", ErrPresentation, ErrLimit))
		return finish()
	}
	failed := 0
	for _, c := range creds {
		r := p.sub(c, "")
		p.r.Nested = append(p.r.Nested, r)
		if r.Verdict == Failed {
			failed++
		}
	}
	switch {
	case len(creds) == 0:
		p.add(CheckCredentials, Warn, "the presentation carries no credentials", nil, nil)
	case failed > 0:
		p.add(CheckCredentials, Fail, fmt.Sprintf("%d of %d credentials did not verify", failed, len(creds)), nil, fmt.Errorf("%w: %d of %d credentials failed", ErrPresentation, failed, len(creds)))
	default:
		p.add(CheckCredentials, Pass, fmt.Sprintf("%d credentials verified", len(creds)), nil, nil)
	}
	// A credential's warnings are the presentation's warnings.
	if p.r.Check(CheckCredentials).Outcome == Pass {
		for _, n := range p.r.Nested {
			if n.Verdict == VerifiedWithWarnings {
				c := p.r.Check(CheckCredentials)
				c.Outcome, c.Message = Warn, c.Message+", some with warnings"
				break
			}
		}
	}
	return finish()
}

// presentationJWTRules applies this verifier's rules to a verified
// vp+jwt: the key must be the holder's, and the token current by the
// verifier's clock.
func (p *run) presentationJWTRules(res *credential.JWTPresentationResult) error {
	if err := res.KeyBoundTo(res.Holder); err != nil && !(res.EmbeddedKey && p.v.cfg.UnsafeTrustEmbeddedJWK) {
		return err
	}
	return timeErr(res.Claims.ValidateTime(p.now, p.v.skew))
}

// presentationProof checks the Data Integrity proof of a JSON presentation.
func (p *run) presentationProof(raw []byte, holder string, o PresentationOptions) {
	opts := p.proofOptions(p.v.newResolver(credential.Authentication))
	opts.ProofPurpose = credential.PurposeAuthentication
	opts.Challenge, opts.Domain = o.Challenge, o.Domain
	rep, err := p.verifyProofs(raw, opts)
	switch {
	case rep == nil:
		p.add(CheckPresentation, Fail, "the presentation's proof could not be checked: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrPresentation, err))
	case holder == "":
		p.add(CheckPresentation, Fail, "the presentation names no holder, so its proof binds no one", nil, ErrPresentation)
	default:
		for _, pr := range rep.Proofs {
			if pr.Err == nil && pr.Controller == holder {
				p.add(CheckPresentation, Pass, fmt.Sprintf("signed by the holder %s for domain %q with the expected challenge", holder, o.Domain),
					map[string]any{"verificationMethod": pr.VerificationMethod}, nil)
				return
			}
		}
		e := rep.Err()
		if e == nil {
			e = fmt.Errorf("no proof by a key %q controls", holder)
		}
		p.add(CheckPresentation, Fail, "presentation proof did not verify: "+e.Error(), nil, fmt.Errorf("%w: %w", ErrPresentation, e))
	}
}

// presentedCredentials lists a presentation's credentials: embedded JSON
// objects, compact JWTs, and VC-JOSE-COSE enveloped credentials.
func presentedCredentials(v any) []any {
	var items []any
	switch t := v.(type) {
	case []any:
		items = t
	case nil:
	default:
		items = []any{t}
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok && slices.Contains(stringList(m["type"]), "EnvelopedVerifiableCredential") {
			id, _ := m["id"].(string)
			if jwt, ok := strings.CutPrefix(id, "data:application/vc+jwt,"); ok {
				out = append(out, jwt)
				continue
			}
		}
		out = append(out, it)
	}
	return out
}
