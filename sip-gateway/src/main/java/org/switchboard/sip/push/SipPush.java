package org.switchboard.sip.push;

import java.util.EnumSet;
import java.util.Set;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushService;

/**
 * How the gateway pushes: the process's one {@link PushService}, the services it has credentials for, and the
 * apps (bundle ids) it pushes to over APNs. A pn-provider outside {@code platforms} is answered 555 (RFC 8599
 * section 5.2); an APNs binding for another app is refused, as a token registered over REST for one would be.
 */
public record SipPush(PushService service, Set<PushPlatform> platforms, Set<String> apnsApps) {

    /** No push: every pn-provider gets 555. */
    public static final SipPush NONE = new SipPush(null, Set.of(), Set.of());

    public SipPush {
        platforms = platforms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(platforms));
        apnsApps = Set.copyOf(apnsApps);
        if (service == null && !platforms.isEmpty()) {
            throw new IllegalArgumentException("push platforms without a push service");
        }
    }

    /** Whether this server pushes to the app of {@code binding}: APNs only for the configured bundle ids. */
    public boolean pushesTo(PushBinding binding) {
        return binding.provider() != PushPlatform.APNS || apnsApps.contains(binding.bundle());
    }
}
