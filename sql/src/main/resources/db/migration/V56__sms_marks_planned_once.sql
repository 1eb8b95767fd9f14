-- V56: the mark that a batch of messages' senders were told how they ended (OutboxStore.markNotified), planned once
-- per connection, as V55 did for the queueing statement (ADR 0057, amendments of 2026-12-03). As a plain statement it
-- was planned on every batch, its array's size known only then: 0.064 and 0.075 ms a text of planning in the two
-- bench/sms STATEMENTS=1 runs of that day, about 0.5 ms a batch, more than its execution. In a function it keeps one
-- generic plan per connection, made with sequential scans ruled out (it finds its rows by key). The rows are locked in
-- id order first, as every writer of several messages does (ADR 0024, amendment). Returns how many rows it marked.
CREATE FUNCTION sms_mark_notified(p_ids BIGINT[]) RETURNS INTEGER LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
DECLARE
    marked INTEGER;
BEGIN
    WITH locked AS (SELECT l.id FROM sms_messages l WHERE l.id = ANY (p_ids) ORDER BY l.id FOR UPDATE)
    UPDATE sms_messages m SET notified_at = now() FROM locked WHERE m.id = locked.id;
    GET DIAGNOSTICS marked = ROW_COUNT;
    RETURN marked;
END
$$;
