package org.switchboard.sip.push;

import java.util.EnumSet;
import java.util.Set;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushService;

/**
 * How the gateway pushes: the process's one {@link PushService} and the services it has credentials for.
 * A pn-provider outside {@code platforms} is answered 555 (RFC 8599 section 5.2).
 */
public record SipPush(PushService service, Set<PushPlatform> platforms) {

    /** No push: every pn-provider gets 555. */
    public static final SipPush NONE = new SipPush(null, Set.of());

    public SipPush {
        platforms = platforms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(platforms));
        if (service == null && !platforms.isEmpty()) {
            throw new IllegalArgumentException("push platforms without a push service");
        }
    }
}
