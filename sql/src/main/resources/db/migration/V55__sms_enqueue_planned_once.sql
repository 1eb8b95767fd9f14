-- V55: the statement that queues texts, planned once per connection (ADR 0057, amendment of 2026-12-03).
-- As a plain statement PostgreSQL planned it on every batch (its custom plan looked cheaper than the generic one
-- to the planner, which knows each batch's array sizes only then): 1.5 ms of planning a batch, a seventh of
-- PostgreSQL's time a text at 1,000 texts/s offered (pg_stat_statements, bench/sms STATEMENTS=1). In a function it
-- keeps one generic plan per connection, made with sequential scans ruled out as V53 does for the reports (all its
-- reads are by key), so that a plan made while the tables are small does not read them whole after they grew.

-- The SIM a message to a contact leaves from when the person named none, best first: the SIM chosen for (or last
-- written to by) the contact, else the person's default or most recently seen SIM, else a paired host that has not
-- said hello yet (its default SIM sends it; sim_id and subscription_id null). A plain SQL function: PostgreSQL
-- inlines it where it is called, as if its query were written there.
CREATE FUNCTION sms_best_sim(p_owner BIGINT, p_peer TEXT)
    RETURNS TABLE (sim_id BIGINT, host_id UUID, subscription_id INTEGER, region TEXT) LANGUAGE sql STABLE AS $$
    SELECT choices.sim_id, choices.host_id, choices.subscription_id, choices.region FROM (
        (SELECT 1 AS choice, s.id AS sim_id, s.host_id, s.subscription_id, s.region::text AS region
           FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id JOIN sms_contact_sims c ON c.sim_id = s.id
          WHERE h.owner_id = p_owner AND h.account_id IS NOT NULL AND s.present AND c.owner_id = p_owner AND c.peer = p_peer
          LIMIT 1)
        UNION ALL
        (SELECT 2, s.id, s.host_id, s.subscription_id, s.region::text
           FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id
          WHERE h.owner_id = p_owner AND h.account_id IS NOT NULL AND s.present
          ORDER BY s.is_default DESC, h.last_seen DESC NULLS LAST, s.slot LIMIT 1)
        UNION ALL
        (SELECT 3, NULL::bigint, hw.id, NULL::integer, NULL::text
           FROM sms_hosts hw WHERE hw.owner_id = p_owner AND hw.account_id IS NOT NULL
          ORDER BY hw.last_seen DESC NULLS LAST, hw.created_at LIMIT 1)
    ) AS choices ORDER BY choices.choice LIMIT 1
$$;

-- Queues a batch of texts, one element of each array per text, in the order given (their ids order each
-- conversation); a text with no host gets the one sms_best_sim chooses, and is left out when its owner has none.
-- Returns the rows queued.
CREATE FUNCTION sms_enqueue(p_public UUID[], p_owner BIGINT[], p_host UUID[], p_sim BIGINT[], p_peers TEXT[],
                            p_conversation TEXT[], p_body TEXT[], p_xmpp_id TEXT[], p_sender TEXT[],
                            p_receipt BOOLEAN[], p_media TEXT[])
    RETURNS SETOF sms_messages LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
BEGIN
    RETURN QUERY
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
    RETURNING *;
END
$$;
