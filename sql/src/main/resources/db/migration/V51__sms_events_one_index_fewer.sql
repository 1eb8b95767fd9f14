-- The REST API's event log (V23) wrote four index entries per event, and a text makes about four events (its
-- message, then accepted, sent, delivered). The primary key on `id` alone was never read: the stream and the
-- webhooks read one owner's events in (tx, id) order through sms_events_owner, which holds the same unique `id`.
-- That index becomes the primary key (unique, and the replica identity a logical replica needs to apply the
-- prune's deletes), and each event writes three index entries instead of four.
--
-- The other two stay. sms_events_message: the statement trigger of V49 deletes a deleted message's events through
-- it. sms_events_at: the retention sweep deletes events older than the kept week every five minutes. A BRIN index
-- there would cost almost nothing per insert, but once pruned pages take new events its ranges only widen, until the
-- sweep reads the whole week each time; at the rates people text, a B-tree entry per event is the cheaper of the two.
ALTER TABLE sms_events DROP CONSTRAINT sms_events_pkey;
DROP INDEX sms_events_owner;
ALTER TABLE sms_events ADD CONSTRAINT sms_events_pkey PRIMARY KEY (owner_id, tx, id);
