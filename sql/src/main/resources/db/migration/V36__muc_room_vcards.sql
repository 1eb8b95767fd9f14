-- Room avatars (issue 15): the vCard-temp an owner sets on a room's JID (XEP-0054, served as XEP-0486 describes),
-- and the SHA-1 of its photo that the room advertises in presence (XEP-0153) and in muc#roominfo.
-- One row per room that has a vCard; it goes with the room.
CREATE TABLE muc_room_vcards (
    room_id     BIGINT      PRIMARY KEY REFERENCES muc_rooms (id) ON DELETE CASCADE,
    -- the vCard element as the owner set it, serialized; bounded by the service (128 KiB)
    vcard       TEXT        NOT NULL,
    -- lower-case hex SHA-1 of the PHOTO's decoded BINVAL; null when the vCard has no embedded photo
    photo_hash  VARCHAR(40),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
