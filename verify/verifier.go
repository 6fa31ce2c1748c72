package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/credseam"
	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/jsonld"
	"github.com/microcred/microcred/internal/strictjson"
)

// Verifier verifies credentials and presentations. Build one with New and
// share it: it is safe for concurrent use, and its caches (status lists,
// DID and controller documents) are what make repeated verification cheap.
type Verifier struct {
	cfg       Config
	lim       Limits
	clock     func() time.Time
	fetch     *fetcher // nil when offline
	contexts  *credential.ContextLoader
	loader    *jsonld.Loader
	validator *badge.Validator
	suites    []string
	algs      []string
	// skew is Config.Skew resolved once: DefaultSkew for zero, none for a
	// negative value. Every time comparison of a run uses it.
	skew   time.Duration
	strict bool // Config.Policy is PolicyStrict
	policy Policy

	docTTL, statusTTL time.Duration
	didCache          *ttlCache[*credential.DIDDocument]
	docCache          *ttlCache[*fetchedDoc]
	statusCache       *ttlCache[*statusList]
	statusFlight      flight[*statusList]
	docFlight         flight[fetchResult]
}

// New validates cfg and builds a Verifier. Everything in cfg is checked
// here, once: an unknown cryptosuite or JWT algorithm in an allowlist, an
// unknown policy or a negative limit is an ErrInvalidConfig error now
// rather than a surprise on the first credential. The allowlists are
// copied, so changing cfg's slices afterwards changes nothing.
func New(cfg Config) (*Verifier, error) {
	if err := cfg.Limits.check(); err != nil {
		return nil, err
	}
	v := &Verifier{cfg: cfg, lim: cfg.Limits.withDefaults(), clock: cfg.Clock}
	if v.clock == nil {
		v.clock = time.Now
	}
	switch {
	case cfg.Skew == 0:
		v.skew = DefaultSkew
	case cfg.Skew > 0:
		v.skew = cfg.Skew
	}
	switch cfg.Policy {
	case "", PolicyDefault:
		v.policy = PolicyDefault
	case PolicyStrict:
		v.policy, v.strict = PolicyStrict, true
	default:
		return nil, fmt.Errorf("%w: Policy %q is neither PolicyDefault nor PolicyStrict", ErrInvalidConfig, cfg.Policy)
	}
	if cfg.StatusListMinEntries < 0 {
		return nil, fmt.Errorf("%w: negative StatusListMinEntries %d", ErrInvalidConfig, cfg.StatusListMinEntries)
	}
	v.suites = slices.Clone(cfg.AcceptedCryptosuites)
	if v.suites == nil {
		v.suites = DefaultCryptosuites()
	}
	if len(v.suites) == 0 {
		return nil, fmt.Errorf("%w: AcceptedCryptosuites is empty; nothing could verify (leave it nil for the defaults)", ErrInvalidConfig)
	}
	for _, s := range v.suites {
		if !slices.Contains(knownCryptosuites, s) {
			return nil, fmt.Errorf("%w: AcceptedCryptosuites names %q, which this verifier does not implement (known: %s)",
				ErrInvalidConfig, s, strings.Join(knownCryptosuites, ", "))
		}
	}
	v.algs = slices.Clone(cfg.AcceptedJWTAlgorithms)
	if v.algs == nil {
		v.algs = DefaultJWTAlgorithms()
	}
	if len(v.algs) == 0 {
		return nil, fmt.Errorf("%w: AcceptedJWTAlgorithms is empty; no VC-JWT could verify (leave it nil for the defaults)", ErrInvalidConfig)
	}
	for _, a := range v.algs {
		if strings.EqualFold(a, "none") || strings.HasPrefix(strings.ToUpper(a), "HS") {
			return nil, fmt.Errorf("%w: JWT algorithm %q can never be accepted: it proves nothing about the issuer", ErrInvalidConfig, a)
		}
		if !slices.Contains(knownJWTAlgorithms, a) {
			return nil, fmt.Errorf("%w: AcceptedJWTAlgorithms names %q, which this verifier does not implement (known: %s)",
				ErrInvalidConfig, a, strings.Join(knownJWTAlgorithms, ", "))
		}
	}
	var err error
	if v.contexts = cfg.Contexts; v.contexts == nil {
		if v.contexts, err = credential.NewContextLoader(nil); err != nil {
			return nil, err
		}
	}
	// Verify's own expansion uses the loader (and caches) of the proof checks.
	v.loader = credseam.ContextLoaderInternal.(func(*credential.ContextLoader) *jsonld.Loader)(v.contexts)
	if v.validator, err = badge.NewValidator(v.badgeLimits()); err != nil {
		return nil, err
	}
	v.fetch = newFetcher(&cfg, v.lim)
	v.docTTL, v.statusTTL = cfg.Cache.DocumentTTL, cfg.Cache.StatusListTTL
	if v.docTTL <= 0 {
		v.docTTL = DefaultCacheTTL
	}
	if v.statusTTL <= 0 {
		v.statusTTL = DefaultCacheTTL
	}
	if !cfg.Cache.DisableCaching {
		n := cfg.Cache.MaxEntries
		if n <= 0 {
			n = DefaultMaxCacheEntries
		}
		v.didCache = newTTLCache[*credential.DIDDocument](n)
		v.docCache = newTTLCache[*fetchedDoc](n)
		v.statusCache = newTTLCache[*statusList](n)
	}
	return v, nil
}

