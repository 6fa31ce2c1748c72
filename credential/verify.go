package credential

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"github.com/microcred/microcred/internal/jsonld"
	"github.com/microcred/microcred/internal/strictjson"
	"reflect"
	"slices"
	"strings"
	"time"
)

// VerifyOptions says what VerifyProofs accepts. The zero value verifies
// assertionMethod proofs of every implemented suite (legacy ones included,
// and flagged in the result) with keys from did:key and did:jwk only.
//
// There is no clock here: VerifyProofs establishes what was signed and by
// which key, and [ProofResult.ValidateTime] is the separate check of a
// proof's created and expires against a time the caller chooses.
type VerifyOptions struct {
	// Resolver turns verification method ids into keys. Nil means
	// OfflineResolver (did:key and did:jwk). If it also implements
	// DIDResolver, a DID URL method must be listed under the proof purpose
	// in its DID document.
	Resolver Resolver
	// Loader resolves JSON-LD contexts for the RDFC suites; nil means the
	// embedded contexts only, processed afresh on every call. Share one
	// NewContextLoader across calls: it is several times faster.
	Loader *ContextLoader
	// ProofPurpose every proof must have; empty means PurposeAssertionMethod.
	ProofPurpose string
	// Domain and Challenge, when set, must match the proof's (a proof's
	// domain may list several values; one must match).
	Domain, Challenge string
	// AllowedCryptosuites restricts the accepted cryptosuite names (and
	// SuiteEd25519Signature2020 for that proof type). Empty means every
	// implemented suite, including SuiteEd25519Signature2020 and the
	// pre-standard SuiteEdDSA2022Draft.
	AllowedCryptosuites []string
	// ExpectedController, when set, must be the controller of every
	// proof's verification method: usually the credential's issuer id or
	// the presentation's holder.
	ExpectedController string
	// RequireIssuerController makes the document's issuer (issuer, or
	// issuer.id) the expected controller of every proof's key, binding
	// the signature to the issuer the credential names.
	RequireIssuerController bool
	// MaxProofs caps the proofs in a document; zero means DefaultMaxProofs.
	MaxProofs int
	// MaxDocumentBytes caps the document; zero means DefaultMaxDocumentBytes.
	MaxDocumentBytes int
	// MaxDepth caps the nesting of the document's JSON, when it is read and
	// when it is canonicalized; zero means DefaultMaxDepth.
	MaxDepth int
}

// ProofResult is the outcome for one proof of a document. The members of
// the proof it read (id, type, cryptosuite, verificationMethod,
// proofPurpose, created, expires, previousProof) keep their names.
type ProofResult struct {
	Index              int       `json:"index"` // position in the proof set
	ID                 string    `json:"id,omitempty"`
	Type               string    `json:"type,omitempty"`
	Cryptosuite        string    `json:"cryptosuite,omitempty"`
	VerificationMethod string    `json:"verificationMethod,omitempty"`
	Controller         string    `json:"controller,omitempty"` // of the verification method, once resolved
	ProofPurpose       string    `json:"proofPurpose,omitempty"`
	Created            time.Time `json:"created,omitzero"`
	Expires            time.Time `json:"expires,omitzero"`
	PreviousProof      []string  `json:"previousProof,omitempty"`
	// Legacy is true for Ed25519Signature2020 and eddsa-2022 proofs, which
	// a host may want to report with a warning.
	Legacy bool `json:"legacy,omitempty"`
	// Key is the verification method the proof names, once resolved (its
	// Source says from where); nil when the proof failed before its key
	// was resolved, or resolving it failed (then Err is a *KeyError).
	Key *VerificationMethod `json:"-"`
	// Err is nil when the proof verified; otherwise a *ProofError.
	Err error `json:"-"`
	// Error is Err's message, for JSON reports.
	Error string `json:"error,omitempty"`
}

// Verified reports whether this proof verified.
func (r *ProofResult) Verified() bool { return r.Err == nil }

// ValidateTime checks the proof's created and expires against now:
// created may be up to skew after now (the signer's clock may run
// ahead), expires must be after now. A negative skew counts as none.
// It is separate from VerifyProofs, as go-jose separates verifying a
// token from validating its claims, so that the caller's clock and
// tolerance are the only ones that apply. The errors wrap ErrExpired or
// ErrNotYetValid.
func (r *ProofResult) ValidateTime(now time.Time, skew time.Duration) error {
	skew = max(skew, 0)
	if !r.Expires.IsZero() && !now.Before(r.Expires) {
		return fmt.Errorf("%w: proof %d expired at %s", ErrExpired, r.Index, diFormatTime(r.Expires))
	}
	if !r.Created.IsZero() && r.Created.After(now.Add(skew)) {
		return fmt.Errorf("%w: proof %d was created %s, after now (%s) plus %s skew", ErrNotYetValid, r.Index, diFormatTime(r.Created), diFormatTime(now), skew)
	}
	return nil
}

