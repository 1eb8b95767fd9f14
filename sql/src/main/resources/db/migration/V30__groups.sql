-- Groups of the REST API (issue 15): a group is a persistent members-only room of conference.<domain> made
-- through the API; group_id is the id the API names it by (the room's own name is its JID's localpart).
ALTER TABLE muc_rooms ADD COLUMN group_id UUID UNIQUE;

-- "the caller's groups" and "the rooms of this person" look affiliations up by JID
CREATE INDEX muc_affiliations_jid ON muc_affiliations (jid);
