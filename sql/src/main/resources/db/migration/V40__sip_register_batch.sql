-- The REGISTERs that arrive while the last batch commits, applied in one statement and one commit (ADR 0047):
-- under load one statement (and one WAL flush) per REGISTER was most of the registrar's cost. Each request is
-- sip_register (V38) with its own time, account, contact limit and contacts, so the rules are the same; the per-contact
-- arrays hold every request's contacts one after the other, p_first[r] and p_count[r] say which are request r's.
-- Requests are applied in account id order (then in the order they came), the order sip_call_start (V39) locks
-- accounts in, so two batches, or a batch and a call, cannot deadlock. A refusal (SB500, SB403) fails the whole
-- statement; the gateway then applies each request alone, so only the refused one is refused.
-- Returns, per request, its live bindings afterwards (oldest first), or one row with a NULL binding when it has none.
CREATE FUNCTION sip_register_batch(p_now TIMESTAMPTZ[], p_account BIGINT[], p_remove_all BOOLEAN[], p_max INTEGER[],
                                   p_first INTEGER[], p_count INTEGER[],
                                   p_contact TEXT[], p_call TEXT[], p_cseq BIGINT[], p_remove BOOLEAN[], p_address TEXT[],
                                   p_port INTEGER[], p_transport TEXT[], p_agent TEXT[], p_expires TEXT[], p_provider TEXT[],
                                   p_prid TEXT[], p_param TEXT[], p_self BOOLEAN[], p_remember TEXT[])
    RETURNS TABLE (request INTEGER, binding sip_registrations) LANGUAGE plpgsql AS $$
DECLARE
    r     INTEGER;
    f     INTEGER;
    l     INTEGER;
    b     sip_registrations;
    listed BOOLEAN;
BEGIN
    FOR r IN SELECT i FROM generate_subscripts(p_account, 1) AS i ORDER BY p_account[i], i LOOP
        f := p_first[r];
        l := p_first[r] + p_count[r] - 1;
        listed := false;
        FOR b IN SELECT * FROM sip_register(p_account[r], p_now[r], p_remove_all[r], p_max[r], p_contact[f:l], p_call[f:l],
                                            p_cseq[f:l], p_remove[f:l], p_address[f:l], p_port[f:l], p_transport[f:l],
                                            p_agent[f:l], p_expires[f:l], p_provider[f:l], p_prid[f:l], p_param[f:l],
                                            p_self[f:l], p_remember[f:l]) LOOP
            request := r;
            binding := b;
            listed := true;
            RETURN NEXT;
        END LOOP;
        IF NOT listed THEN
            request := r;
            binding := NULL;
            RETURN NEXT;
        END IF;
    END LOOP;
END
$$;
