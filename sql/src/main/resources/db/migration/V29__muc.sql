-- Multi-user chat (XEP-0045) at conference.<domain>: rooms, their affiliations and their archives.
-- Every room that exists has a row while it exists; a temporary room's row (and its archive) is deleted
-- when its last occupant leaves, and rows of temporary rooms left over by a crash are deleted at start.
CREATE TABLE muc_rooms (
    id               BIGSERIAL     PRIMARY KEY,
    -- the service's domain, e.g. conference.example.com, and the room's localpart
    service          VARCHAR(1023) NOT NULL,
    name             VARCHAR(1023) NOT NULL,
    -- the bare JID that created the room; counted against the creator's room limit
    creator          VARCHAR(3071) NOT NULL,
    -- configuration (muc#roomconfig)
    title            VARCHAR(1024),
    description      VARCHAR(4096),
    persistent       BOOLEAN       NOT NULL,
    public_room      BOOLEAN       NOT NULL,
    members_only     BOOLEAN       NOT NULL,
    moderated        BOOLEAN       NOT NULL,
    -- the room password, never in clear: hex SHA-256 over salt and password; null when there is none
    password_hash    VARCHAR(64),
    -- who sees occupants' real JIDs: 'moderators' (semi-anonymous) or 'anyone' (non-anonymous)
    whois            VARCHAR(10)   NOT NULL CHECK (whois IN ('moderators', 'anyone')),
    max_occupants    INTEGER       NOT NULL,
    change_subject   BOOLEAN       NOT NULL,
    allow_invites    BOOLEAN       NOT NULL,
    -- who may send private messages: anyone, participants, moderators, none
    allow_pm         VARCHAR(12)   NOT NULL,
    logging          BOOLEAN       NOT NULL,
    -- random per room: salts occupant ids (XEP-0421) and the password hash
    salt             VARCHAR(64)   NOT NULL,
    subject          TEXT,
    subject_nick     VARCHAR(1023),
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (service, name)
);
CREATE INDEX muc_rooms_creator ON muc_rooms (service, creator);

-- Affiliations (owner, admin, member, outcast) by bare JID; 'none' is the absence of a row.
CREATE TABLE muc_affiliations (
    room_id     BIGINT        NOT NULL REFERENCES muc_rooms (id) ON DELETE CASCADE,
    jid         VARCHAR(3071) NOT NULL,
    affiliation VARCHAR(7)    NOT NULL CHECK (affiliation IN ('owner', 'admin', 'member', 'outcast')),
    -- a member's reserved nick, and the reason given for a ban
    nick        VARCHAR(1023),
    reason      VARCHAR(1024),
    PRIMARY KEY (room_id, jid)
);

-- The room's archive (XEP-0313 on the room JID): groupchat messages as occupants received them, each with
-- the room's XEP-0359 stanza id. The row id is the archive's order. History on join is read from here.
CREATE TABLE muc_archive (
    id          BIGSERIAL     PRIMARY KEY,
    room_id     BIGINT        NOT NULL REFERENCES muc_rooms (id) ON DELETE CASCADE,
    stanza_id   VARCHAR(64)   NOT NULL,
    nick        VARCHAR(1023) NOT NULL,
    -- the sender's real bare JID, shown only where the room shows real JIDs
    sender      VARCHAR(3071) NOT NULL,
    archived_at TIMESTAMPTZ   NOT NULL,
    body        TEXT,
    stanza      TEXT          NOT NULL
);
CREATE UNIQUE INDEX muc_archive_stanza_id ON muc_archive (room_id, stanza_id);
CREATE INDEX muc_archive_room_order ON muc_archive (room_id, id);
CREATE INDEX muc_archive_room_time ON muc_archive (room_id, archived_at);
