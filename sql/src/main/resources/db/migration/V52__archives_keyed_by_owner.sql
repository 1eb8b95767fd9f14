-- Both message archives (V15, V29) kept two B-tree indexes over the row id: the primary key on `id` alone and
-- (account_id, id) / (room_id, id) for paging one archive in its order. Every read names the archive's owner
-- (MAM queries, history on entering, the edges, the stanza-id lookups), so the id alone was only ever used by the
-- personal archive's retention sweep. The owner-and-id index becomes the primary key and each row writes one index
-- entry fewer: a chat message is archived twice (sender and recipient), a text sent through the SMS gateway twice
-- too (the message and its receipt), a room message once. The sweep now deletes by (account_id, id).
CREATE UNIQUE INDEX xmpp_archive_account_row ON xmpp_archive (account_id, id);
ALTER TABLE xmpp_archive DROP CONSTRAINT xmpp_archive_pkey;
ALTER TABLE xmpp_archive ADD CONSTRAINT xmpp_archive_pkey PRIMARY KEY USING INDEX xmpp_archive_account_row;
DROP INDEX xmpp_archive_account_order;

CREATE UNIQUE INDEX muc_archive_room_row ON muc_archive (room_id, id);
ALTER TABLE muc_archive DROP CONSTRAINT muc_archive_pkey;
ALTER TABLE muc_archive ADD CONSTRAINT muc_archive_pkey PRIMARY KEY USING INDEX muc_archive_room_row;
DROP INDEX muc_archive_room_order;
