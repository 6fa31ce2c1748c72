package credential

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/microcred/microcred/internal/strictjson"
)

// JOSE algorithm names (RFC 7518, RFC 8037).
const (
	AlgRS256 = "RS256"
	AlgES256 = "ES256"
	AlgES384 = "ES384"
	AlgEdDSA = "EdDSA"
)

// defaultJWTAlgorithms is the allowlist used when JWTVerifyOptions leaves
// Algorithms empty: what Open Badges 3.0 requires (RS256) and what this
// package's key types sign with.
var defaultJWTAlgorithms = []string{AlgRS256, AlgES256, AlgES384, AlgEdDSA}

// DefaultMaxJWTBytes is the default limit on a compact JWT's length in bytes
// (JWTVerifyOptions.MaxJWTBytes). A CLR with many nested credentials is a few
// hundred KiB; a megabyte is beyond any honest credential.
const DefaultMaxJWTBytes = 1 << 20

// ClaimMismatchError reports which claim disagreed and how.
type ClaimMismatchError struct {
	Claim      string // JWT claim name, e.g. "iss"
	Member     string // credential member, e.g. "issuer.id"
	JWT, Value string // the two values as text
}

func (e *ClaimMismatchError) Error() string {
	return fmt.Sprintf("credential: JWT claim %s = %q but %s = %q", e.Claim, e.JWT, e.Member, e.Value)
}

// Unwrap makes errors.Is(err, ErrMismatch) true.
func (e *ClaimMismatchError) Unwrap() error { return errClaimMismatch }

// JWTOptions configures signing.
type JWTOptions struct {
	// KeyID is the "kid" header: a DID URL or URL that resolves to the
	// signing key, such as DIDKeyVerificationMethod's result. If empty, the
	// public key is embedded as a "jwk" header instead.
	KeyID string
	// EmbedJWK also embeds the public key when KeyID is set.
	EmbedJWK bool
	// Algorithm overrides the algorithm the key type implies (EdDSA,
	// ES256, ES384, RS256). It must fit the key.
	Algorithm string

	// Nonce and Audience become the "nonce" and "aud" claims of a
	// presentation (the Data Integrity challenge and domain).
	Nonce    string
	Audience string
}

// JWTVerifyOptions configures verification. The zero value verifies
// did:key and did:jwk kids offline with the default algorithms.
//
// There is no clock and no issuer policy here: VerifyJWT establishes what
// was signed, by which key and whether the claims agree with the
// credential; [JWTResult.ValidateTime] and [JWTResult.KeyBoundTo] are the
// separate checks of time and of who controls the key, and package verify
// applies both with its own configuration.
type JWTVerifyOptions struct {
	// Resolver dereferences "kid". Nil means OfflineResolver.
	Resolver Resolver
	// Algorithms is the allowlist. Empty means RS256, ES256, ES384 and EdDSA.
	// "none" and HMAC algorithms are refused even if listed.
	Algorithms []string
	// MaxJWTBytes limits the token length; zero means DefaultMaxJWTBytes.
	MaxJWTBytes int
	// Challenge and Domain, when set, must equal a presentation's "nonce"
	// and "aud" claims.
	Challenge string
	Domain    string
}

func (o *JWTVerifyOptions) resolver() Resolver {
	if o.Resolver != nil {
		return o.Resolver
	}
	return OfflineResolver{}
}

// algKeyType says which key type each supported algorithm needs.
var algKeyType = map[string]KeyType{
	AlgEdDSA: KeyEd25519,
	AlgES256: KeyP256,
	AlgES384: KeyP384,
	AlgRS256: KeyRSA,
	"RS384":  KeyRSA,
	"RS512":  KeyRSA,
	"PS256":  KeyRSA,
	"PS384":  KeyRSA,
	"PS512":  KeyRSA,
}

// defaultAlg is the algorithm each key type signs with.
var defaultAlg = map[KeyType]string{
	KeyEd25519: AlgEdDSA,
	KeyP256:    AlgES256,
	KeyP384:    AlgES384,
	KeyRSA:     AlgRS256,
}

