// Package api serves the Open Badges 3.0 and CLR 2.0 REST APIs — the
// resource server a host needs to be certified as a Service Provider (read
// and write) — together with the OAuth 2.0 authorization server that
// protects them, ready to mount on a host's own http.ServeMux.
//
// # What is served
//
// Under [Config].BaseURL, Register mounts:
//
//	GET      /ims/ob/v3p0/discovery     the Service Description Document (no token)
//	GET      /ims/ob/v3p0/credentials   limit, offset, since; X-Total-Count and Link headers
//	POST     /ims/ob/v3p0/credentials   upsert: JSON (application/vc+ld+json, application/json)
//	                                    or a VC-JWT compact JWS (text/plain)
//	GET, PUT /ims/ob/v3p0/profile
//	         /ims/clr/v2p0/...          the same for CLR 2.0 (ClrCredentials, CLR scopes)
//	POST     /oauth/register            RFC 7591 dynamic client registration
//	GET      /oauth/authorize           authorization code grant with PKCE (S256 only)
//	POST     /oauth/token               code exchange; refresh with rotation
//	POST     /oauth/revoke              RFC 7009 revocation
//
// Every error of the resource server is an Imsx_StatusInfo ([StatusInfo]);
// every error of the authorization server is an RFC 6749 error object
// ([OAuthError]), or, while the client's redirect URI is not yet known to be
// one it registered, a page shown to the user and never a redirect.
//
// # Upsert
//
// An upserted credential is verified with package verify ([Config].Verifier,
// the host's policy) before anything is stored: a forged or unverifiable
// credential is refused with 400 and the reason. A verified credential is
// stored for the learner the access token speaks for, keyed by the
// specification's credential equality (issuer id and credential id): 201
// when it is new, 200 when it replaces an equal credential with an earlier
// validFrom, and 304 when an equal credential as new or newer is stored
// already (a case the specification leaves to the host). A later GET
// returns the credential exactly as it was sent.
//
// # Authorization
//
// The host decides who the user is and how consent is asked by
// implementing [Consent]; [UnsafeDemoConsent] is a minimal page for examples
// and tests that authenticates nobody. Codes, access and refresh tokens and
// client secrets are 256-bit random strings stored only as SHA-256 hashes
// (package store). A code is single use; presenting it again revokes every
// token issued with it. Refresh tokens rotate on every use, and a rotated
// one presented again revokes the whole grant. Each endpoint requires its
// own scope; a token without it gets 403.
//
// All state is in the Store, so any number of Servers may run in front of
// one PostgreSQL database (package store/postgres); the embedded default is
// SQLite (package store/sqlite). [OpenAPIDocument] returns the OpenAPI 3.0
// description of either API, which the discovery endpoint serves with the
// host's URLs filled in.
//
// The client side — discovery, registration, PKCE, token exchange and
// refresh, paging as an iterator — is package client.
package api
