-- The REST API's event stream of SMS (GET /api/v1/messages/stream, docs/adr/0021-sms-events.md): one row per
-- new message and per state change, written by a trigger in the transaction that made the change, so every
-- writer (the gateway, the sweep, the API, a second process) is covered and nothing is logged that did not
-- commit. `tx` is the writing transaction's id: a reader hands out only events of transactions older than
-- every transaction still running, in (tx, id) order, so an event that commits late is never skipped.
CREATE TABLE sms_events (
    id         BIGSERIAL   PRIMARY KEY,
    tx         BIGINT      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    owner_id   BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    message_id BIGINT      NOT NULL REFERENCES sms_messages (id) ON DELETE CASCADE,
    -- 'message': a message was stored (sent through the API or XMPP, or received); 'state': its state changed
    kind       VARCHAR(7)  NOT NULL CHECK (kind IN ('message', 'state')),
    state      VARCHAR(10) NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sms_events_owner ON sms_events (owner_id, tx, id);
CREATE INDEX sms_events_message ON sms_events (message_id);
CREATE INDEX sms_events_at ON sms_events (at);

CREATE FUNCTION sms_message_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO sms_events (owner_id, message_id, kind, state) VALUES (NEW.owner_id, NEW.id, 'message', NEW.state);
    ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO sms_events (owner_id, message_id, kind, state) VALUES (NEW.owner_id, NEW.id, 'state', NEW.state);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sms_messages_events AFTER INSERT OR UPDATE OF state ON sms_messages
    FOR EACH ROW EXECUTE FUNCTION sms_message_event();

-- Webhooks (POST /api/v1/webhooks): a person's URLs that get every event of the stream above, in order,
-- signed with the webhook's secret. The secret must be usable to sign, so it is kept (and never shown again
-- after creation). cursor_* is the last event delivered; lease_until keeps two processes from delivering
-- the same webhook at once.
CREATE TABLE sms_webhooks (
    id              UUID        PRIMARY KEY,
    owner_id        BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url             TEXT        NOT NULL CHECK (length(url) <= 2000),
    secret          TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    cursor_tx       BIGINT      NOT NULL,
    cursor_id       BIGINT      NOT NULL,
    failures        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until     TIMESTAMPTZ
);
CREATE INDEX sms_webhooks_owner ON sms_webhooks (owner_id);

-- Every attempt to deliver an event to a webhook, for GET /api/v1/webhooks/{id}/deliveries.
CREATE TABLE sms_webhook_deliveries (
    id          BIGSERIAL   PRIMARY KEY,
    webhook_id  UUID        NOT NULL REFERENCES sms_webhooks (id) ON DELETE CASCADE,
    event_id    TEXT        NOT NULL,
    event_kind  VARCHAR(7)  NOT NULL,
    attempt     INTEGER     NOT NULL,
    status      INTEGER,
    error       TEXT,
    delivered   BOOLEAN     NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sms_webhook_deliveries_webhook ON sms_webhook_deliveries (webhook_id, id);
CREATE INDEX sms_webhook_deliveries_at ON sms_webhook_deliveries (at);
