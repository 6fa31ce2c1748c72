package verify

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/limits"
)

// Default limits. Each applies when the corresponding Limits field is zero.
const (
	DefaultMaxDocumentBytes     = limits.DefaultMaxDocumentBytes // a credential, presentation or fetched credential; as in badge and credential
	DefaultMaxDepth             = limits.DefaultMaxDepth         // JSON nesting; as in badge and credential
	DefaultMaxProofs            = credential.DefaultMaxProofs    // proofs on one document
	DefaultMaxEndorsementDepth  = 2                              // endorsements of endorsements of ...
	DefaultMaxEndorsements      = 16                             // embedded endorsements per credential
	DefaultMaxNested            = 64                             // credentials inside one CLR or presentation
	DefaultMaxStatusListBytes   = 16 << 20                       // decompressed status list
	DefaultMaxFetchBytes        = 1 << 20                        // any HTTP response body
	DefaultMaxRedirects         = 3                              // same-host redirects per fetch
	DefaultFetchTimeout         = 10 * time.Second
	DefaultCacheTTL             = 5 * time.Minute
	DefaultMaxCacheEntries      = 1024
	DefaultMaxConcurrentFetches = 8
	// DefaultSkew is the clock difference tolerated when Config.Skew is
	// zero: an issuer whose clock runs a few seconds (or minutes) ahead
	// must not make its fresh credentials "not yet valid".
	DefaultSkew = 5 * time.Minute
)

// knownCryptosuites are the Data Integrity suites (and the legacy proof
// type Ed25519Signature2020) package credential implements; New refuses an
// allowlist naming anything else.
var knownCryptosuites = []string{
	credential.SuiteEdDSARDFC2022, credential.SuiteECDSARDFC2019,
	credential.SuiteEdDSAJCS2022, credential.SuiteECDSAJCS2019,
	credential.SuiteEdDSA2022Draft, credential.SuiteEd25519Signature2020,
}

// unimplementedCryptosuites are registered cryptosuites package credential
// knows of but does not implement (selective disclosure, drafts). A proof in
// one of them is not refuted, only not checkable here: the proof is not
// established and the verdict unverified. Any other name a proof carries is
// refused, so that renaming a suite cannot turn a failure into "unverified".
var unimplementedCryptosuites = []string{"ecdsa-sd-2023", "bbs-2023", "eddsa-sd-2023", "ecdsa-2019"}

// knownJWTAlgorithms are the JWS algorithms package credential verifies.
var knownJWTAlgorithms = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"}

// DefaultCryptosuites returns the Data Integrity suites accepted when
// Config.AcceptedCryptosuites is nil: all that package credential
// implements. eddsa-2022 (the pre-standard name of eddsa-rdfc-2022) and
// Ed25519Signature2020 are accepted with a warning because Open Badges
// issuers still use them. Each call returns a new slice.
func DefaultCryptosuites() []string { return slices.Clone(knownCryptosuites) }

// DefaultJWTAlgorithms returns the JWS algorithms accepted when
// Config.AcceptedJWTAlgorithms is nil: RS256 (Open Badges' minimum), ES256,
// ES384 and EdDSA. "none" and the HMAC algorithms can never be enabled.
// Each call returns a new slice.
func DefaultJWTAlgorithms() []string { return []string{"RS256", "ES256", "ES384", "EdDSA"} }

// deprecatedSuites verify, but with a warning.
var deprecatedSuites = []string{credential.SuiteEdDSA2022Draft, credential.SuiteEd25519Signature2020}

// Limits bounds the work one verification may do. Zero fields take the
// Default* constants. MaxDocumentBytes and MaxDepth apply to every check
// that reads the credential (data model, JSON Schema, JSON-LD expansion and
// the Data Integrity proof), so raising them admits a larger or deeper
// credential everywhere, not just at the parse check. (Proofs made with the
// JCS cryptosuites are canonicalized with a fixed depth limit of 100.)
type Limits struct {
	MaxDocumentBytes    int // input and fetched documents
	MaxDepth            int // JSON nesting depth
	MaxProofs           int // proofs on one document
	MaxEndorsementDepth int // endorsement recursion depth
	MaxEndorsements     int // endorsements per credential
	MaxNested           int // credentials in a CLR or presentation
	MaxStatusListBytes  int // decompressed status list size (gzip bombs)
	MaxFetchBytes       int // any HTTP response body
	MaxRedirects        int // same-host redirects per fetch
	// FetchTimeout bounds each HTTP request, inside the caller's ctx.
	FetchTimeout time.Duration
}

