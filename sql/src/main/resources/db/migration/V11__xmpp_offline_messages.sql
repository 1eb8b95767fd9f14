-- Messages for accounts with no available resource (XEP-0160), kept until delivered on initial presence.
CREATE TABLE xmpp_offline_messages (
    id         BIGSERIAL   PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    stanza     TEXT        NOT NULL,
    stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX xmpp_offline_messages_account ON xmpp_offline_messages (account_id, id);
