package credential

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/jsonld"
)

// Base contexts of the two VC data model versions.
const (
	ContextCredentialsV2 = "https://www.w3.org/ns/credentials/v2"
	ContextCredentialsV1 = "https://www.w3.org/2018/credentials/v1"
)

// ErrUnsupportedCredential: a presentation embeds a credential in a form
// VerifyPresentation does not check (an enveloped VC-JOSE credential, a
// string).
var ErrUnsupportedCredential = errors.New("credential: unsupported embedded credential form")

// NewPresentation wraps credentials (each a JSON object, typically a
// credential with a Data Integrity proof) in an unsigned
// VerifiablePresentation of holder (omitted when empty). The credentials
// are embedded byte for byte. The presentation uses the VC 2.0 context, or
// VC 1.1 when the credentials do; mixing the two is an error because JSON-LD
// cannot process a 1.1 credential inside a 2.0 presentation. At most
// DefaultMaxCredentials credentials fit in one presentation.
func NewPresentation(holder string, credentials ...json.RawMessage) ([]byte, error) {
	if len(credentials) > DefaultMaxCredentials {
		return nil, fmt.Errorf("%w: %d credentials, limit %d", ErrMalformedDocument, len(credentials), DefaultMaxCredentials)
	}
	base := ""
	for i, c := range credentials {
		v, err := jcs.Decode(c, &jcs.Limits{MaxBytes: DefaultMaxDocumentBytes, MaxDepth: DefaultMaxDepth})
		if err != nil {
			return nil, fmt.Errorf("%w: credential %d: %w", ErrMalformedDocument, i, err)
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%w: credential %d is not a JSON object", ErrMalformedDocument, i)
		}
		var c0 string
		if l := diContextList(obj["@context"]); len(l) > 0 {
			c0, _ = l[0].(string)
		}
		if c0 != ContextCredentialsV2 && c0 != ContextCredentialsV1 {
			return nil, fmt.Errorf("%w: credential %d: @context must start with %s or %s", ErrMalformedDocument, i, ContextCredentialsV2, ContextCredentialsV1)
		}
		if base != "" && base != c0 {
			return nil, fmt.Errorf("%w: credentials mix VC 1.1 and VC 2.0 contexts", ErrMalformedDocument)
		}
		base = c0
	}
	if base == "" {
		base = ContextCredentialsV2
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
func SignPresentation(ctx context.Context, presentation []byte, opts SignOptions) ([]byte, error) {
	if opts.Challenge == "" || opts.Domain == "" {
		return nil, fmt.Errorf("%w: a presentation proof needs a Challenge and a Domain", ErrInvalidOptions)
	}
	if opts.ProofPurpose == "" {
		opts.ProofPurpose = PurposeAuthentication
	}
	return AddProof(ctx, presentation, opts)
}

// PresentationOptions says what VerifyPresentation accepts.
type PresentationOptions struct {
	// Challenge and Domain are the values the verifier sent the holder.
	// Both are required: without them a presentation could be replayed.
	Challenge, Domain string
	// Resolver, Loader, Now and AllowedCryptosuites apply to the
	// presentation's proof; see VerifyOptions.
	Resolver            Resolver
	Loader              *jsonld.Loader
	Now                 time.Time
	AllowedCryptosuites []string
	// Credential is used to verify each embedded credential. Its Resolver,
	// Loader, Now and AllowedCryptosuites default to the fields above; its
	// other fields keep VerifyOptions' defaults (assertionMethod proofs).
	Credential VerifyOptions
	// MaxCredentials caps the embedded credentials; zero means
	// DefaultMaxCredentials.
	MaxCredentials int
	// MaxDocumentBytes caps the presentation; zero means DefaultMaxDocumentBytes.
	MaxDocumentBytes int
}

// PresentationReport is the outcome of VerifyPresentation.
type PresentationReport struct {
	Holder string `json:"holder,omitempty"`
	// Proof is the report on the presentation's own proofs.
	Proof *ProofReport `json:"proof"`
	// ProofErr is why the presentation's proofs did not verify, or nil.
	ProofErr error `json:"-"`
	// Credentials has one entry per embedded credential, in order.
	Credentials []CredentialResult `json:"credentials"`
}

// CredentialResult is the outcome for one embedded credential.
type CredentialResult struct {
	Index  int          `json:"index"`
	ID     string       `json:"id,omitempty"`
	Issuer string       `json:"issuer,omitempty"`
	Report *ProofReport `json:"report,omitempty"`
	Err    error        `json:"-"`
	Error  string       `json:"error,omitempty"`
}

// Verified reports whether the presentation's proof and every embedded
// credential's proofs verified.
func (r *PresentationReport) Verified() bool { return r != nil && r.Err() == nil }

// Err joins every failure, or returns nil.
func (r *PresentationReport) Err() error {
	if r == nil {
		return ErrNoProof
	}
	var errs []error
	if r.ProofErr != nil {
		errs = append(errs, fmt.Errorf("presentation: %w", r.ProofErr))
	}
	for _, c := range r.Credentials {
		if c.Err != nil {
			errs = append(errs, fmt.Errorf("credential %d: %w", c.Index, c.Err))
		}
	}
	return errors.Join(errs...)
}

// VerifyPresentation verifies a presentation's authentication proof,
// requiring the expected challenge and domain and, when the presentation
// names a holder, a key the holder controls; then it verifies every
// embedded credential's proofs over that credential's own bytes. It
// returns the report, and an error joining every failure.
func VerifyPresentation(ctx context.Context, presentation []byte, opts PresentationOptions) (*PresentationReport, error) {
	if opts.Challenge == "" || opts.Domain == "" {
		return nil, fmt.Errorf("%w: VerifyPresentation needs the expected Challenge and Domain", ErrInvalidOptions)
	}
	maxBytes := opts.MaxDocumentBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxDocumentBytes
	}
	d, err := diParseDocument(presentation, maxBytes, DefaultMaxDepth, DefaultMaxProofs)
	if err != nil {
		return nil, err
	}
	if !diHasType(d.obj["type"], "VerifiablePresentation") {
		return nil, fmt.Errorf("%w: type does not include VerifiablePresentation", ErrMalformedDocument)
	}
	report := &PresentationReport{}
	switch h := d.obj["holder"].(type) {
	case string:
		report.Holder = h
	case map[string]any:
		report.Holder, _ = h["id"].(string)
	}

	creds, err := diEmbeddedCredentials(presentation)
	if err != nil {
		return nil, err
	}
	maxCreds := opts.MaxCredentials
	if maxCreds <= 0 {
		maxCreds = DefaultMaxCredentials
	}
	if len(creds) > maxCreds {
		return nil, fmt.Errorf("%w: %d credentials, limit %d", ErrMalformedDocument, len(creds), maxCreds)
	}

	report.Proof, report.ProofErr = VerifyProofs(ctx, presentation, VerifyOptions{
		Resolver:            opts.Resolver,
		Loader:              opts.Loader,
		ProofPurpose:        PurposeAuthentication,
		Domain:              opts.Domain,
		Challenge:           opts.Challenge,
		Now:                 opts.Now,
		AllowedCryptosuites: opts.AllowedCryptosuites,
		ExpectedController:  report.Holder,
		MaxDocumentBytes:    maxBytes,
	})

	copts := opts.Credential
	if copts.Resolver == nil {
		copts.Resolver = opts.Resolver
	}
	if copts.Loader == nil {
		copts.Loader = opts.Loader
	}
	if copts.Now.IsZero() {
		copts.Now = opts.Now
	}
	if copts.AllowedCryptosuites == nil {
		copts.AllowedCryptosuites = opts.AllowedCryptosuites
	}
	for i, raw := range creds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := CredentialResult{Index: i}
		var enveloped bool
		c.ID, c.Issuer, enveloped = diCredentialIdentity(raw)
		switch {
		case len(raw) == 0 || raw[0] != '{':
			c.Err = fmt.Errorf("%w: not a JSON object", ErrUnsupportedCredential)
		case enveloped:
			c.Err = fmt.Errorf("%w: EnvelopedVerifiableCredential (verify it as a JWT)", ErrUnsupportedCredential)
		default:
			c.Report, c.Err = VerifyProofs(ctx, raw, copts)
		}
		if c.Err != nil {
			c.Error = c.Err.Error()
		}
		report.Credentials = append(report.Credentials, c)
	}
	return report, report.Err()
}

// diEmbeddedCredentials returns the exact text of each verifiableCredential entry.
func diEmbeddedCredentials(presentation []byte) ([]json.RawMessage, error) {
	v, err := diMemberValue(presentation, "verifiableCredential")
	if err != nil || v == nil {
		return nil, err
	}
	if v[0] != '[' {
		return []json.RawMessage{v}, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, fmt.Errorf("%w: verifiableCredential: %w", ErrMalformedDocument, err)
	}
	return list, nil
}

// diCredentialIdentity reads a credential's id and issuer id for the
// report, and whether it is an enveloped (JOSE/COSE) credential.
func diCredentialIdentity(raw []byte) (id, issuer string, enveloped bool) {
	v, err := jcs.Decode(raw, nil)
	if err != nil {
		return "", "", false
	}
	obj, _ := v.(map[string]any)
	id, _ = obj["id"].(string)
	return id, diIssuerID(obj), diHasType(obj["type"], "EnvelopedVerifiableCredential")
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

func diHasType(v any, name string) bool {
	switch t := v.(type) {
	case string:
		return t == name
	case []any:
		for _, e := range t {
			if s, _ := e.(string); s == name {
				return true
			}
		}
	}
	return false
}