// check refuses a negative limit: zero means the documented default, and
// no cap on untrusted input is safe to switch off.
func (l Limits) check() error {
	if f, bad := limits.Negative(
		limits.Field{Name: "MaxDocumentBytes", Value: l.MaxDocumentBytes}, limits.Field{Name: "MaxDepth", Value: l.MaxDepth},
		limits.Field{Name: "MaxProofs", Value: l.MaxProofs}, limits.Field{Name: "MaxEndorsementDepth", Value: l.MaxEndorsementDepth},
		limits.Field{Name: "MaxEndorsements", Value: l.MaxEndorsements}, limits.Field{Name: "MaxNested", Value: l.MaxNested},
		limits.Field{Name: "MaxStatusListBytes", Value: l.MaxStatusListBytes}, limits.Field{Name: "MaxFetchBytes", Value: l.MaxFetchBytes},
		limits.Field{Name: "MaxRedirects", Value: l.MaxRedirects},
	); bad {
		return fmt.Errorf("%w: negative Limits.%s %d (zero means the default; a cap cannot be switched off)", ErrInvalidConfig, f.Name, f.Value)
	}
	if l.FetchTimeout < 0 {
		return fmt.Errorf("%w: negative Limits.FetchTimeout %v", ErrInvalidConfig, l.FetchTimeout)
	}
	return nil
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxDocumentBytes, DefaultMaxDocumentBytes)
	def(&l.MaxDepth, DefaultMaxDepth)
	def(&l.MaxProofs, DefaultMaxProofs)
	def(&l.MaxEndorsementDepth, DefaultMaxEndorsementDepth)
	def(&l.MaxEndorsements, DefaultMaxEndorsements)
	def(&l.MaxNested, DefaultMaxNested)
	def(&l.MaxStatusListBytes, DefaultMaxStatusListBytes)
	def(&l.MaxFetchBytes, DefaultMaxFetchBytes)
	def(&l.MaxRedirects, DefaultMaxRedirects)
	if l.FetchTimeout <= 0 {
		l.FetchTimeout = DefaultFetchTimeout
	}
	return l
}

// CacheConfig sizes the verifier's caches of status lists and DID and
// controller documents. Zero fields take DefaultCacheTTL and
// DefaultMaxCacheEntries. A status list's own ttl, or its validUntil, can
// shorten the TTL but never lengthen it.
type CacheConfig struct {
	StatusListTTL  time.Duration // status list credentials
	DocumentTTL    time.Duration // DID documents, controller documents, schemas
	MaxEntries     int           // per cache
	DisableCaching bool          // fetch every time (tests, debugging)
}

// TrustPolicy decides whether the host trusts an issuer. Verification says
// who signed a credential; a TrustPolicy says whether that issuer counts
// (an allowlist, a registry lookup, an accreditation body). Implementations
// must be safe for concurrent use. Return nil to trust; an error to refuse,
// saying why.
type TrustPolicy interface {
	TrustIssuer(ctx context.Context, issuerID string, r *Report) error
}

// TrustPolicyFunc adapts a function to TrustPolicy.
type TrustPolicyFunc func(ctx context.Context, issuerID string, r *Report) error

// TrustIssuer calls f.
func (f TrustPolicyFunc) TrustIssuer(ctx context.Context, issuerID string, r *Report) error {
	return f(ctx, issuerID, r)
}

// Allowlist is a TrustPolicy that trusts exactly the listed issuer ids.
type Allowlist []string

// TrustIssuer implements TrustPolicy.
func (a Allowlist) TrustIssuer(_ context.Context, issuerID string, _ *Report) error {
	if slices.Contains(a, issuerID) {
		return nil
	}
	return fmt.Errorf("issuer %q is not on the allowlist", issuerID)
}

