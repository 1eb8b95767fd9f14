-- Call events a host reports (docs/host-protocol.md section 5.3): each becomes a chat notice to the owner.
-- Kept apart from sms_messages, which holds texts only, but deduplicated the same way (by the host's id)
-- and with the same routed_at crash safety: a repeat from the host is routed again until routed_at is set.
CREATE TABLE sms_calls (
    id            BIGSERIAL   PRIMARY KEY,
    owner_id      BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    host_id       UUID        REFERENCES sms_hosts (id) ON DELETE SET NULL,
    sim_id        BIGINT      REFERENCES sms_sims (id) ON DELETE SET NULL,
    host_event_id TEXT        NOT NULL,
    peer          TEXT        NOT NULL,
    state         VARCHAR(8)  NOT NULL CHECK (state IN ('ringing', 'missed', 'answered')),
    at            TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    routed_at     TIMESTAMPTZ,
    UNIQUE (host_id, host_event_id)
);
CREATE INDEX sms_calls_owner ON sms_calls (owner_id, at);
