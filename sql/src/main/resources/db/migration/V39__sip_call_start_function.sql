-- A call attempt's record started in one round trip (ADR 0043, ADR 0006): the callee's account looked up by
-- name and, with a cap above 0, both accounts' rows locked in id order while their open calls are counted, so
-- two INVITEs at once cannot both pass; then the row inserted. Over the caller's cap the attempt is recorded
-- as refused with 403, over the callee's with 486 (the row is then final). A caller of NULL is a call from the
-- trunk (ADR 0046); a callee name no account has leaves callee_id NULL. Seven round trips in a transaction
-- before, on the way of every call.
CREATE FUNCTION sip_call_start(p_call TEXT, p_caller BIGINT, p_callee TEXT, p_domain TEXT, p_from TEXT, p_to TEXT,
                               p_now TIMESTAMPTZ, p_cap INTEGER, p_since TIMESTAMPTZ,
                               OUT id BIGINT, OUT refusal INTEGER, OUT reason TEXT) LANGUAGE plpgsql AS $$
DECLARE
    callee_account BIGINT;
    open_calls     BIGINT;
BEGIN
    refusal := 0;
    SELECT a.id INTO callee_account FROM accounts a WHERE a.localpart = p_callee AND a.domain = p_domain;
    IF p_cap > 0 THEN
        PERFORM 1 FROM accounts a WHERE a.id IN (p_caller, callee_account) ORDER BY a.id FOR UPDATE;
        IF p_caller IS NOT NULL THEN
            SELECT count(*) INTO open_calls FROM sip_calls c
                WHERE (c.caller_id = p_caller OR c.callee_id = p_caller) AND c.ended_at IS NULL AND c.started_at > p_since;
            IF open_calls >= p_cap THEN
                refusal := 403;
                reason := 'Too many calls: at most ' || p_cap || ' at once';
            END IF;
        END IF;
        IF refusal = 0 AND callee_account IS NOT NULL THEN
            SELECT count(*) INTO open_calls FROM sip_calls c
                WHERE (c.caller_id = callee_account OR c.callee_id = callee_account) AND c.ended_at IS NULL
                  AND c.started_at > p_since;
            IF open_calls >= p_cap THEN
                refusal := 486;
                reason := 'Busy: at most ' || p_cap || ' calls at once';
            END IF;
        END IF;
    END IF;
    INSERT INTO sip_calls (call_id, caller_id, callee_id, from_uri, to_uri, started_at, ended_at, status, reason)
    VALUES (p_call, p_caller, callee_account, p_from, p_to, p_now,
            CASE WHEN refusal = 0 THEN NULL ELSE p_now END, NULLIF(refusal, 0), reason)
    RETURNING sip_calls.id INTO id;
END
$$;
