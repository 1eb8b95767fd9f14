-- Accounts: one name and password for XMPP, SIP and the REST API (DESIGN.md "One account, every protocol").
-- No plaintext password is stored: only SCRAM verifiers (RFC 5802 / RFC 7677) and SIP HA1 digests
-- (RFC 2617 / RFC 7616), all derived when the password is set.
CREATE TABLE accounts (
    id                      BIGSERIAL PRIMARY KEY,
    localpart               VARCHAR(64)  NOT NULL,
    domain                  VARCHAR(255) NOT NULL,
    kind                    VARCHAR(8)   NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'host')),
    -- a host device (Android SIM host) belongs to a person; it goes when its owner goes
    owner_id                BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
    roles                   TEXT[]       NOT NULL DEFAULT '{}',
    status                  VARCHAR(16)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked')),
    scram_sha1_salt         BYTEA        NOT NULL,
    scram_sha1_iterations   INTEGER      NOT NULL CHECK (scram_sha1_iterations >= 4096),
    scram_sha1_stored_key   BYTEA        NOT NULL,
    scram_sha1_server_key   BYTEA        NOT NULL,
    scram_sha256_salt       BYTEA        NOT NULL,
    scram_sha256_iterations INTEGER      NOT NULL CHECK (scram_sha256_iterations >= 4096),
    scram_sha256_stored_key BYTEA        NOT NULL,
    scram_sha256_server_key BYTEA        NOT NULL,
    sip_ha1_md5             CHAR(32)     NOT NULL,
    sip_ha1_sha256          CHAR(64)     NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT accounts_jid_unique UNIQUE (localpart, domain)
);

-- Refresh tokens are stored as SHA-256 hashes only. Every rotation stays in the same family; presenting a
-- spent token is treated as theft and revokes the whole family (OAuth 2.0 Security BCP, section 4.14).
CREATE TABLE refresh_tokens (
    id          BIGSERIAL PRIMARY KEY,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    family_id   UUID        NOT NULL,
    token_hash  BYTEA       NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    spent_at    TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);

-- Failed authentications from every protocol. Keyed by the name that was tried (which may not exist) and
-- by source address, so guessing names and spraying one password over many accounts both count.
CREATE TABLE auth_failures (
    id             BIGSERIAL PRIMARY KEY,
    localpart      VARCHAR(1024) NOT NULL,
    source_address VARCHAR(64)   NOT NULL,
    protocol       VARCHAR(16)   NOT NULL,
    failed_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX auth_failures_localpart ON auth_failures (localpart, failed_at);
CREATE INDEX auth_failures_address ON auth_failures (source_address, failed_at);

-- An active lockout of an account name or a source address, until locked_until.
CREATE TABLE lockouts (
    scope        VARCHAR(8)    NOT NULL CHECK (scope IN ('account', 'address')),
    subject      VARCHAR(1024) NOT NULL,
    locked_until TIMESTAMPTZ   NOT NULL,
    failures     INTEGER       NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, subject)
);

-- What admins did, kept after the accounts involved are gone.
CREATE TABLE admin_audit_log (
    id             BIGSERIAL PRIMARY KEY,
    actor          VARCHAR(320) NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target         VARCHAR(320),
    details        TEXT,
    source_address VARCHAR(64),
    protocol       VARCHAR(16)  NOT NULL,
    at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_at ON admin_audit_log (at);
