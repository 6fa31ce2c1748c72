package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/url"
	"strings"
	"time"
)

// Store is what the Open Badges / CLR resource server and its OAuth 2.0
// authorization server keep. Implementations are safe for concurrent use,
// also by several processes sharing one database: every guarantee below
// (single use, atomic upsert, family revocation) is kept by the database in
// one statement or one transaction, never by a read followed by a write in
// the caller.
//
// Secrets (authorization codes, access and refresh tokens) are passed in as
// the strings handed to the client and stored only as their SHA-256 hash;
// a read of the database does not yield a usable token.
//
// The store judges nothing but identity and single use: expiry, PKCE,
// redirect URIs, scopes and client authentication are the caller's checks,
// made on the records the store returns.
type Store interface {
	// CreateClient registers a client (RFC 7591). The ID is chosen by the
	// caller; secret is empty for a public client. ErrConflict if the ID
	// is taken.
	CreateClient(ctx context.Context, c Client, secret string) error
	// Client returns a registered client, or ErrNotFound.
	Client(ctx context.Context, id string) (Client, error)

	// CreateGrant records a new authorization: the family every code and
	// token issued under it belongs to. ErrNotFound if the client is
	// unknown, ErrConflict if the ID is taken.
	CreateGrant(ctx context.Context, g Grant) error
	// RevokeGrant revokes a grant and with it, in one statement, every
	// code and token issued under it, including those issued later.
	// Revoking a revoked grant is not an error; ErrNotFound if unknown.
	RevokeGrant(ctx context.Context, grantID string, at time.Time) error

	// CreateCode stores an authorization code under an existing grant
	// (ErrNotFound if the grant is unknown, ErrConflict if the code is).
	CreateCode(ctx context.Context, code string, c Code) error
	// ConsumeCode marks the code used, exactly once across all callers,
	// and returns it. A second consumption returns the record together
	// with ErrUsed, so that the caller can revoke the grant the first
	// exchange produced. ErrNotFound if unknown.
	ConsumeCode(ctx context.Context, code string, at time.Time) (Code, error)

	// CreateToken stores an access or refresh token under an existing
	// grant (ErrNotFound if the grant is unknown, ErrConflict if the token
	// is).
	CreateToken(ctx context.Context, token string, t Token) error
	// Token returns a token (access or refresh), or ErrNotFound. Its
	// Revoked field includes the revocation of its grant.
	Token(ctx context.Context, token string) (Token, error)
	// ConsumeRefreshToken marks a refresh token used, exactly once across
	// all callers, and returns it; rotation then issues new tokens with
	// CreateToken. A second consumption returns the record together with
	// ErrUsed (a replay: revoke the grant). ErrNotFound if unknown or not
	// a refresh token.
	ConsumeRefreshToken(ctx context.Context, token string, at time.Time) (Token, error)
	// RevokeToken revokes one token (RFC 7009). Revoking a revoked token
	// is not an error; ErrNotFound if unknown.
	RevokeToken(ctx context.Context, token string, at time.Time) error
	// DeleteExpired deletes the codes and tokens that expired before the
	// given time and returns how many. Without it the tables only grow; a
	// host calls it now and then with a time safely in the past: a
	// deleted code or refresh token presented again is unknown
	// (ErrNotFound) rather than reused (ErrUsed), so its grant is not
	// revoked for it; it had expired long before, so it buys nothing.
	// Grants are kept.
	DeleteExpired(ctx context.Context, before time.Time) (int64, error)

	// UpsertCredential stores a learner's credential by the specification's
	// credential equality: a credential with the same issuer and id (see
	// CredentialKey) in the same Kind and for the same learner is replaced
	// when the new one's ValidFrom is later, and kept otherwise. The
	// decision and the write are one statement, so concurrent upserts of
	// the same credential never lose or duplicate a write.
	UpsertCredential(ctx context.Context, c Credential) (Outcome, error)
	// Credential returns one stored credential by learner, kind, issuer
	// and id (compared as UpsertCredential compares them), or ErrNotFound.
	Credential(ctx context.Context, learner string, kind Kind, issuer, id string) (Credential, error)
	// Credentials returns one page of a learner's credentials of one kind
	// in the order they were first stored, and how many match in all.
	Credentials(ctx context.Context, learner string, q Query) (Page, error)

	// PutProfile stores a learner's profile JSON, replacing any earlier
	// one; created reports whether there was none.
	PutProfile(ctx context.Context, p Profile) (created bool, err error)
	// Profile returns a learner's profile, or ErrNotFound.
	Profile(ctx context.Context, learner string) (Profile, error)
}