// Config configures a Verifier. The zero value is safe: it is offline (no
// network at all), so a credential whose key or status needs the network is
// Unverified, never OK; it uses the system clock with DefaultSkew, the
// Default limits, the default suites and algorithms, the default
// conformance policy, and no trust policy.
type Config struct {
	// HTTPClient, when non-nil and Offline is false, is used for every
	// network fetch: did:web documents, https key and controller documents,
	// status lists, refresh services and remote credentialSchema documents.
	// The verifier adds its own redirect policy, size caps and, when the
	// client's Transport is an *http.Transport (or nil), a dial-time check
	// that refuses private and loopback addresses. A client with another
	// RoundTripper is trusted to do its own address filtering.
	HTTPClient *http.Client
	// Offline forbids all network use even when HTTPClient is set. A proof,
	// key or status check that needs the network is NotEstablished (Detail
	// "skipped": true) and the verdict Unverified; a refresh or remote
	// schema that needs it is a warning.
	Offline bool
	// Contexts resolves JSON-LD contexts. Nil means a loader of the
	// embedded contexts only, private to this Verifier. Set it to serve the
	// host's own contexts, or to fetch others from an allowlist
	// (credential.NewContextLoader with credential.RemoteContexts).
	Contexts *credential.ContextLoader
	// Clock returns the current time; nil means time.Now.
	Clock func() time.Time
	// Skew is the clock difference tolerated in every time comparison:
	// validFrom and validUntil (issuanceDate and expirationDate), a proof's
	// created, JWT nbf, exp and iat, and a status list's validity. Zero
	// means DefaultSkew (5 minutes); a negative value tolerates none.
	Skew time.Duration
	// Policy says how conformance findings and nested credentials count:
	// PolicyDefault (the zero value) reports them as warnings, PolicyStrict
	// fails them as the 1EdTech validator does.
	Policy Policy
	// Limits bounds the work of one verification.
	Limits Limits
	// Cache sizes the status-list and document caches.
	Cache CacheConfig
	// Trust, when set, is consulted last; a refusal fails the "trust" check.
	// A RegistryPolicy recognises issuers from issuer registries and names
	// the registry and the issuer's registered name in the report.
	Trust TrustPolicy
	// StatusListMinEntries is the fewest entries a status list may have.
	// The specification asks for at least status.MinEntries (131,072), but
	// widely used services publish lists of 100,000; a list under the
	// specification minimum and at or over this floor is read with a
	// warning, one under the floor is refused (status not established).
	// Zero means no floor beyond holding the credential's index.
	StatusListMinEntries int
	// RequireStatusListIssuer refuses to read the status of a credential
	// from a list issued by anyone but the credential's issuer (status not
	// established). By default such a list, often signed by a dedicated
	// status key, is read: a set revocation or suspension bit is believed,
	// and an unset one is a warning that names the list's signer.
	RequireStatusListIssuer bool
	// AcceptedCryptosuites lists the Data Integrity cryptosuites (and the
	// legacy proof type Ed25519Signature2020) accepted; nil means
	// DefaultCryptosuites. Proofs in any other suite fail.
	AcceptedCryptosuites []string
	// AcceptedJWTAlgorithms lists the JWS algorithms accepted; nil means
	// DefaultJWTAlgorithms. "none" and HS* are refused by New.
	AcceptedJWTAlgorithms []string
	// DIDResolver, if set, resolves DID methods other than did:key, did:jwk
	// and did:web (which the verifier handles itself).
	DIDResolver credential.DIDResolver
	// UnsafeAllowPrivateAddresses permits fetches from loopback, private,
	// link-local and other non-public addresses. Leave it false in
	// production: a credential must not be able to make the verifier probe
	// the host's internal network.
	UnsafeAllowPrivateAddresses bool
	// UnsafeAllowHTTP permits plain-http URLs (did:web is always https).
	// It exists for local tests only; plain http lets anyone on the path
	// substitute keys and status lists.
	UnsafeAllowHTTP bool
	// UnsafeTrustEmbeddedJWK accepts a VC-JWT whose only key is the jwk
	// in its own header, although nothing ties that key to the issuer: any
	// key holder can mint such a token naming any issuer. The 1EdTech
	// validator accepts them (its baked JWT samples are signed this way);
	// enable it only to match that behaviour, ideally with a TrustPolicy.
	UnsafeTrustEmbeddedJWK bool
	// UnsafeTrustFragmentKeys accepts a verification method of the form
	// "<issuer-id>#<publicKeyMultibase>" as the issuer's key without asking
	// the issuer. The 1EdTech validator and the Open Badges test vectors do
	// this, but it lets anyone sign in any https or urn issuer's name with
	// a key of their own. Without it, such a key must be listed by the
	// controller document at the issuer id (a warning when that cannot be
	// checked, a failure when the document lists other keys).
	UnsafeTrustFragmentKeys bool
	// RequireTrustPolicy makes a missing Trust policy a warning instead of
	// a silent skip, for hosts that must always decide trust.
	RequireTrustPolicy bool
}

func (c *Config) networkAllowed() bool { return c.HTTPClient != nil && !c.Offline }