// jwsHeader is the protected header as this package reads it.
type jwsHeader struct {
	Alg  string          `json:"alg"`
	Kid  string          `json:"kid,omitempty"`
	Typ  string          `json:"typ,omitempty"`
	Cty  string          `json:"cty,omitempty"`
	JWK  json.RawMessage `json:"jwk,omitempty"`
	Crit json.RawMessage `json:"crit,omitempty"`
	B64  json.RawMessage `json:"b64,omitempty"`
}

// checkAlg refuses none, HMAC and anything outside the allowlist.
func checkAlg(alg string, allow []string) error {
	switch {
	case alg == "" || strings.EqualFold(alg, "none"):
		return errAlgNone
	case strings.HasPrefix(strings.ToUpper(alg), "HS"):
		return fmt.Errorf("%w: %q", errHMACAlgorithm, alg)
	}
	if len(allow) == 0 {
		allow = defaultJWTAlgorithms
	}
	if !slices.Contains(allow, alg) {
		return fmt.Errorf("%w: %q (allowed: %s)", errAlgorithmNotAllowed, alg, strings.Join(allow, ", "))
	}
	if _, ok := algKeyType[alg]; !ok {
		return fmt.Errorf("%w: %q is not a signature algorithm this package implements", errAlgorithmNotAllowed, alg)
	}
	return nil
}

// checkAlgKey refuses an algorithm that does not fit the key.
func checkAlgKey(alg string, pub crypto.PublicKey) error {
	kt, err := KeyTypeOf(pub)
	if err != nil {
		return err
	}
	if algKeyType[alg] != kt {
		return fmt.Errorf("%w: %s with a %s key", errAlgorithmKeyMismatch, alg, kt)
	}
	return nil
}

// parsedJWS is a compact JWS split and decoded, signature not yet checked.
type parsedJWS struct {
	header  jwsHeader
	jwkKey  crypto.PublicKey // parsed "jwk" header, if any
	rawHdr  []byte
	payload []byte
	jws     *jose.JSONWebSignature
}

// parseCompact splits and decodes a compact JWS and vets its header.
func parseCompact(token string, opts *JWTVerifyOptions) (*parsedJWS, error) {
	max := opts.MaxJWTBytes
	if max <= 0 {
		max = DefaultMaxJWTBytes
	}
	if len(token) > max {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", errJWTTooLarge, len(token), max)
	}
	parts := strings.Split(token, ".")
	switch len(parts) {
	case 3:
	case 1:
		if looksLikeCOSE(token) {
			return nil, fmt.Errorf("%w: this looks like a COSE_Sign1 (CBOR) credential; only JOSE compact JWTs are supported", errUnsupportedFormat)
		}
		return nil, fmt.Errorf("%w: not a compact JWT (no '.' separators)", errMalformedJWT)
	case 5:
		return nil, fmt.Errorf("%w: five-part JWE (encrypted) tokens are not supported", errUnsupportedFormat)
	default:
		if strings.Contains(token, "~") {
			return nil, fmt.Errorf("%w: SD-JWT (\"~\"-separated disclosures) is not supported", errUnsupportedFormat)
		}
		return nil, fmt.Errorf("%w: %d dot-separated parts, want 3", errMalformedJWT, len(parts))
	}
	if strings.Contains(parts[2], "~") {
		return nil, fmt.Errorf("%w: SD-JWT (\"~\"-separated disclosures) is not supported", errUnsupportedFormat)
	}
	// The header is vetted before anything else is decoded, so that an
	// unsigned or HMAC token is named as such rather than as malformed.
	p := &parsedJWS{}
	var err error
	if p.rawHdr, err = b64(parts[0], "header"); err != nil {
		return nil, err
	}
	// One strict, case-sensitive reading of the header: encoding/json
	// alone would fill Kid from a "KID" member that a reader of the header
	// as a map (verify's report) does not see.
	hdr, err := splitObject(p.rawHdr)
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", errMalformedJWT, err)
	}
	if err := checkNames(hdr, headerNames, "header"); err != nil {
		return nil, err
	}
	if err := strictjson.Unmarshal(p.rawHdr, &p.header, jsonLimits(p.rawHdr)); err != nil {
		return nil, fmt.Errorf("%w: header: %w", errMalformedJWT, err)
	}
	if err := checkAlg(p.header.Alg, opts.Algorithms); err != nil {
		return nil, err
	}
	if len(p.header.Crit) > 0 || len(p.header.B64) > 0 {
		return nil, fmt.Errorf("%w: crit and b64 headers are not supported", errMalformedJWT)
	}
	if len(p.header.JWK) > 0 {
		// Checked here, before go-jose, so a private or mistyped key is
		// reported as a key problem rather than a parse failure.
		if p.jwkKey, err = ParsePublicJWK(p.header.JWK); err != nil {
			return nil, fmt.Errorf("jwk header: %w", err)
		}
	}
	if p.payload, err = b64(parts[1], "payload"); err != nil {
		return nil, err
	}
	if _, err := b64(parts[2], "signature"); err != nil {
		return nil, err
	}
	p.jws, err = jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.SignatureAlgorithm(p.header.Alg)})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformedJWT, err)
	}
	return p, nil
}

