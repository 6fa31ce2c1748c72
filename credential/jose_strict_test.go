package credential

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestJOSEObjectsCaseSensitive: the JOSE-side objects other than the
// header and claims (verify/jose_case_test.go covers those end to end) are
// read with exact member names too.
func TestJOSEObjectsCaseSensitive(t *testing.T) {
	const x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
	for _, tc := range []struct {
		name   string
		err    func() error
		class  error
		target error
		reason string
	}{
		{"JWK KTY", func() error {
			_, err := ParsePublicJWK([]byte(`{"KTY":"OKP","crv":"Ed25519","x":"` + x + `"}`))
			return err
		},
			ErrInvalidKey, strictjson.ErrFieldCase, "go-jose reads kty exactly; our pre-check must not read KTY"},
		{"JWK crv and CRV", func() error {
			_, err := ParsePublicJWK([]byte(`{"kty":"OKP","crv":"Ed25519","CRV":"X25519","x":"` + x + `"}`))
			return err
		}, ErrInvalidKey, strictjson.ErrCaseVariant, "two curves"},
		{"envelope ID", func() error {
			_, err := parseEnvelopedCredential([]byte(`{"ID":"data:application/vc+jwt,a.b.c","type":"EnvelopedVerifiableCredential"}`))
			return err
		}, errMalformedJWT, strictjson.ErrFieldCase, "the token a presentation carries is named by id exactly"},
		{"envelope Type", func() error {
			_, err := parseEnvelopedCredential([]byte(`{"id":"data:application/vc+jwt,a.b.c","Type":"EnvelopedVerifiableCredential"}`))
			return err
		}, errMalformedJWT, strictjson.ErrFieldCase, "and typed by type exactly"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if !errors.Is(err, tc.class) || !errors.Is(err, tc.target) {
				t.Errorf("%s: err = %v, want %v and %v", tc.reason, err, tc.class, tc.target)
			}
		})
	}
	if _, err := ParsePublicJWK([]byte(`{"kty":"OKP","crv":"Ed25519","x":"` + x + `"}`)); err != nil {
		t.Errorf("control JWK: %v", err)
	}
}

// TestJWTRaisedMaxSize: the strict reader puts no size cap of its own on a
// header or payload; JWTVerifyOptions.MaxJWTBytes is the one limit, and raising
// it above DefaultMaxJWTBytes lets a larger (honest) token through.
func TestJWTRaisedMaxSize(t *testing.T) {
	ed := testKeys[KeyEd25519]
	edDID, edVM := identity(t, ed)
	big := obPayload(t, edDID, `"description": "`+strings.Repeat("x", DefaultMaxJWTBytes)+`",`, nil)
	token := craft(t, map[string]any{"alg": "EdDSA", "kid": edVM, "typ": "JWT"}, big, ed, nil)
	if _, err := VerifyJWT(context.Background(), token, JWTVerifyOptions{}); !errors.Is(err, errJWTTooLarge) {
		t.Errorf("default MaxJWTBytes: err = %v, want errJWTTooLarge", err)
	}
	if _, err := VerifyJWT(context.Background(), token, JWTVerifyOptions{MaxJWTBytes: 4 * DefaultMaxJWTBytes}); err != nil {
		t.Errorf("raised MaxJWTBytes: %v", err)
	}
}
