-- The REST API's first schema. Times are Unix microseconds (NULL: not
-- yet), except a credential's validFrom, kept exactly as seconds and
-- nanoseconds. Secrets are SHA-256 hashes. Every statement here
-- runs in the migration transaction.

CREATE TABLE clients (
	id          TEXT PRIMARY KEY,
	secret_hash BYTEA,
	issued_at   BIGINT NOT NULL,
	metadata    TEXT NOT NULL -- RFC 7591 fields, JSON
);

-- A grant is a token family: codes and tokens join it for revocation.
CREATE TABLE grants (
	id         TEXT PRIMARY KEY,
	client_id  TEXT NOT NULL,
	subject    TEXT NOT NULL,
	scopes     TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT
);

CREATE TABLE codes (
	hash                  BYTEA PRIMARY KEY,
	grant_id              TEXT NOT NULL REFERENCES grants (id),
	client_id             TEXT NOT NULL,
	subject               TEXT NOT NULL,
	scopes                TEXT NOT NULL,
	redirect_uri          TEXT NOT NULL,
	code_challenge        TEXT NOT NULL,
	code_challenge_method TEXT NOT NULL,
	issued_at             BIGINT NOT NULL,
	expires_at            BIGINT NOT NULL,
	used_at               BIGINT
);
CREATE INDEX codes_grant ON codes (grant_id);

CREATE TABLE tokens (
	hash       BYTEA PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
	grant_id   TEXT NOT NULL REFERENCES grants (id),
	client_id  TEXT NOT NULL,
	subject    TEXT NOT NULL,
	scopes     TEXT NOT NULL,
	issued_at  BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at    BIGINT,
	revoked_at BIGINT
);
CREATE INDEX tokens_grant ON tokens (grant_id);

-- One row per credential by the specification's equality (issuer and id,
-- normalised) per learner and API, enforced on a hash of the four because
-- ids may be longer than an index entry can hold; seq is the listing order.
CREATE TABLE credentials (
	seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	learner         TEXT NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('ob', 'clr')),
	ident           BYTEA NOT NULL UNIQUE, -- SHA-256 of learner, kind, issuer and id keys
	issuer          TEXT NOT NULL,
	id              TEXT NOT NULL,
	format          TEXT NOT NULL CHECK (format IN ('json', 'jws')),
	raw             BYTEA NOT NULL,
	valid_from_sec  BIGINT NOT NULL,
	valid_from_nsec BIGINT NOT NULL,
	created_at      BIGINT NOT NULL,
	updated_at      BIGINT NOT NULL,
	revision        BIGINT NOT NULL
);
CREATE INDEX credentials_list ON credentials (learner, kind, seq);

CREATE TABLE profiles (
	learner    TEXT PRIMARY KEY,
	document   BYTEA NOT NULL,
	updated_at BIGINT NOT NULL,
	revision   BIGINT NOT NULL
);