// looksLikeCOSE reports whether s is base64 or hex of a CBOR COSE_Sign1
// (tag 18, 0xd2) or an untagged four-element array (0x84).
func looksLikeCOSE(s string) bool {
	decoders := []func(string) ([]byte, error){
		base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.RawURLEncoding.DecodeString, hex.DecodeString,
	}
	for _, decode := range decoders {
		if b, err := decode(s); err == nil && len(b) > 1 && (b[0] == 0xd2 && b[1] == 0x84 || b[0] == 0x84) {
			return true
		}
	}
	return false
}

// decodeBase64URL decodes strict unpadded base64url. encoding/base64 skips
// '\r' and '\n'; that would let a token be altered without changing what
// it decodes to, so every byte is checked against the alphabet first.
func decodeBase64URL(s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return nil, fmt.Errorf("invalid character %q at offset %d", c, i)
		}
	}
	return base64.RawURLEncoding.Strict().DecodeString(s)
}

func b64(s, what string) ([]byte, error) {
	if s == "" {
		return nil, fmt.Errorf("%w: empty %s", errMalformedJWT, what)
	}
	b, err := decodeBase64URL(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not unpadded base64url: %v", errMalformedJWT, what, err)
	}
	return b, nil
}

// verificationKey finds the key that should have signed p: the kid
// dereferenced through the resolver, or the embedded jwk, or both (which
// must then agree). embedded reports that the key came only from the jwk
// header.
//
// When the kid is a DID URL and the resolver can also resolve whole DID
// documents (DIDResolver, as OfflineResolver does), the method must be
// listed under purpose: assertionMethod for credentials, authentication
// for presentations.
func verificationKey(ctx context.Context, p *parsedJWS, purpose Relationship, opts *JWTVerifyOptions) (vm *VerificationMethod, embedded bool, err error) {
	jwkKey := p.jwkKey
	switch {
	case p.header.Kid != "":
		vm, err = resolveKid(ctx, opts.resolver(), p.header.Kid, purpose)
		if err != nil {
			return nil, false, &KeyError{ID: p.header.Kid, Err: err}
		}
		if vm == nil || vm.PublicKey == nil {
			return nil, false, &KeyError{ID: p.header.Kid, Err: fmt.Errorf("%w: the resolver returned no public key", errNoKey)}
		}
		if jwkKey != nil && !sameKey(jwkKey, vm.PublicKey) {
			return nil, false, &KeyError{ID: p.header.Kid, Err: fmt.Errorf("%w: the jwk header and kid %q are different keys", errNoKey, p.header.Kid)}
		}
		if vm.Source == "" {
			c := *vm // the resolver may share it
			c.Source = didSource(c.ID)
			vm = &c
		}
	case jwkKey != nil:
		vm = &VerificationMethod{Type: "JsonWebKey", PublicKey: jwkKey, Source: KeySourceJWTHeader}
		embedded = true
	default:
		return nil, false, &KeyError{Err: fmt.Errorf("%w: the header has neither kid nor jwk", errNoKey)}
	}
	if err := checkAlgKey(p.header.Alg, vm.PublicKey); err != nil {
		return nil, false, err
	}
	return vm, embedded, nil
}

