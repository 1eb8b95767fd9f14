-- V62: the host's acceptances, its part reports and the senders' notified marks of one group commit in one call and
-- one transaction (OutboxStore's outcomes lane). They were three lanes, each a transaction and a WAL flush of its own
-- whenever the load was light: at 50 texts/s a text cost nine transactions, four of them these three (one
-- acceptance, two reports, one mark), and each statement 0.3-0.8 ms of PostgreSQL even for one row
-- (docs/sms-benchmark.md, "Light loads"). They also waited on each other: a text's acceptance and its first report
-- arrive together from a fast radio, and the reports' lock waited for the acceptance's commit. Here the acceptances
-- are applied first, so a report in the same call sees the message accepted.
--
-- Every row the call writes is locked first, in id order, as every writer of several messages does (ADR 0024
-- amendment). The acceptance finds its rows by id alone and checks the waiting conditions on the rows it read (a
-- MATERIALIZED CTE, so they are not folded back into the scan): with those conditions on the table, the plan made on
-- an empty outbox reads the whole waiting index with the ids as a mere filter, as the dispatch did before V61. The
-- plain statement the acceptances were until now did so: OutcomeBatchTest counts 10,010 rows of sms_messages fetched
-- by index for one acceptance, report and mark among 5,000 texts waiting for other hosts with it, 5,014 with this
-- function without MATERIALIZED, under 1,000 with it. Returns the accepted messages (kind 'accepted') and the reports' changed messages with
-- their state before (kind 'report', as sms_apply_reports returns them); the marks return nothing.
CREATE FUNCTION sms_apply_outcomes(p_accepted BIGINT[], p_host UUID[], p_public UUID[], p_state TEXT[], p_part INTEGER[],
                                   p_parts INTEGER[], p_code INTEGER[], p_reason TEXT[], p_at TEXT[], p_notified BIGINT[])
    RETURNS TABLE (kind TEXT, before_state TEXT, id BIGINT, public_id UUID, owner_id BIGINT, host_id UUID, sim_id BIGINT,
                   peers TEXT[], body TEXT, state TEXT, parts INTEGER, failure_code INTEGER, failure_reason TEXT,
                   xmpp_id TEXT, xmpp_sender TEXT, receipt_wanted BOOLEAN, created_at TIMESTAMPTZ, media TEXT)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off AS $$
#variable_conflict use_column
BEGIN
    PERFORM 1 FROM sms_messages m
    WHERE m.id = ANY (ARRAY(SELECT r.id FROM sms_messages r WHERE r.public_id = ANY (p_public) AND r.direction = 'out')
                      || p_accepted || p_notified)
    ORDER BY m.id FOR UPDATE;

    IF cardinality(p_accepted) > 0 THEN
        RETURN QUERY
        WITH asked AS MATERIALIZED (
            SELECT a.id, a.direction, a.accepted_at, a.failed_at, a.expired_at FROM sms_messages a WHERE a.id = ANY (p_accepted))
        UPDATE sms_messages m SET state = 'accepted', accepted_at = now(), dispatched_at = COALESCE(m.dispatched_at, now())
        WHERE m.id = ANY (ARRAY(SELECT w.id FROM asked w WHERE w.direction = 'out' AND w.accepted_at IS NULL
                                    AND w.failed_at IS NULL AND w.expired_at IS NULL))
        RETURNING 'accepted'::text, NULL::text, m.id, m.public_id, m.owner_id, m.host_id, m.sim_id, m.peers, m.body,
                  m.state::text, m.parts, m.failure_code, m.failure_reason, m.xmpp_id, m.xmpp_sender, m.receipt_wanted,
                  m.created_at, m.media::text;
    END IF;

    IF cardinality(p_public) > 0 THEN
        RETURN QUERY
        SELECT 'report'::text, r.* FROM sms_apply_reports(p_host, p_public, p_state, p_part, p_parts, p_code, p_reason, p_at) r;
    END IF;

    IF cardinality(p_notified) > 0 THEN
        PERFORM sms_mark_notified(p_notified);
    END IF;
END
$$;
