-- The SMS gateway (DESIGN.md "SMS gateway", docs/host-protocol.md): the Android phones that hold the SIM
-- cards (hosts), their SIMs, the pairing codes that give a phone its credentials, and every SMS/MMS that
-- went out or came in, with the outbox state machine of outgoing ones.

-- A host belongs to a person (owner). Once paired it has its own account of kind 'host', whose password
-- only the phone knows; deleting the host deletes that account, which ends its sessions at once.
CREATE TABLE sms_hosts (
    id          UUID        PRIMARY KEY,
    owner_id    BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    account_id  BIGINT      UNIQUE REFERENCES accounts (id) ON DELETE SET NULL,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    paired_at   TIMESTAMPTZ,
    -- what the host last said about itself (hello/status); null until it has
    last_seen   TIMESTAMPTZ,
    battery     SMALLINT    CHECK (battery BETWEEN 0 AND 100),
    charging    BOOLEAN,
    signal      SMALLINT    CHECK (signal BETWEEN 0 AND 4),
    app_version TEXT
);
CREATE INDEX sms_hosts_owner ON sms_hosts (owner_id);

-- Pairing codes are short (6 digits) and live 10 minutes, so only their SHA-256 is kept and each is
-- single use; a code is looked up by hash among the unexpired, unused ones.
CREATE TABLE sms_pairing_codes (
    code_hash  BYTEA       PRIMARY KEY,
    host_id    UUID        NOT NULL REFERENCES sms_hosts (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX sms_pairing_codes_host ON sms_pairing_codes (host_id);

-- Each SIM of a host is a number of its owner. subscription_id is Android's SubscriptionInfo id, which the
-- host protocol uses to name the sending SIM.
CREATE TABLE sms_sims (
    id              BIGSERIAL   PRIMARY KEY,
    host_id         UUID        NOT NULL REFERENCES sms_hosts (id) ON DELETE CASCADE,
    subscription_id INTEGER     NOT NULL,
    slot            INTEGER     NOT NULL,
    carrier         TEXT,
    number          TEXT,
    -- the region used to read numbers people type without a country code (ISO 3166 alpha-2)
    region          CHAR(2),
    label           TEXT,
    -- messages of this number older than this are deleted (the disposable-number use case); null keeps them
    retention_hours INTEGER     CHECK (retention_hours > 0),
    is_default      BOOLEAN     NOT NULL DEFAULT false,
    present         BOOLEAN     NOT NULL DEFAULT true,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (host_id, subscription_id)
);

-- One row per SMS/MMS, in either direction. Outgoing ones move queued -> dispatched -> accepted -> sent ->
-- delivered | failed | expired, with the time of each state; incoming ones are 'received'.
CREATE TABLE sms_messages (
    id               BIGSERIAL   PRIMARY KEY,
    -- the id on the host protocol and in the REST API; the host deduplicates by it
    public_id        UUID        NOT NULL UNIQUE,
    owner_id         BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    host_id          UUID        REFERENCES sms_hosts (id) ON DELETE SET NULL,
    sim_id           BIGINT      REFERENCES sms_sims (id) ON DELETE SET NULL,
    direction        VARCHAR(3)  NOT NULL CHECK (direction IN ('out', 'in')),
    -- E.164 numbers or short codes of the other side; several for a group text
    peers            TEXT[]      NOT NULL CHECK (cardinality(peers) >= 1),
    -- the peers sorted and joined by ',': FIFO order of sending holds per conversation
    conversation     TEXT        NOT NULL,
    body             TEXT,
    media            JSONB,
    state            VARCHAR(10) NOT NULL CHECK (state IN
                         ('queued', 'dispatched', 'accepted', 'sent', 'delivered', 'failed', 'expired', 'received')),
    parts            INTEGER     CHECK (parts >= 1),
    failure_code     INTEGER,
    failure_reason   TEXT,
    -- the XMPP message this came from (outgoing) or went out as (incoming)
    xmpp_id          TEXT,
    xmpp_sender      TEXT,
    receipt_wanted   BOOLEAN     NOT NULL DEFAULT false,
    -- the host's own id of an incoming message or event; incoming ones are deduplicated by it
    host_event_id    TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    dispatched_at    TIMESTAMPTZ,
    accepted_at      TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    expired_at       TIMESTAMPTZ,
    -- incoming: when it was handed to the owner's XMPP account (null: must still be)
    routed_at        TIMESTAMPTZ,
    -- the owner was told of the final state (receipt or error) of an outgoing message
    notified_at      TIMESTAMPTZ,
    UNIQUE (host_id, host_event_id)
);
CREATE INDEX sms_messages_outbox ON sms_messages (host_id, id) WHERE state IN ('queued', 'dispatched');
CREATE INDEX sms_messages_history ON sms_messages (owner_id, created_at, id);
CREATE INDEX sms_messages_sim_time ON sms_messages (sim_id, created_at);

-- Delivery reports arrive per part of a multipart SMS; a report repeated by the host changes nothing.
CREATE TABLE sms_message_parts (
    message_id   BIGINT      NOT NULL REFERENCES sms_messages (id) ON DELETE CASCADE,
    part         INTEGER     NOT NULL CHECK (part >= 0),
    sent_at      TIMESTAMPTZ,
    delivered_at TIMESTAMPTZ,
    failed_at    TIMESTAMPTZ,
    failure_code INTEGER,
    PRIMARY KEY (message_id, part)
);

-- The SIM a person's messages to a contact leave from: the one the contact last wrote to, unless chosen.
CREATE TABLE sms_contact_sims (
    owner_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    peer     TEXT    NOT NULL,
    sim_id   BIGINT  NOT NULL REFERENCES sms_sims (id) ON DELETE CASCADE,
    chosen   BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (owner_id, peer)
);