func resolveKid(ctx context.Context, r Resolver, kid string, purpose Relationship) (*VerificationMethod, error) {
	dr, ok := r.(DIDResolver)
	if !ok || !strings.HasPrefix(kid, "did:") {
		return r.ResolveVerificationMethod(ctx, kid)
	}
	did, fragment, _ := strings.Cut(kid, "#")
	doc, err := dr.ResolveDID(ctx, did)
	if err != nil {
		return nil, err
	}
	if fragment == "" {
		// A bare DID as kid names the document's only key.
		if len(doc.VerificationMethod) != 1 {
			return nil, fmt.Errorf("%w: kid %q is a DID with %d keys; name one with a fragment", errVerificationMethodNotFound, kid, len(doc.VerificationMethod))
		}
		kid = doc.VerificationMethod[0].ID
	}
	return doc.VerificationMethodFor(kid, purpose)
}

func sameKey(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}

// signedPayload is what a verified signature vouches for: the key that
// verified it and the payload, split into members, with its registered
// claims read.
type signedPayload struct {
	vm       *VerificationMethod
	embedded bool // the key came only from the jwk header
	members  []rawMember
	claims   *jwtClaims
}

// verifyPayload finds p's key for purpose and checks the signature with
// it; only then is the payload parsed, so that a forged payload is refused
// as forged rather than for whatever is wrong with its JSON.
func verifyPayload(ctx context.Context, p *parsedJWS, purpose Relationship, opts *JWTVerifyOptions) (*signedPayload, error) {
	vm, embedded, err := verificationKey(ctx, p, purpose, opts)
	if err != nil {
		return nil, err
	}
	if _, err := p.jws.Verify(vm.PublicKey); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	members, err := splitObject(p.payload)
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %w", errMalformedJWT, err)
	}
	if err := checkNames(members, claimNames, "payload"); err != nil {
		return nil, err
	}
	claims, err := readClaims(members)
	if err != nil {
		return nil, err
	}
	return &signedPayload{vm: vm, embedded: embedded, members: members, claims: claims}, nil
}

// publicHeader is the header as JWTResult and JWTPresentationResult report it.
func (p *parsedJWS) publicHeader() JWTHeader {
	return JWTHeader{Alg: p.header.Alg, Kid: p.header.Kid, Typ: p.header.Typ, Cty: p.header.Cty, JWK: p.header.JWK}
}

// keyBoundTo checks that the verification method belongs to the party
// (issuer or holder) id. A method whose controller is unknown is bound by
// its DID: "did:x:y#k" belongs to "did:x:y". A key embedded in the token is
// bound only if id is that key's own did:key or did:jwk.
func keyBoundTo(vm *VerificationMethod, embedded bool, id string) error {
	if vm == nil {
		return fmt.Errorf("%w: no key verified the token", errNoKey)
	}
	if embedded {
		if isOwnDID(id, vm.PublicKey) {
			return nil
		}
		return fmt.Errorf("%w: %q is not the did:key or did:jwk of the embedded key", errEmbeddedJWKUntrusted, id)
	}
	controller := vm.Controller
	if controller == "" && strings.HasPrefix(vm.ID, "did:") {
		controller, _, _ = strings.Cut(vm.ID, "#")
	}
	if controller != "" && id != "" && controller != id {
		return fmt.Errorf("%w: key %q is controlled by %q, not %q", errIssuerKeyMismatch, vm.ID, controller, id)
	}
	return nil
}

func isOwnDID(id string, pub crypto.PublicKey) bool {
	if d, err := DIDKey(pub); err == nil && d == id {
		return true
	}
	if d, err := DIDJWK(pub); err == nil && d == id {
		return true
	}
	return false
}

