package badge

import (
	"net/url"
	"strings"
)

// SameCredential reports whether a and b are the same credential by the
// specification's equality algorithm: their issuer ids and their ids are
// equal after percent-encoded characters are unescaped and leading and
// trailing white space removed. Hosts use it to replace a stored credential
// with a re-issued one rather than keep both.
func SameCredential(a, b Credential) bool {
	va, vb := a.Base(), b.Base()
	return va.ID != "" && va.IssuerID() != "" &&
		normalizeID(va.ID) == normalizeID(vb.ID) && normalizeID(va.IssuerID()) == normalizeID(vb.IssuerID())
}

// Supersedes reports whether a is a more up-to-date representation of the
// same credential as b: SameCredential, and a's validFrom (issuanceDate for
// VC 1.1) is later than b's. Two credentials with the same validFrom are
// both up to date, and neither supersedes the other.
func Supersedes(a, b Credential) bool {
	if !SameCredential(a, b) {
		return false
	}
	ta, err1 := issued(a.Base()).Time()
	tb, err2 := issued(b.Base()).Time()
	return err1 == nil && err2 == nil && ta.After(tb)
}

func issued(vc *VerifiableCredential) DateTime {
	if vc.ValidFrom != "" {
		return vc.ValidFrom
	}
	return vc.IssuanceDate
}

func normalizeID(id string) string {
	if u, err := url.PathUnescape(id); err == nil {
		id = u
	}
	return strings.TrimSpace(id)
}
