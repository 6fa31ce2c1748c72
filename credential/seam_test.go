package credential

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestVerifyJWTLeavesPolicyToTheCaller: VerifyJWT establishes the
// signature, the key and its source, and claim agreement; the issuer
// binding and the clock are the separate calls KeyBoundTo and ValidateTime.
func TestVerifyJWTLeavesPolicyToTheCaller(t *testing.T) {
	ctx := context.Background()
	ed := testKeys[KeyEd25519]
	did, vm := identity(t, ed)
	otherDID, _ := identity(t, testKeys[KeyP256])
	jwk, err := MarshalJWK(ed.Public())
	if err != nil {
		t.Fatal(err)
	}
	// An OB VC-JWT valid from 2024-01-01 (nbf), expiring 2024-02-01 (exp).
	window := map[string]any{"exp": 1706745600}
	until := `
  "validUntil": "2024-02-01T00:00:00Z",`
	for _, tc := range []struct {
		name      string
		header    map[string]any
		issuer    string
		source    KeySource
		embedded  bool
		boundErr  error // KeyBoundTo(Issuer)
		reasonErr error // the specific cause, when bound fails
		why       string
	}{
		{"kid of the issuer", map[string]any{"alg": "EdDSA", "kid": vm}, did, KeySourceDIDKey, false, nil, nil,
			"a did:key URL of the issuer's own DID"},
		{"bare did:key kid", map[string]any{"alg": "EdDSA", "kid": did}, did, KeySourceDIDKey, false, nil, nil,
			"a kid is a hint: a bare did:key names its one key"},
		{"kid of another DID", map[string]any{"alg": "EdDSA", "kid": vm}, otherDID, KeySourceDIDKey, false, ErrKeyNotBound, errIssuerKeyMismatch,
			"the signature verifies, but the key is not the issuer's"},
		{"embedded key of the issuer's did:key", map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(jwk)}, did, KeySourceJWTHeader, true, nil, nil,
			"an embedded key whose did:key is the issuer binds to it"},
		{"embedded key, https issuer", map[string]any{"alg": "EdDSA", "jwk": json.RawMessage(jwk)}, "https://issuer.example", KeySourceJWTHeader, true, ErrKeyNotBound, errEmbeddedJWKUntrusted,
			"an embedded key vouches only for itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := craft(t, tc.header, obPayload(t, tc.issuer, until, window), ed, nil)
			res, err := VerifyJWT(ctx, tok, JWTVerifyOptions{})
			if err != nil {
				t.Fatalf("%s: VerifyJWT: %v", tc.why, err)
			}
			if res.VerificationMethod.Source != tc.source || res.EmbeddedKey != tc.embedded || res.Issuer != tc.issuer {
				t.Errorf("%s: source %q embedded %v issuer %q", tc.why, res.VerificationMethod.Source, res.EmbeddedKey, res.Issuer)
			}
			err = res.KeyBoundTo(res.Issuer)
			if !errors.Is(err, tc.boundErr) || (tc.boundErr == nil) != (err == nil) {
				t.Fatalf("%s: KeyBoundTo = %v, want %v", tc.why, err, tc.boundErr)
			}
			if tc.reasonErr != nil && !errors.Is(err, tc.reasonErr) {
				t.Errorf("%s: KeyBoundTo = %v, want the reason %v", tc.why, err, tc.reasonErr)
			}
			want := JWTClaims{Issuer: tc.issuer, Subject: "did:example:learner", ID: "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
				NotBefore: time.Unix(1704067200, 0).UTC(), Expiry: time.Unix(1706745600, 0).UTC()}
			if !res.Claims.NotBefore.Equal(want.NotBefore) || !res.Claims.Expiry.Equal(want.Expiry) ||
				res.Claims.Issuer != want.Issuer || res.Claims.Subject != want.Subject || res.Claims.ID != want.ID {
				t.Errorf("%s: claims %+v, want %+v", tc.why, res.Claims, want)
			}
			// VerifyJWT ran with the system clock far past exp and did not
			// mind; ValidateTime does.
			if err := res.ValidateTime(time.Now(), 0); !errors.Is(err, ErrExpired) {
				t.Errorf("%s: ValidateTime(now) = %v, want ErrExpired", tc.why, err)
			}
			if err := res.ValidateTime(time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), 0); err != nil {
				t.Errorf("%s: ValidateTime inside the window: %v", tc.why, err)
			}
		})
	}
}

