-- The answers, failures and hang-ups of call records (sip-gateway cdr.CallRecords), each batch one statement, now
-- functions planned for each call, as V45 did for the SMS reports. As plain statements each connection planned them
-- once it had run them a few times, often while sip_calls was nearly empty, and kept that plan (a sequential read of
-- the whole table per batch) as the table grew: bench/sip read 3.5 million rows of sip_calls in 10 s at 300 calls/s,
-- the largest share of PostgreSQL's time per call. CallRecordPlansTest keeps it so. Each batch's rows are matched
-- by "= ANY" of its ids (or Call-IDs), their own values picked by array_position.

CREATE FUNCTION sip_calls_answered(p_ids BIGINT[], p_ats TIMESTAMPTZ[], p_contacts TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    UPDATE sip_calls c SET answered_at = p_ats[array_position(p_ids, c.id)], status = 200,
                           answered_by = p_contacts[array_position(p_ids, c.id)]
        WHERE c.id = ANY (p_ids) AND c.answered_at IS NULL;
END $$;

CREATE FUNCTION sip_calls_failed(p_ids BIGINT[], p_statuses INTEGER[], p_reasons TEXT[], p_ats TIMESTAMPTZ[]) RETURNS VOID
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    UPDATE sip_calls c SET status = p_statuses[array_position(p_ids, c.id)], reason = p_reasons[array_position(p_ids, c.id)],
                           ended_at = COALESCE(c.ended_at, p_ats[array_position(p_ids, c.id)])
        WHERE c.id = ANY (p_ids) AND c.answered_at IS NULL;
END $$;

-- a BYE ends the call of its Call-ID that is still open and began after p_sinces (older rows of a reused Call-ID stay)
CREATE FUNCTION sip_calls_hung_up(p_calls TEXT[], p_ats TIMESTAMPTZ[], p_sinces TIMESTAMPTZ[]) RETURNS VOID
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    UPDATE sip_calls c SET ended_at = p_ats[array_position(p_calls, c.call_id::text)]
        WHERE c.call_id = ANY (p_calls) AND c.ended_at IS NULL
          AND c.started_at > p_sinces[array_position(p_calls, c.call_id::text)];
END $$;