// Errors. Every error a Store returns for one of these conditions wraps the
// sentinel, so callers use errors.Is.
var (
	// ErrNotFound: no record with that key (for a learner's data: none
	// visible to that learner).
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: a record with that key exists already.
	ErrConflict = errors.New("store: already exists")
	// ErrUsed: a single-use code or refresh token was presented again.
	ErrUsed = errors.New("store: already used")
	// ErrInvalid: an argument the store cannot accept (an empty key, a
	// negative offset, a time outside years 1–9999, ...). The wrapping
	// error says which.
	ErrInvalid = errors.New("store: invalid argument")
)

// Client is a registered OAuth 2.0 client with the RFC 7591 metadata the
// Open Badges specification lists.
type Client struct {
	ID string // client_id, issued by the server
	// SecretHash is HashSecret of the client secret; nil for a public
	// client. Set by CreateClient from its secret argument.
	SecretHash []byte
	IssuedAt   time.Time // client_id_issued_at

	Name                    string   // client_name
	URI                     string   // client_uri
	LogoURI                 string   // logo_uri
	TOSURI                  string   // tos_uri
	PolicyURI               string   // policy_uri
	SoftwareID              string   // software_id
	SoftwareVersion         string   // software_version
	RedirectURIs            []string // redirect_uris, matched exactly
	Scopes                  []string // scope, split on spaces
	TokenEndpointAuthMethod string   // token_endpoint_auth_method
	GrantTypes              []string // grant_types
	ResponseTypes           []string // response_types
	Contacts                []string // contacts
}

// SecretMatches reports, in constant time, whether secret is the client's
// secret. A public client matches no secret.
func (c Client) SecretMatches(secret string) bool {
	if len(c.SecretHash) == 0 {
		return false
	}
	return subtle.ConstantTimeCompare(c.SecretHash, HashSecret(secret)) == 1
}

// Grant is one authorization a learner (Subject) gave a client: the family
// of the codes and tokens issued under it, revoked together.
type Grant struct {
	ID        string    // the grant's id, which its codes and tokens name
	ClientID  string    // the client it was given to
	Subject   string    // the learner, as the host identifies them
	Scopes    []string  // the scopes the learner approved
	CreatedAt time.Time // when the learner approved
	RevokedAt time.Time // zero while active
}

// Code is an authorization code. The code itself is not kept, only its
// hash.
type Code struct {
	GrantID             string    // the grant it was issued under
	ClientID            string    // the client it was issued to
	Subject             string    // the learner
	Scopes              []string  // the approved scopes
	RedirectURI         string    // as given in the authorization request
	CodeChallenge       string    // PKCE
	CodeChallengeMethod string    // "S256"
	IssuedAt            time.Time // when it was issued
	ExpiresAt           time.Time // when it can no longer be exchanged
	UsedAt              time.Time // zero until consumed; set by ConsumeCode
	Revoked             bool      // the grant is revoked; set by the store
}

// TokenKind tells access tokens from refresh tokens.
type TokenKind string

const (
	AccessToken  TokenKind = "access"  // a bearer token for the resource server
	RefreshToken TokenKind = "refresh" // exchanged at the token endpoint for a new access token
)

// Token is an access or refresh token. The token itself is not kept, only
// its hash.
type Token struct {
	Kind      TokenKind // access or refresh
	GrantID   string    // the grant it was issued under
	ClientID  string    // the client it was issued to
	Subject   string    // the learner
	Scopes    []string  // what it allows
	IssuedAt  time.Time // when it was issued
	ExpiresAt time.Time // when it stops being accepted
	UsedAt    time.Time // refresh tokens: zero until rotated
	RevokedAt time.Time // zero unless the token itself was revoked
	Revoked   bool      // the token or its grant is revoked; set by the store
}

