package verify

import (
	"encoding/json"
	"testing"
	"time"
)

// TestJWTClaimsUseConfigClock: package credential leaves a VC-JWT's nbf,
// exp and iat to its caller; the verifier judges them with Config.Clock
// and its skew, under the validity check. A vc+jwt's claims may be
// narrower than the credential's validFrom/validUntil, and then they
// decide.
func TestJWTClaimsUseConfigClock(t *testing.T) {
	iss := newIssuer(t)
	var cred map[string]any
	if err := json.Unmarshal(unsignedCredential(t, iss.did, func(m map[string]any) {
		m["validFrom"], m["validUntil"] = "2010-01-01T00:00:00Z", "2030-01-01T00:00:00Z"
	}), &cred); err != nil {
		t.Fatal(err)
	}
	vcJWT := func(claims map[string]any) []byte {
		p := map[string]any{}
		for k, v := range cred {
			p[k] = v
		}
		for k, v := range claims {
			p[k] = v
		}
		return []byte(compactJWS(t, map[string]any{"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": iss.vm}, p, edSign(t, iss)))
	}
	at := func(s string) func() time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return func() time.Time { return tm }
	}
	t2020 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, tc := range []struct {
		name   string
		token  []byte
		clock  func() time.Time
		want   Verdict
		target error
		why    string
	}{
		{"exp passed", vcJWT(map[string]any{"exp": t2020}), at("2021-01-01T00:00:00Z"), Failed, ErrExpired,
			"the token's exp is before the clock although validUntil is not"},
		{"exp ahead", vcJWT(map[string]any{"exp": t2020}), at("2019-01-01T00:00:00Z"), Verified, nil,
			"the same token, judged at a Config.Clock before its exp"},
		{"nbf ahead", vcJWT(map[string]any{"nbf": t2020}), at("2019-01-01T00:00:00Z"), Failed, ErrNotYetValid,
			"the token is not valid before its nbf"},
		{"nbf 3 s ahead", vcJWT(map[string]any{"nbf": t2020}), func() time.Time { return time.Unix(t2020-3, 0) }, Verified, nil,
			"an issuer whose clock is three seconds ahead: within the default skew"},
		{"iat 3 s ahead", vcJWT(map[string]any{"iat": t2020}), func() time.Time { return time.Unix(t2020-3, 0) }, Verified, nil,
			"a fresh token from an issuer three seconds ahead"},
		{"iat tomorrow", vcJWT(map[string]any{"iat": t2020}), func() time.Time { return time.Unix(t2020-86400, 0) }, Failed, ErrNotYetValid,
			"a token issued tomorrow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, offlineVerifier(t, Config{Clock: tc.clock}), tc.token)
			if r.Verdict != tc.want {
				t.Fatalf("%s: verdict %s, want %s\n%s", tc.why, r.Verdict, tc.want, r)
			}
			if tc.want == Failed {
				expectFail(t, r, CheckValidity, tc.target)
			}
			if c := r.Check(CheckProof); c == nil || c.Outcome != Pass {
				t.Errorf("%s: time is not a proof failure:\n%s", tc.why, r)
			}
		})
	}
}
