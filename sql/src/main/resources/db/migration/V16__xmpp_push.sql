-- Push registrations (XEP-0357): the app servers an account's clients asked the server to notify when a
-- message arrives while no client is connected. One row per account, app server JID and node; enabling the
-- same pair again replaces its publish options.
CREATE TABLE xmpp_push_registrations (
    account_id      BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    service_jid     VARCHAR(3071) NOT NULL,
    -- '' when the client named no node
    node            VARCHAR(1024) NOT NULL,
    -- the pubsub#publish-options data form as XML, sent with every publish (often the app server's secret)
    publish_options TEXT,
    enabled_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, service_jid, node)
);
