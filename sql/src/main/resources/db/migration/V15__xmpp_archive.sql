-- Message archives (XEP-0313): one per account, every row a message the account sent or received.
-- The row id (a bigserial) is the archive's order; stanza_id is the opaque id clients see (XEP-0359),
-- unique within an account's archive. Rows go with their account.
CREATE TABLE xmpp_archive (
    id            BIGSERIAL     PRIMARY KEY,
    account_id    BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    stanza_id     VARCHAR(64)   NOT NULL,
    -- the other party: bare JID, and resource when there was one
    with_bare     VARCHAR(3071) NOT NULL,
    with_resource VARCHAR(1023),
    outgoing      BOOLEAN       NOT NULL,
    archived_at   TIMESTAMPTZ   NOT NULL,
    -- the message's body, kept apart for full-text search (urn:xmpp:fulltext:0)
    body          TEXT,
    stanza        TEXT          NOT NULL
);
CREATE UNIQUE INDEX xmpp_archive_stanza_id ON xmpp_archive (account_id, stanza_id);
-- paging through one archive in its own order
CREATE INDEX xmpp_archive_account_order ON xmpp_archive (account_id, id);
-- 'start' and 'end' filters
CREATE INDEX xmpp_archive_account_time ON xmpp_archive (account_id, archived_at);
-- 'with' filter
CREATE INDEX xmpp_archive_account_with ON xmpp_archive (account_id, with_bare, id);
-- full-text search; queries must use exactly this expression. 'simple' does no stemming, so any language works.
CREATE INDEX xmpp_archive_body_search ON xmpp_archive USING GIN (to_tsvector('simple', coalesce(body, '')));

-- Archiving preferences (XEP-0313 section 6); no row means default 'always' with empty lists.
CREATE TABLE xmpp_archive_prefs (
    account_id   BIGINT     PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    default_mode VARCHAR(6) NOT NULL CHECK (default_mode IN ('always', 'never', 'roster')),
    always_jids  TEXT[]     NOT NULL DEFAULT '{}',
    never_jids   TEXT[]     NOT NULL DEFAULT '{}'
);
