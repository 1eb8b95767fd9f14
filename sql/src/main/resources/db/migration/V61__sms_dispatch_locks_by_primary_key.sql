-- V61: a dispatch pass locks and marks the texts it chose by their ids, not by reading every waiting text.
--
-- The function keeps the generic plan of its first call, usually made on an empty outbox. In that plan (V58) the lock
-- of the chosen texts and the final update, which both repeated the waiting conditions, were an Index Scan of the whole
-- waiting index (every host's waiting texts) with `id = ANY (...)` only as a filter: each pass read all waiting texts
-- twice. DispatchPlansTest measured 10,012 rows fetched by index for one pass choosing 2 texts among 5,006 waiting.
-- Found with auto_explain on a fresh schema; `enable_seqscan = off` does not rule out a full scan of another index.
-- Now both steps name the rows by id alone, which only the primary key can answer, and the waiting conditions are
-- checked on the locked rows. The choice of texts (oldest, firsts, deep, free) is V58's, unchanged.
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
    -- locked and marked by primary key alone: with the waiting conditions in these two steps, the plan made on an
    -- empty outbox read the whole waiting index with the ids as a mere filter (see above); they are checked on the
    -- locked rows, which nobody else can change until this transaction ends
    locked AS (
        SELECT l.id, l.direction, l.accepted_at, l.failed_at, l.expired_at FROM sms_messages l
        WHERE l.id = ANY (ARRAY(SELECT c.id FROM chosen c))
        ORDER BY l.id FOR UPDATE)
    UPDATE sms_messages m SET state = 'dispatched', dispatched_at = COALESCE(m.dispatched_at, now())
    WHERE m.id = ANY (ARRAY(SELECT k.id FROM locked k WHERE k.direction = 'out' AND k.accepted_at IS NULL
                                  AND k.failed_at IS NULL AND k.expired_at IS NULL))
    RETURNING m.*;
END
$$;
