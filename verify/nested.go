package verify

import (
	"encoding/json"
	"fmt"
	"strings"
)

// endorsementsIn collects the endorsements embedded anywhere in a
// credential (the 1EdTech validator's "$..endorsement"), plus
// endorsementJwt strings, without descending into credentials nested in a
// CLR: those are verified separately, endorsements included.
func endorsementsIn(v any, out *[]any, limit int) {
	if len(*out) > limit {
		return
	}
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch k {
			case "endorsement":
				switch e := x.(type) {
				case []any:
					*out = append(*out, e...)
				case map[string]any:
					*out = append(*out, e)
				}
			case "endorsementJwt":
				switch e := x.(type) {
				case []any:
					*out = append(*out, e...)
				case string:
					*out = append(*out, e)
				}
			case "verifiableCredential", "proof":
			default:
				endorsementsIn(x, out, limit)
			}
		}
	case []any:
		for _, x := range t {
			endorsementsIn(x, out, limit)
		}
	}
}

// checkEndorsements verifies every embedded EndorsementCredential.
func (p *run) checkEndorsements() {
	var found []any
	max := p.v.lim.MaxEndorsements
	endorsementsIn(p.doc, &found, max)
	if len(found) == 0 {
		p.add(CheckEndorsements, Skipped, "no endorsements", nil, nil)
		return
	}
	if len(found) > max {
		p.add(CheckEndorsements, Fail, fmt.Sprintf("more than %d endorsements", max), nil, fmt.Errorf("%w: %w", ErrEndorsement, ErrLimit))
		return
	}
	if p.depth >= p.v.lim.MaxEndorsementDepth {
		p.add(CheckEndorsements, Warn, fmt.Sprintf("%d endorsements not verified: endorsements nest deeper than %d", len(found), p.v.lim.MaxEndorsementDepth), nil, nil)
		return
	}
	p.r.Endorsements = append(p.r.Endorsements, p.verifyEach(found, "EndorsementCredential", CheckEndorsements, "endorsements", ErrEndorsement)...)
}

// verifyEach verifies each embedded credential in a report of its own and
// sums their verdicts into check: any failure fails it, any warning (and no
// failure) warns. noun names the credentials in the check's message;
// sentinel is the check's error.
func (p *run) verifyEach(items []any, expected string, check CheckID, noun string, sentinel error) []*Report {
	reports := make([]*Report, 0, len(items))
	failed, warned := 0, 0
	for _, it := range items {
		r := p.sub(it, expected)
		reports = append(reports, r)
		switch r.Verdict {
		case Failed:
			failed++
		case VerifiedWithWarnings:
			warned++
		}
	}
	switch {
	case failed > 0:
		p.add(check, Fail, fmt.Sprintf("%d of %d %s did not verify", failed, len(items), noun), nil, fmt.Errorf("%w: %d of %d", sentinel, failed, len(items)))
	case warned > 0:
		p.add(check, Warn, fmt.Sprintf("%d %s verified, %d with warnings", len(items), noun, warned), nil, nil)
	default:
		p.add(check, Pass, fmt.Sprintf("%d %s verified", len(items), noun), nil, nil)
	}
	return reports
}

// sub verifies an embedded credential (object or compact JWT string).
func (p *run) sub(v any, expected string) *Report {
	q := p.v.newRun(p.ctx, p.depth+1)
	q.expected = expected
	switch t := v.(type) {
	case string:
		q.r.Format = FormatJWT
		return q.jwt(strings.TrimSpace(t))
	case map[string]any:
		raw, err := json.Marshal(t)
		if err != nil {
			return q.abort(fmt.Errorf("%w: %w", ErrMalformed, err), "embedded credential could not be re-encoded")
		}
		q.r.Format = FormatJSON
		return q.credential(embeddedRaw(raw))
	}
	return q.abort(ErrMalformed, "embedded credential is neither an object nor a compact JWT")
}

// checkNested verifies the credentials inside a CLR credential.
func (p *run) checkNested() {
	subj := objects(p.doc["credentialSubject"])
	var creds []any
	for _, s := range subj {
		switch vc := s["verifiableCredential"].(type) {
		case []any:
			creds = append(creds, vc...)
		case map[string]any, string:
			creds = append(creds, vc)
		}
	}
	if len(creds) == 0 {
		p.add(CheckCLRNested, Skipped, "no nested credentials", nil, nil)
		return
	}
	if len(creds) > p.v.lim.MaxNested {
		p.add(CheckCLRNested, Fail, fmt.Sprintf("%d nested credentials, limit %d", len(creds), p.v.lim.MaxNested), nil, fmt.Errorf("%w: %w", ErrNested, ErrLimit))
		return
	}
	if p.depth >= p.v.lim.MaxEndorsementDepth {
		p.add(CheckCLRNested, Fail, "CLR credentials nested too deeply", nil, fmt.Errorf("%w: %w", ErrNested, ErrLimit))
		return
	}
	p.r.Nested = append(p.r.Nested, p.verifyEach(creds, "", CheckCLRNested, "nested credentials", ErrNested)...)
}

// checkTrust consults the host's trust policy.
func (p *run) checkTrust() {
	t := p.v.cfg.Trust
	switch {
	case t == nil && p.v.cfg.RequireTrustPolicy:
		p.add(CheckTrust, Warn, "no trust policy configured: the issuer's identity is proven, not its standing", nil, nil)
	case t == nil:
		p.add(CheckTrust, Skipped, "no trust policy configured", nil, nil)
	case p.expected == "EndorsementCredential":
		// An endorsement is a third party's opinion of the credential; the
		// host's policy is about who may issue credentials it accepts.
		p.add(CheckTrust, Skipped, "the trust policy applies to the endorsed credential's issuer, not to endorsers", nil, nil)
	case !p.proofOK:
		p.add(CheckTrust, Skipped, "not consulted: the credential is not proven to come from its issuer", nil, nil)
	default:
		if err := t.TrustIssuer(p.ctx, p.issuer, p.r); err != nil {
			p.add(CheckTrust, Fail, err.Error(), map[string]any{"issuer": p.issuer}, fmt.Errorf("%w: %w", ErrUntrusted, err))
			return
		}
		p.add(CheckTrust, Pass, "the trust policy accepts "+p.issuer, nil, nil)
	}
}
