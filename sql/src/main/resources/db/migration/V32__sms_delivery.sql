-- Where a person's incoming SMS go first (issue 14 item 5, ADR 0042): 'xmpp' (chat through the gateway, the
-- default) or 'sip' (a SIP MESSAGE to the account's registered phones, falling back to XMPP when none takes it).
ALTER TABLE accounts ADD COLUMN sms_delivery TEXT NOT NULL DEFAULT 'xmpp' CHECK (sms_delivery IN ('xmpp', 'sip'));
