package credential

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/vocab"
)

// NewPresentation wraps credentials (each a JSON object, typically a
// credential with a Data Integrity proof) in an unsigned
// VerifiablePresentation of holder (omitted when empty). The credentials
// are embedded byte for byte. The presentation uses the VC 2.0 context, or
// VC 1.1 when the credentials do; mixing the two is an error because JSON-LD
// cannot process a 1.1 credential inside a 2.0 presentation. At most
// DefaultMaxCredentials credentials fit in one presentation.
func NewPresentation(holder string, credentials ...json.RawMessage) ([]byte, error) {
	if len(credentials) > DefaultMaxCredentials {
		return nil, fmt.Errorf("%w: %d credentials, limit %d", errMalformedDocument, len(credentials), DefaultMaxCredentials)
	}
	base := ""
	for i, c := range credentials {
		v, err := jcs.Decode(c, &jcs.Limits{MaxBytes: DefaultMaxDocumentBytes, MaxDepth: DefaultMaxDepth})
		if err != nil {
			return nil, fmt.Errorf("%w: credential %d: %w", errMalformedDocument, i, err)
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%w: credential %d is not a JSON object", errMalformedDocument, i)
		}
		var c0 string
		if l := diContextList(obj["@context"]); len(l) > 0 {
			c0, _ = l[0].(string)
		}
		if c0 != vocab.ContextVCv2 && c0 != vocab.ContextVCv1 {
			return nil, fmt.Errorf("%w: credential %d: @context must start with %s or %s", errMalformedDocument, i, vocab.ContextVCv2, vocab.ContextVCv1)
		}
		if base != "" && base != c0 {
			return nil, fmt.Errorf("%w: credentials mix VC 1.1 and VC 2.0 contexts", errMalformedDocument)
		}
		base = c0
	}
	if base == "" {
		base = vocab.ContextVCv2
	}
	var b bytes.Buffer
	b.WriteString(`{"@context":["` + base + `"],"type":["VerifiablePresentation"]`)
	if holder != "" {
		h, err := diMarshal(holder)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"holder":`)
		b.Write(h)
	}
	if len(credentials) > 0 {
		b.WriteString(`,"verifiableCredential":[`)
		for i, c := range credentials {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(bytes.TrimSpace(c))
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// SignPresentation adds the holder's proof to a presentation. A
// presentation proof must be bound to one verifier and one request, so
// opts.Challenge and opts.Domain are required; the proof purpose defaults
// to PurposeAuthentication.
//
// A verifier checks it with verify.Verifier.VerifyPresentation, which
// verifies the holder's proof and every credential the presentation
// carries. At this package's level, the holder's proof alone is
// VerifyProofs with ProofPurpose PurposeAuthentication and the expected
// Domain and Challenge.
func SignPresentation(ctx context.Context, presentation []byte, opts SignOptions) ([]byte, error) {
	if opts.Challenge == "" || opts.Domain == "" {
		return nil, fmt.Errorf("%w: a presentation proof needs a Challenge and a Domain", ErrInvalidOptions)
	}
	if opts.ProofPurpose == "" {
		opts.ProofPurpose = PurposeAuthentication
	}
	return AddProof(ctx, presentation, opts)
}

// diIssuerID returns issuer or issuer.id.
func diIssuerID(obj map[string]any) string {
	switch i := obj["issuer"].(type) {
	case string:
		return i
	case map[string]any:
		s, _ := i["id"].(string)
		return s
	}
	return ""
}
