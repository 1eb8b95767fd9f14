-- What a text costs PostgreSQL, cut where it was spent for nothing (docs/sms-benchmark.md, "CPU per text"):
-- counted with track_functions during the benchmark, the event trigger ran ~3 times a text and the report
-- function was planned afresh on most calls.

-- 1. The REST API's event log (V23): one INSERT per changed row, each with two foreign-key checks, became one
--    INSERT per statement from its transition table. A group commit's statement changes many messages at once,
--    so a batch now costs one insert. The events are the same rows as before, in message id order within a
--    statement. Transition tables do not allow a column list (UPDATE OF state), so the update trigger fires for
--    every UPDATE statement and keeps the rows whose state changed.
DROP TRIGGER sms_messages_events ON sms_messages;
DROP FUNCTION sms_message_event();

CREATE FUNCTION sms_messages_inserted_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sms_events (owner_id, message_id, kind, state)
    SELECT n.owner_id, n.id, 'message', n.state FROM inserted n ORDER BY n.id;
    RETURN NULL;
END $$;

CREATE FUNCTION sms_messages_updated_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sms_events (owner_id, message_id, kind, state)
    SELECT n.owner_id, n.id, 'state', n.state FROM updated n JOIN previous o ON o.id = n.id
    WHERE n.state IS DISTINCT FROM o.state ORDER BY n.id;
    RETURN NULL;
END $$;

CREATE TRIGGER sms_messages_inserted_events AFTER INSERT ON sms_messages
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION sms_messages_inserted_events();
CREATE TRIGGER sms_messages_updated_events AFTER UPDATE ON sms_messages
    REFERENCING OLD TABLE AS previous NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION sms_messages_updated_events();

-- The event's owner is its message's owner; deleting an account deletes its messages (V20) and they their events.
-- The owner's own foreign key only added a key-share lock on the account row to every event: concurrent
-- transactions of one person share that row, which PostgreSQL records as a multixact each time.
ALTER TABLE sms_events DROP CONSTRAINT sms_events_owner_id_fkey;

-- 2. sms_apply_reports (V43): PL/pgSQL plans each statement with the call's values for five calls and keeps
--    doing so while the plan for any values looks costlier, which with arrays of unknown length it always
--    does: the large UPDATE was planned on every call, several milliseconds, more than it takes to run. Every
--    lookup in it goes through a unique index (public_id, the primary keys), so one plan fits every batch.
ALTER FUNCTION sms_apply_reports(UUID[], UUID[], TEXT[], INTEGER[], INTEGER[], INTEGER[], TEXT[], TEXT[])
    SET plan_cache_mode = force_generic_plan;
