package verify

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/strictjson"
)

// rawJWS signs a header and payload given as JSON text, so that a test can
// write what json.Marshal never would: repeated names and names in any case.
func rawJWS(t *testing.T, header, payload string, sign func([]byte) []byte) string {
	t.Helper()
	input := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	return input + "." + base64.RawURLEncoding.EncodeToString(sign([]byte(input)))
}

// bakePNG bakes a compact JWT into a 1x1 PNG.
func bakePNG(t *testing.T, token string) []byte {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	out, err := bake.Bake(img.Bytes(), []byte(token), nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestJOSECaseVariants is issue 15 §2: encoding/json matched the JOSE
// header to a struct case-insensitively, so a "KID" naming the attacker's
// key under the victim's URL was used as the kid by credential while verify,
// reading the header as a map, saw no kid and passed the issuer binding.
// Every header parameter and claim is now read exactly, and a member that
// is one of them in another case, or repeated, is refused.
func TestJOSECaseVariants(t *testing.T) {
	const victimURL = "https://victim.example/issuer"
	attacker, iss := newIssuer(t), newIssuer(t)
	mk, err := credential.EncodeMultikey(attacker.key.Public())
	if err != nil {
		t.Fatal(err)
	}
	attackerKid := victimURL + "#" + mk

	// victimPayload claims to be from the victim; the attacker signs it.
	victimPayload := func() map[string]any {
		var m map[string]any
		if err := json.Unmarshal(unsignedCredential(t, victimURL, nil), &m); err != nil {
			t.Fatal(err)
		}
		m["iss"], m["jti"], m["nbf"], m["sub"] = victimURL, m["id"], 1262304000, "did:example:ebfeb1f712ebc6f1c276e12ec21"
		return m
	}
	marshal := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// Members are renamed in the marshalled text so that their place and
	// value stay as they were.
	rename := func(s, from, to string) string {
		if !strings.Contains(s, `"`+from+`":`) {
			t.Fatalf("no %q member in %s", from, s)
		}
		return strings.Replace(s, `"`+from+`":`, `"`+to+`":`, 1)
	}
	good := marshal(jwtPayload(t, iss, nil))
	goodHeader := `{"alg":"EdDSA","typ":"JWT","kid":"` + iss.vm + `"}`
	v := offlineVerifier(t, Config{})
	if r := mustVerify(t, v, []byte(rawJWS(t, goodHeader, good, edSign(t, iss)))); r.Verdict != Verified {
		t.Fatalf("control token does not verify:\n%s", r)
	}
	kidAttack := rawJWS(t, `{"alg":"EdDSA","typ":"JWT","KID":"`+attackerKid+`"}`, marshal(victimPayload()), edSign(t, attacker))
	wrapped := func() string { // the credential in a vc claim, VC 1.1 style
		m := jwtPayload(t, iss, nil)
		claims := map[string]any{"iss": m["iss"], "jti": m["jti"], "nbf": m["nbf"], "sub": m["sub"]}
		for k := range claims {
			delete(m, k)
		}
		claims["vc"] = m
		return marshal(claims)
	}()

	for _, tc := range []struct {
		name   string
		in     []byte
		target error
		reason string
	}{
		{"KID naming the attacker's key under the victim's URL", []byte(kidAttack), strictjson.ErrFieldCase,
			"the issue 15 token: verified clean before the fix"},
		{"KID baked in a PNG", bakePNG(t, kidAttack), strictjson.ErrFieldCase,
			"the same token reached through a baked image"},
		{"Kid", []byte(rawJWS(t, `{"alg":"EdDSA","typ":"JWT","Kid":"`+iss.vm+`"}`, good, edSign(t, iss))), strictjson.ErrFieldCase,
			"any case other than the exact one"},
		{"kid and KID", []byte(rawJWS(t, `{"alg":"EdDSA","typ":"JWT","kid":"`+iss.vm+`","KID":"`+attackerKid+`"}`, good, edSign(t, iss))), strictjson.ErrCaseVariant,
			"two names for one parameter: which one wins depends on the reader"},
		{"duplicate kid", []byte(rawJWS(t, `{"alg":"EdDSA","typ":"JWT","kid":"`+iss.vm+`","kid":"`+attackerKid+`"}`, good, edSign(t, iss))), strictjson.ErrDuplicateKey,
			"encoding/json keeps the last, other parsers the first"},
		{"ALG", []byte(rawJWS(t, `{"ALG":"EdDSA","typ":"JWT","kid":"`+iss.vm+`"}`, good, edSign(t, iss))), strictjson.ErrFieldCase,
			"alg must be read exactly"},
		{"Alg beside alg", []byte(rawJWS(t, `{"alg":"EdDSA","Alg":"none","typ":"JWT","kid":"`+iss.vm+`"}`, good, edSign(t, iss))), strictjson.ErrCaseVariant,
			"a second alg in another case"},
		{"TYP", []byte(rawJWS(t, `{"alg":"EdDSA","TYP":"JWT","kid":"`+iss.vm+`"}`, good, edSign(t, iss))), strictjson.ErrFieldCase,
			"typ must be read exactly"},
		{"ISS", []byte(rawJWS(t, goodHeader, rename(good, "iss", "ISS"), edSign(t, iss))), strictjson.ErrFieldCase,
			"iss must be read exactly"},
		{"Sub", []byte(rawJWS(t, goodHeader, rename(good, "sub", "Sub"), edSign(t, iss))), strictjson.ErrFieldCase,
			"sub must be read exactly"},
		{"NBF", []byte(rawJWS(t, goodHeader, rename(good, "nbf", "NBF"), edSign(t, iss))), strictjson.ErrFieldCase,
			"nbf must be read exactly"},
		{"Exp", []byte(rawJWS(t, goodHeader, strings.Replace(good, `{`, `{"Exp":1262304000,`, 1), edSign(t, iss))), strictjson.ErrFieldCase,
			"an expiry another reader would apply must not be ignored here"},
		{"JTI", []byte(rawJWS(t, goodHeader, rename(good, "jti", "JTI"), edSign(t, iss))), strictjson.ErrFieldCase,
			"jti must be read exactly"},
		{"VC", []byte(rawJWS(t, goodHeader, rename(wrapped, "vc", "VC"), edSign(t, iss))), strictjson.ErrFieldCase,
			"the vc claim must be read exactly"},
		{"duplicate iss", []byte(rawJWS(t, goodHeader, strings.Replace(good, `{`, `{"iss":"did:example:other",`, 1), edSign(t, iss))), strictjson.ErrDuplicateKey,
			"a repeated claim"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustVerify(t, v, tc.in)
			expectFail(t, r, CheckProof, credential.ErrMalformed)
			if !errors.Is(r.Err(), tc.target) {
				t.Errorf("%s: Err() = %v, want errors.Is %v", tc.reason, r.Err(), tc.target)
			}
		})
	}
}