// ProofReport is the outcome of VerifyProofs.
type ProofReport struct {
	// Proofs has one result per proof, in document order.
	Proofs []ProofResult `json:"proofs"`
}

// Verified reports whether the document has at least one proof and every
// proof verified.
func (r *ProofReport) Verified() bool {
	return r != nil && len(r.Proofs) > 0 && r.Err() == nil
}

// Err joins the errors of the proofs that failed, or returns nil.
func (r *ProofReport) Err() error {
	if r == nil {
		return ErrNoProof
	}
	var errs []error
	for _, p := range r.Proofs {
		if p.Err != nil {
			errs = append(errs, p.Err)
		}
	}
	return errors.Join(errs...)
}

// Controllers lists, without repetition, the controllers of the
// verification methods of the proofs that verified: who signed.
func (r *ProofReport) Controllers() []string {
	var out []string
	for _, p := range r.Proofs {
		if p.Err == nil && p.Controller != "" && !slices.Contains(out, p.Controller) {
			out = append(out, p.Controller)
		}
	}
	return out
}

// VerifyProofs verifies every Data Integrity proof of the JSON document doc
// over doc's own bytes (never a re-marshalled struct), including proof
// chains: a proof with previousProof is checked over the document together
// with the proofs it names, which must be in the set.
//
// It returns a report with one result per proof, and an error when the
// document cannot be read (then the report is nil), has no proof
// (ErrNoProof), or any proof failed (the joined *ProofError values, so
// errors.Is(err, ErrSignature) and the like work).
//
// It does not look at a clock: a proof that verifies may still be
// expired, or dated in the future. Call [ProofResult.ValidateTime] on the
// proofs that verified, with the time and tolerance the caller decides.
//
// The RDFC suites run JSON-LD in safe mode, here as in AddProof: data the
// canonical N-Quads would not carry is refused rather than left unsigned.
// That includes @index container keys, which jsonld.js drops silently, and
// a default @direction set by a context. A @direction on a value is signed
// and verified as the Digital Bazaar suites do (rdfDirection
// "i18n-datatype").
//
// VerifyProofs is safe for concurrent use, as are AddProof and the
// presentation functions, provided the Resolver and Loader are.
func VerifyProofs(ctx context.Context, doc []byte, opts VerifyOptions) (*ProofReport, error) {
	maxProofs, err := limitOrDefault("MaxProofs", opts.MaxProofs, DefaultMaxProofs)
	if err != nil {
		return nil, err
	}
	maxBytes, err := limitOrDefault("MaxDocumentBytes", opts.MaxDocumentBytes, DefaultMaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	if opts.MaxDepth, err = limitOrDefault("MaxDepth", opts.MaxDepth, DefaultMaxDepth); err != nil {
		return nil, err
	}
	// The decoded document's strings share one copy of doc (or are verify's
	// own decoding of doc); verifyOne copies the few that the report keeps.
	// One allocation for the document and the context that carries it to
	// canonicalization.
	read := new(struct {
		doc    diDocument
		shaped jsonld.ShapedContext
	})
	d := &read.doc
	shape, err := diParseInto(ctx, d, doc, maxBytes, opts.MaxDepth, maxProofs)
	if err != nil {
		return nil, err
	}
	if len(d.proofs) == 0 {
		return nil, ErrNoProof
	}
	v := verifier{opts: opts, doc: d, soleProof: d.owned && len(d.proofs) == 1}
	if d.owned {
		// The document's canonicalization need not walk the tree the
		// reader has just built: verifyOne only ever takes members out
		// of it (proofless), and a proof it changes is out of it first.
		ctx = read.shaped.Wrap(ctx, d.obj, shape)
	}
	if v.opts.Resolver == nil {
		v.opts.Resolver = OfflineResolver{}
	}
	if v.opts.ProofPurpose == "" {
		v.opts.ProofPurpose = PurposeAssertionMethod
	}
	var report *ProofReport
	if len(d.proofs) == 1 {
		// The usual single proof: the report and its result in one
		// allocation, which holds nothing of the document.
		one := new(struct {
			report ProofReport
			result [1]ProofResult
		})
		one.report.Proofs = one.result[:]
		report = &one.report
	} else {
		report = &ProofReport{Proofs: make([]ProofResult, len(d.proofs))}
	}
	for i, p := range d.proofs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := &report.Proofs[i]
		r.Index = i
		if err := v.verifyOne(ctx, p, r); err != nil {
			r.Err = &ProofError{Index: i, Type: r.Type, Cryptosuite: r.Cryptosuite, Err: err}
			r.Error = r.Err.Error()
		}
	}
	return report, report.Err()
}