// signCompact signs payload as a compact JWS through the crypto.Signer, so
// a KMS or HSM key never leaves its device.
func signCompact(signer crypto.Signer, payload []byte, typ, cty string, opts *JWTOptions) (string, error) {
	if signer == nil {
		return "", fmt.Errorf("%w: nil signer", errUnsupportedKey)
	}
	kt, err := KeyTypeOf(signer)
	if err != nil {
		return "", err
	}
	alg := opts.Algorithm
	if alg == "" {
		alg = defaultAlg[kt]
	}
	if err := checkAlg(alg, append(slices.Clone(defaultJWTAlgorithms), "RS384", "RS512", "PS256", "PS384", "PS512")); err != nil {
		return "", err
	}
	if err := checkAlgKey(alg, signer.Public()); err != nil {
		return "", err
	}
	so := &jose.SignerOptions{EmbedJWK: opts.KeyID == "" || opts.EmbedJWK}
	if typ != "" {
		so.WithType(jose.ContentType(typ))
	}
	if cty != "" {
		so.WithContentType(jose.ContentType(cty))
	}
	if opts.KeyID != "" {
		so.WithHeader("kid", opts.KeyID)
	}
	s, err := jose.NewSigner(jose.SigningKey{
		Algorithm: jose.SignatureAlgorithm(alg),
		Key:       opaqueSigner{signer: signer, alg: alg},
	}, so)
	if err != nil {
		return "", err
	}
	jws, err := s.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// opaqueSigner adapts a crypto.Signer to go-jose, converting ECDSA's ASN.1
// signatures to the fixed-width r||s form JWS uses.
type opaqueSigner struct {
	signer crypto.Signer
	alg    string
}

// Public is the key go-jose embeds as the "jwk" header: public members
// only, without "alg" or "kid", which the header already carries.
func (o opaqueSigner) Public() *jose.JSONWebKey {
	return &jose.JSONWebKey{Key: o.signer.Public()}
}

func (o opaqueSigner) Algs() []jose.SignatureAlgorithm {
	return []jose.SignatureAlgorithm{jose.SignatureAlgorithm(o.alg)}
}

func (o opaqueSigner) SignPayload(payload []byte, alg jose.SignatureAlgorithm) ([]byte, error) {
	if string(alg) != o.alg {
		return nil, fmt.Errorf("%w: asked to sign with %s, configured for %s", errAlgorithmKeyMismatch, alg, o.alg)
	}
	var (
		digest []byte
		opts   crypto.SignerOpts
	)
	switch alg {
	case "EdDSA":
		digest, opts = payload, crypto.Hash(0)
	case "ES256", "RS256", "PS256":
		h := sha256.Sum256(payload)
		digest, opts = h[:], crypto.SHA256
	case "ES384", "RS384", "PS384":
		h := sha512.Sum384(payload)
		digest, opts = h[:], crypto.SHA384
	case "RS512", "PS512":
		h := sha512.Sum512(payload)
		digest, opts = h[:], crypto.SHA512
	default:
		return nil, fmt.Errorf("%w: %s", errAlgorithmNotAllowed, alg)
	}
	if strings.HasPrefix(string(alg), "PS") {
		opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: opts.HashFunc()}
	}
	sig, err := o.signer.Sign(rand.Reader, digest, opts)
	if err != nil {
		return nil, err
	}
	switch pub := o.signer.Public().(type) {
	case *ecdsa.PublicKey:
		return ecdsaASN1ToJOSE(sig, (pub.Curve.Params().BitSize+7)/8)
	case ed25519.PublicKey:
		if len(sig) != ed25519.SignatureSize {
			return nil, fmt.Errorf("%w: Ed25519 signer returned %d bytes", ErrInvalidKey, len(sig))
		}
	}
	return sig, nil
}

// ecdsaASN1ToJOSE converts an ASN.1 ECDSA-Sig-Value to r||s, each size
// bytes (RFC 7518 section 3.4).
func ecdsaASN1ToJOSE(der []byte, size int) ([]byte, error) {
	var sig struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &sig)
	if err != nil || len(rest) > 0 || sig.R == nil || sig.S == nil || sig.R.Sign() <= 0 || sig.S.Sign() <= 0 {
		return nil, fmt.Errorf("%w: signer returned a malformed ECDSA signature", ErrInvalidKey)
	}
	if sig.R.BitLen() > 8*size || sig.S.BitLen() > 8*size {
		return nil, fmt.Errorf("%w: ECDSA signature values too large for the curve", ErrInvalidKey)
	}
	out := make([]byte, 2*size)
	sig.R.FillBytes(out[:size])
	sig.S.FillBytes(out[size:])
	return out, nil
}