// Input formats, as Report.Format names them.
const (
	FormatJSON = "json"
	FormatJWT  = "jwt"
	FormatPNG  = "png"
	FormatSVG  = "svg"
)

// Verify verifies one credential: JSON with an embedded proof, a compact
// VC-JWT, or a PNG or SVG image with either baked in. The error is non-nil
// only when ctx ended; every problem with the credential is in the Report
// (use Report.Err to get it as an error).
func (v *Verifier) Verify(ctx context.Context, input []byte) (*Report, error) {
	r := v.verifyInput(ctx, input, 0)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	return r, nil
}

// verifyInput detects the input format and verifies it.
func (v *Verifier) verifyInput(ctx context.Context, input []byte, depth int) *Report {
	p := v.newRun(ctx, depth)
	trimmed := bytes.TrimSpace(input)
	image := bake.Sniff(input) // bake's own rule, so an SVG with a BOM is an SVG here too
	switch {
	case image != 0:
		p.r.Format = FormatPNG
		if image == bake.FormatSVG {
			p.r.Format = FormatSVG
		}
		baked, err := bake.Limits{}.Extract(input)
		if err != nil {
			return p.abort(fmt.Errorf("%w: %w", ErrMalformed, err), "no credential could be extracted from the image")
		}
		p.compressed = baked.Compressed
		switch {
		case baked.Kind != bake.KindOpenBadges3 && baked.Kind != bake.KindCLR2:
			return p.abort(ErrMalformed, fmt.Sprintf("the image carries an %s badge; convert it with package badge/ob2 first", baked.Kind))
		case baked.Encoding == bake.EncodingJSON:
			return p.credential(baked.Payload)
		default:
			return p.jwt(string(baked.Payload))
		}
	case len(trimmed) > 0 && trimmed[0] == '{':
		p.r.Format = FormatJSON
		return p.credential(input)
	case looksLikeJWT(trimmed):
		p.r.Format = FormatJWT
		return p.jwt(string(trimmed))
	}
	return p.abort(ErrMalformed, "input is not JSON, a compact JWT, a PNG or an SVG")
}

