-- XMPP rosters (RFC 6121 section 2) and their subscription states (section 3, appendix A).
-- A row with in_roster = false is state kept for a contact the user has not added: an inbound subscription
-- request waiting for an answer. It is not shown in roster results until the user approves or adds it.
CREATE TABLE xmpp_roster_items (
    account_id   BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact      VARCHAR(3071) NOT NULL,
    name         VARCHAR(1024),
    subscription VARCHAR(4)    NOT NULL DEFAULT 'none' CHECK (subscription IN ('none', 'to', 'from', 'both')),
    -- the user asked the contact for a subscription ("pending out", ask='subscribe')
    pending_out  BOOLEAN       NOT NULL DEFAULT false,
    -- the contact asked the user for a subscription ("pending in")
    pending_in   BOOLEAN       NOT NULL DEFAULT false,
    -- the user approved the contact's subscription before it was asked for (section 3.4)
    approved     BOOLEAN       NOT NULL DEFAULT false,
    groups       TEXT[]        NOT NULL DEFAULT '{}',
    in_roster    BOOLEAN       NOT NULL DEFAULT true,
    PRIMARY KEY (account_id, contact)
);

-- Roster versioning (XEP-0237): one counter per account, bumped on every change to its roster.
CREATE TABLE xmpp_roster_versions (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL
);
