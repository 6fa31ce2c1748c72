package credential

import (
	"crypto"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestJWKThumbprintRFCVectors(t *testing.T) {
	tests := []struct {
		jwk, thumbprint, why string
	}{
		{`{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`,
			"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", "RFC 7638 section 3.1"},
		{`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`,
			"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "RFC 8037 appendix A.3"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			pub, err := ParsePublicJWK([]byte(tt.jwk))
			if err != nil {
				t.Fatalf("%s: %v", tt.why, err)
			}
			if got, err := jwkThumbprint(pub); err != nil || got != tt.thumbprint {
				t.Errorf("%s: thumbprint %q, %v; want %q", tt.why, got, err, tt.thumbprint)
			}
		})
	}
}

func TestJWKRoundTrip(t *testing.T) {
	for _, kt := range signingKeyTypes {
		k := testKeys[kt]
		b, err := MarshalJWK(k)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		tp, _ := jwkThumbprint(k.Public())
		if m["kid"] != tp || m["d"] == nil {
			t.Errorf("%s: private JWK kid %v (want thumbprint %s), has d: %v", kt, m["kid"], tp, m["d"] != nil)
		}
		priv, err := ParsePrivateJWK(b)
		if err != nil || !priv.(interface{ Equal(crypto.PrivateKey) bool }).Equal(k) {
			t.Errorf("%s: private round trip: %v", kt, err)
		}
		if _, err := ParsePublicJWK(b); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s: ParsePublicJWK of a private JWK: %v, want ErrInvalidKey", kt, err)
		}
		pb, err := MarshalJWK(k.Public())
		if err != nil || strings.Contains(string(pb), `"d"`) {
			t.Fatalf("%s: public JWK %s: %v", kt, pb, err)
		}
		pub, err := ParsePublicJWK(pb)
		if err != nil || !sameKey(pub, k.Public()) {
			t.Errorf("%s: public round trip: %v", kt, err)
		}
		if _, err := ParsePrivateJWK(pb); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s: ParsePrivateJWK of a public JWK: %v, want ErrInvalidKey", kt, err)
		}
		if _, err := MarshalJWK(newKMS(kt)); !errors.Is(err, errUnsupportedKey) {
			t.Errorf("%s: exporting a KMS key as JWK: %v, want errUnsupportedKey", kt, err)
		}
	}
}

func TestParseJWKRejects(t *testing.T) {
	tests := []struct {
		jwk  string
		want error
		why  string
	}{
		{`{"kty":"oct","k":"AAAA"}`, errUnsupportedKey, "symmetric key"},
		{`{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`, errUnsupportedKey, "X25519"},
		{`{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}`, errUnsupportedKey, "secp256k1"},
		{`{"kty":"EC","crv":"P-521","x":"Ac8mt4TvYd3TOrYtTk_YTQ5QQMpl58OnrU7uRxQEUoOO_6QnRBM0Xan8KQI_0dPKzcKBak0ZSEXcc5SNFUBHYfbP","y":"ADP_cowssurHA7uMHy4IODl247oQjCxZWFX7Gtr3cFmfVIwEyKGegrJh9ooZy5FsvFVbYwAmLKVfGZs7O15RBsO-"}`, errUnsupportedKey, "P-521"},
		{`{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}`, ErrInvalidKey, "short coordinates"},
		{`{"kty":"EC","crv":"P-256","x":"WfTi93YuhsQxKbD0ftnjOXJndqhnJ5kgDV-ZDGyrhBQ","y":"WfTi93YuhsQxKbD0ftnjOXJndqhnJ5kgDV-ZDGyrhBQ"}`, ErrInvalidKey, "point not on the curve"},
		{`{"kty":"RSA","n":"AQAB","e":"AQAB"}`, ErrInvalidKey, "tiny RSA modulus"},
		{`{"kty":"OKP","crv":"Ed25519"}`, ErrInvalidKey, "no x"},
		{`not json`, ErrInvalidKey, "not JSON"},
		{`{"kty":"RSA","n":"` + strings.Repeat("A", MaxJWKBytes) + `","e":"AQAB"}`, ErrInvalidKey, "oversized"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if _, err := ParsePublicJWK([]byte(tt.jwk)); !errors.Is(err, tt.want) {
				t.Errorf("%s: ParsePublicJWK error = %v, want %v", tt.why, err, tt.want)
			}
		})
	}
}

// FuzzParseJWK: hostile JWKs (from jwk headers, did:jwk, controller
// documents) give errors, never panics; an accepted public key round-trips
// through the canonical members and keeps its thumbprint.
func FuzzParseJWK(f *testing.F) {
	for _, kt := range signingKeyTypes {
		b, _ := MarshalJWK(testKeys[kt])
		f.Add(b)
		b, _ = marshalPublicJWK(testKeys[kt].Public())
		f.Add(b)
	}
	f.Add([]byte(`{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`))
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA","d":"AAAA"}`))
	f.Add([]byte(`{"kty":"RSA","n":"AQAB","e":"AQAB","x5c":["AAAA"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if pub, err := ParsePublicJWK(b); err == nil {
			canon, err := marshalPublicJWK(pub)
			if err != nil {
				t.Fatalf("accepted key does not marshal: %v", err)
			}
			again, err := ParsePublicJWK(canon)
			if err != nil || !sameKey(again, pub) {
				t.Fatalf("canonical JWK %s does not round-trip: %v", canon, err)
			}
		}
		if priv, err := ParsePrivateJWK(b); err == nil {
			if _, err := KeyTypeOf(priv.Public()); err != nil {
				t.Fatalf("accepted private key of unsupported type: %v", err)
			}
		}
	})
}
