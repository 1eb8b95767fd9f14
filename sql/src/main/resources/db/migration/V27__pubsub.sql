-- Publish-subscribe (XEP-0060), shared by the personal eventing service on every account's bare JID
-- (XEP-0163 PEP) and the generic service pubsub.<domain>. A node belongs to one service address; a PEP
-- node also names its account, so an account's nodes and items go with it.
CREATE TABLE pubsub_nodes (
    id                       BIGSERIAL     PRIMARY KEY,
    -- the service's address: the owner's bare JID for PEP, the service's domain otherwise
    service                  VARCHAR(3071) NOT NULL,
    node                     VARCHAR(1024) NOT NULL,
    -- the PEP owner; null on the generic service
    account_id               BIGINT        REFERENCES accounts (id) ON DELETE CASCADE,
    -- the bare JID that created the node, its first owner
    creator                  VARCHAR(3071) NOT NULL,
    -- configuration (pubsub#node_config): the options the server acts on
    access_model             VARCHAR(16)   NOT NULL,
    publish_model            VARCHAR(16)   NOT NULL,
    persist_items            BOOLEAN       NOT NULL,
    max_items                INTEGER       NOT NULL,
    send_last_published_item VARCHAR(24)   NOT NULL,
    notify_retract           BOOLEAN       NOT NULL,
    deliver_payloads         BOOLEAN       NOT NULL,
    title                    VARCHAR(1024),
    roster_groups_allowed    TEXT[]        NOT NULL DEFAULT '{}',
    created_at               TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (service, node)
);

CREATE INDEX pubsub_nodes_account ON pubsub_nodes (account_id) WHERE account_id IS NOT NULL;

-- Items in publication order: a republished id moves to the end (seq is taken again).
CREATE SEQUENCE pubsub_item_seq;

CREATE TABLE pubsub_items (
    node_id      BIGINT        NOT NULL REFERENCES pubsub_nodes (id) ON DELETE CASCADE,
    item_id      VARCHAR(1024) NOT NULL,
    seq          BIGINT        NOT NULL DEFAULT nextval('pubsub_item_seq'),
    publisher    VARCHAR(3071) NOT NULL,
    -- the payload element as XML; '' for an item without payload
    payload      TEXT          NOT NULL,
    published_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (node_id, item_id)
);

CREATE INDEX pubsub_items_order ON pubsub_items (node_id, seq);

-- Affiliations other than none; a node's creator is its owner without a row here.
CREATE TABLE pubsub_affiliations (
    node_id     BIGINT        NOT NULL REFERENCES pubsub_nodes (id) ON DELETE CASCADE,
    jid         VARCHAR(3071) NOT NULL,
    affiliation VARCHAR(16)   NOT NULL,
    PRIMARY KEY (node_id, jid)
);

-- Explicit subscriptions (XEP-0060 section 6.1); PEP's +notify interest is kept in memory instead.
CREATE TABLE pubsub_subscriptions (
    node_id BIGINT        NOT NULL REFERENCES pubsub_nodes (id) ON DELETE CASCADE,
    jid     VARCHAR(3071) NOT NULL,
    subid   VARCHAR(64)   NOT NULL,
    PRIMARY KEY (node_id, jid)
);
