-- V59: a text sent again is queued once (issue 9: "both sides deduplicate by id, never by content").
-- An XMPP client resends what the server never acknowledged: with stream management, after a server that crashed
-- between committing a text and sending <a/> cannot resume the stream, the client sends its unacknowledged stanzas
-- again on the new one. The gateway gives such a text a public id derived from what a resend repeats (the person,
-- the conversation, the XMPP id, the text and its media: OutboxIds), so the resend meets the row already queued.
-- It is not inserted a second time and the caller gets that row back, in whatever state it has reached since.
-- The unique index on public_id (V20) is the only index this needs: no cost to a text that is not a resend.
-- Texts without an XMPP id (the REST API, clients that send none) keep random public ids and are never merged.

CREATE OR REPLACE FUNCTION sms_enqueue(p_public UUID[], p_owner BIGINT[], p_host UUID[], p_sim BIGINT[], p_peers TEXT[],
                                       p_conversation TEXT[], p_body TEXT[], p_xmpp_id TEXT[], p_sender TEXT[],
                                       p_receipt BOOLEAN[], p_media TEXT[])
    RETURNS SETOF sms_messages LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
BEGIN
    -- The rows inserted, then those already there for the other ids (resends). The outer query reads the table as
    -- it was before the insert, so a row is never returned twice; it matches the owner too, so an id can only
    -- ever name a message of the person who sent it.
    RETURN QUERY
    WITH inserted AS (
        INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, peers, conversation, body,
                                  state, xmpp_id, xmpp_sender, receipt_wanted, media)
        SELECT v.public_id, v.owner_id, COALESCE(v.host_id, chosen.host_id),
               CASE WHEN v.host_id IS NULL THEN chosen.sim_id ELSE v.sim_id END,
               'out', string_to_array(v.peers, ','), v.conversation, v.body, 'queued', v.xmpp_id, v.sender, v.receipt,
               CAST(v.media AS JSONB)
        FROM unnest(p_public, p_owner, p_host, p_sim, p_peers, p_conversation, p_body, p_xmpp_id, p_sender, p_receipt,
                    p_media) WITH ORDINALITY AS v(public_id, owner_id, host_id, sim_id, peers, conversation, body, xmpp_id,
                                                  sender, receipt, media, n)
        LEFT JOIN LATERAL (SELECT b.sim_id, b.host_id FROM sms_best_sim(v.owner_id, v.conversation) AS b
                           WHERE v.host_id IS NULL) AS chosen ON true
        WHERE v.host_id IS NOT NULL OR chosen.host_id IS NOT NULL
        ORDER BY v.n
        ON CONFLICT (public_id) DO NOTHING
        RETURNING *
    ), others AS (
        SELECT o.public_id, o.owner_id FROM unnest(p_public, p_owner) AS o(public_id, owner_id)
        WHERE o.public_id NOT IN (SELECT i.public_id FROM inserted i)
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT m.* FROM others JOIN sms_messages m ON m.public_id = others.public_id AND m.owner_id = others.owner_id
     WHERE m.direction = 'out';
END
$$;
