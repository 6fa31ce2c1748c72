// Package storetest is the test suite every store.Store implementation
// passes: call Run from the implementation's tests with a function that
// opens a fresh, empty store.
//
// The suite checks every method, the paging edges, learner and API
// isolation, the single use of codes and refresh tokens under concurrent
// callers, the credential upsert under concurrent writers (no lost and no
// duplicated write), family revocation, and hostile strings (SQL
// injection attempts, wildcards, placeholders) in every string parameter.
// Given the database handle behind the store, it also checks that no
// secret reaches a table in the clear.
package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/microcred/microcred/badge/api/store"
)

// Opener returns a new, empty store for one test, closed by the test's
// cleanup, and the SQL database behind it (nil for a store without one:
// the checks that read tables directly are then skipped).
type Opener func(t *testing.T) (store.Store, *sql.DB)

// Run runs the suite. Subtests run one after another: the concurrency
// tests make their own parallelism, and a shared database server stays
// predictable.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, s store.Store, db *sql.DB)
	}{
		{"Clients", testClients},
		{"CodesAndGrants", testCodes},
		{"CodeSingleUseUnderConcurrency", testCodeConcurrency},
		{"Tokens", testTokens},
		{"RefreshSingleUseUnderConcurrency", testRefreshConcurrency},
		{"FamilyRevocation", testFamilyRevocation},
		{"DeleteExpired", testDeleteExpired},
		{"SecretsStoredHashed", testSecretsHashed},
		{"UpsertEquality", testUpsert},
		{"CredentialRoundTrip", testCredentialRoundTrip},
		{"Paging", testPaging},
		{"Since", testSince},
		{"LearnerAndKindIsolation", testIsolation},
		{"UpsertUnderConcurrency", testUpsertConcurrency},
		{"Profiles", testProfiles},
		{"HostileStrings", testHostileStrings},
		{"LongKeys", testLongKeys},
		{"InvalidArguments", testInvalid},
		{"CanceledContext", testCanceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, db := open(t)
			tc.run(t, s, db)
		})
	}
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// micro compares times at the microsecond precision the store keeps for
// OAuth times.
var micro = cmp.Comparer(func(a, b time.Time) bool { return a.Truncate(time.Microsecond).Equal(b.Truncate(time.Microsecond)) })

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: error %v, want %v", what, err, want)
	}
}

// seed registers a client and a grant and returns the grant.
func seed(t *testing.T, s store.Store, client, subject, grant string) store.Grant {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Client(ctx, client); errors.Is(err, store.ErrNotFound) {
		must(t, s.CreateClient(ctx, store.Client{ID: client, RedirectURIs: []string{"https://client.example/cb"}}, "secret-"+client))
	}
	g := store.Grant{ID: grant, ClientID: client, Subject: subject, Scopes: []string{"scope:a", "scope:b"}, CreatedAt: t0}
	must(t, s.CreateGrant(ctx, g))
	return g
}

func code(g store.Grant) store.Code {
	return store.Code{
		GrantID: g.ID, ClientID: g.ClientID, Subject: g.Subject, Scopes: g.Scopes,
		RedirectURI: "https://client.example/cb", CodeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
		CodeChallengeMethod: "S256", IssuedAt: t0, ExpiresAt: t0.Add(time.Minute),
	}
}

func token(g store.Grant, kind store.TokenKind) store.Token {
	return store.Token{
		Kind: kind, GrantID: g.ID, ClientID: g.ClientID, Subject: g.Subject, Scopes: g.Scopes,
		IssuedAt: t0, ExpiresAt: t0.Add(time.Hour),
	}
}

