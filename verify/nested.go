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
// sums their verdicts into check. Each nested report keeps its own verdict;
// what it does to the parent depends on the policy. Under the default
// policy a nested credential that failed or is unverified does not fail its
// parent (an expired endorsement says nothing about the endorsed badge):
// the check warns, and a failure is marked StrictFail. Under PolicyStrict a
// failure fails the check and an unverified one leaves it not established.
// noun names the credentials in the check's message; sentinel is the
// check's error.
func (p *run) verifyEach(items []any, expected string, check CheckID, noun string, sentinel error) []*Report {
	reports := make([]*Report, 0, len(items))
	failed, unverified, warned := 0, 0, 0
	for _, it := range items {
		r := p.sub(it, expected)
		reports = append(reports, r)
		switch r.Verdict {
		case Failed:
			failed++
		case Unverified:
			unverified++
		case VerifiedWithWarnings:
			warned++
		}
	}
	n := len(items)
	d := map[string]any{"count": n, "failed": failed, "unverified": unverified, "withWarnings": warned}
	switch {
	case failed > 0:
		p.add(check, Fail, fmt.Sprintf("%d of %d %s did not verify (see their reports)", failed, n, noun), d, fmt.Errorf("%w: %d of %d", sentinel, failed, n))
	case unverified > 0 && p.v.strict:
		p.unestablished(check, fmt.Sprintf("%d of %d %s could not be verified (see their reports)", unverified, n, noun), d, fmt.Errorf("%w: %d of %d unverified", sentinel, unverified, n))
	case unverified > 0:
		p.add(check, Warn, fmt.Sprintf("%d of %d %s could not be verified (see their reports); the default policy does not hold that against this credential", unverified, n, noun), d, nil)
	case warned > 0:
		p.add(check, Warn, fmt.Sprintf("%d %s verified, %d with warnings", n, noun, warned), d, nil)
	default:
		p.add(check, Pass, fmt.Sprintf("%d %s verified", n, noun), d, nil)
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
