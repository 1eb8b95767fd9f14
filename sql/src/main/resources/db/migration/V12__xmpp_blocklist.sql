-- Blocked JIDs per account (XEP-0191).
CREATE TABLE xmpp_blocklist (
    account_id BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    blocked    VARCHAR(3071) NOT NULL,
    PRIMARY KEY (account_id, blocked)
);
