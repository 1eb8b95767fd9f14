-- Remote domains an admin blocked from federation (issue 16, ADR 0051): no connection to or from them, and the
-- connections open when the block is made are closed. Kept here so a restart keeps the block; the settings'
-- allow-list and deny-list are the deployment's own and are not stored.
CREATE TABLE s2s_blocked_domains (
    domain     VARCHAR(1023) PRIMARY KEY,
    reason     VARCHAR(500),
    blocked_by VARCHAR(3071) NOT NULL,
    blocked_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