func looksLikeJWT(b []byte) bool {
	if len(b) == 0 || bytes.Count(b, []byte(".")) != 2 {
		return false
	}
	for _, c := range b {
		if !(c == '.' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// run is the state of one credential's verification.
type run struct {
	v     *Verifier
	ctx   context.Context
	depth int // endorsement / nesting depth, 0 for the top level
	r     *Report
	now   time.Time

	raw []byte         // the credential JSON being verified
	doc map[string]any // raw decoded with UseNumber
	// shape is the reader's Shape of doc (see readDocument); it describes
	// doc only, so whatever replaces doc replaces it too.
	shape strictjson.Shape
	// shaped carries unsecuredDoc and shape to its expansion (see expand),
	// lent carries doc and shape to the proof check (verifyProofs); kept
	// here so that neither costs an allocation of its own.
	shaped jsonld.ShapedContext
	lent   jcs.Lent
	issuer string

	expanded []any // doc expanded by the context check (nil if it failed)
	// unsecured is the expansion of unsecuredDoc, doc without its proofs
	// (what an RDF proof signs), when the context check made it.
	unsecured    *jsonld.Expanded
	unsecuredDoc map[string]any
	jwtRes       *jwtResult // set when the credential came in a VC-JWT
	proofOK      bool       // a proof by an issuer-controlled key verified
	signer       string     // the verification method of that proof (or JWT kid)
	noNet        bool       // some check was skipped for lack of network
	refresh      bool       // set on the refreshed copy so refresh runs once
	expected     string     // required credential type, for endorsements
	// compressed is set when a PNG carried the credential in a compressed
	// iTXt chunk, which the baking specification forbids.
	compressed bool
}

func (v *Verifier) newRun(ctx context.Context, depth int) *run {
	now := v.now()
	return &run{v: v, ctx: ctx, depth: depth, now: now,
		r: &Report{MediaType: ReportMediaType, Kind: "credential", VerifiedAt: now, Policy: v.policy,
			// Every check is reported, once: room for all of them up front.
			Checks: make([]Check, 0, len(checkOrder))}}
}

// add records a check. The policy is applied here, once for every check:
// under the default policy a failure of a conformance or nested check
// becomes a warning marked StrictFail, unless it is a limit (hostile input
// fails everywhere). Use addFirm for a failure no policy may soften.
func (p *run) add(id CheckID, o Outcome, msg string, detail map[string]any, err error) {
	p.addCheck(id, o, msg, detail, err, false)
}

// addFirm records a check whose failure fails the credential in every
// policy, whatever its aspect: a context that leaves part of the document
// outside what the proof covers.
func (p *run) addFirm(id CheckID, o Outcome, msg string, detail map[string]any, err error) {
	p.addCheck(id, o, msg, detail, err, true)
}

func (p *run) addCheck(id CheckID, o Outcome, msg string, detail map[string]any, err error, firm bool) {
	c := Check{ID: id, Outcome: o, Message: msg, Detail: detail}
	if o == Fail || o == NotEstablished {
		if err == nil {
			err = sentinelFor(id)
		} else if !errors.Is(err, sentinelFor(id)) && !isClassified(err) {
			err = fmt.Errorf("%w: %w", sentinelFor(id), err)
		}
		if o == NotEstablished && !errors.Is(err, ErrUnverified) {
			err = fmt.Errorf("%w: %w", ErrUnverified, err)
		}
		c.err = err
	}
	if a := id.Aspect(); o == Fail && !firm && !p.v.strict && (a == AspectConformant || a == AspectNested) && !errors.Is(err, ErrLimit) {
		c.Outcome, c.StrictFail = Warn, true
		if c.Detail == nil {
			c.Detail = map[string]any{}
		}
		c.Detail["policy"] = "a warning under the default policy; PolicyStrict (examples/verify -strict) fails it"
	}
	p.r.Checks = append(p.r.Checks, c)
}

// unestablished records a check that could not be carried out: the verdict
// becomes Unverified unless another check failed.
func (p *run) unestablished(id CheckID, msg string, detail map[string]any, err error) {
	p.add(id, NotEstablished, msg, detail, err)
}

// isClassified reports whether err already wraps one of this package's
// class sentinels (ErrRevoked under "status", ErrExpired under "validity").
func isClassified(err error) bool {
	for _, s := range []error{ErrRevoked, ErrSuspended, ErrNotYetValid, ErrExpired, ErrStatus, ErrLimit, ErrMalformed} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// skipNet records a check that needed the network while offline: not
// established, so the verdict is Unverified (never OK) unless something
// else failed. It is for checks whose answer the verdict rests on (proof,
// key, status); a refresh or a remote schema skipped offline is a warning.
func (p *run) skipNet(id CheckID, what string) {
	p.noNet = true
	p.unestablished(id, "not established: "+what+" needs the network and this verifier is offline",
		map[string]any{"skipped": true, "reason": "offline"}, ErrOfflineSkipped)
}

// abort fails the parse check and skips everything else.
func (p *run) abort(err error, msg string) *Report {
	p.add(CheckParse, Fail, msg, map[string]any{"error": err.Error()}, err)
	p.skipRest("the input could not be parsed")
	p.r.finish()
	return p.r
}

// skipRest marks every check not yet reported as skipped.
func (p *run) skipRest(why string) {
	for _, id := range checkOrder {
		if p.r.Check(id) == nil {
			p.add(id, Skipped, why, nil, nil)
		}
	}
}

// credential verifies credential JSON (possibly a JWT payload).
func (p *run) credential(raw []byte) *Report {
	if !p.parse(raw) {
		return p.r
	}
	return p.checkAll()
}

// checkAll runs every check after parse, in report order, whatever form
// the credential came in, and finishes the report.
func (p *run) checkAll() *Report {
	p.checkModel()
	p.checkProof()
	p.checkSigned()
	p.checkRefresh()
	p.checkStatus()
	p.checkValidity()
	p.checkEndorsements()
	p.checkNested()
	p.checkTrust()
	p.r.finish()
	return p.r
}

// parse runs the parse check; it reports false (and has finished the
// report) when the input cannot be verified at all.
func (p *run) parse(raw []byte) bool {
	if len(raw) > p.v.lim.MaxDocumentBytes {
		p.abort(fmt.Errorf("%w: %d bytes, limit %d", ErrLimit, len(raw), p.v.lim.MaxDocumentBytes),
			fmt.Sprintf("credential is %d bytes, over the %d-byte limit", len(raw), p.v.lim.MaxDocumentBytes))
		return false
	}
	doc, shape, err := readDocument(raw, p.v.lim.MaxDepth)
	if errors.Is(err, errNotObject) {
		p.abort(fmt.Errorf("%w: %w", ErrMalformed, err), "the credential is not a JSON object")
		return false
	}
	if err != nil {
		p.abort(fmt.Errorf("%w: %w", ErrMalformed, err), err.Error())
		return false
	}
	p.raw, p.doc, p.shape = raw, doc, shape
	p.r.Credential = json.RawMessage(raw)
	p.r.CredentialID, _ = doc["id"].(string)
	p.r.Types = stringList(doc["type"])
	p.issuer = idOf(doc["issuer"])
	p.r.Issuer = p.issuer
	if slices.Contains(p.r.Types, "VerifiablePresentation") {
		p.abort(ErrMalformed, "the input is a presentation: use VerifyPresentation with the challenge and domain you sent the holder")
		return false
	}
	if n := countProofs(doc["proof"]); n > p.v.lim.MaxProofs {
		p.abort(fmt.Errorf("%w: %d proofs, limit %d", ErrLimit, n, p.v.lim.MaxProofs),
			fmt.Sprintf("the credential carries %d proofs, over the limit of %d", n, p.v.lim.MaxProofs))
		return false
	}
	if p.compressed {
		// Open Badges 3.0 baking: "Compression MUST NOT be used". The
		// credential is still readable and its proof is what matters, so
		// this is a warning, not a failure.
		p.add(CheckParse, Warn, p.parseMessage()+"; but the PNG chunk is compressed, which the Open Badges baking specification forbids",
			map[string]any{"compressed": true}, nil)
		return true
	}
	p.add(CheckParse, Pass, p.parseMessage(), nil, nil)
	return true
}

func (p *run) parseMessage() string {
	switch p.r.Format {
	case FormatJWT:
		return "compact VC-JWT; credential read from its payload"
	case FormatPNG, FormatSVG:
		return "credential extracted from a baked " + strings.ToUpper(p.r.Format) + " image"
	}
	return "well-formed JSON credential"
}

func countProofs(v any) int {
	switch t := v.(type) {
	case nil:
		return 0
	case []any:
		return len(t)
	}
	return 1
}

// stringList reads a JSON string or array of strings.
func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// countStrings is len(stringList(v)), without building the list.
func countStrings(v any) int {
	switch t := v.(type) {
	case string:
		return 1
	case []any:
		n := 0
		for _, x := range t {
			if _, ok := x.(string); ok {
				n++
			}
		}
		return n
	}
	return 0
}

// idOf reads an id that may be a string or an object with "id".
func idOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		s, _ := t["id"].(string)
		return s
	}
	return ""
}

// objects reads a JSON object or array of objects.
func objects(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, x := range t {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// badgeLimits hands the verifier's size and depth limits to package badge,
// so that raising them in Config.Limits raises them for every check.
func (v *Verifier) badgeLimits() badge.Limits {
	return badge.Limits{MaxDocumentBytes: v.lim.MaxDocumentBytes, MaxDepth: v.lim.MaxDepth}
}

// jsonldLimits does the same for JSON-LD expansion.
func (v *Verifier) jsonldLimits() jsonld.Limits {
	return jsonld.Limits{MaxDocumentBytes: v.lim.MaxDocumentBytes, MaxDepth: v.lim.MaxDepth}
}
