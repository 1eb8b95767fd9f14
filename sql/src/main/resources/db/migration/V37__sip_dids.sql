-- Phone numbers (DIDs) the SIP trunk delivers calls for (issue 14, ADR 0046): a call from the trunk to one of them
-- rings every SIP phone of its account. Set by admins; the number is E.164 as libphonenumber writes it. An account's
-- numbers go with it when it is deleted.
CREATE TABLE sip_dids (
    number     VARCHAR(16)   PRIMARY KEY CHECK (number ~ '^\+[1-9][0-9]{1,14}$'),
    account_id BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    set_by     VARCHAR(3071) NOT NULL,
    set_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX sip_dids_account ON sip_dids (account_id);
