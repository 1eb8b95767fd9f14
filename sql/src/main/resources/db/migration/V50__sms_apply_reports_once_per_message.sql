-- sms_apply_reports (V43, V45) computed each message's next state once per message pair, not once per message. Its
-- CTEs `reported` and `next` are each read once, so PostgreSQL inlined them into the final UPDATE, which joined them
-- to sms_messages in a nested loop with `next` inside: for a batch of n messages the part lookup and sms_next_state
-- ran n * n times. pg_stat_statements in a warm bench/sms run (one host, closed loop, batches of ~6.5 messages):
-- sms_next_state's query ran 58,062 times for 9,708 messages, and the function took 1.36 ms of PostgreSQL's time
-- per text, more than any other statement. MATERIALIZED computes each once; the body is otherwise V43's. CREATE OR
-- REPLACE resets the function's settings, so V45's per-call planning is restated here.

CREATE OR REPLACE FUNCTION sms_apply_reports(p_host UUID[], p_public UUID[], p_state TEXT[], p_part INTEGER[], p_parts INTEGER[],
                                  p_code INTEGER[], p_reason TEXT[], p_at TEXT[])
    RETURNS TABLE (before_state TEXT, id BIGINT, public_id UUID, owner_id BIGINT, host_id UUID, sim_id BIGINT,
                   peers TEXT[], body TEXT, state TEXT, parts INTEGER, failure_code INTEGER, failure_reason TEXT,
                   xmpp_id TEXT, xmpp_sender TEXT, receipt_wanted BOOLEAN, created_at TIMESTAMPTZ, media TEXT)
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
BEGIN
    PERFORM 1 FROM sms_messages m WHERE m.public_id = ANY (p_public) AND m.direction = 'out' ORDER BY m.id FOR UPDATE;

    INSERT INTO sms_message_parts AS p (message_id, part, sent_at, delivered_at, failed_at, failure_code)
    SELECT m.id, r.part,
           (array_agg(r.at::timestamptz ORDER BY r.n) FILTER (WHERE r.state = 'sent'))[1],
           (array_agg(r.at::timestamptz ORDER BY r.n) FILTER (WHERE r.state = 'delivered'))[1],
           (array_agg(r.at::timestamptz ORDER BY r.n) FILTER (WHERE r.state = 'failed'))[1],
           (array_agg(r.code ORDER BY r.n) FILTER (WHERE r.code IS NOT NULL))[1]
    FROM unnest(p_host, p_public, p_state, p_part, p_code, p_at) WITH ORDINALITY AS r(host_id, public_id, state, part, code, at, n)
    JOIN sms_messages m ON m.public_id = r.public_id AND m.host_id = r.host_id AND m.direction = 'out'
    GROUP BY m.id, r.part
    ON CONFLICT (message_id, part) DO UPDATE SET
        sent_at = COALESCE(p.sent_at, EXCLUDED.sent_at),
        delivered_at = COALESCE(p.delivered_at, EXCLUDED.delivered_at),
        failed_at = COALESCE(p.failed_at, EXCLUDED.failed_at),
        failure_code = COALESCE(p.failure_code, EXCLUDED.failure_code);

    RETURN QUERY
    WITH reported AS MATERIALIZED (
        SELECT m.id AS message_id, GREATEST(COALESCE(m.parts, 0), max(r.parts)) AS parts,
               (array_agg(r.code ORDER BY r.n) FILTER (WHERE r.state = 'failed'))[1] AS code,
               (array_agg(r.reason ORDER BY r.n) FILTER (WHERE r.state = 'failed'))[1] AS reason
        FROM unnest(p_host, p_public, p_state, p_parts, p_code, p_reason) WITH ORDINALITY
             AS r(host_id, public_id, state, parts, code, reason, n)
        JOIN sms_messages m ON m.public_id = r.public_id AND m.host_id = r.host_id AND m.direction = 'out'
        GROUP BY m.id, m.parts),
    next AS MATERIALIZED (
        SELECT g.message_id, m.state::text AS before, g.parts, g.code, g.reason,
               sms_next_state(m.state, g.parts, k.idx, k.sent, k.delivered, k.failed) AS state
        FROM reported g
        JOIN sms_messages m ON m.id = g.message_id
        CROSS JOIN LATERAL (SELECT array_agg(p.part) AS idx, array_agg(p.sent_at IS NOT NULL) AS sent,
                                   array_agg(p.delivered_at IS NOT NULL) AS delivered, array_agg(p.failed_at IS NOT NULL) AS failed
                            FROM sms_message_parts p WHERE p.message_id = g.message_id) AS k),
    changed AS (
        UPDATE sms_messages m SET state = u.state, parts = u.parts,
            dispatched_at = COALESCE(m.dispatched_at, now()), accepted_at = COALESCE(m.accepted_at, now()),
            sent_at = CASE WHEN u.state IN ('sent', 'delivered') THEN COALESCE(m.sent_at, now()) ELSE m.sent_at END,
            delivered_at = CASE WHEN u.state = 'delivered' THEN COALESCE(m.delivered_at, now()) ELSE m.delivered_at END,
            failed_at = CASE WHEN u.state = 'failed' AND u.before <> 'failed' THEN COALESCE(m.failed_at, now()) ELSE m.failed_at END,
            failure_code = CASE WHEN u.state = 'failed' AND u.before <> 'failed' THEN u.code ELSE m.failure_code END,
            failure_reason = CASE WHEN u.state = 'failed' AND u.before <> 'failed' THEN u.reason ELSE m.failure_reason END
        FROM next u WHERE m.id = u.message_id
        RETURNING u.before, m.id, m.public_id, m.owner_id, m.host_id, m.sim_id, m.peers, m.body, m.state::text AS state, m.parts,
                  m.failure_code, m.failure_reason, m.xmpp_id, m.xmpp_sender, m.receipt_wanted, m.created_at, m.media::text AS media)
    SELECT * FROM changed;
END $$;
