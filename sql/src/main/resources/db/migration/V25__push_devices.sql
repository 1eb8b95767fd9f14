-- Push to sleeping phones (issue 12, docs/push.md, ADR 0030): the devices an account registered over the REST
-- API and the APNs/FCM tokens of each. A device is what the app names with its own device_id; it has one
-- XEP-0357 node at push.<domain> and at most one token per kind (an iPhone has an alert and a VoIP token).
CREATE TABLE push_devices (
    id          BIGSERIAL    PRIMARY KEY,
    account_id  BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    device_id   VARCHAR(64)  NOT NULL,
    platform    VARCHAR(4)   NOT NULL CHECK (platform IN ('apns', 'fcm')),
    -- the app's bundle id (APNs topic) or Android package name
    app_id      VARCHAR(155) NOT NULL,
    -- the node a client names when it enables XEP-0357 at push.<domain>: random, so it cannot be guessed
    node        VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (account_id, device_id)
);

CREATE TABLE push_tokens (
    device      BIGINT        NOT NULL REFERENCES push_devices (id) ON DELETE CASCADE,
    kind        VARCHAR(5)    NOT NULL CHECK (kind IN ('alert', 'voip', 'data')),
    platform    VARCHAR(4)    NOT NULL CHECK (platform IN ('apns', 'fcm')),
    -- 1024 at most: the unique index below refuses entries past ~2700 bytes (FCM tokens are ~160 today)
    token       VARCHAR(1024) NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- what the provider last said, for admins: when a push last went through, and the last refusal
    last_success_at TIMESTAMPTZ,
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    PRIMARY KEY (device, kind),
    -- a token belongs to one device: the account that registers it last gets its pushes
    UNIQUE (platform, token)
);
