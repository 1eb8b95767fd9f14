-- RFC 8599 push for SIP (issue 14 item 4, ADR 0041): a contact registered with pn-provider/pn-prid/pn-param
-- is woken by a push when a call arrives. The parameters are kept with the binding so a restart keeps them.
-- A push binding that did not promise to refresh itself (no +sip.pnsreg) stays remembered after it expires,
-- until remember_until, so a call can still wake the phone: the phone cannot refresh while it sleeps, and a
-- VoIP push may only ever announce a call, so the server cannot push it just to make it refresh.
ALTER TABLE sip_registrations
    ADD COLUMN pn_provider    VARCHAR(8),
    ADD COLUMN pn_prid        VARCHAR(1024),
    ADD COLUMN pn_param       VARCHAR(255),
    ADD COLUMN pn_self_refresh BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN remember_until TIMESTAMPTZ,
    ADD CONSTRAINT sip_registrations_push CHECK ((pn_provider IS NULL) = (pn_prid IS NULL));
CREATE INDEX sip_registrations_push_binding ON sip_registrations (account_id, pn_provider, pn_prid);
