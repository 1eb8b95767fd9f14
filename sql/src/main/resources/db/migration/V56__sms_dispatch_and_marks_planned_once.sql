-- V56: a dispatch pass (DispatchBatch) and the notified marks planned once per connection, as V55 did for the queueing statement (ADR 0057,
-- amendment of 2026-12-03). As a plain statement PostgreSQL planned it afresh on many passes: 0.19 ms of planning a
-- text of its 0.62 (pg_stat_statements, bench/sms STATEMENTS=1, 1,000 texts/s offered), 1.4 ms a pass; in another run
-- it had settled on its generic plan (0.017 ms), so what a pass cost depended on what the planner had concluded on
-- that connection. In a function it keeps one generic plan per connection, made with sequential scans ruled out
-- (every read is by key or by the outbox's index), so that a plan made while the outbox was small does not read it
-- whole once it grew. The statement is DispatchBatch's until now, unchanged; the waiting condition is OutboxStore's
-- WAITING, which V49's CHECK keeps the same as the state.
--
-- For each host of p_hosts (its room in p_rooms; a host given twice gets the smaller), the oldest waiting message of
-- each of its conversations that is not busy (p_busy_hosts, p_busy_conversations pairwise), oldest first, at most its
-- room, marked dispatched. The chosen messages are locked in id order first, as every writer of several messages
-- does (ADR 0024, amendment). Returns each message taken and the subscription id of its SIM.
CREATE FUNCTION sms_dispatch_next(p_hosts UUID[], p_rooms INTEGER[], p_busy_hosts UUID[], p_busy_conversations TEXT[])
    RETURNS TABLE (message sms_messages, subscription_id INTEGER) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH req AS (SELECT r.host_id, min(r.room) AS room FROM unnest(p_hosts, p_rooms) AS r(host_id, room) GROUP BY r.host_id),
    busy AS (SELECT b.host_id, b.conversation FROM unnest(p_busy_hosts, p_busy_conversations) AS b(host_id, conversation)),
    firsts AS (SELECT DISTINCT ON (w.host_id, w.conversation) w.id, w.host_id, w.conversation FROM sms_messages w
               WHERE w.host_id IN (SELECT req.host_id FROM req)
                 AND w.direction = 'out' AND w.accepted_at IS NULL AND w.failed_at IS NULL AND w.expired_at IS NULL
               ORDER BY w.host_id, w.conversation, w.id),
    free AS (SELECT f.id, f.host_id, row_number() OVER (PARTITION BY f.host_id ORDER BY f.id) AS n FROM firsts f
             WHERE NOT EXISTS (SELECT 1 FROM busy b WHERE b.host_id = f.host_id AND b.conversation = f.conversation)),
    chosen AS (SELECT f.id FROM free f JOIN req ON req.host_id = f.host_id WHERE f.n <= req.room),
    locked AS (SELECT l.id FROM sms_messages l WHERE l.id IN (SELECT chosen.id FROM chosen)
                 AND l.direction = 'out' AND l.accepted_at IS NULL AND l.failed_at IS NULL AND l.expired_at IS NULL
               ORDER BY l.id FOR UPDATE)
    UPDATE sms_messages m SET state = 'dispatched', dispatched_at = COALESCE(m.dispatched_at, now())
    FROM locked WHERE m.id = locked.id
      AND m.direction = 'out' AND m.accepted_at IS NULL AND m.failed_at IS NULL AND m.expired_at IS NULL
    RETURNING m, (SELECT s.subscription_id FROM sms_sims s WHERE s.id = m.sim_id);
END
$$;

-- The mark that a batch of messages' senders were told how they ended (OutboxStore.markNotified), the same way: as a
-- plain statement it was planned on every batch (0.06-0.08 ms a text of planning in both STATEMENTS=1 runs of
-- 2026-12-03, 0.5 ms a batch). Locks in id order, as above. Returns how many rows it marked.
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
