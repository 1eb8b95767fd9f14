-- V60: a text is taken as a resend of an earlier one only for a day or two (ADR 0028 amendment).
-- V59 merged a text with any earlier one of the same person, conversation, XMPP id, words and media, however old.
-- Some clients count their ids from 1 in each session, so "ok" as the third message of two sessions to the same
-- contact had the same derived id, and the second "ok" was never sent: the person was told how the first one
-- ended instead. A resend comes when the client is back on a new stream, seconds to minutes after a server crash,
-- and HTTP APIs keep idempotency keys for a day for the same reason. So the derived id now includes the UTC day
-- it was made on (OutboxIds), and the caller also passes the id the same text would have had the day before
-- (p_previous): a text whose previous-day id names a row of the same person is a resend of that row, and is not
-- inserted. A resend is thus known as one for at least 24 hours and at most 48; an id from two days back names
-- nothing any more. A text that is not a resend costs one more probe of the public_id index.

DROP FUNCTION sms_enqueue(UUID[], BIGINT[], UUID[], BIGINT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], BOOLEAN[], TEXT[]);

CREATE FUNCTION sms_enqueue(p_public UUID[], p_owner BIGINT[], p_host UUID[], p_sim BIGINT[], p_peers TEXT[],
                            p_conversation TEXT[], p_body TEXT[], p_xmpp_id TEXT[], p_sender TEXT[],
                            p_receipt BOOLEAN[], p_media TEXT[], p_previous UUID[])
    RETURNS SETOF sms_messages LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
BEGIN
    -- The rows inserted, then those already there for the other texts (resends: under today's id, or under the
    -- day before's). The outer query reads the table as it was before the insert, so a row is never returned twice;
    -- it matches the owner too, so an id can only ever name a message of the person who sent it.
    RETURN QUERY
    WITH inserted AS (
        INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, peers, conversation, body,
                                  state, xmpp_id, xmpp_sender, receipt_wanted, media)
        SELECT v.public_id, v.owner_id, COALESCE(v.host_id, chosen.host_id),
               CASE WHEN v.host_id IS NULL THEN chosen.sim_id ELSE v.sim_id END,
               'out', string_to_array(v.peers, ','), v.conversation, v.body, 'queued', v.xmpp_id, v.sender, v.receipt,
               CAST(v.media AS JSONB)
        FROM unnest(p_public, p_owner, p_host, p_sim, p_peers, p_conversation, p_body, p_xmpp_id, p_sender, p_receipt,
                    p_media, p_previous) WITH ORDINALITY AS v(public_id, owner_id, host_id, sim_id, peers, conversation,
                                                              body, xmpp_id, sender, receipt, media, previous_id, n)
        LEFT JOIN LATERAL (SELECT b.sim_id, b.host_id FROM sms_best_sim(v.owner_id, v.conversation) AS b
                           WHERE v.host_id IS NULL) AS chosen ON true
        -- One probe of the public_id index a text. The function keeps the plan it made on its first call, often
        -- on an empty table, where a NOT EXISTS here was planned as a scan of every row (of another index) for
        -- each batch: the benchmark's queue fell behind by seconds (docs/sms-benchmark.md). A lateral LIMIT 1 on
        -- public_id alone leaves the planner only the unique index, probed per text; the owner is compared after.
        LEFT JOIN LATERAL (SELECT p.owner_id FROM sms_messages p
                           WHERE p.public_id = v.previous_id AND p.direction = 'out' LIMIT 1) AS day_before ON true
        WHERE (v.host_id IS NOT NULL OR chosen.host_id IS NOT NULL) AND day_before.owner_id IS DISTINCT FROM v.owner_id
        ORDER BY v.n
        ON CONFLICT (public_id) DO NOTHING
        RETURNING *
    ), others AS (
        SELECT o.public_id, o.previous_id, o.owner_id
        FROM unnest(p_public, p_previous, p_owner) AS o(public_id, previous_id, owner_id)
        WHERE o.public_id NOT IN (SELECT i.public_id FROM inserted i)
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT m.* FROM others
    CROSS JOIN LATERAL (SELECT * FROM sms_messages r
                        WHERE r.public_id = ANY (ARRAY[others.public_id, others.previous_id]) AND r.direction = 'out'
                        LIMIT 2) AS m
    WHERE m.owner_id = others.owner_id;
END
$$;
