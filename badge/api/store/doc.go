// Package store defines what the Open Badges 3.0 / CLR 2.0 REST API keeps:
// registered OAuth 2.0 clients, grants with their authorization codes and
// tokens, learners' credentials and profiles.
//
// Two implementations pass one shared test suite (package storetest):
// badge/api/store/sqlite, an embedded database through a pure-Go driver and
// the default that needs no set-up, and badge/api/store/postgres, for hosts
// that run several stateless API servers in front of one database. Both
// carry their schema as embedded, versioned migrations, applied in one
// transaction when a store is opened and recorded in a schema_migrations
// table; opening again is a no-op, servers starting together apply each
// step once, and a database migrated by a newer build is refused.
//
// The interface is shaped by the second case. Whatever must hold across
// servers holds in the database: an authorization code or a refresh token
// is consumed by one UPDATE that only one caller can win; a credential
// upsert decides insert, replace or keep in one statement; revoking a grant
// is one UPDATE that every later token lookup sees, so a token issued
// concurrently with a family revocation is revoked too.
//
// The store does not judge tokens: expiry, PKCE, redirect URIs, scopes and
// client authentication are the authorization server's checks, made on the
// records the store returns. Nor does it verify credentials: the resource
// server stores only what package verify accepted, under the id, issuer
// and validFrom the verified credential states.
//
// # Testing an implementation
//
// Call storetest.Run from the implementation's tests. The PostgreSQL tests
// read the database from MICROCRED_POSTGRES_DSN (package
// badge/api/store/postgres/pgtest gives each test a schema of its own);
// without it they are skipped, saying so, unless MICROCRED_API_REQUIRED is
// set, as .ci/run sets it after starting PostgreSQL.
package store