type verifier struct {
	opts VerifyOptions
	doc  *diDocument
	// soleProof: the document owns its decoding (diDocument.owned) and
	// has one proof, which verifyOne may therefore change in place.
	soleProof bool
	// cache holds canonical documents by how they were derived, so a proof
	// set of several proofs canonicalizes the document once. The first is
	// kept apart: most documents have one proof, and a map for it was 400
	// bytes of garbage per verification.
	firstKey transformKey
	first    *transformed
	cache    map[transformKey]*transformed
}

func (v *verifier) cached(key transformKey) (*transformed, bool) {
	if v.first != nil && v.firstKey == key {
		return v.first, true
	}
	t, ok := v.cache[key]
	return t, ok
}

func (v *verifier) remember(key transformKey, t *transformed) {
	if v.first == nil {
		v.firstKey, v.first = key, t
		return
	}
	if v.cache == nil {
		v.cache = make(map[transformKey]*transformed)
	}
	v.cache[key] = t
}

// transformKey says how a canonical document was derived: by which
// canonicalization and hash, over which proofs of a chain, under the
// proof's own @context or the document's.
type transformKey struct {
	canon      canonKind
	hash       crypto.Hash
	chain      string // the previousProof ids, space-separated
	proofScope bool   // the proof's @context replaced the document's
}

func (v *verifier) verifyOne(ctx context.Context, p map[string]any, r *ProofResult) error {
	// What the proof claims, before anything is checked, so that a failure
	// still says which proof it was.
	// The report outlives the document, whose strings are cut from one
	// copy of its text (diParseTransient): it keeps copies.
	r.Type = diOwnString(p["type"])
	r.Cryptosuite = diOwnString(p["cryptosuite"])
	r.ID = diOwnString(p["id"])
	r.VerificationMethod = diOwnString(p["verificationMethod"])
	r.ProofPurpose = diOwnString(p["proofPurpose"])

	st, err := suiteOf(r.Type, r.Cryptosuite)
	if err != nil {
		return err
	}
	s := &st
	r.Legacy = s.legacy
	if !v.allowed(s.name) {
		return fmt.Errorf("%w: %s", errCryptosuiteNotAllowed, s.name)
	}
	f, err := diReadProof(p)
	if err != nil {
		return err
	}
	r.Created, r.Expires = f.Created, f.Expires
	for _, id := range f.PreviousProof {
		r.PreviousProof = append(r.PreviousProof, strings.Clone(id))
	}

	// Cheap checks first: a proof that fails them costs no resolution and
	// no canonicalization.
	if f.ProofPurpose != v.opts.ProofPurpose {
		return fmt.Errorf("%w: proof is for %q, expected %q", errProofPurposeMismatch, f.ProofPurpose, v.opts.ProofPurpose)
	}
	if v.opts.Domain != "" && !slices.Contains(f.Domain, v.opts.Domain) {
		return fmt.Errorf("%w: expected %q, proof has %q", errDomainMismatch, v.opts.Domain, f.Domain)
	}
	if v.opts.Challenge != "" && f.Challenge != v.opts.Challenge {
		return fmt.Errorf("%w: expected %q, proof has %q", errChallengeMismatch, v.opts.Challenge, f.Challenge)
	}
	var sigBuf [2 * 48]byte // an Ed25519, P-256 or P-384 signature
	sig, err := diDecodeProofValue(sigBuf[:0], f.ProofValue)
	if err != nil {
		return err
	}

	// The resolver, and whatever it caches, gets the report's copy.
	vm, err := v.resolve(ctx, r.VerificationMethod, f.ProofPurpose)
	if err != nil {
		return err
	}
	r.Key, r.Controller = vm, vm.Controller
	if v.opts.ExpectedController != "" && vm.Controller != v.opts.ExpectedController {
		return fmt.Errorf("%w: key is controlled by %q, expected %q", errControllerMismatch, vm.Controller, v.opts.ExpectedController)
	}
	if v.opts.RequireIssuerController {
		if issuer := diIssuerID(v.doc.obj); vm.Controller != issuer {
			return fmt.Errorf("%w: key is controlled by %q, the issuer is %q", errControllerMismatch, vm.Controller, issuer)
		}
	}
	h, err := s.hashFor(vm.PublicKey)
	if err != nil {
		return err
	}

	// Only a chain or a proof's own @context changes the document; else it
	// is read as it is, without its proof.
	plain := len(f.PreviousProof) == 0 && f.Context == nil
	var input map[string]any
	if plain {
		input = v.doc.proofless()
	} else {
		input = v.doc.unsecured()
	}
	cacheKey := transformKey{canon: s.canon, hash: h}
	if len(f.PreviousProof) > 0 {
		matching, err := diMatchingProofs(v.doc.proofs, f.PreviousProof)
		if err != nil {
			return err
		}
		input["proof"] = matching
		cacheKey.chain = strings.Join(f.PreviousProof, " ")
	}
	docContext, hasContext := input["@context"]
	if f.Context != nil {
		// A proof that carries its own @context (the JCS suites) must use a
		// prefix of the document's, and that is what gets verified
		// (vc-di-eddsa §3.3.2 / §3.4.2).
		if !diContextPrefix(diContextList(docContext), diContextList(f.Context)) {
			return fmt.Errorf("%w: the proof's @context is not a prefix of the document's", errMalformedProof)
		}
		input["@context"], docContext, hasContext = f.Context, f.Context, true
		cacheKey.proofScope = true
	}
	if !hasContext && s.canon == canonRDFC {
		return fmt.Errorf("%w: %s needs a JSON-LD document with an @context", errMalformedDocument, s.name)
	}

	// The proof is this document's own when no other proof's chain holds it
	// and proofless has taken it out of the document: the general path may
	// then make it its configuration in place, where a copy was two
	// allocations and a map built on every verification.
	config := verifyConfig{proof: p, context: docContext, hasContext: hasContext, inPlace: v.soleProof && plain}
	t, err := v.transform(ctx, s, h, cacheKey, input, config)
	if err != nil {
		return err
	}
	return s.verify(vm.PublicKey, h, t.hashData(), sig)
}

