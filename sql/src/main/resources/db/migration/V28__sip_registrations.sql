-- SIP registrations (RFC 3261 section 10): the contacts an account's phones registered, kept so a restart
-- of the gateway does not make every phone unreachable until it re-registers. A contact belongs to its
-- account and goes with it; expired rows are ignored on lookup and swept.
CREATE TABLE sip_registrations (
    account_id     BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact_uri    VARCHAR(1024) NOT NULL,
    call_id        VARCHAR(256)  NOT NULL,
    cseq           BIGINT        NOT NULL,
    -- where the REGISTER came from (RFC 3581 received/rport), for phones behind NAT
    source_address VARCHAR(64)   NOT NULL,
    source_port    INTEGER       NOT NULL,
    transport      VARCHAR(8)    NOT NULL,
    user_agent     VARCHAR(256),
    expires_at     TIMESTAMPTZ   NOT NULL,
    registered_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, contact_uri)
);
CREATE INDEX sip_registrations_expires ON sip_registrations (expires_at);
