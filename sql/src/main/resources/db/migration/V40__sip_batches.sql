-- V40: the SIP gateway's group commits (ADR 0047): registrations, then call attempts.

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

-- The call attempts that arrive while the last batch commits, recorded in one statement and one commit (ADR 0047):
-- each is sip_call_start (V39) with its own arguments, in the order they came, so a later attempt in the batch
-- counts the earlier ones' open calls. With a cap above 0, every account the batch may lock is locked first, in
-- id order, so the batch takes its locks in the same order as every other batch and as sip_register_batch: no
-- deadlock between them. Returns one row per attempt: its row id, and the refusal and reason (0 when none).
CREATE FUNCTION sip_call_start_batch(p_call TEXT[], p_caller BIGINT[], p_callee TEXT[], p_domain TEXT, p_from TEXT[],
                                     p_to TEXT[], p_now TIMESTAMPTZ[], p_cap INTEGER[], p_since TIMESTAMPTZ[])
    RETURNS TABLE (request INTEGER, id BIGINT, refusal INTEGER, reason TEXT) LANGUAGE plpgsql AS $$
DECLARE
    r INTEGER;
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(p_cap) AS c(cap) WHERE c.cap > 0) THEN
        PERFORM 1 FROM accounts a WHERE a.id = ANY (p_caller) OR (a.domain = p_domain AND a.localpart = ANY (p_callee))
            ORDER BY a.id FOR UPDATE;
    END IF;
    FOR r IN 1 .. COALESCE(array_length(p_call, 1), 0) LOOP
        SELECT s.id, s.refusal, s.reason INTO id, refusal, reason
            FROM sip_call_start(p_call[r], p_caller[r], p_callee[r], p_domain, p_from[r], p_to[r], p_now[r], p_cap[r],
                                p_since[r]) AS s;
        request := r;
        RETURN NEXT;
    END LOOP;
END
$$;
