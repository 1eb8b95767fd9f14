-- V57: a dispatch pass (DispatchBatch) reads a host's oldest waiting texts first, and is planned once per connection.
--
-- 1. Before, a pass read every waiting text of its host and sorted them by conversation to find each one's oldest:
--    once the queue grew, each pass cost more and the gateway fell further behind. In bench/sms with 800
--    conversations on one host (CLIENTS=40, 1,000 texts/s offered) the server took in 346 texts/s, texts waited
--    23 s (p50) between queued and dispatched, and PostgreSQL spent 2.6 ms a text. Now a pass reads the host's
--    p_oldest oldest waiting texts (by the waiting index of V49, in id order). The texts a pass takes are the oldest
--    free heads of their conversations, and the head of any conversation not among those p_oldest is younger than
--    all of them; so when they hold the host's room of free heads, reading on would not change the choice. Only a
--    host whose p_oldest oldest hold fewer free heads than its room (a deep queue in few conversations) has its
--    whole queue read, as before.
-- 2. As a plain statement that read PostgreSQL planned it on every call (1.3 ms a pass, half of its cost, in a
--    STATEMENTS=1 run), and the gateway fell behind all the same (590 texts/s in the run above). In a function it
--    keeps one generic plan per connection, made with sequential scans ruled out as V53 and V55 do: all its reads
--    are by key, and each host's by a lateral read of the index that stops at p_oldest. Same run: 1,001 texts/s,
--    p50 78 ms, p99 223 ms (docs/sms-benchmark.md).
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
        WHERE l.id IN (SELECT c.id FROM chosen c) AND l.direction = 'out' AND l.accepted_at IS NULL
          AND l.failed_at IS NULL AND l.expired_at IS NULL
        ORDER BY l.id FOR UPDATE)
    UPDATE sms_messages m SET state = 'dispatched', dispatched_at = COALESCE(m.dispatched_at, now())
    FROM locked
    WHERE m.id = locked.id AND m.direction = 'out' AND m.accepted_at IS NULL AND m.failed_at IS NULL AND m.expired_at IS NULL
    RETURNING m.*;
END
$$;