func testClients(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	full := store.Client{
		ID: "client-1", IssuedAt: t0,
		Name: "Example Client Application", URI: "https://client.1edtech.org/", LogoURI: "https://client.1edtech.org/logo.png",
		TOSURI: "https://client.1edtech.org/terms", PolicyURI: "https://client.1edtech.org/privacy",
		SoftwareID: "c88b6ed8-269e-448e-99be-7e2ff47167d1", SoftwareVersion: "v4.0.30319",
		RedirectURIs:            []string{"https://client.1edtech.org/Authorize", "http://127.0.0.1:8080/cb"},
		Scopes:                  []string{"https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly", "offline_access"},
		TokenEndpointAuthMethod: "client_secret_basic", GrantTypes: []string{"authorization_code", "refresh_token"},
		ResponseTypes: []string{"code"}, Contacts: []string{"admin@client.example"},
	}
	must(t, s.CreateClient(ctx, full, "s3cret"))
	got, err := s.Client(ctx, "client-1")
	must(t, err)
	want := full
	want.SecretHash = store.HashSecret("s3cret")
	if d := cmp.Diff(want, got, micro); d != "" {
		t.Errorf("client read back differs (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		secret string
		want   bool
		why    string
	}{
		{"s3cret", true, "the registered secret"},
		{"s3cret ", false, "a trailing space is another secret"},
		{"S3CRET", false, "secrets are case-sensitive"},
		{"", false, "an empty secret never matches"},
	} {
		if got.SecretMatches(tc.secret) != tc.want {
			t.Errorf("SecretMatches(%q) = %v, want %v: %s", tc.secret, !tc.want, tc.want, tc.why)
		}
	}

	must(t, s.CreateClient(ctx, store.Client{ID: "public"}, ""))
	pub, err := s.Client(ctx, "public")
	must(t, err)
	if pub.SecretHash != nil || pub.SecretMatches("") {
		t.Errorf("public client: SecretHash %x, matches the empty secret %v; want none and false", pub.SecretHash, pub.SecretMatches(""))
	}
	if pub.IssuedAt.IsZero() {
		t.Error("public client: IssuedAt not set by the store")
	}

	wantErr(t, "second client with the same id", s.CreateClient(ctx, store.Client{ID: "client-1"}, "other"), store.ErrConflict)
	again, err := s.Client(ctx, "client-1")
	must(t, err)
	if !again.SecretMatches("s3cret") {
		t.Error("a refused duplicate registration changed the first client's secret")
	}
	_, err = s.Client(ctx, "nobody")
	wantErr(t, "unknown client", err, store.ErrNotFound)
}

func testCodes(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	wantErr(t, "second grant with the same id", s.CreateGrant(ctx, g), store.ErrConflict)
	wantErr(t, "grant to an unregistered client", s.CreateGrant(ctx, store.Grant{ID: "g2", ClientID: "c-missing", Subject: "alice"}), store.ErrNotFound)

	c := code(g)
	for _, tc := range []struct {
		name   string
		mutate func(*store.Code)
		why    string
	}{
		{"unknown grant", func(c *store.Code) { c.GrantID = "g-missing" }, "a code needs its grant"},
		{"other client", func(c *store.Code) { c.ClientID = "c2" }, "the grant was given to c1"},
		{"other subject", func(c *store.Code) { c.Subject = "bob" }, "the grant was given by alice"},
	} {
		cc := c
		tc.mutate(&cc)
		wantErr(t, tc.name+" ("+tc.why+")", s.CreateCode(ctx, "code-"+tc.name, cc), store.ErrNotFound)
	}

	must(t, s.CreateCode(ctx, "the-code", c))
	wantErr(t, "the same code twice", s.CreateCode(ctx, "the-code", c), store.ErrConflict)

	used := t0.Add(10 * time.Second)
	got, err := s.ConsumeCode(ctx, "the-code", used)
	must(t, err)
	want := c
	want.UsedAt = used
	if d := cmp.Diff(want, got, micro); d != "" {
		t.Errorf("consumed code differs (-want +got):\n%s", d)
	}

	again, err := s.ConsumeCode(ctx, "the-code", used.Add(time.Second))
	wantErr(t, "second consumption", err, store.ErrUsed)
	if again.GrantID != "g1" || !again.UsedAt.Equal(used) {
		t.Errorf("reused code: got grant %q used at %v; want the record (grant g1, first use %v) so the grant can be revoked", again.GrantID, again.UsedAt, used)
	}
	_, err = s.ConsumeCode(ctx, "no-such-code", used)
	wantErr(t, "unknown code", err, store.ErrNotFound)
	_, err = s.ConsumeCode(ctx, "THE-CODE", used)
	wantErr(t, "code in other case", err, store.ErrNotFound)
}

func testCodeConcurrency(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	const rounds, callers = 5, 16
	for r := range rounds {
		secret := fmt.Sprintf("code-%d", r)
		must(t, s.CreateCode(ctx, secret, code(g)))
		errs := race(callers, func() error { _, err := s.ConsumeCode(ctx, secret, t0); return err })
		won, used := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case errors.Is(err, store.ErrUsed):
				used++
			default:
				t.Errorf("round %d: unexpected error %v", r, err)
			}
		}
		if won != 1 || used != callers-1 {
			t.Errorf("round %d: %d of %d concurrent exchanges of one code won and %d saw ErrUsed; want exactly 1 and %d", r, won, callers, used, callers-1)
		}
	}
}

// race calls f from n goroutines released at once and returns the errors.
func race(n int, f func() error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = f()
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

func testTokens(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	access := token(g, store.AccessToken)
	access.Scopes = []string{"scope:a"} // narrower than the grant
	must(t, s.CreateToken(ctx, "at-1", access))
	wantErr(t, "the same token twice", s.CreateToken(ctx, "at-1", access), store.ErrConflict)
	wrong := access
	wrong.ClientID = "c2"
	wantErr(t, "token for a client the grant was not given to", s.CreateToken(ctx, "at-2", wrong), store.ErrNotFound)

	got, err := s.Token(ctx, "at-1")
	must(t, err)
	if d := cmp.Diff(access, got, micro); d != "" {
		t.Errorf("access token read back differs (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		at   time.Time
		want bool
		why  string
	}{
		{t0, true, "just issued"},
		{t0.Add(time.Hour - time.Second), true, "a second before expiry"},
		{t0.Add(time.Hour), false, "at expiry"},
		{t0.Add(2 * time.Hour), false, "after expiry"},
	} {
		if got.Active(tc.at) != tc.want {
			t.Errorf("Active(%v) = %v, want %v: %s", tc.at, !tc.want, tc.want, tc.why)
		}
	}
	_, err = s.Token(ctx, "at-unknown")
	wantErr(t, "unknown token", err, store.ErrNotFound)
	_, err = s.ConsumeRefreshToken(ctx, "at-1", t0)
	wantErr(t, "an access token presented as a refresh token", err, store.ErrNotFound)
	if got, _ := s.Token(ctx, "at-1"); !got.UsedAt.IsZero() {
		t.Error("presenting an access token as a refresh token marked it used")
	}

	must(t, s.RevokeToken(ctx, "at-1", t0.Add(time.Minute)))
	must(t, s.RevokeToken(ctx, "at-1", t0.Add(2*time.Minute))) // RFC 7009: revoking again is fine
	got, err = s.Token(ctx, "at-1")
	must(t, err)
	if !got.Revoked || got.Active(t0) || !got.RevokedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("revoked token: Revoked %v, Active %v, RevokedAt %v; want true, false, the first revocation time", got.Revoked, got.Active(t0), got.RevokedAt)
	}
	wantErr(t, "revoke unknown token", s.RevokeToken(ctx, "nope", t0), store.ErrNotFound)

	refresh := token(g, store.RefreshToken)
	refresh.ExpiresAt = t0.Add(30 * 24 * time.Hour)
	must(t, s.CreateToken(ctx, "rt-1", refresh))
	used := t0.Add(5 * time.Minute)
	rt, err := s.ConsumeRefreshToken(ctx, "rt-1", used)
	must(t, err)
	want := refresh
	want.UsedAt = used
	if d := cmp.Diff(want, rt, micro); d != "" {
		t.Errorf("consumed refresh token differs (-want +got):\n%s", d)
	}
	if rt.Active(used) {
		t.Error("a consumed refresh token is still Active")
	}
	// Rotation: the new pair under the same grant.
	must(t, s.CreateToken(ctx, "rt-2", refresh))
	must(t, s.CreateToken(ctx, "at-3", token(g, store.AccessToken)))
	replay, err := s.ConsumeRefreshToken(ctx, "rt-1", used.Add(time.Minute))
	wantErr(t, "replayed refresh token", err, store.ErrUsed)
	if replay.GrantID != "g1" {
		t.Errorf("replayed refresh token: grant %q, want g1 so the family can be revoked", replay.GrantID)
	}
	if _, err := s.ConsumeRefreshToken(ctx, "rt-2", used.Add(time.Minute)); err != nil {
		t.Errorf("the rotated refresh token: %v", err)
	}
}

func testRefreshConcurrency(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	const rounds, callers = 5, 16
	for r := range rounds {
		secret := fmt.Sprintf("rt-%d", r)
		must(t, s.CreateToken(ctx, secret, token(g, store.RefreshToken)))
		errs := race(callers, func() error { _, err := s.ConsumeRefreshToken(ctx, secret, t0); return err })
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if !errors.Is(err, store.ErrUsed) {
				t.Errorf("round %d: unexpected error %v", r, err)
			}
		}
		if won != 1 {
			t.Errorf("round %d: %d of %d concurrent rotations of one refresh token won; want exactly 1", r, won, callers)
		}
	}
}

