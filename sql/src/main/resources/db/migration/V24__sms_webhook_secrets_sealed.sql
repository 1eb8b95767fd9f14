-- Webhook secrets are stored sealed (AES-256-GCM under the server's secrets key, ADR 0022) in secret_sealed.
-- The clear column stays only for rows written before this migration: the API seals them at its next start
-- (moving each into secret_sealed and setting secret to NULL), and never writes it again.
ALTER TABLE sms_webhooks ADD COLUMN secret_sealed TEXT;
ALTER TABLE sms_webhooks ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE sms_webhooks ADD CONSTRAINT sms_webhooks_secret_kept CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL);
