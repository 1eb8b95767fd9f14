-- V57: a dispatch pass (DispatchBatch) reads a host's oldest waiting texts first, by index whatever the plan.
--
-- What made bench/sms collapse (one host, 40 people, 800 conversations, 1,000 texts/s offered: some runs kept up,
-- others fell to 228-590 texts/s with texts waiting tens of seconds between queued and dispatched): once the queue
-- held a few thousand texts, the planner's custom plan for the plain dispatch statement read sms_messages whole (a
-- sequential scan of every text ever sent: 1,487 of them, 92 million rows, in one collapsed run; EXPLAIN on that
-- run's data with 5,000 waiting of 72,000: 20 ms a pass). Each pass then cost more the more texts had ever been sent,
-- the gateway took at most its room of 64 texts a pass, and it never caught up again.
--
-- 1. A pass reads each host's p_oldest oldest waiting texts (a lateral read of the waiting index of V49 that stops
--    there). The texts it takes are the oldest free heads of their conversations, and the head of any conversation
--    not among those is younger than all of them; so when they hold the host's room of free heads, reading on would
--    not change the choice. Only a host whose oldest hold fewer free heads than its room (a deep queue in few
--    conversations) has its whole queue read, as before, by the same index.
-- 2. In a function with one generic plan and sequential scans ruled out (as V53 and V55), and the chosen texts are
--    locked and updated by `id = ANY (ARRAY(...))`: with `id IN (SELECT ...)` the generic plan read the primary key
--    whole instead (49 million index entries in a collapsed run of a first try, bbd4778). On the collapsed run's data
--    the function takes its 64 texts in about 6 ms, reading 256 entries of the waiting index and 64 of the key.
--
-- Returns the texts it marked dispatched; the caller joins their SIMs' subscription ids.
CREATE FUNCTION sms_dispatch_next(p_hosts UUID[], p_rooms INTEGER[], p_busy_hosts UUID[], p_busy_conversations TEXT[],
                                  p_oldest INTEGER)
    RETURNS SETOF sms_messages LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
BEGIN
    RETURN QUERY
    WITH req AS (SELECT r.host_id, min(r.room) AS room FROM unnest(p_hosts, p_rooms) AS r(host_id, room) GROUP BY r.host_id),
    busy AS MATERIALIZED (SELECT * FROM unnest(p_busy_hosts, p_busy_conversations) AS b(host_id, conversation)),
    oldest AS MATERIALIZED (
        SELECT o.id, req.host_id, o.conversation FROM req CROSS JOIN LATERAL (
            SELECT w.id, w.conversation FROM sms_messages w
            WHERE w.host_id = req.host_id AND w.direction = 'out' AND w.accepted_at IS NULL AND w.failed_at IS NULL
              AND w.expired_at IS NULL
            ORDER BY w.host_id, w.id LIMIT p_oldest) o),
    oldest_firsts AS MATERIALIZED (
        SELECT DISTINCT ON (f.host_id, f.conversation) f.id, f.host_id, f.conversation FROM oldest f
        ORDER BY f.host_id, f.conversation, f.id),
    deep AS (
        SELECT req.host_id FROM req
        WHERE (SELECT count(*) FROM oldest o WHERE o.host_id = req.host_id) >= p_oldest
          AND (SELECT count(*) FROM oldest_firsts f WHERE f.host_id = req.host_id AND NOT EXISTS (
                  SELECT 1 FROM busy b WHERE b.host_id = f.host_id AND b.conversation = f.conversation)) < req.room),
    firsts AS (
        SELECT f.id, f.host_id, f.conversation FROM oldest_firsts f WHERE f.host_id NOT IN (SELECT d.host_id FROM deep d)
        UNION ALL
        SELECT a.id, deep.host_id, a.conversation FROM deep CROSS JOIN LATERAL (
            SELECT DISTINCT ON (w.conversation) w.id, w.conversation FROM sms_messages w
            WHERE w.host_id = deep.host_id AND w.direction = 'out' AND w.accepted_at IS NULL AND w.failed_at IS NULL
              AND w.expired_at IS NULL
            ORDER BY w.conversation, w.id) a),
    free AS (
        SELECT f.id, f.host_id, row_number() OVER (PARTITION BY f.host_id ORDER BY f.id) AS n FROM firsts f
        WHERE NOT EXISTS (SELECT 1 FROM busy b WHERE b.host_id = f.host_id AND b.conversation = f.conversation)),
    chosen AS (SELECT f.id FROM free f JOIN req ON req.host_id = f.host_id WHERE f.n <= req.room),
    locked AS (
        SELECT l.id FROM sms_messages l
        WHERE l.id = ANY (ARRAY(SELECT c.id FROM chosen c)) AND l.direction = 'out' AND l.accepted_at IS NULL
          AND l.failed_at IS NULL AND l.expired_at IS NULL
        ORDER BY l.id FOR UPDATE)
    UPDATE sms_messages m SET state = 'dispatched', dispatched_at = COALESCE(m.dispatched_at, now())
    WHERE m.id = ANY (ARRAY(SELECT k.id FROM locked k)) AND m.direction = 'out' AND m.accepted_at IS NULL AND m.failed_at IS NULL AND m.expired_at IS NULL
    RETURNING m.*;
END
$$;