func testFamilyRevocation(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g1 := seed(t, s, "c1", "alice", "g1")
	g2 := seed(t, s, "c1", "alice", "g2")
	must(t, s.CreateCode(ctx, "code-1", code(g1)))
	must(t, s.CreateToken(ctx, "at-1", token(g1, store.AccessToken)))
	must(t, s.CreateToken(ctx, "rt-1", token(g1, store.RefreshToken)))
	must(t, s.CreateToken(ctx, "at-2", token(g2, store.AccessToken)))

	// A code presented twice: the second exchange revokes what the first
	// one issued.
	_, err := s.ConsumeCode(ctx, "code-1", t0)
	must(t, err)
	c, err := s.ConsumeCode(ctx, "code-1", t0)
	wantErr(t, "code reuse", err, store.ErrUsed)
	must(t, s.RevokeGrant(ctx, c.GrantID, t0.Add(time.Second)))
	must(t, s.RevokeGrant(ctx, c.GrantID, t0.Add(2*time.Second)))
	wantErr(t, "revoke unknown grant", s.RevokeGrant(ctx, "g-missing", t0), store.ErrNotFound)

	// A token the first exchange stores only now, after the revocation.
	must(t, s.CreateToken(ctx, "at-late", token(g1, store.AccessToken)))

	for _, tc := range []struct {
		token   string
		revoked bool
		why     string
	}{
		{"at-1", true, "issued under the revoked grant"},
		{"rt-1", true, "issued under the revoked grant"},
		{"at-late", true, "stored after its grant was revoked"},
		{"at-2", false, "another grant of the same client and learner"},
	} {
		tok, err := s.Token(ctx, tc.token)
		must(t, err)
		if tok.Revoked != tc.revoked || tok.Active(t0) == tc.revoked {
			t.Errorf("%s: Revoked %v, Active %v; want revoked %v: %s", tc.token, tok.Revoked, tok.Active(t0), tc.revoked, tc.why)
		}
		if !tok.RevokedAt.IsZero() {
			t.Errorf("%s: RevokedAt %v; want zero, the token itself was not revoked", tc.token, tok.RevokedAt)
		}
	}
	// The code record tells the grant is revoked too.
	must(t, s.CreateCode(ctx, "code-late", code(g1)))
	late, err := s.ConsumeCode(ctx, "code-late", t0)
	must(t, err)
	if !late.Revoked {
		t.Error("a code under a revoked grant does not say Revoked")
	}
}

// testSecretsHashed reads every text and binary column of every table
// and looks for the secrets in the clear.
func testSecretsHashed(t *testing.T, s store.Store, db *sql.DB) {
	if db == nil {
		t.Skip("no SQL database to inspect")
	}
	ctx := context.Background()
	must(t, s.CreateClient(ctx, store.Client{ID: "c1"}, "client-secret-4f1d2a"))
	g := seed(t, s, "c1", "alice", "g1")
	must(t, s.CreateCode(ctx, "auth-code-9b8e7d", code(g)))
	must(t, s.CreateToken(ctx, "access-token-3c2b1a", token(g, store.AccessToken)))
	must(t, s.CreateToken(ctx, "refresh-token-7e6f5d", token(g, store.RefreshToken)))

	var dump strings.Builder
	for _, table := range []string{"clients", "grants", "codes", "tokens"} {
		rows, err := db.QueryContext(ctx, "SELECT * FROM "+table)
		must(t, err)
		cols, err := rows.Columns()
		must(t, err)
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			for _, v := range vals {
				fmt.Fprintf(&dump, "%s\n%x\n", v, v)
			}
			n++
		}
		must(t, rows.Err())
		rows.Close()
		if n == 0 {
			t.Errorf("table %s is empty: the dump would prove nothing", table)
		}
	}
	for _, secret := range []string{"client-secret-4f1d2a", "auth-code-9b8e7d", "access-token-3c2b1a", "refresh-token-7e6f5d"} {
		if strings.Contains(dump.String(), secret) || strings.Contains(dump.String(), fmt.Sprintf("%x", secret)) {
			t.Errorf("secret %q is stored in the clear", secret)
		}
		if !strings.Contains(dump.String(), fmt.Sprintf("%x", store.HashSecret(secret))) {
			t.Errorf("secret %q: its SHA-256 is not in the tables; the dump misses a column", secret)
		}
	}
}

