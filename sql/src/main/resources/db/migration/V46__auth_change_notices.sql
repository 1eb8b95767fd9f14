-- Every process's SIP gateway keeps accounts' HA1s and clean lockout standings in memory (ADR 0056); these triggers
-- tell every listener on channel auth_changes what to forget. NOTIFY is delivered at commit, so a listener learns of
-- a change only once it is visible to its next read. Payloads:
--   'a <domain> <localpart>'  an account the SIP path reads changed or went (named as it was before the change)
--   'f'                       an authentication failure was recorded somewhere
--   'l'                       a lock was set or extended
-- Deleting failures or locks needs no notice: only standings with neither are kept, and they stay true.

CREATE FUNCTION notify_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('auth_changes', 'a ' || OLD.domain || ' ' || OLD.localpart);
    RETURN NULL;
END $$;

CREATE TRIGGER accounts_changed_notice AFTER UPDATE ON accounts FOR EACH ROW
    WHEN (OLD.localpart IS DISTINCT FROM NEW.localpart OR OLD.domain IS DISTINCT FROM NEW.domain
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.roles IS DISTINCT FROM NEW.roles OR OLD.sip_ha1_md5 IS DISTINCT FROM NEW.sip_ha1_md5
          OR OLD.sip_ha1_sha256 IS DISTINCT FROM NEW.sip_ha1_sha256)
    EXECUTE FUNCTION notify_account_change();

CREATE TRIGGER accounts_deleted_notice AFTER DELETE ON accounts FOR EACH ROW
    EXECUTE FUNCTION notify_account_change();

-- PostgreSQL folds identical notifications of one transaction into one, so a batch of failures costs one delivery
CREATE FUNCTION notify_auth_failure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('auth_changes', 'f');
    RETURN NULL;
END $$;

CREATE TRIGGER auth_failures_notice AFTER INSERT ON auth_failures FOR EACH ROW
    EXECUTE FUNCTION notify_auth_failure();

CREATE FUNCTION notify_lockout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('auth_changes', 'l');
    RETURN NULL;
END $$;

CREATE TRIGGER lockouts_notice AFTER INSERT OR UPDATE ON lockouts FOR EACH ROW
    EXECUTE FUNCTION notify_lockout();
