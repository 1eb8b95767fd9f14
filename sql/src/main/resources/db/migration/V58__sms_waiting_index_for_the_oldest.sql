-- V58: a dispatch pass reads a host's oldest waiting texts from the waiting index, never from the primary key.
--
-- bench/sms collapsed again once people's streams stopped holding their texts (ADR 0025 amendment): with 20 people at
-- 1,000 texts/s the outbox queue grew to thousands, autoanalyze then saw about a fifth of the table waiting, and the
-- pass's generic plan (V57) read its oldest waiting texts by walking the primary key from the first text ever sent,
-- filtering out the ended ones: the planner assumes the waiting rows are spread evenly over the ids, when they are the
-- newest. One pass then read the whole history (8,755 blocks a pass in pg_stat_statements, 42 million primary-key
-- entries in one 72-second run), the passes fell behind and the queue grew: the same trap as V57's, by another index.
-- DispatchPlansTest reproduces it: 30,276 rows fetched by index for one pass over 5,000 waiting among 30,000 ended.
--
-- The waiting index now holds the ids negated, and the pass orders by that expression, which the primary key cannot
-- give: reading the oldest waiting texts in order is possible only through this index (read backwards), and reading
-- them any other way needs a sort of the host's whole queue, which no plan prefers for a few hundred rows. The index
-- keeps its name, partial predicate and first column, so every other use (a host's waiting texts, expiry) is the same.
DROP INDEX sms_messages_waiting;
CREATE INDEX sms_messages_waiting ON sms_messages (host_id, (-id))
    WHERE direction = 'out' AND accepted_at IS NULL AND failed_at IS NULL AND expired_at IS NULL;

CREATE OR REPLACE FUNCTION sms_dispatch_next(p_hosts UUID[], p_rooms INTEGER[], p_busy_hosts UUID[], p_busy_conversations TEXT[],
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
            ORDER BY -w.id DESC LIMIT p_oldest) o),   -- oldest first, and only by the waiting index (see above)
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