// vc makes a credential record for the suite; the payload names the
// version so that a read tells which one is stored.
func vc(learner, issuer, id string, validFrom time.Time, version string) store.Credential {
	return store.Credential{
		Learner: learner, Kind: store.OpenBadges, Format: store.FormatJSON,
		Raw: []byte(fmt.Sprintf(`{"id":%q,"issuer":%q,"validFrom":%q,"v":%q}`, id, issuer, validFrom.Format(time.RFC3339Nano), version)),
		ID:  id, Issuer: issuer, ValidFrom: validFrom,
	}
}

func testUpsert(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	const issuer, id = "https://issuer.example/1", "urn:uuid:6f0c2bb2-3d77-4a51-8f3f-44f0a9e3b5a1"
	steps := []struct {
		c       store.Credential
		want    store.Outcome
		stored  string // the version a read returns afterwards
		why     string
		learner string
	}{
		{c: vc("alice", issuer, id, t0, "v1"), want: store.Inserted, stored: "v1", why: "first upsert"},
		{c: vc("alice", issuer, id, t0, "v1-again"), want: store.Kept, stored: "v1", why: "same validFrom: neither supersedes"},
		{c: vc("alice", issuer, id, t0.Add(-time.Hour), "older"), want: store.Kept, stored: "v1", why: "an older version never replaces a newer one"},
		{c: vc("alice", issuer, id, t0.Add(time.Nanosecond), "v2"), want: store.Replaced, stored: "v2", why: "one nanosecond later is later"},
		{c: vc("alice", " "+issuer+"\n", id, t0.Add(time.Hour), "v3"), want: store.Replaced, stored: "v3", why: "white space around the issuer id is not significant"},
		{c: vc("alice", issuer, "urn:uuid:6f0c2bb2%2D3d77-4a51-8f3f-44f0a9e3b5a1", t0.Add(2*time.Hour), "v4"), want: store.Replaced, stored: "v4", why: "percent-encoding in the id is unescaped before comparing"},
		{c: vc("alice", "https://issuer.example/2", id, t0, "other-issuer"), want: store.Inserted, why: "same id from another issuer is another credential"},
		{c: vc("alice", issuer, strings.ToUpper(id), t0, "upper"), want: store.Inserted, why: "ids compare case-sensitively"},
		{c: vc("bob", issuer, id, t0, "bob"), want: store.Inserted, why: "another learner's copy is another record"},
	}
	for i, st := range steps {
		got, err := s.UpsertCredential(ctx, st.c)
		must(t, err)
		if got != st.want {
			t.Errorf("step %d (%s): outcome %v, want %v", i, st.why, got, st.want)
		}
		if st.stored == "" {
			continue
		}
		c, err := s.Credential(ctx, "alice", store.OpenBadges, issuer, id)
		must(t, err)
		if !strings.Contains(string(c.Raw), `"v":"`+st.stored+`"`) {
			t.Errorf("step %d (%s): stored %s, want version %s", i, st.why, c.Raw, st.stored)
		}
	}
	page, err := s.Credentials(ctx, "alice", store.Query{})
	must(t, err)
	if page.Total != 3 || len(page.Credentials) != 3 {
		t.Errorf("alice has %d credentials (total %d), want 3: one per issuer and id", len(page.Credentials), page.Total)
	}
}

func testCredentialRoundTrip(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	for i, tc := range []struct {
		c   store.Credential
		why string
	}{
		{vc("alice", "did:key:z6Mk", "urn:1", t0, "a"), "JSON credential"},
		{store.Credential{Learner: "alice", Kind: store.OpenBadges, Format: store.FormatJWS, Raw: []byte("eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln"),
			ID: "urn:2", Issuer: "did:key:z6Mk", ValidFrom: t0}, "compact JWS, kept as received"},
		{vc("alice", "did:key:z6Mk", "urn:3", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), "a"), "year 1, the first DateTime"},
		{vc("alice", "did:key:z6Mk", "urn:4", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), "a"), "year 9999, past int64 nanoseconds"},
		{vc("alice", "did:key:z6Mk", "urn:5", time.Date(2026, 1, 1, 1, 0, 0, 123456789, time.FixedZone("+01", 3600)), "a"), "offset and nanoseconds, kept as the instant"},
		{store.Credential{Learner: "alice", Kind: store.CLR, Format: store.FormatJSON, Raw: []byte(`{"type":["ClrCredential"],"x":"\u00e9\ud83d\ude00"}`),
			ID: "urn:é", Issuer: "https://issuer.example/ü", ValidFrom: t0}, "CLR, non-ASCII"},
	} {
		out, err := s.UpsertCredential(ctx, tc.c)
		must(t, err)
		if out != store.Inserted {
			t.Errorf("%d (%s): outcome %v", i, tc.why, out)
		}
		got, err := s.Credential(ctx, tc.c.Learner, tc.c.Kind, tc.c.Issuer, tc.c.ID)
		must(t, err)
		if got.CreatedAt.IsZero() || got.UpdatedAt.Before(got.CreatedAt) {
			t.Errorf("%d (%s): CreatedAt %v, UpdatedAt %v", i, tc.why, got.CreatedAt, got.UpdatedAt)
		}
		if !got.ValidFrom.Equal(tc.c.ValidFrom) {
			t.Errorf("%d (%s): ValidFrom %v, want exactly %v", i, tc.why, got.ValidFrom, tc.c.ValidFrom)
		}
		if d := cmp.Diff(tc.c, got, cmpopts.IgnoreFields(store.Credential{}, "CreatedAt", "UpdatedAt", "ValidFrom")); d != "" {
			t.Errorf("%d (%s): read back differs (-want +got):\n%s", i, tc.why, d)
		}
	}
}

func ids(p store.Page) []string {
	var out []string
	for _, c := range p.Credentials {
		out = append(out, c.ID)
	}
	return out
}