// verifyConfig is the proof configuration of proof: its members but
// proofValue, with the @context context if hasContext. The standard
// configuration's canonical form is written from it directly; only the
// general path builds the map (build).
type verifyConfig struct {
	proof      map[string]any
	context    any
	hasContext bool
	// inPlace: proof is the verifier's own and used nowhere else, so
	// build may edit it rather than copy it.
	inPlace bool
}

// build returns the configuration as a map.
func (c verifyConfig) build() map[string]any {
	config := c.proof
	if c.inPlace {
		delete(config, "proofValue")
	} else {
		config = make(map[string]any, len(c.proof))
		for k, val := range c.proof {
			if k != "proofValue" {
				config[k] = val
			}
		}
	}
	if c.hasContext {
		config["@context"] = c.context
	}
	return config
}

// transform is suite.transform with the document's canonical form cached,
// for the proof configuration config, which it builds only when the
// general path canonicalizes it.
func (v *verifier) transform(ctx context.Context, s *suite, h crypto.Hash, key transformKey, doc map[string]any, config verifyConfig) (*transformed, error) {
	cached, ok := v.cached(key)
	if !ok {
		var canonDoc []byte
		var err error
		if s.canon == canonRDFC {
			// A caller in this module that expanded the proof-less document
			// already (package verify) passes that expansion in ctx; it is
			// used only for a document equal to this one, under the same
			// loader and limits (see jsonld.Expanded).
			canonDoc, err = jsonld.ExpandedFrom(ctx).Canonicalize(ctx, doc, s.canonOptions(h, v.opts.Loader.internal(), v.opts.MaxDepth, true))
		} else {
			canonDoc, err = s.canonicalize(ctx, doc, h, v.opts.Loader.internal(), v.opts.MaxDepth, true)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: canonicalizing the document: %w", errMalformedDocument, err)
		}
		cached = &transformed{canonDoc: canonDoc}
		cached.docHash = diDigestTo(cached.hashes[:0], h, canonDoc)
		v.remember(key, cached)
	}
	canonConfig, ok := s.standardConfig(ctx, config.proof, config.context, v.opts.Loader, v.opts.MaxDepth)
	if !ok {
		var err error
		canonConfig, err = s.canonicalize(ctx, config.build(), h, v.opts.Loader.internal(), v.opts.MaxDepth, false)
		if err != nil {
			return nil, fmt.Errorf("%w: canonicalizing the proof configuration: %w", errMalformedProof, err)
		}
	}
	return newTransformed(h, canonConfig, cached.canonDoc, cached.docHash), nil
}

func (v *verifier) allowed(name string) bool {
	if len(v.opts.AllowedCryptosuites) == 0 {
		return true // every suite lookupSuite implements
	}
	return slices.Contains(v.opts.AllowedCryptosuites, name)
}

