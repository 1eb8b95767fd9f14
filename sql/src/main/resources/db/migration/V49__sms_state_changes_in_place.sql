-- What a text's life writes, cut where it was spent for nothing (docs/sms-benchmark.md; pg_walinspect over 10 s of
-- bench/sms: 39 index entries, 5 row locks and 6.4 KB of WAL a text).
--
-- 1. An outgoing text's state changes four times after it is queued (dispatched, accepted, sent, delivered) and then
-- its sender is told (notified_at). The outbox index (V20) was partial on `state`, and PostgreSQL rewrites every
-- index of a row whose update touches a column that any index names, its predicate included: each change
-- inserted an entry into all six indexes of sms_messages. The index of waiting messages is now partial on the
-- times that end the wait instead (accepted, failed, expired), so only the change that takes a text out of the
-- outbox rewrites the indexes; dispatched, sent, delivered and notified are heap-only updates, which need room
-- on the row's page (fillfactor 75). The CHECK keeps the two descriptions of "waiting" the same for every writer.

UPDATE sms_messages SET accepted_at = COALESCE(sent_at, delivered_at, now())
    WHERE direction = 'out' AND state IN ('accepted', 'sent', 'delivered') AND accepted_at IS NULL;
UPDATE sms_messages SET failed_at = now() WHERE direction = 'out' AND state = 'failed' AND failed_at IS NULL;
UPDATE sms_messages SET expired_at = now() WHERE direction = 'out' AND state = 'expired' AND expired_at IS NULL;
UPDATE sms_messages SET accepted_at = NULL, failed_at = NULL, expired_at = NULL
    WHERE direction = 'out' AND state IN ('queued', 'dispatched')
      AND (accepted_at IS NOT NULL OR failed_at IS NOT NULL OR expired_at IS NOT NULL);

ALTER TABLE sms_messages ADD CONSTRAINT sms_messages_waiting_by_times CHECK (
    direction <> 'out'
    OR (state IN ('queued', 'dispatched')) = (accepted_at IS NULL AND failed_at IS NULL AND expired_at IS NULL));

CREATE INDEX sms_messages_waiting ON sms_messages (host_id, id)
    WHERE direction = 'out' AND accepted_at IS NULL AND failed_at IS NULL AND expired_at IS NULL;
DROP INDEX sms_messages_outbox;

ALTER TABLE sms_messages SET (fillfactor = 75);

-- 2. Outgoing texts have no host event id, yet each got an entry in the unique index of (host, host event id), which
--    only deduplicates incoming ones (InboundStore names the predicate in its ON CONFLICT).
CREATE UNIQUE INDEX sms_messages_host_event ON sms_messages (host_id, host_event_id) WHERE host_event_id IS NOT NULL;
ALTER TABLE sms_messages DROP CONSTRAINT sms_messages_host_id_host_event_id_key;

-- 3. Each event row (V23, V44; about four a text) checked its message's foreign key, which locks the message's row
--    FOR KEY SHARE: one more WAL record and one more lookup per event, in the transaction that had just written the
--    row. The events only ever point at messages this transaction wrote; what the key was for is that deleting a
--    message (retention, an account's deletion) deletes its events, which a statement trigger now does.
ALTER TABLE sms_events DROP CONSTRAINT sms_events_message_id_fkey;

CREATE FUNCTION sms_messages_deleted_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM sms_events e USING deleted d WHERE e.message_id = d.id;
    RETURN NULL;
END $$;

CREATE TRIGGER sms_messages_deleted_events AFTER DELETE ON sms_messages
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION sms_messages_deleted_events();