func testPaging(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	var all []string
	for i := range 7 {
		id := fmt.Sprintf("urn:%d", i)
		all = append(all, id)
		_, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", id, t0.Add(time.Duration(7-i)*time.Hour), "v1"))
		must(t, err)
	}
	// Replacing a credential keeps its place in the list.
	out, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", "urn:2", t0.Add(100*time.Hour), "v2"))
	must(t, err)
	if out != store.Replaced {
		t.Fatalf("replace: %v", out)
	}
	for _, tc := range []struct {
		q    store.Query
		want []string
		why  string
	}{
		{store.Query{}, all, "zero query: the default limit covers all"},
		{store.Query{Limit: 3}, all[0:3], "first page"},
		{store.Query{Limit: 3, Offset: 3}, all[3:6], "middle page"},
		{store.Query{Limit: 3, Offset: 6}, all[6:], "last page, short"},
		{store.Query{Limit: 3, Offset: 7}, nil, "offset at the end"},
		{store.Query{Limit: 3, Offset: 1 << 30}, nil, "offset far past the end"},
		{store.Query{Limit: 1}, all[:1], "limit one"},
		{store.Query{Limit: store.MaxLimit + 1}, all, "a limit above the maximum is cut, not refused"},
		{store.Query{Limit: 1 << 40}, all, "a huge limit is cut"},
		{store.Query{Kind: store.CLR}, nil, "no CLR credentials"},
	} {
		page, err := s.Credentials(ctx, "alice", tc.q)
		if err != nil {
			t.Errorf("%+v (%s): %v", tc.q, tc.why, err)
			continue
		}
		if d := cmp.Diff(tc.want, ids(page)); d != "" {
			t.Errorf("%+v (%s): ids differ (-want +got):\n%s", tc.q, tc.why, d)
		}
		wantTotal := 7
		if tc.q.Kind == store.CLR {
			wantTotal = 0
		}
		if page.Total != wantTotal {
			t.Errorf("%+v (%s): total %d, want %d", tc.q, tc.why, page.Total, wantTotal)
		}
	}
}

func testSince(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	times := []time.Time{
		t0,
		t0.Add(time.Nanosecond),
		t0.Add(time.Second),
		t0.Add(-time.Second),
		time.Date(1969, 12, 31, 23, 59, 59, 500, time.UTC), // before the Unix epoch
	}
	for i, vf := range times {
		_, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", fmt.Sprintf("urn:%d", i), vf, "v"))
		must(t, err)
	}
	for _, tc := range []struct {
		since time.Time
		want  []string
		why   string
	}{
		{time.Time{}, []string{"urn:0", "urn:1", "urn:2", "urn:3", "urn:4"}, "zero: no filter"},
		{t0, []string{"urn:1", "urn:2"}, "strictly after: the credential at t0 is out"},
		{t0.Add(-time.Nanosecond), []string{"urn:0", "urn:1", "urn:2"}, "one nanosecond before t0"},
		{t0.Add(time.Nanosecond), []string{"urn:2"}, "nanoseconds compare exactly"},
		{t0.Add(time.Second), nil, "after the newest"},
		{time.Date(1969, 12, 31, 23, 59, 59, 499, time.UTC), []string{"urn:0", "urn:1", "urn:2", "urn:3", "urn:4"}, "before the epoch, nanoseconds exact"},
		{t0.In(time.FixedZone("-05", -5*3600)), []string{"urn:1", "urn:2"}, "another zone, the same instant"},
	} {
		page, err := s.Credentials(ctx, "alice", store.Query{Since: tc.since})
		must(t, err)
		if d := cmp.Diff(tc.want, ids(page)); d != "" {
			t.Errorf("since %v (%s): ids differ (-want +got):\n%s", tc.since, tc.why, d)
		}
		if page.Total != len(tc.want) {
			t.Errorf("since %v (%s): total %d, want %d", tc.since, tc.why, page.Total, len(tc.want))
		}
	}
	page, err := s.Credentials(ctx, "alice", store.Query{Since: t0.Add(-time.Hour), Limit: 1, Offset: 1})
	must(t, err)
	if page.Total != 4 || len(page.Credentials) != 1 {
		t.Errorf("since with paging: %d credentials, total %d; want 1 of 4", len(page.Credentials), page.Total)
	}
}

func testIsolation(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	const issuer = "https://i.example"
	for _, c := range []store.Credential{
		vc("alice", issuer, "urn:a1", t0, "a"),
		vc("alice", issuer, "urn:a2", t0, "a"),
		vc("bob", issuer, "urn:b1", t0, "b"),
		vc("alice-2", issuer, "urn:x", t0, "x"), // a learner whose name extends another's
		vc("ALICE", issuer, "urn:y", t0, "y"),
	} {
		_, err := s.UpsertCredential(ctx, c)
		must(t, err)
	}
	clr := vc("alice", issuer, "urn:a1", t0, "clr")
	clr.Kind = store.CLR
	out, err := s.UpsertCredential(ctx, clr)
	must(t, err)
	if out != store.Inserted {
		t.Errorf("a CLR with an Open Badge's issuer and id: %v, want Inserted (a list of its own)", out)
	}
	for _, tc := range []struct {
		learner string
		kind    store.Kind
		want    []string
	}{
		{"alice", store.OpenBadges, []string{"urn:a1", "urn:a2"}},
		{"alice", store.CLR, []string{"urn:a1"}},
		{"bob", store.OpenBadges, []string{"urn:b1"}},
		{"alice-2", store.OpenBadges, []string{"urn:x"}},
		{"ALICE", store.OpenBadges, []string{"urn:y"}},
		{"carol", store.OpenBadges, nil},
	} {
		page, err := s.Credentials(ctx, tc.learner, store.Query{Kind: tc.kind})
		must(t, err)
		if d := cmp.Diff(tc.want, ids(page)); d != "" {
			t.Errorf("%q %s: ids differ (-want +got):\n%s", tc.learner, tc.kind, d)
		}
		for _, c := range page.Credentials {
			if c.Learner != tc.learner || c.Kind != tc.kind {
				t.Errorf("%q %s: got a record of %q %s", tc.learner, tc.kind, c.Learner, c.Kind)
			}
		}
	}
	_, err = s.Credential(ctx, "bob", store.OpenBadges, issuer, "urn:a1")
	wantErr(t, "bob reading alice's credential", err, store.ErrNotFound)
	// Bob upserting a credential equal to alice's makes his own copy and
	// leaves hers alone.
	out, err = s.UpsertCredential(ctx, vc("bob", issuer, "urn:a1", t0.Add(time.Hour), "bob's"))
	must(t, err)
	if out != store.Inserted {
		t.Errorf("bob's copy of alice's credential: %v, want Inserted", out)
	}
	a, err := s.Credential(ctx, "alice", store.OpenBadges, issuer, "urn:a1")
	must(t, err)
	if !strings.Contains(string(a.Raw), `"v":"a"`) {
		t.Errorf("bob's upsert changed alice's credential: %s", a.Raw)
	}
}

