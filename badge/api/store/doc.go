// Package store defines what the Open Badges 3.0 / CLR 2.0 REST API keeps:
// registered OAuth 2.0 clients, grants with their authorization codes and
// tokens, learners' credentials and profiles.
//
// Two implementations pass one shared test suite (package storetest):
// badge/api/store/sqlite, an embedded database through a pure-Go driver and
// the default that needs no set-up, and badge/api/store/postgres, for hosts
// that run several stateless API servers in front of one database. Both
// carry their schema as embedded, versioned migrations applied when opened.
//
// The interface is shaped by the second case. Whatever must hold across
// servers holds in the database: an authorization code or a refresh token
// is consumed by one UPDATE that only one caller can win; a credential
// upsert decides insert, replace or keep in one statement; revoking a grant
// is one UPDATE that every later token lookup sees, so a token issued
// concurrently with a family revocation is revoked too.
package store
