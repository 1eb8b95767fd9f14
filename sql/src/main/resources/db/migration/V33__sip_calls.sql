-- Call detail records of the SIP gateway (issue 14 item 7, ADR 0043): one row per call attempt, written when an
-- authenticated INVITE to an account of this server starts, updated when it is answered, refused, cancelled or
-- hung up. The accounts are kept by id so a renamed-away name cannot claim someone else's history; a deleted
-- account leaves the other party's record with its address only. Rows older than the retention are swept.
CREATE TABLE sip_calls (
    id          BIGSERIAL     PRIMARY KEY,
    call_id     VARCHAR(256)  NOT NULL,
    caller_id   BIGINT        REFERENCES accounts (id) ON DELETE SET NULL,
    callee_id   BIGINT        REFERENCES accounts (id) ON DELETE SET NULL,
    from_uri    VARCHAR(512)  NOT NULL,
    to_uri      VARCHAR(512)  NOT NULL,
    started_at  TIMESTAMPTZ   NOT NULL,
    answered_at TIMESTAMPTZ,
    -- the final answer's time for a call that was not answered, the first BYE's for one that was
    ended_at    TIMESTAMPTZ,
    -- the final status the caller got (200 answered, 486 busy, 487 cancelled, 480, 408, 403 over a limit, ...)
    status      INTEGER,
    reason      VARCHAR(128),
    -- the Contact of the phone that answered
    answered_by VARCHAR(1024)
);
CREATE INDEX sip_calls_call_id ON sip_calls (call_id);
CREATE INDEX sip_calls_caller ON sip_calls (caller_id, started_at);
CREATE INDEX sip_calls_callee ON sip_calls (callee_id, started_at);
CREATE INDEX sip_calls_started ON sip_calls (started_at);
-- the calls still open are what the per-account concurrent call cap counts
CREATE INDEX sip_calls_open ON sip_calls (started_at) WHERE ended_at IS NULL;
