package credential

import (
	"context"
	"crypto"
	"crypto/rand"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/internal/multibase"
	"github.com/microcred/microcred/internal/strictjson"
)

// SignOptions says how AddProof signs. Signer and VerificationMethod are
// required; every other field has a documented default.
type SignOptions struct {
	// Signer makes the signature. Any crypto.Signer works (a KMS or HSM
	// included): Ed25519 for the eddsa suites and Ed25519Signature2020,
	// ECDSA P-256 or P-384 for the ecdsa suites.
	Signer crypto.Signer
	// VerificationMethod is the DID URL or URL a verifier resolves to the
	// signer's public key, e.g. did:key:z6Mk...#z6Mk....
	VerificationMethod string
	// Cryptosuite is SuiteEdDSARDFC2022, SuiteEdDSAJCS2022,
	// SuiteECDSARDFC2019, SuiteECDSAJCS2019 or SuiteEd25519Signature2020.
	// Empty means eddsa-rdfc-2022 for Ed25519 keys and ecdsa-rdfc-2019 for
	// ECDSA keys.
	Cryptosuite string
	// ProofPurpose defaults to PurposeAssertionMethod.
	ProofPurpose string
	// Created is the proof's creation time, written in UTC with second
	// precision; zero means now.
	Created time.Time
	// Expires, if not zero, is when the proof stops being valid.
	Expires time.Time
	// Domain and Challenge bind a proof to one verifier and one request
	// (presentations).
	Domain, Challenge string
	// ID names the proof, so that a later proof can reference it in
	// PreviousProof. Usually a "urn:uuid:..." URL.
	ID string
	// PreviousProof lists the ids of proofs already on the document that
	// this proof endorses, making a proof chain (vc-data-integrity §2.1.2).
	// The new proof then also signs over those proofs.
	PreviousProof []string
	// Loader resolves JSON-LD contexts for the RDFC suites; nil means the
	// embedded contexts only, processed afresh on every call. Share one
	// NewContextLoader across calls: it is several times faster.
	Loader *ContextLoader
	// Rand is the randomness for ECDSA signatures; nil means crypto/rand.
	Rand io.Reader
	// MaxDocumentBytes caps the input; zero means DefaultMaxDocumentBytes.
	MaxDocumentBytes int
	// MaxDepth caps the nesting of the input's JSON; zero means
	// DefaultMaxDepth.
	MaxDepth int
}

// AddProof signs the JSON document doc (a credential or a presentation)
// with a Data Integrity proof and returns it with the proof added. If doc
// already has proofs the new one joins the proof set (the proof member
// becomes an array). Apart from that, and from a suite context added to
// @context when the document lacks it (Ed25519Signature2020, or
// DataIntegrityProof on a VC 1.1 document), the bytes of doc are returned
// unchanged.
//
// The RDFC suites refuse a document with terms its contexts do not define:
// such data would not be covered by the signature.
func AddProof(ctx context.Context, doc []byte, opts SignOptions) ([]byte, error) {
	k, err := prepareSigner(ctx, opts)
	if err != nil {
		return nil, err
	}
	return k.addProof(ctx, doc, opts)
}

// signer is what AddProof works out from SignOptions before it reads the
// document: the suite, its hash, and that the verification method names
// the signer's key. SignBatch works it out once for the whole batch.
type signer struct {
	s suite
	h crypto.Hash
}

func prepareSigner(ctx context.Context, opts SignOptions) (signer, error) {
	if opts.Signer == nil {
		return signer{}, fmt.Errorf("%w: no Signer", ErrInvalidOptions)
	}
	if opts.VerificationMethod == "" {
		return signer{}, fmt.Errorf("%w: no VerificationMethod", ErrInvalidOptions)
	}
	pub := opts.Signer.Public()
	s, err := suiteForSigning(opts.Cryptosuite, pub)
	if err != nil {
		return signer{}, err
	}
	h, err := s.hashFor(pub)
	if err != nil {
		return signer{}, err
	}
	if err := checkMethodNamesKey(ctx, opts.VerificationMethod, pub); err != nil {
		return signer{}, err
	}
	return signer{s: s, h: h}, nil
}

