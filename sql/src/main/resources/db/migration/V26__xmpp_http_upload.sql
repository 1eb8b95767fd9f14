-- XEP-0363 HTTP file upload (docs/adr/0031-http-listener-and-upload.md): one row per slot handed out, which
-- becomes the stored file's row once its PUT completed. The bytes live under the data directory, named by
-- the row's id alone; the filename is only ever shown, never used as a path.

-- account_id goes NULL when the account is deleted (by whichever process): the upload service's sweep then
-- removes the file and the row, so nothing of a deleted account stays on disk even after a crash.
CREATE TABLE upload_files (
    -- the random path segment of the URLs (192 bits, base64url): unguessable, so knowing one URL tells
    -- nothing about another
    id           TEXT        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{32}$'),
    account_id   BIGINT      REFERENCES accounts (id) ON DELETE SET NULL,
    filename     TEXT        NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type TEXT        NOT NULL CHECK (length(content_type) BETWEEN 3 AND 255),
    size         BIGINT      NOT NULL CHECK (size >= 0),
    -- SHA-256 of the PUT token; the token itself only travels in the slot
    token_hash   BYTEA       NOT NULL,
    -- pending: slot handed out; uploading: a PUT is streaming; stored: complete and served
    state        TEXT        NOT NULL CHECK (state IN ('pending', 'uploading', 'stored')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- a pending slot unused by then is dropped; a stored file is deleted then (NULL: kept for ever)
    expires_at   TIMESTAMPTZ
);
CREATE INDEX upload_files_account ON upload_files (account_id);
CREATE INDEX upload_files_expires ON upload_files (expires_at);
