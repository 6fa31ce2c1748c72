package verify

import (
	"bytes"
	"fmt"
)

// checkRefresh implements step 3 of Open Badges verification: if the
// credential names a 1EdTechCredentialRefresh service, fetch a fresh copy
// (only after the proof verified, so a forger cannot steer the verifier),
// check its conformance and proof, and continue with it. A failed refresh
// is a warning and verification continues with the original. Refresh runs
// at most once: the refreshed copy's own refreshService is ignored.
func (p *run) checkRefresh() {
	var svc string
	for _, rs := range objects(p.doc["refreshService"]) {
		if t, _ := rs["type"].(string); t == "1EdTechCredentialRefresh" {
			svc, _ = rs["id"].(string)
		}
	}
	switch {
	case svc == "":
		p.add(CheckRefresh, Skipped, "no 1EdTechCredentialRefresh service", nil, nil)
		return
	case p.refresh:
		p.add(CheckRefresh, Skipped, "already refreshed once", nil, nil)
		return
	case !p.proofOK:
		p.add(CheckRefresh, Skipped, "not attempted: the proof did not verify", nil, nil)
		return
	case p.v.fetch == nil:
		// A refresh only ever replaces a credential that already verified,
		// so not attempting it leaves the original's verdict standing: a
		// warning, not an unverified credential.
		p.add(CheckRefresh, Warn, "skipped: refreshing from "+svc+" needs the network and this verifier is offline; the original credential was checked",
			map[string]any{"skipped": true, "reason": "offline"}, nil)
		return
	}
	warn := func(msg string, d map[string]any) {
		p.add(CheckRefresh, Warn, "refresh failed, continuing with the original credential: "+msg, d, nil)
	}
	body, err := p.v.fetch.get(p.ctx, svc, credTypes)
	if err != nil {
		warn(err.Error(), map[string]any{"service": svc})
		return
	}
	q := p.v.newRun(p.ctx, p.depth)
	q.refresh, q.expected = true, p.expected
	trimmed := bytes.TrimSpace(body)
	if looksLikeJWT(trimmed) {
		q.r.Format = FormatJWT
		if !q.jwtParse(string(trimmed)) {
			warn("the refreshed credential is not a valid VC-JWT", map[string]any{"service": svc, "checks": q.r.Checks})
			return
		}
	} else {
		q.r.Format = FormatJSON
		if !q.parse(body) {
			warn("the refreshed credential could not be parsed", map[string]any{"service": svc, "checks": q.r.Checks})
			return
		}
	}
	q.checkModel()
	q.checkProof()
	q.checkSigned()
	d := map[string]any{"service": svc, "checks": q.r.Checks}
	for _, c := range q.r.Checks {
		if c.Outcome == Fail {
			warn(fmt.Sprintf("the refreshed credential failed its %s check: %s", c.ID, c.Message), d)
			return
		}
	}
	switch {
	case !q.proofOK:
		warn("the refreshed credential's proof is not bound to its issuer", d)
	case q.issuer != p.issuer || q.r.CredentialID != p.r.CredentialID:
		warn(fmt.Sprintf("the refreshed credential is %q from %q, not %q from %q", q.r.CredentialID, q.issuer, p.r.CredentialID, p.issuer), d)
	default:
		p.raw, p.doc, p.shape, p.jwtRes = q.raw, q.doc, q.shape, q.jwtRes
		p.r.Credential, p.r.Parsed = q.r.Credential, q.r.Parsed
		p.r.Types = q.r.Types
		p.add(CheckRefresh, Pass, "refreshed from "+svc+"; the remaining checks use the refreshed credential", d, nil)
	}
}

// embeddedRaw returns the bytes to verify for a credential embedded in
// another. They are the embedded object re-encoded from the parsed value:
// every Data Integrity suite signs a canonical form (RDFC-1.0 or JCS), so
// member order and white space do not matter, numbers keep their lexical
// form (decoding used UseNumber), and the input was refused earlier if it
// held duplicate keys or invalid UTF-8, the two things re-encoding could
// hide.
func embeddedRaw(raw []byte) []byte { return raw }
