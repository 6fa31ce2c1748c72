package credential

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestHostileTextRefused: canonicalization takes shortcuts for what the
// strict reader and the JSON-LD straight path have already checked (the
// UTF-8 of the document's text, the IRIs the straight path emits). A
// document with invalid UTF-8 or with an IRI no N-Quads can hold must
// still be refused, by AddProof and by VerifyProofs, with the error it got
// before those shortcuts.
func TestHostileTextRefused(t *testing.T) {
	s := newDISample(t, "eddsa-rdfc-2022")
	ctx := context.Background()
	unsignedDoc := diDecodeObject(t, s.signed)
	delete(unsignedDoc, "proof")

	tests := []struct {
		reason string
		edit   func(t *testing.T, doc map[string]any) []byte
		want   string // in the error's text
	}{
		{"an identifier with a space",
			func(t *testing.T, doc map[string]any) []byte {
				diEdit(t, doc, "/id", "urn:uuid:a b")
				return diMarshalT(t, doc)
			}, "is not an absolute IRI"},
		{"a subject identifier with '<'",
			func(t *testing.T, doc map[string]any) []byte {
				diEdit(t, doc, "/credentialSubject/id", "did:example:a<b")
				return diMarshalT(t, doc)
			}, "is not an absolute IRI"},
		{"a relative identifier",
			func(t *testing.T, doc map[string]any) []byte {
				diEdit(t, doc, "/issuer/id", "issuers/565049")
				return diMarshalT(t, doc)
			}, "is not an absolute IRI"},
		{"a DEL in an identifier",
			func(t *testing.T, doc map[string]any) []byte {
				diEdit(t, doc, "/id", "urn:uuid:a\x7fb")
				return diMarshalT(t, doc)
			}, "is not an absolute IRI"},
		{"invalid UTF-8 in a string",
			func(t *testing.T, doc map[string]any) []byte {
				return replaceOnce(t, diMarshalT(t, doc), `"Teamwork Badge"`, "\"Teamwork \xff Badge\"")
			}, "strictjson: invalid UTF-8"},
		{"invalid UTF-8 in a member name",
			func(t *testing.T, doc map[string]any) []byte {
				return replaceOnce(t, diMarshalT(t, doc), `"name":"Teamwork Badge"`, "\"na\xc3me\":\"Teamwork Badge\"")
			}, "strictjson: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			// Signing: the document as the caller gives it.
			doc := diDecodeObject(t, diMarshalT(t, unsignedDoc))
			_, err := AddProof(ctx, tt.edit(t, doc), SignOptions{Signer: s.key, VerificationMethod: s.vm, Created: diSignTime, Loader: diTestLoader(t)})
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddProof: err = %v, want ErrMalformed mentioning %q", err, tt.want)
			}
			// Verifying: the signed document, edited after signing.
			doc = diDecodeObject(t, s.signed)
			r, err := VerifyProofs(ctx, tt.edit(t, doc), VerifyOptions{Loader: diTestLoader(t)})
			if err == nil {
				err = r.Err()
			}
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("VerifyProofs: err = %v, want ErrMalformed mentioning %q", err, tt.want)
			}
		})
	}
}

func diMarshalT(t *testing.T, v any) []byte {
	t.Helper()
	b, err := diMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func replaceOnce(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if bytes.Count(b, []byte(old)) != 1 {
		t.Fatalf("%s occurs %d times in the document, want once", old, bytes.Count(b, []byte(old)))
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}
