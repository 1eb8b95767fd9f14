-- One REGISTER's contacts applied in one round trip (RFC 3261 section 10.3 steps 6-8): the gateway called
-- eight statements in a transaction for this (lock, drop the unreachable, check the CSeq, upsert, trim the
-- lapsed push bindings, read back), and under load the database client's work per statement was most of the
-- registrar's time (bench/sip). Same rules as before, now here:
--  * the account row is locked, so two REGISTERs at once cannot both pass the contact count;
--  * bindings neither live nor remembered go, and all of them on "Contact: *" with expires 0;
--  * per contact (arrays, one element each, in order): the same Call-ID with a CSeq not above the stored one is
--    an old request (SQLSTATE SB500); a removal deletes; a push binding replaces an older binding of the same
--    service and device under another URI; anything else is upserted;
--  * only the newest p_max lapsed push bindings are kept; more than p_max live bindings refuse the whole
--    REGISTER (SQLSTATE SB403);
--  * the live bindings afterwards are returned, oldest first.
-- Times come as text (ISO-8601), so the client binds plain arrays.
CREATE FUNCTION sip_register(p_account BIGINT, p_now TIMESTAMPTZ, p_remove_all BOOLEAN, p_max INTEGER,
                             p_contact TEXT[], p_call TEXT[], p_cseq BIGINT[], p_remove BOOLEAN[], p_address TEXT[],
                             p_port INTEGER[], p_transport TEXT[], p_agent TEXT[], p_expires TEXT[], p_provider TEXT[],
                             p_prid TEXT[], p_param TEXT[], p_self BOOLEAN[], p_remember TEXT[])
    RETURNS SETOF sip_registrations LANGUAGE plpgsql AS $$
DECLARE
    i      INTEGER;
    stored BIGINT;
    live   INTEGER;
BEGIN
    PERFORM 1 FROM accounts WHERE id = p_account FOR UPDATE;
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
