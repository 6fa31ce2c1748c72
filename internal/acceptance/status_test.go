package acceptance

import (
	"net/http"
	"testing"

	"github.com/microcred/microcred/verify"
)

// TestStatusListEdges: Bitstring Status List v1.0 §3.2 (validate algorithm)
// cases a verifier meets in the field, all lists published by the
// credential's issuer and signed by the reference stack.
func TestStatusListEdges(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	listDoc := func(url, purpose, validUntil string, set ...int) obj {
		l := obj{
			"@context": arr{ctxVC2}, "id": url, "type": arr{"VerifiableCredential", "BitstringStatusListCredential"},
			"issuer": "did:placeholder", "validFrom": "2024-01-01T00:00:00Z",
			"credentialSubject": obj{"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": purpose,
				"encodedList": encodedList(t, set...)},
		}
		if validUntil != "" {
			l["validUntil"] = validUntil
		}
		return l
	}
	cred := func(id, url, purpose, index string) obj {
		c := baseCredential()
		c["id"] = id
		c["credentialStatus"] = obj{"id": url + "#" + index, "type": "BitstringStatusListEntry",
			"statusPurpose": purpose, "statusListIndex": index, "statusListCredential": url}
		return c
	}
	const (
		susURL     = "https://status.example.edu/suspensions"
		expiredURL = "https://status.example.edu/expired"
		tamperURL  = "https://status.example.edu/tampered"
	)
	sign := func(name string, doc obj) job {
		return job{"name": name, "op": "sign", "suite": "eddsa-rdfc-2022", "seed": issuerSeed, "doc": doc, "date": "2024-01-01T00:00:00Z"}
	}
	res := s.batch(t, []job{
		sign("susList", listDoc(susURL, "suspension", "", 7)),
		sign("suspended", cred("urn:uuid:00000000-0000-4000-8000-00000000b001", susURL, "suspension", "7")),
		sign("purposeMismatch", cred("urn:uuid:00000000-0000-4000-8000-00000000b002", susURL, "revocation", "8")),
		sign("outOfRange", cred("urn:uuid:00000000-0000-4000-8000-00000000b003", susURL, "suspension", "131072")),
		sign("expiredList", listDoc(expiredURL, "revocation", "2024-02-01T00:00:00Z")),
		sign("onExpiredList", cred("urn:uuid:00000000-0000-4000-8000-00000000b004", expiredURL, "revocation", "9")),
		sign("revokingList", listDoc(tamperURL, "revocation", "", 10)),
		sign("onTamperedList", cred("urn:uuid:00000000-0000-4000-8000-00000000b005", tamperURL, "revocation", "10")),
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	// The tampered list clears every bit but keeps the issuer's proof, as an
	// attacker on the path (or a compromised host) would serve it.
	tampered := replaceAll(t, res["revokingList"].OK, `"encodedList":"`+encodedList(t, 10)+`"`, `"encodedList":"`+encodedList(t)+`"`)
	rt := &routes{docs: map[string][]byte{susURL: res["susList"].OK, expiredURL: res["expiredList"].OK, tamperURL: tampered}}
	v := newVerifier(t, verify.Config{HTTPClient: &http.Client{Transport: rt}, Clock: at("2024-06-01T00:00:00Z")})
	for _, c := range []struct {
		name, reason string
		want         error
	}{
		{"suspended", "statusPurpose suspension, bit set", verify.ErrSuspended},
		{"purposeMismatch", "§3.2: the entry's statusPurpose must match the list's", verify.ErrStatus},
		{"outOfRange", "index 131072 is past the last bit of a 131,072-bit list: a range error", verify.ErrStatus},
		{"onExpiredList", "§3.2 / VC 2.0 validUntil: an expired status list cannot establish status", verify.ErrStatus},
		{"onTamperedList", "the list's proof no longer verifies: its bits must not be believed", verify.ErrStatus},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := runVerify(t, v, res[c.name].OK)
			if rep.OK() || !errIs(rep.Err(), c.want) {
				t.Errorf("%s: want %v; %s", c.reason, c.want, describe(rep))
			}
		})
	}
}
