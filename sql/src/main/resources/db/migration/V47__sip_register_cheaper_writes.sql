-- The SIP registrar's writes made cheaper (issue 14, bench/sip; ADR 0047 amendment):
--  * sip_register (V38) serialises one account's REGISTERs with a transaction-scoped advisory lock instead of
--    SELECT ... FOR UPDATE on the account's row, which wrote the row (and WAL) on every REGISTER. Batches still
--    take the locks in account id order (sip_register_batch, V40). sip_call_start keeps its row locks: it guards a
--    different count (open calls), and neither ever waits for the other's lock while holding a later account's.
--  * sip_registrations loses its index on expires_at, which no query could use (the sweep's test is
--    "expires_at > now OR remember_until > now", negated; lookups go by account): every refresh of a binding
--    changed that indexed column, so no update could be HOT and each wrote into both indexes. With the index gone
--    and room left on each page (fillfactor 70), a refresh rewrites the row in place.
DROP INDEX sip_registrations_expires;
ALTER TABLE sip_registrations SET (fillfactor = 70);

CREATE OR REPLACE FUNCTION sip_register(p_account BIGINT, p_now TIMESTAMPTZ, p_remove_all BOOLEAN, p_max INTEGER,
                             p_contact TEXT[], p_call TEXT[], p_cseq BIGINT[], p_remove BOOLEAN[], p_address TEXT[],
                             p_port INTEGER[], p_transport TEXT[], p_agent TEXT[], p_expires TEXT[], p_provider TEXT[],
                             p_prid TEXT[], p_param TEXT[], p_self BOOLEAN[], p_remember TEXT[])
    RETURNS SETOF sip_registrations LANGUAGE plpgsql AS $$
DECLARE
    i      INTEGER;
    stored BIGINT;
    live   INTEGER;
BEGIN
    -- one REGISTER of an account at a time, so two cannot both pass the contact count; an advisory lock, not a
    -- row lock: locking the account's row wrote it (and its WAL) on every REGISTER. Key: (5060, account id);
    -- ids beyond 2^31 share keys, which only serialises more.
    PERFORM pg_advisory_xact_lock(5060, (p_account % 2147483647)::integer);
    DELETE FROM sip_registrations r WHERE r.account_id = p_account
        AND (NOT (r.expires_at > p_now OR COALESCE(r.remember_until > p_now, false)) OR p_remove_all);
    FOR i IN 1 .. COALESCE(array_length(p_contact, 1), 0) LOOP
        SELECT r.cseq INTO stored FROM sip_registrations r
            WHERE r.account_id = p_account AND r.contact_uri = p_contact[i] AND r.call_id = p_call[i];
        IF FOUND AND stored >= p_cseq[i] THEN
            RAISE EXCEPTION 'a REGISTER with a higher CSeq was already applied' USING ERRCODE = 'SB500';
        END IF;
        IF p_remove[i] THEN
            DELETE FROM sip_registrations r WHERE r.account_id = p_account AND r.contact_uri = p_contact[i];
            CONTINUE;
        END IF;
        IF p_provider[i] IS NOT NULL THEN
            DELETE FROM sip_registrations r WHERE r.account_id = p_account AND r.pn_provider = p_provider[i]
                AND r.pn_prid = p_prid[i] AND r.contact_uri <> p_contact[i];
        END IF;
        INSERT INTO sip_registrations (account_id, contact_uri, call_id, cseq, source_address, source_port, transport,
                                       user_agent, expires_at, pn_provider, pn_prid, pn_param, pn_self_refresh, remember_until)
        VALUES (p_account, p_contact[i], p_call[i], p_cseq[i], p_address[i], p_port[i], p_transport[i], p_agent[i],
                p_expires[i]::timestamptz, p_provider[i], p_prid[i], p_param[i], p_self[i], p_remember[i]::timestamptz)
        ON CONFLICT (account_id, contact_uri) DO UPDATE SET
            call_id = EXCLUDED.call_id, cseq = EXCLUDED.cseq, source_address = EXCLUDED.source_address,
            source_port = EXCLUDED.source_port, transport = EXCLUDED.transport, user_agent = EXCLUDED.user_agent,
            expires_at = EXCLUDED.expires_at, pn_provider = EXCLUDED.pn_provider, pn_prid = EXCLUDED.pn_prid,
            pn_param = EXCLUDED.pn_param, pn_self_refresh = EXCLUDED.pn_self_refresh,
            remember_until = EXCLUDED.remember_until, registered_at = now();
    END LOOP;
    DELETE FROM sip_registrations r WHERE r.account_id = p_account AND r.expires_at <= p_now AND r.contact_uri NOT IN
        (SELECT l.contact_uri FROM sip_registrations l WHERE l.account_id = p_account AND l.expires_at <= p_now
         ORDER BY l.registered_at DESC LIMIT p_max);
    SELECT count(*) INTO live FROM sip_registrations r WHERE r.account_id = p_account AND r.expires_at > p_now;
    IF live > p_max THEN
        RAISE EXCEPTION 'at most % contacts per account', p_max USING ERRCODE = 'SB403';
    END IF;
    RETURN QUERY SELECT * FROM sip_registrations r WHERE r.account_id = p_account AND r.expires_at > p_now
        ORDER BY r.registered_at;
END
$$;
