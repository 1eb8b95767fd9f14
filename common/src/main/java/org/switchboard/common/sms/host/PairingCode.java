package org.switchboard.common.sms.host;

import java.time.Instant;
import java.util.UUID;

/** A freshly issued pairing code: the only moment its digits exist outside the owner's screen. */
public record PairingCode(UUID hostId, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "PairingCode[hostId=" + hostId + ", code=(redacted), expiresAt=" + expiresAt + "]";
    }
}
