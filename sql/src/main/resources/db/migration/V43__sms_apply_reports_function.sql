-- A batch of part reports (host-protocol.md section 5.1) applied in one round trip. The gateway ran a transaction
-- of four statements for this (lock the messages, upsert the parts, read every part back, update the messages),
-- six round trips with BEGIN and COMMIT, and at the batch sizes a host link sees the database client's work per
-- statement was most of the gateway's CPU per text (docs/sms-benchmark.md). Same rules as before, now here.

-- The state an outgoing message is in after its parts' reports: 'sent' when every part was sent, 'delivered'
-- when every part was delivered (a delivery implies the part was sent), 'failed' as soon as one part failed;
-- parts at or beyond p_parts are ignored; final states never change; any report proves the host accepted the
-- command. States only move forward (queued, dispatched, accepted, sent, delivered).
CREATE FUNCTION sms_next_state(p_current TEXT, p_parts INTEGER, p_index INTEGER[], p_sent BOOLEAN[],
                               p_delivered BOOLEAN[], p_failed BOOLEAN[])
    RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    forward CONSTANT TEXT[] := ARRAY['queued', 'dispatched', 'accepted', 'sent', 'delivered'];
    sent_all      BOOLEAN;
    delivered_all BOOLEAN;
    reached       TEXT;
BEGIN
    IF p_current IN ('delivered', 'failed', 'expired', 'received') THEN
        RETURN p_current;
    END IF;
    IF true = ANY (p_failed) THEN
        RETURN 'failed';
    END IF;
    SELECT count(DISTINCT k.idx) FILTER (WHERE k.s OR k.d) = p_parts, count(DISTINCT k.idx) FILTER (WHERE k.d) = p_parts
        INTO sent_all, delivered_all
        FROM unnest(p_index, p_sent, p_delivered) AS k(idx, s, d) WHERE k.idx >= 0 AND k.idx < p_parts;
    sent_all := p_parts > 0 AND COALESCE(sent_all, false);
    delivered_all := p_parts > 0 AND COALESCE(delivered_all, false);
    reached := CASE WHEN delivered_all THEN 'delivered' WHEN sent_all THEN 'sent' ELSE 'accepted' END;
    IF array_position(forward, reached) > array_position(forward, p_current) THEN
        RETURN reached;
    END IF;
    RETURN CASE WHEN array_position(forward, p_current) < 3 THEN 'accepted' ELSE p_current END;
END $$;

-- The reports, one element of each array per report, in the order they arrived; p_at as ISO-8601 text. A report
-- about no outgoing message of its host is left out. Each part keeps the first time a report gave each of its
-- columns; the message's own state times are the database's now(). Returns each message the batch touched, after
-- the change, with its state before the batch; the messages are locked in id order, so two batches never wait
-- for each other in a circle.
CREATE FUNCTION sms_apply_reports(p_host UUID[], p_public UUID[], p_state TEXT[], p_part INTEGER[], p_parts INTEGER[],
                                  p_code INTEGER[], p_reason TEXT[], p_at TEXT[])
    RETURNS TABLE (before_state TEXT, id BIGINT, public_id UUID, owner_id BIGINT, host_id UUID, sim_id BIGINT,
                   peers TEXT[], body TEXT, state TEXT, parts INTEGER, failure_code INTEGER, failure_reason TEXT,
                   xmpp_id TEXT, xmpp_sender TEXT, receipt_wanted BOOLEAN, created_at TIMESTAMPTZ, media TEXT)
    LANGUAGE plpgsql AS $$
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
    WITH reported AS (
        SELECT m.id AS message_id, GREATEST(COALESCE(m.parts, 0), max(r.parts)) AS parts,
               (array_agg(r.code ORDER BY r.n) FILTER (WHERE r.state = 'failed'))[1] AS code,
               (array_agg(r.reason ORDER BY r.n) FILTER (WHERE r.state = 'failed'))[1] AS reason
        FROM unnest(p_host, p_public, p_state, p_parts, p_code, p_reason) WITH ORDINALITY
             AS r(host_id, public_id, state, parts, code, reason, n)
        JOIN sms_messages m ON m.public_id = r.public_id AND m.host_id = r.host_id AND m.direction = 'out'
        GROUP BY m.id, m.parts),
    next AS (
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
