package acceptance

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/microcred/microcred/verify"
)

// publishedAs serves fixed documents with the content type each is
// published under, as static hosting does.
type publishedAs map[string]struct {
	contentType string
	body        []byte
}

func (r publishedAs) RoundTrip(req *http.Request) (*http.Response, error) {
	d, ok := r[req.URL.String()]
	code := http.StatusOK
	if !ok {
		code, d.contentType, d.body = http.StatusNotFound, "text/plain", []byte("not found")
	}
	return &http.Response{StatusCode: code, Header: http.Header{"Content-Type": {d.contentType}},
		Body: io.NopCloser(bytes.NewReader(d.body)), ContentLength: int64(len(d.body)), Request: req}, nil
}

// listOf encodes a revocation list of n one-bit entries, none set.
func listOf(t *testing.T, n int) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(make([]byte, n/8))
	zw.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// TestVerdictCorpusReferenceSigned (issue 10): credentials shaped like the
// ones real issuers publish, signed by the reference stack, which also
// verifies each of them. Our default policy agrees that each is authentic
// and current (verified with warnings, naming the finding); the strict
// policy fails those with conformance findings, as the 1EdTech validator
// does.
func TestVerdictCorpusReferenceSigned(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	const (
		endorserSeed  = "c4c3c2c1b4b3b2b1a4a3a2a1f4f3f2f1e4e3e2e1d4d3d2d1c4c3c2c1b4b3b2b1"
		statusKeySeed = "0f0e0d0c0b0a09080706050403020100ffeeddccbbaa99887766554433221100"
		listURL       = "https://status.example.edu/lists/static-100k"
	)
	clock := at("2025-03-01T12:00:00Z")

	logoURL := baseCredential()
	logoURL["issuer"].(obj)["image"] = "https://example.edu/logo.png"

	nameOnly := baseCredential()
	delete(nameOnly["credentialSubject"].(obj), "id")
	nameOnly["credentialSubject"].(obj)["name"] = "Ada Lovelace"

	program := baseCredential()
	program["credentialSubject"].(obj)["achievement"].(obj)["achievementType"] = "Program"

	plainVC := obj{"@context": arr{ctxVC2}, "id": "urn:uuid:7c1d0e52-1f4e-4b8a-9e3d-2a6b5c4d3e2f",
		"type": arr{"VerifiableCredential"}, "issuer": "did:placeholder", "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": learnerDID}}

	endorsement := func(id string, mod func(obj)) obj {
		e := obj{
			"@context": arr{ctxVC2, ctxOB303}, "id": id,
			"type": arr{"VerifiableCredential", "EndorsementCredential"}, "name": "Endorsement of Teamwork",
			"issuer":    obj{"id": "did:placeholder", "type": arr{"Profile"}, "name": "Accreditor"},
			"validFrom": "2024-01-01T00:00:00Z",
			"credentialSubject": obj{"id": achievementID, "type": arr{"EndorsementSubject"},
				"endorsementComment": "Well designed."},
		}
		mod(e)
		return e
	}
	unnamed := endorsement("urn:uuid:00000000-0000-4000-8000-0000000000e2", func(e obj) { delete(e, "name") })
	expired := endorsement("urn:uuid:00000000-0000-4000-8000-0000000000e3", func(e obj) { e["validUntil"] = "2024-06-01T00:00:00Z" })
	withEndorsement := func(ref string) obj {
		c := baseCredential()
		c["credentialSubject"].(obj)["achievement"].(obj)["endorsement"] = arr{ref}
		return c
	}

	// A 100,000-entry list signed by a dedicated status key (its own
	// did:key, not the credential's issuer), served as a file without an
	// extension: application/octet-stream.
	list := obj{
		"@context": arr{ctxVC2}, "id": listURL, "type": arr{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": "did:placeholder", "validFrom": "2024-01-01T00:00:00Z",
		"credentialSubject": obj{"id": listURL + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
			"encodedList": listOf(t, 100000)},
	}
	onList := baseCredential()
	onList["credentialStatus"] = obj{"id": listURL + "#41", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "41", "statusListCredential": listURL}

	// An issuer whose clock runs three seconds ahead of the verifier's.
	ahead := baseCredential()
	ahead["validFrom"] = "2025-03-01T12:00:03Z"

	sign := func(name string, doc obj, seed, date string) job {
		return job{"name": name, "op": "sign", "suite": "eddsa-rdfc-2022", "seed": seed, "doc": doc, "date": date}
	}
	const created = "2024-01-01T00:00:00Z"
	res := s.batch(t, []job{
		sign("logo-url", logoURL, issuerSeed, created),
		sign("subject-name-only", nameOnly, issuerSeed, created),
		sign("achievementType-Program", program, issuerSeed, created),
		sign("plain-vc", plainVC, issuerSeed, created),
		sign("unnamed", unnamed, endorserSeed, created),
		sign("expired", expired, endorserSeed, created),
		sign("endorsement-without-name", withEndorsement("$job:unnamed"), issuerSeed, created),
		sign("expired-endorsement", withEndorsement("$job:expired"), issuerSeed, created),
		sign("list", list, statusKeySeed, created),
		sign("status-100k-dedicated-key", onList, issuerSeed, created),
		sign("clock-3s-ahead", ahead, issuerSeed, "2025-03-01T12:00:03Z"),
	})
	signed := map[string][]byte{}
	var verifyJobs []job
	for name, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack could not sign %s: %s", name, r.Error)
		}
		signed[name] = r.OK
		var doc any
		json.Unmarshal(r.OK, &doc)
		verifyJobs = append(verifyJobs, job{"name": name, "op": "verify", "doc": doc})
	}
	// The reference stack's own verifier accepts every one of them but the
	// expired endorsement on its own; it does not look inside the endorsed
	// credential, which it accepts.
	for name, r := range s.batch(t, verifyJobs) {
		switch {
		case name == "expired" && !strings.Contains(r.Error, "validUntil"):
			t.Errorf("the reference stack should refuse the expired endorsement itself: %s %s", r.OK, r.Error)
		case name != "expired" && r.Error != "":
			t.Errorf("the reference stack does not verify %s: %s", name, r.Error)
		}
	}

	network := &http.Client{Transport: publishedAs{listURL: {"application/octet-stream", signed["list"]}}}
	cases := []struct {
		name        string
		def, strict verify.Verdict
		check       verify.CheckID
	}{
		{"logo-url", verify.VerifiedWithWarnings, verify.Failed, verify.CheckSchema},
		{"subject-name-only", verify.VerifiedWithWarnings, verify.Failed, verify.CheckSubject},
		{"achievementType-Program", verify.VerifiedWithWarnings, verify.Failed, verify.CheckSchema},
		{"plain-vc", verify.VerifiedWithWarnings, verify.Failed, verify.CheckType},
		{"endorsement-without-name", verify.VerifiedWithWarnings, verify.Failed, verify.CheckSchema},
		{"expired-endorsement", verify.VerifiedWithWarnings, verify.Failed, verify.CheckEndorsements},
		{"status-100k-dedicated-key", verify.VerifiedWithWarnings, verify.VerifiedWithWarnings, verify.CheckStatus},
		{"clock-3s-ahead", verify.Verified, verify.Verified, verify.CheckValidity},
	}
	for _, policy := range []verify.Policy{verify.PolicyDefault, verify.PolicyStrict} {
		v := newVerifier(t, verify.Config{Clock: clock, HTTPClient: network, Policy: policy})
		for _, c := range cases {
			t.Run(string(policy)+"/"+c.name, func(t *testing.T) {
				rep := runVerify(t, v, signed[c.name])
				want := c.def
				if policy == verify.PolicyStrict {
					want = c.strict
				}
				wantVerdict(t, rep, want)
				if rep.Authentic.Answer != verify.AnswerYes || rep.Current.Answer != verify.AnswerYes {
					t.Errorf("authentic %v, current %v: the reference stack verifies it", rep.Authentic, rep.Current)
				}
				chk := rep.Check(c.check)
				switch {
				case chk == nil:
					t.Fatalf("no %s check", c.check)
				case want == verify.VerifiedWithWarnings && chk.Outcome != verify.Warn,
					want == verify.Failed && chk.Outcome != verify.Fail:
					t.Errorf("%s is %s: %s", c.check, chk.Outcome, describe(rep))
				}
			})
		}
	}
	// The status warning names the list's signer and the size.
	rep := runVerify(t, newVerifier(t, verify.Config{Clock: clock, HTTPClient: network}), signed["status-100k-dedicated-key"])
	var listIssuer struct{ Issuer string }
	json.Unmarshal(signed["list"], &listIssuer)
	if msg := rep.Check(verify.CheckStatus).Message; !strings.Contains(msg, listIssuer.Issuer) || !strings.Contains(msg, "100000 entries") {
		t.Errorf("status warning: %s", msg)
	}
	// Offline, the same credential is unverified: its status lives on the network.
	wantVerdict(t, runVerify(t, newVerifier(t, verify.Config{Clock: clock}), signed["status-100k-dedicated-key"]), verify.Unverified)
}
