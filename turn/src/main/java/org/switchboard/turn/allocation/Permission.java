package org.switchboard.turn.allocation;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A permission (RFC 8656 §9): the peer IP (any port) may send to the client and be sent to, until it expires
 * 300 s after its last CreatePermission or ChannelBind.
 */
public record Permission(InetAddress peer, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofSeconds(300);

    public static Permission grantedAt(InetAddress peer, Instant now) {
        return new Permission(peer, now.plus(LIFETIME));
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
