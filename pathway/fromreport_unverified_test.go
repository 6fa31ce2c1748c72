package pathway

import (
	"errors"
	"testing"

	"github.com/microcred/microcred/verify"
)

// TestFromReportRefusesUnverified: a report whose proof, key, binding or
// status could not be established (verify's Unverified verdict) vouches for
// nothing, even though no check failed.
func TestFromReportRefusesUnverified(t *testing.T) {
	for _, id := range []verify.CheckID{verify.CheckProof, verify.CheckIssuerBinding, verify.CheckStatus} {
		r := &verify.Report{Verdict: verify.Unverified, CredentialID: "urn:uuid:1", Checks: []verify.Check{
			{ID: verify.CheckParse, Outcome: verify.Pass},
			{ID: id, Outcome: verify.NotEstablished, Message: "needs the network"},
		}}
		if _, err := FromReport(r); !errors.Is(err, ErrNotVerified) {
			t.Errorf("%s not established: FromReport err = %v", id, err)
		}
	}
}