// testUpsertConcurrency has writers upsert versions of the same
// credentials in shuffled orders at once, and checks that each credential
// is stored once, inserted once, and at its newest version.
func testUpsertConcurrency(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	const (
		writers     = 8
		credentials = 12
		versions    = 4
		learners    = 2
	)
	type job struct {
		learner string
		id      string
		version int
	}
	var jobs []job
	for l := range learners {
		for c := range credentials {
			for v := range versions {
				jobs = append(jobs, job{fmt.Sprintf("learner-%d", l), fmt.Sprintf("urn:c%d", c), v})
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := make(chan [2]any, len(jobs)*writers)
	var wg sync.WaitGroup
	for w := range writers {
		order := rng.Perm(len(jobs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, i := range order {
				j := jobs[i]
				c := vc(j.learner, "https://i.example", j.id, t0.Add(time.Duration(j.version)*time.Minute), fmt.Sprintf("v%d", j.version))
				out, err := s.UpsertCredential(ctx, c)
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				outcomes <- [2]any{j.learner + " " + j.id, out}
			}
		}()
	}
	wg.Wait()
	close(outcomes)
	inserts := map[string]int{}
	for o := range outcomes {
		if o[1] == store.Inserted {
			inserts[o[0].(string)]++
		}
	}
	for l := range learners {
		learner := fmt.Sprintf("learner-%d", l)
		page, err := s.Credentials(ctx, learner, store.Query{Limit: store.MaxLimit})
		must(t, err)
		if page.Total != credentials || len(page.Credentials) != credentials {
			t.Errorf("%s: %d stored (total %d), want %d: a lost or duplicated write", learner, len(page.Credentials), page.Total, credentials)
		}
		seen := map[string]bool{}
		for _, c := range page.Credentials {
			if seen[c.ID] {
				t.Errorf("%s: %s stored twice", learner, c.ID)
			}
			seen[c.ID] = true
			newest := fmt.Sprintf(`"v":"v%d"`, versions-1)
			if !strings.Contains(string(c.Raw), newest) || !c.ValidFrom.Equal(t0.Add((versions-1)*time.Minute)) {
				t.Errorf("%s %s: stored %s (validFrom %v), want the newest version", learner, c.ID, c.Raw, c.ValidFrom)
			}
			if n := inserts[learner+" "+c.ID]; n != 1 {
				t.Errorf("%s %s: %d upserts reported Inserted, want exactly 1", learner, c.ID, n)
			}
		}
	}
}

func testProfiles(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	_, err := s.Profile(ctx, "alice")
	wantErr(t, "profile before any PUT", err, store.ErrNotFound)
	created, err := s.PutProfile(ctx, store.Profile{Learner: "alice", JSON: []byte(`{"type":"Profile","name":"Alice"}`)})
	must(t, err)
	if !created {
		t.Error("first PutProfile: created false")
	}
	created, err = s.PutProfile(ctx, store.Profile{Learner: "alice", JSON: []byte(`{"type":"Profile","name":"Alice B."}`)})
	must(t, err)
	if created {
		t.Error("second PutProfile: created true")
	}
	p, err := s.Profile(ctx, "alice")
	must(t, err)
	if string(p.JSON) != `{"type":"Profile","name":"Alice B."}` || p.Learner != "alice" || p.UpdatedAt.IsZero() {
		t.Errorf("profile: %+v, want the second document", p)
	}
	_, err = s.Profile(ctx, "bob")
	wantErr(t, "bob's profile", err, store.ErrNotFound)
}

// hostile strings: SQL injection attempts, LIKE wildcards, placeholder
// syntax of both dialects, quotes and comments. Each must be stored and
// found as itself and nothing else.
var hostile = []string{
	`'; DROP TABLE credentials; --`,
	`' OR '1'='1`,
	`" OR ""="`,
	`alice' --`,
	`%`,
	`_`,
	`alice%`,
	`?`,
	`$1`,
	`:learner`,
	`\'; SELECT pg_sleep(10); --`,
	`/* comment */`,
	`'); DELETE FROM tokens; --`,
	"tab\there",
	strings.Repeat("'", 300),
}

func testHostileStrings(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	_, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", "urn:plain", t0, "plain"))
	must(t, err)
	must(t, s.CreateClient(ctx, store.Client{ID: "plain"}, "x"))
	for i, h := range hostile {
		// As a learner, issuer and id.
		out, err := s.UpsertCredential(ctx, vc(h, h, h, t0, "h"))
		if err != nil || out != store.Inserted {
			t.Errorf("%q as learner, issuer and id: %v %v", h, out, err)
			continue
		}
		page, err := s.Credentials(ctx, h, store.Query{})
		must(t, err)
		if len(page.Credentials) != 1 || page.Credentials[0].ID != h || page.Credentials[0].Learner != h {
			t.Errorf("%q as learner: listed %v, want only its own credential", h, ids(page))
		}
		c, err := s.Credential(ctx, h, store.OpenBadges, h, h)
		if err != nil || c.ID != h {
			t.Errorf("%q: read back %q, %v", h, c.ID, err)
		}
		_, err = s.Credential(ctx, "alice", store.OpenBadges, h, h)
		wantErr(t, fmt.Sprintf("%q read as alice", h), err, store.ErrNotFound)

		// As client, grant, subject, scope, redirect URI and secrets.
		id := fmt.Sprintf("%s#%d", h, i)
		must(t, s.CreateClient(ctx, store.Client{ID: id, Name: h, RedirectURIs: []string{h}}, h))
		cl, err := s.Client(ctx, id)
		if err != nil || cl.Name != h || !cl.SecretMatches(h) || len(cl.RedirectURIs) != 1 || cl.RedirectURIs[0] != h {
			t.Errorf("%q as client: %+v, %v", h, cl, err)
		}
		scope := strings.ReplaceAll(h, " ", "") + "x"
		scope = strings.ReplaceAll(scope, "\t", "")
		g := store.Grant{ID: id, ClientID: id, Subject: h, Scopes: []string{scope}}
		must(t, s.CreateGrant(ctx, g))
		c2 := code(g)
		c2.RedirectURI = h
		must(t, s.CreateCode(ctx, h, c2))
		got, err := s.ConsumeCode(ctx, h, t0)
		if err != nil || got.RedirectURI != h || got.Subject != h || len(got.Scopes) != 1 || got.Scopes[0] != scope {
			t.Errorf("%q as code: %+v, %v", h, got, err)
		}
		must(t, s.CreateToken(ctx, h, token(g, store.AccessToken)))
		if tok, err := s.Token(ctx, h); err != nil || tok.Subject != h {
			t.Errorf("%q as token: %+v, %v", h, tok, err)
		}
		must(t, s.RevokeGrant(ctx, id, t0))
		_, err = s.PutProfile(ctx, store.Profile{Learner: h, JSON: []byte(h)})
		must(t, err)
		if p, err := s.Profile(ctx, h); err != nil || string(p.JSON) != h {
			t.Errorf("%q as profile: %q, %v", h, p.JSON, err)
		}
	}
	// Nothing was dropped or deleted, and no one else's data moved.
	page, err := s.Credentials(ctx, "alice", store.Query{})
	must(t, err)
	if d := cmp.Diff([]string{"urn:plain"}, ids(page)); d != "" {
		t.Errorf("alice's credentials after the hostile strings (-want +got):\n%s", d)
	}
	if _, err := s.Client(ctx, "plain"); err != nil {
		t.Errorf("client plain after the hostile strings: %v", err)
	}
	if _, err := s.Profile(ctx, "alice"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("alice's profile appeared: %v", err)
	}
}

// testLongKeys stores credentials whose id and issuer are as long as the
// store allows, from random bytes that do not compress (a PostgreSQL
// b-tree entry holds at most about 2.7 kB, so such ids must not be index
// keys as they are), and refuses longer keys with ErrInvalid.
func testLongKeys(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	long := func(n int) string {
		const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	learner := long(store.MaxKeyLength)
	issuer := "did:jwk:" + long(store.MaxCredentialIDLength-len("did:jwk:"))
	id := "urn:" + long(store.MaxCredentialIDLength-len("urn:"))
	for _, want := range []store.Outcome{store.Inserted, store.Kept} {
		out, err := s.UpsertCredential(ctx, vc(learner, issuer, id, t0, "long"))
		if err != nil || out != want {
			t.Fatalf("credential with %d-byte learner, issuer and id: %v, %v; want %v", len(learner), out, err, want)
		}
	}
	c, err := s.Credential(ctx, learner, store.OpenBadges, issuer, id)
	if err != nil || c.ID != id || c.Issuer != issuer || c.Learner != learner {
		t.Errorf("long keys read back: %v", err)
	}
	if _, err := s.PutProfile(ctx, store.Profile{Learner: learner, JSON: []byte(`{}`)}); err != nil {
		t.Errorf("profile of a %d-byte learner: %v", len(learner), err)
	}
	must(t, s.CreateClient(ctx, store.Client{ID: long(store.MaxKeyLength)}, ""))
	g := store.Grant{ID: long(store.MaxKeyLength), ClientID: long(store.MaxKeyLength), Subject: learner}
	must(t, s.CreateClient(ctx, store.Client{ID: g.ClientID}, ""))
	must(t, s.CreateGrant(ctx, g))
	must(t, s.CreateToken(ctx, "t", token(g, store.AccessToken)))

	tooLong := long(store.MaxKeyLength + 1)
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"learner", upsertErr(s, vc(tooLong, issuer, id, t0, "x"))},
		{"credential id", upsertErr(s, vc("alice", issuer, id+"x", t0, "x"))},
		{"credential issuer", upsertErr(s, vc("alice", issuer+"x", id, t0, "x"))},
		{"client id", s.CreateClient(ctx, store.Client{ID: tooLong}, "")},
		{"grant id", s.CreateGrant(ctx, store.Grant{ID: tooLong, ClientID: "c", Subject: "a"})},
		{"grant subject", s.CreateGrant(ctx, store.Grant{ID: "g", ClientID: "c", Subject: tooLong})},
		{"profile learner", func() error {
			_, err := s.PutProfile(ctx, store.Profile{Learner: tooLong, JSON: []byte("{}")})
			return err
		}()},
		{"listing learner", pageErrOf(s, tooLong)},
	} {
		if !errors.Is(tc.err, store.ErrInvalid) {
			t.Errorf("%s one byte too long: %v, want ErrInvalid", tc.name, tc.err)
		}
	}
}

func pageErrOf(s store.Store, learner string) error {
	_, err := s.Credentials(context.Background(), learner, store.Query{})
	return err
}

func testInvalid(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	good := vc("alice", "https://i.example", "urn:1", t0, "v")
	with := func(f func(*store.Credential)) store.Credential { c := good; f(&c); return c }
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"empty client id", s.CreateClient(ctx, store.Client{}, "x")},
		{"client name with NUL", s.CreateClient(ctx, store.Client{ID: "c9", Name: "a\x00b"}, "")},
		{"client id not UTF-8", s.CreateClient(ctx, store.Client{ID: "\xff"}, "")},
		{"empty grant subject", s.CreateGrant(ctx, store.Grant{ID: "g9", ClientID: "c1"})},
		{"scope with a space", s.CreateGrant(ctx, store.Grant{ID: "g9", ClientID: "c1", Subject: "a", Scopes: []string{"a b"}})},
		{"empty scope", s.CreateGrant(ctx, store.Grant{ID: "g9", ClientID: "c1", Subject: "a", Scopes: []string{""}})},
		{"empty code", s.CreateCode(ctx, "", code(g))},
		{"code without expiry", s.CreateCode(ctx, "c", func() store.Code { c := code(g); c.ExpiresAt = time.Time{}; return c }())},
		{"token of no kind", s.CreateToken(ctx, "t", func() store.Token { tk := token(g, ""); return tk }())},
		{"token without expiry", s.CreateToken(ctx, "t", func() store.Token { tk := token(g, store.AccessToken); tk.ExpiresAt = time.Time{}; return tk }())},
		{"empty learner", upsertErr(s, with(func(c *store.Credential) { c.Learner = "" }))},
		{"learner with NUL", upsertErr(s, with(func(c *store.Credential) { c.Learner = "al\x00ice" }))},
		{"empty id", upsertErr(s, with(func(c *store.Credential) { c.ID = " " }))},
		{"id that unescapes to NUL", upsertErr(s, with(func(c *store.Credential) { c.ID = "urn:%00" }))},
		{"id that unescapes to invalid UTF-8", upsertErr(s, with(func(c *store.Credential) { c.ID = "urn:%ff" }))},
		{"empty issuer", upsertErr(s, with(func(c *store.Credential) { c.Issuer = "" }))},
		{"no validFrom", upsertErr(s, with(func(c *store.Credential) { c.ValidFrom = time.Time{} }))},
		{"no payload", upsertErr(s, with(func(c *store.Credential) { c.Raw = nil }))},
		{"unknown format", upsertErr(s, with(func(c *store.Credential) { c.Format = "xml" }))},
		{"unknown kind", upsertErr(s, with(func(c *store.Credential) { c.Kind = "ob2" }))},
		{"listing of no learner", pageErrOf(s, "")},
		{"profile of no learner", func() error { _, err := s.Profile(ctx, ""); return err }()},
		{"negative offset", pageErr(s, store.Query{Offset: -1})},
		{"negative limit", pageErr(s, store.Query{Limit: -1})},
		{"unknown kind in query", pageErr(s, store.Query{Kind: "x"})},
		{"empty profile", func() error { _, err := s.PutProfile(ctx, store.Profile{Learner: "a"}); return err }()},
	} {
		if !errors.Is(tc.err, store.ErrInvalid) {
			t.Errorf("%s: error %v, want ErrInvalid", tc.name, tc.err)
		}
	}
	page, err := s.Credentials(ctx, "alice", store.Query{})
	must(t, err)
	if page.Total != 0 {
		t.Errorf("refused upserts stored %d credentials", page.Total)
	}
}

func upsertErr(s store.Store, c store.Credential) error {
	_, err := s.UpsertCredential(context.Background(), c)
	return err
}

func pageErr(s store.Store, q store.Query) error {
	_, err := s.Credentials(context.Background(), "alice", q)
	return err
}

func testCanceled(t *testing.T, s store.Store, _ *sql.DB) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", "urn:1", t0, "v")); err == nil {
		t.Error("UpsertCredential with a canceled context: no error")
	}
	if _, err := s.Credentials(ctx, "alice", store.Query{}); err == nil {
		t.Error("Credentials with a canceled context: no error")
	}
	if _, err := s.Client(ctx, "c"); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("Client with a canceled context: %v, want the context's error", err)
	}
	page, err := s.Credentials(context.Background(), "alice", store.Query{})
	must(t, err)
	if page.Total != 0 {
		t.Error("an upsert with a canceled context was stored")
	}
}

