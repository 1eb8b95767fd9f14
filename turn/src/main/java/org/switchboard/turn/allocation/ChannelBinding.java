package org.switchboard.turn.allocation;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/** A channel binding (RFC 8656 §12): a number in 0x4000-0x4FFF for one peer transport address, for 600 s. */
public record ChannelBinding(int number, InetSocketAddress peer, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofSeconds(600);

    public static ChannelBinding boundAt(int number, InetSocketAddress peer, Instant now) {
        return new ChannelBinding(number, peer, now.plus(LIFETIME));
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