// TestJWTClaimsValidateTime: the clock check of a token, with skew.
func TestJWTClaimsValidateTime(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	c := JWTClaims{NotBefore: t0, Expiry: t0.Add(time.Hour), IssuedAt: t0}
	for _, tc := range []struct {
		now    time.Time
		skew   time.Duration
		claims JWTClaims
		want   error
		why    string
	}{
		{t0.Add(time.Minute), 0, c, nil, "inside the window"},
		{t0.Add(-3 * time.Second), 0, c, ErrNotYetValid, "an issuer whose clock is 3 s ahead, no skew"},
		{t0.Add(-3 * time.Second), 5 * time.Minute, c, nil, "the same, with five minutes of skew"},
		{t0.Add(-3 * time.Second), -time.Minute, c, ErrNotYetValid, "a negative skew counts as none"},
		{t0.Add(time.Hour), 0, c, ErrExpired, "exp is exclusive"},
		{t0.Add(time.Hour + time.Minute), 5 * time.Minute, c, nil, "skew after exp"},
		{t0.Add(-time.Minute), time.Minute, JWTClaims{IssuedAt: t0.Add(time.Hour)}, ErrNotYetValid, "iat in the future beyond skew"},
		{t0, 0, JWTClaims{}, nil, "no time claims: nothing to refuse"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if err := tc.claims.ValidateTime(tc.now, tc.skew); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("%s: got %v, want %v", tc.why, err, tc.want)
			}
		})
	}
}

// TestIATReadOnlyWhenNumeric: a numeric iat is a claim; the W3C suite's
// date-string iat is left alone rather than refused.
func TestIATReadOnlyWhenNumeric(t *testing.T) {
	ctx := context.Background()
	ed := testKeys[KeyEd25519]
	did, vm := identity(t, ed)
	for _, tc := range []struct {
		iat  any
		want time.Time
		why  string
	}{
		{1704067200, time.Unix(1704067200, 0).UTC(), "NumericDate"},
		{"2024-01-01T00:00:00Z", time.Time{}, "a date string, as the W3C suite writes it"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			tok := craft(t, map[string]any{"alg": "EdDSA", "kid": vm}, obPayload(t, did, "", map[string]any{"iat": tc.iat}), ed, nil)
			res, err := VerifyJWT(ctx, tok, JWTVerifyOptions{})
			if err != nil {
				t.Fatalf("%s: %v", tc.why, err)
			}
			if !res.Claims.IssuedAt.Equal(tc.want) {
				t.Errorf("%s: IssuedAt %v, want %v", tc.why, res.Claims.IssuedAt, tc.want)
			}
		})
	}
}

// TestVerifyProofsLeavesTimeToTheCaller: a proof dated in the future or
// expired still verifies as a signature; ValidateTime judges its dates,
// and the report says which key verified and where it came from.
func TestVerifyProofsLeavesTimeToTheCaller(t *testing.T) {
	ctx := context.Background()
	s := newDISample(t, SuiteEdDSARDFC2022, func(o *SignOptions) { o.Expires = diSignTime.Add(time.Hour) })
	rep, err := VerifyProofs(ctx, s.signed, VerifyOptions{Loader: diTestLoader(t)})
	if err != nil {
		t.Fatal(err)
	}
	pr := rep.Proofs[0]
	if pr.Key == nil || pr.Key.Source != KeySourceDIDKey || pr.Key.Controller != s.did || !strings.HasPrefix(pr.Key.ID, s.did+"#") {
		t.Fatalf("key %+v", pr.Key)
	}
	for _, tc := range []struct {
		now  time.Time
		skew time.Duration
		want error
		why  string
	}{
		{diSignTime.Add(time.Minute), 0, nil, "between created and expires"},
		{diSignTime.Add(-time.Minute), 5 * time.Minute, nil, "the signer's clock a minute ahead, within skew"},
		{diSignTime.Add(-time.Minute), 0, ErrNotYetValid, "the same without skew"},
		{diSignTime.Add(time.Hour), 5 * time.Minute, ErrExpired, "expires is exclusive, and skew does not extend it"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			if err := pr.ValidateTime(tc.now, tc.skew); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("%s: got %v, want %v", tc.why, err, tc.want)
			}
		})
	}
}

// TestKeyError: a key that cannot be resolved is a *KeyError naming it,
// in the ErrVerificationMethod class, with the resolver's cause kept.
func TestKeyError(t *testing.T) {
	ctx := context.Background()
	s := newDISample(t, SuiteEdDSARDFC2022, func(o *SignOptions) { o.VerificationMethod = "did:web:issuer.example#key-1" })
	rep, err := VerifyProofs(ctx, s.signed, VerifyOptions{Loader: diTestLoader(t)})
	var ke *KeyError
	if !errors.As(err, &ke) || ke.ID != "did:web:issuer.example#key-1" || !errors.Is(err, ErrVerificationMethod) || !errors.Is(err, errUnsupportedDIDMethod) {
		t.Fatalf("got %v (%T), want a *KeyError for the did:web key wrapping the unsupported-method reason", err, err)
	}
	if rep == nil || rep.Proofs[0].Key != nil {
		t.Errorf("a proof whose key failed reports a key: %+v", rep)
	}
}
