-- Issue 10: a lockout that protects the user, not the attacker. Failures now lock the pair (account name,
-- source address) first, so someone else's guesses never lock the owner out from their own address; an
-- account-wide lock remains only for guesses spread over many addresses, at a much higher threshold.
-- A pair's subject is '<address>|<account name>'. IPv6 addresses are counted by their /64.
ALTER TABLE lockouts DROP CONSTRAINT lockouts_scope_check;
ALTER TABLE lockouts ADD CONSTRAINT lockouts_scope_check CHECK (scope IN ('account', 'address', 'pair'));
CREATE INDEX auth_failures_pair ON auth_failures (localpart, source_address, failed_at);