// addProof is AddProof once the signer is prepared (from the same opts).
func (k *signer) addProof(ctx context.Context, doc []byte, opts SignOptions) ([]byte, error) {
	s, h := &k.s, k.h
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	if !opts.Expires.IsZero() && !opts.Expires.After(created) {
		return nil, fmt.Errorf("%w: Expires is not after Created", ErrInvalidOptions)
	}
	purpose := opts.ProofPurpose
	if purpose == "" {
		purpose = PurposeAssertionMethod
	}
	maxBytes, err := limitOrDefault("MaxDocumentBytes", opts.MaxDocumentBytes, DefaultMaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	maxDepth, err := limitOrDefault("MaxDepth", opts.MaxDepth, DefaultMaxDepth)
	if err != nil {
		return nil, err
	}
	d, err := diParseTransient(ctx, doc, maxBytes, maxDepth, DefaultMaxProofs)
	if err != nil {
		return nil, err
	}
	if err := refuseCaseVariants(d); err != nil {
		return nil, err
	}
	if len(d.proofs) >= DefaultMaxProofs {
		return nil, fmt.Errorf("%w: the document already has %d proofs", errTooManyProofs, len(d.proofs))
	}

	raw := doc
	if raw, err = diEnsureSuiteContext(raw, d, s); err != nil {
		return nil, err
	}
	input := d.obj
	if _, hasProof := d.obj["proof"]; hasProof || len(opts.PreviousProof) > 0 {
		// Only then is a copy needed: canonicalization reads the document
		// and never changes it, and a first proof is the common case.
		input = d.unsecured()
	}
	if len(opts.PreviousProof) > 0 {
		matching, err := diMatchingProofs(d.proofs, opts.PreviousProof)
		if err != nil {
			return nil, err
		}
		input["proof"] = matching
	}

	p := proofJSON{
		Type:               s.proofType,
		ID:                 opts.ID,
		Created:            diFormatTime(created),
		VerificationMethod: opts.VerificationMethod,
		ProofPurpose:       purpose,
		Domain:             diNonEmpty(opts.Domain),
		Challenge:          opts.Challenge,
	}
	if s.proofType == ProofTypeDataIntegrity {
		p.Cryptosuite = s.name
	}
	if !opts.Expires.IsZero() {
		p.Expires = diFormatTime(opts.Expires)
	}
	switch len(opts.PreviousProof) {
	case 0:
	case 1:
		p.PreviousProof = opts.PreviousProof[0]
	default:
		p.PreviousProof = opts.PreviousProof
	}
	docContext, hasContext := d.obj["@context"]
	if s.contextInProof && hasContext {
		p.Context = docContext
	}
	if s.canon == canonRDFC && !hasContext {
		return nil, fmt.Errorf("%w: %s needs a JSON-LD document with an @context", errMalformedDocument, s.name)
	}
	// The configuration is what a verifier will rebuild from the proof we
	// output: the members we are about to write, or, where encoding could
	// change a string, what reading that JSON back gives.
	config, err := proofConfig(&p)
	if err != nil {
		return nil, err
	}
	if hasContext {
		config["@context"] = docContext
	}
	t, err := s.transform(ctx, input, config, h, opts.Loader, maxDepth)
	if err != nil {
		return nil, fmt.Errorf("credential: signing with %s: %w", s.name, err)
	}
	rnd := opts.Rand
	if rnd == nil {
		rnd = rand.Reader
	}
	sig, err := s.sign(opts.Signer, rnd, h, t.hashData())
	if err != nil {
		return nil, err
	}
	var buf [512]byte // a proof of the usual size is written here
	proof, ok := diAppendProofJSON(buf[:0], &p, sig)
	if !ok {
		p.ProofValue = "z" + multibase.EncodeBase58(sig)
		if proof, err = diMarshal(p); err != nil {
			return nil, err
		}
	}
	return diAppendFirstProof(raw, d.obj, proof)
}

func diNonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// refuseCaseVariants refuses a document with a top-level member that
// differs from "proof" or "@context" only in case. Signing adds or extends
// those members, and the result would then hold two names a verifier's
// strict reader takes for one (it refuses such a document as ambiguous):
// we would issue a credential nobody can verify.
func refuseCaseVariants(d *diDocument) error {
	for name := range d.obj {
		if want, bad := strictjson.CaseMismatch(name, "proof", "@context"); bad {
			return fmt.Errorf("%w: member %q differs from %q only in case; rename or remove it before signing", errMalformedDocument, name, want)
		}
	}
	return nil
}

// diEnsureSuiteContext adds the context that defines the proof's terms when
// the document does not already have it, as the reference implementations
// do, updating both the text and the decoded document.
func diEnsureSuiteContext(raw []byte, d *diDocument, s *suite) ([]byte, error) {
	v, present := d.obj["@context"]
	if !present {
		return raw, nil
	}
	ctxs := diContextList(v)
	var add string
	switch {
	case s.proofType == SuiteEd25519Signature2020:
		if !diHasContext(ctxs, Ed25519Signature2020Context) {
			add = Ed25519Signature2020Context
		}
	case s.canon == canonRDFC:
		if !diHasContext(ctxs, "https://www.w3.org/ns/credentials/v2") &&
			!diHasContext(ctxs, DataIntegrityContext) &&
			!diHasContext(ctxs, "https://w3id.org/security/data-integrity/v1") {
			add = DataIntegrityContext
		}
	}
	if add == "" {
		return raw, nil
	}
	next := append(append([]any(nil), ctxs...), add)
	text, err := diMarshal(next)
	if err != nil {
		return nil, err
	}
	d.obj["@context"] = next
	return diSetMember(raw, "@context", text)
}

// diMatchingProofs returns the proofs whose ids are listed in previous, in
// proof-set order (vc-data-integrity §4.1 "Add Proof Set/Chain" and §4.2
// "Verify Proof Sets and Chains"); every listed id must be found exactly once.
func diMatchingProofs(proofs []map[string]any, previous []string) ([]any, error) {
	var out []any
	found := make(map[string]bool, len(previous))
	for _, p := range proofs {
		pid, _ := p["id"].(string)
		if pid == "" || !slices.Contains(previous, pid) {
			continue
		}
		if found[pid] {
			return nil, fmt.Errorf("%w: two proofs have id %q", errMalformedProof, pid)
		}
		found[pid] = true
		out = append(out, p)
	}
	for _, id := range previous {
		if !found[id] {
			return nil, fmt.Errorf("%w: %q", errBrokenProofChain, id)
		}
	}
	return out, nil
}

// checkMethodNamesKey refuses a verification method that names a key other
// than the signer's, where that can be told without the network: a did:key
// or did:jwk URL, or a fragment that is the key's own Multikey. Such a proof
// could never verify, and signing it usually means the wrong key file or
// the wrong issuer configuration. (A did:web or https method is checked by
// the verifier, which fetches the document.)
func checkMethodNamesKey(ctx context.Context, vm string, pub crypto.PublicKey) error {
	did, fragment, _ := strings.Cut(vm, "#")
	var named crypto.PublicKey
	switch method(did) {
	case "key":
		// The signer's own did:key is the common case: encoding the key
		// and comparing is a fraction of resolving the DID; anything else
		// takes the resolver's path below, for its error.
		if isDIDKeyOf(did, pub) {
			return nil
		}
		fallthrough
	case "jwk":
		doc, err := OfflineResolver{}.ResolveDID(ctx, did)
		if err != nil {
			return fmt.Errorf("%w: VerificationMethod %q: %w", ErrInvalidOptions, vm, err)
		}
		if len(doc.VerificationMethod) != 1 {
			return nil
		}
		m, err := doc.VerificationMethod[0].Resolve()
		if err != nil {
			return fmt.Errorf("%w: VerificationMethod %q: %w", ErrInvalidOptions, vm, err)
		}
		named = m.PublicKey
	default:
		if !strings.HasPrefix(fragment, "z") {
			return nil
		}
		k, err := ParseMultikey(fragment)
		if err != nil {
			return nil // a fragment that merely starts with z names no key
		}
		named = k
	}
	if eq, ok := pub.(interface{ Equal(crypto.PublicKey) bool }); ok && eq.Equal(named) {
		return nil
	}
	return fmt.Errorf("%w: VerificationMethod %q names another key than the Signer's: a verifier would reject the proof", ErrInvalidOptions, vm)
}

// limitOrDefault reads a limit option: zero means the documented default,
// and a negative value is refused, since no cap on untrusted input is safe
// to switch off.
func limitOrDefault(name string, v, def int) (int, error) {
	switch {
	case v < 0:
		return 0, fmt.Errorf("%w: negative %s %d (zero means the default; a cap cannot be switched off)", ErrInvalidOptions, name, v)
	case v == 0:
		return def, nil
	}
	return v, nil
}

// proofConfig is the proof configuration of p as a verifier reads it back
// from the proof AddProof writes (see proofJSON.configMap).
func proofConfig(p *proofJSON) (map[string]any, error) {
	if m, ok := p.configMap(); ok {
		return m, nil
	}
	unsigned, err := diMarshal(*p) // a copy: &p stays in the signer's frame
	if err != nil {
		return nil, err
	}
	return diToMap(unsigned)
}
