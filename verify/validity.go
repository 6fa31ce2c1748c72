package verify

import (
	"fmt"
	"strings"
	"time"
)

// parseDateTime reads an xsd:dateTime as credentials write it. A value
// without a time zone is read as UTC, which is what issuers that omit it
// mean in practice.
func parseDateTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkValidity compares the verifier's clock with validFrom and
// validUntil (issuanceDate and expirationDate for VC 1.1 credentials).
func (p *run) checkValidity() {
	if err := p.jwtTimeErr(); err != nil {
		p.add(CheckValidity, Fail, err.Error(), nil, err)
		return
	}
	from, fromName := str(p.doc, "validFrom"), "validFrom"
	until, untilName := str(p.doc, "validUntil"), "validUntil"
	vc11 := false
	if from == "" && until == "" {
		if a, b := str(p.doc, "issuanceDate"), str(p.doc, "expirationDate"); a != "" || b != "" {
			from, fromName, until, untilName, vc11 = a, "issuanceDate", b, "expirationDate", true
		}
	}
	skew := p.v.skew
	d := map[string]any{"now": p.now.UTC().Format(time.RFC3339), "skew": skew.String()}
	var bad []string
	if from != "" {
		d[fromName] = from
		t, ok := parseDateTime(from)
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s %q is not a date-time", fromName, from))
		case p.now.Add(skew).Before(t):
			p.add(CheckValidity, Fail, fmt.Sprintf("not valid until %s (%s; Config.Skew tolerates %s)", from, fromName, skew), d, fmt.Errorf("%w: %s %s", ErrNotYetValid, fromName, from))
			return
		}
	}
	if until != "" {
		d[untilName] = until
		t, ok := parseDateTime(until)
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s %q is not a date-time", untilName, until))
		case p.now.Add(-skew).After(t):
			p.add(CheckValidity, Fail, fmt.Sprintf("expired at %s (%s; Config.Skew tolerates %s)", until, untilName, skew), d, fmt.Errorf("%w: %s %s", ErrExpired, untilName, until))
			return
		}
	}
	if len(bad) > 0 {
		p.add(CheckValidity, Fail, strings.Join(bad, "; "), d, fmt.Errorf("%w: %s", ErrMalformed, strings.Join(bad, "; ")))
		return
	}
	msg := "within its validity period"
	if from == "" {
		msg = "no validFrom: the credential states no start of validity"
	}
	if vc11 {
		p.add(CheckValidity, Warn, msg+" (VC Data Model 1.1 issuanceDate/expirationDate)", d, nil)
		return
	}
	p.add(CheckValidity, Pass, msg, d, nil)
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