func testDeleteExpired(t *testing.T, s store.Store, _ *sql.DB) {
	ctx := context.Background()
	g := seed(t, s, "c1", "alice", "g1")
	short := code(g) // expires t0+1m
	must(t, s.CreateCode(ctx, "code-short", short))
	long := code(g)
	long.ExpiresAt = t0.Add(time.Hour)
	must(t, s.CreateCode(ctx, "code-long", long))
	at := token(g, store.AccessToken) // expires t0+1h
	must(t, s.CreateToken(ctx, "at", at))
	rt := token(g, store.RefreshToken)
	rt.ExpiresAt = t0.Add(30 * 24 * time.Hour)
	must(t, s.CreateToken(ctx, "rt", rt))

	n, err := s.DeleteExpired(ctx, t0.Add(time.Hour))
	must(t, err)
	if n != 1 {
		t.Errorf("DeleteExpired(t0+1h): %d deleted, want 1 (the code that expired at t0+1m; expiry at the bound is kept)", n)
	}
	_, err = s.ConsumeCode(ctx, "code-short", t0)
	wantErr(t, "expired code after DeleteExpired", err, store.ErrNotFound)
	n, err = s.DeleteExpired(ctx, t0.Add(2*time.Hour))
	must(t, err)
	if n != 2 {
		t.Errorf("DeleteExpired(t0+2h): %d deleted, want 2 (a code and an access token)", n)
	}
	for _, tok := range []struct {
		secret string
		want   error
	}{{"at", store.ErrNotFound}, {"rt", nil}} {
		if _, err := s.Token(ctx, tok.secret); !errors.Is(err, tok.want) {
			t.Errorf("token %s after DeleteExpired: %v, want %v", tok.secret, err, tok.want)
		}
	}
	if _, err := s.DeleteExpired(ctx, time.Time{}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("DeleteExpired(zero time): %v, want ErrInvalid (it would mean nothing or everything)", err)
	}
}