// Active reports whether the token may be used at time t: not revoked, not
// used (refresh tokens are single use) and not expired.
func (t Token) Active(at time.Time) bool {
	return !t.Revoked && t.UsedAt.IsZero() && at.Before(t.ExpiresAt)
}

// Kind says which API a credential was upserted through; each has its own
// list.
type Kind string

const (
	OpenBadges Kind = "ob"  // Open Badges 3.0: OpenBadgeCredential / AchievementCredential
	CLR        Kind = "clr" // CLR 2.0: ClrCredential
)

// Format is how a credential was received and is returned.
type Format string

const (
	FormatJSON Format = "json" // a JSON-LD credential with an embedded proof
	FormatJWS  Format = "jws"  // a VC-JWT in compact JWS serialization
)

// Credential is a stored credential of one learner.
type Credential struct {
	Learner string // whose credential it is, as the host identifies them
	Kind    Kind   // Open Badge or CLR
	Format  Format // how Raw is encoded
	// Raw is the credential exactly as received: JSON, or the compact JWS.
	Raw []byte
	// ID and Issuer are the credential's id and issuer id as the verified
	// credential states them; equality compares CredentialKey of both.
	ID     string
	Issuer string
	// ValidFrom is the credential's validFrom (issuanceDate for VC 1.1):
	// the later one wins, and Query.Since filters on it.
	ValidFrom time.Time
	// Set by the store.
	CreatedAt time.Time // when first stored
	UpdatedAt time.Time // when last replaced
}

// Outcome is what UpsertCredential did.
type Outcome int

const (
	// Inserted: no equal credential was stored; this one is now (HTTP 201).
	Inserted Outcome = iota + 1
	// Replaced: an equal credential with an earlier ValidFrom was replaced
	// (HTTP 200).
	Replaced
	// Kept: an equal credential with the same or a later ValidFrom is
	// stored and was left as it is.
	Kept
)

func (o Outcome) String() string {
	switch o {
	case Inserted:
		return "inserted"
	case Replaced:
		return "replaced"
	case Kept:
		return "kept"
	}
	return "Outcome(?)"
}

// Length bounds, in bytes. A learner (a grant's subject), a client id and
// a grant id are index keys and kept short; a credential's id and issuer
// may be long (a did:jwk carries a whole public key) and are compared
// through a hash. Longer values are ErrInvalid.
const (
	MaxKeyLength          = 1024
	MaxCredentialIDLength = 8192
)

// Paging bounds. The zero Query asks for the first DefaultLimit
// credentials; a larger Limit is cut to MaxLimit so that no request makes
// unbounded work.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Query selects one page of a learner's credentials of one kind.
type Query struct {
	Kind   Kind      // empty means OpenBadges
	Limit  int       // 0 means DefaultLimit; above MaxLimit means MaxLimit
	Offset int       // negative is ErrInvalid
	Since  time.Time // if not zero, only credentials with ValidFrom after it
}

// Page is one page of credentials and the number matching the query in all
// (for X-Total-Count), read from one snapshot.
type Page struct {
	Credentials []Credential // the credentials of this page
	Total       int          // all credentials matching the query
}

// Profile is a learner's profile document (an Open Badges Profile, JSON).
type Profile struct {
	Learner   string    // whose profile it is
	JSON      []byte    // the Profile document as the learner last put it
	UpdatedAt time.Time // set by the store
}

// HashSecret is how the store keeps codes, tokens and client secrets:
// SHA-256, enough for the high-entropy random strings an authorization
// server issues (a hash without salt or stretching is no protection for a
// guessable password, and none is stored here).
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CredentialKey is the form of a credential's id or issuer id under which
// the specification's credential equality compares them: percent-encoded
// characters unescaped, leading and trailing white space removed (as
// badge.SameCredential does).
func CredentialKey(id string) string {
	if u, err := url.PathUnescape(id); err == nil {
		id = u
	}
	return strings.TrimSpace(id)
}
