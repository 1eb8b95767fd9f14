-- vCard-temp (XEP-0054): one vCard per account, stored as the XML the owner published.
CREATE TABLE xmpp_vcards (
    account_id BIGINT      PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    vcard      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