// resolve finds the key of a verification method. When the resolver can
// return whole DID documents, the method must also be authorized for the
// proof purpose there. Every failure is a *KeyError.
func (v *verifier) resolve(ctx context.Context, id, purpose string) (*VerificationMethod, error) {
	if _, offline := v.opts.Resolver.(OfflineResolver); offline {
		if vm, ok := offlineDIDKeyMethod(ctx, id, purpose); ok {
			return vm, nil
		}
	}
	var vm *VerificationMethod
	var err error
	if dr, ok := v.opts.Resolver.(DIDResolver); ok && strings.HasPrefix(id, "did:") {
		did, _, hasFragment := strings.Cut(id, "#")
		if !hasFragment && !singleKeyDID(did) {
			// A bare DID dereferences to its DID document, which is not a
			// verification method (Controlled Identifiers 1.0 § 3.3). Only
			// a did:key or did:jwk, whose document holds exactly one key
			// by construction, names a key unambiguously that way; the
			// result keeps the bare id so the caller can judge it.
			return nil, &KeyError{ID: id, Err: fmt.Errorf("%w: a DID names a document, not a key; the proof must name the key with a fragment", errVerificationMethodNotFound)}
		}
		var doc *DIDDocument
		if doc, err = dr.ResolveDID(ctx, did); err == nil {
			ref := id
			if !hasFragment {
				ref, err = soleMethod(doc, Relationship(purpose))
			}
			if err == nil {
				vm, err = doc.VerificationMethodFor(ref, Relationship(purpose))
			}
		}
	} else {
		vm, err = v.opts.Resolver.ResolveVerificationMethod(ctx, id)
	}
	if err != nil {
		return nil, &KeyError{ID: id, Err: err}
	}
	if vm == nil || vm.PublicKey == nil {
		return nil, &KeyError{ID: id, Err: errors.New("the resolver returned no public key")}
	}
	if vm.Source == "" {
		// A copy: the resolver may hand out a method it shares.
		c := *vm
		c.Source = didSource(c.ID)
		vm = &c
	}
	return vm, nil
}

// offlineDIDKeyMethod is what OfflineResolver's DID document of a did:key
// gives for id, the usual did:key:z...#z... method named under one of the
// relationships that document lists it for, without building the
// document: the same method (key, controller, id, Source), from the same
// checks (DID URL syntax and length, a canonical Multikey). ok is false
// for anything else, failures included; the caller then resolves the
// long way, which gives the error.
func offlineDIDKeyMethod(ctx context.Context, id, purpose string) (vm *VerificationMethod, ok bool) {
	did, mk, found := strings.Cut(id, "#")
	if !found || !strings.HasPrefix(did, "did:key:") || did[len("did:key:"):] != mk || strings.Contains(mk, ":") || ctx.Err() != nil {
		return nil, false
	}
	switch Relationship(purpose) {
	case AssertionMethod, Authentication, CapabilityInvocation, CapabilityDelegation:
	default:
		return nil, false
	}
	if _, _, err := splitDIDURL(id); err != nil {
		return nil, false
	}
	pub, err := ParseMultikey(mk)
	if err != nil {
		return nil, false
	}
	var buf [maxMultikeyLen]byte
	if again, err := appendMultikey(buf[:0], pub); err != nil || string(again) != mk {
		return nil, false
	}
	return &VerificationMethod{ID: id, Type: "Multikey", Controller: did, PublicKey: pub, Source: KeySourceDIDKey}, true
}

// diContextPrefix reports whether prefix is a prefix of ctxs.
func diContextPrefix(ctxs, prefix []any) bool {
	if len(prefix) > len(ctxs) {
		return false
	}
	for i := range prefix {
		if !reflect.DeepEqual(ctxs[i], prefix[i]) {
			return false
		}
	}
	return true
}

// soleMethod returns the id of the only verification method listed under
// rel, or an error if there is not exactly one.
func soleMethod(doc *DIDDocument, rel Relationship) (string, error) {
	refs := doc.Relationship(rel)
	if len(refs) != 1 {
		return "", fmt.Errorf("a bare DID must name a document with exactly one %s key; it has %d", rel, len(refs))
	}
	if refs[0].Embedded != nil {
		return refs[0].Embedded.ID, nil
	}
	return refs[0].ID, nil
}

// diOwnString returns v's string as a copy of its own (see
// diParseTransient); a value credentials repeat (a proof type, a suite, a
// purpose) is the reader's constant and needs none.
func diOwnString(v any) string {
	s, _ := v.(string)
	if c, ok := strictjson.Interned(s); ok {
		return c
	}
	return strings.Clone(s)
}
