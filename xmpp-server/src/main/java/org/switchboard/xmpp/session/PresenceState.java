package org.switchboard.xmpp.session;

/**
 * A session's broadcast presence as far as routing cares (RFC 6121 section 8.5): sessions that have not
 * sent initial presence, or sent unavailable, receive no messages addressed to the bare JID.
 */
public record PresenceState(boolean available, int priority) {

    public static final PresenceState UNAVAILABLE = new PresenceState(false, 0);

    public PresenceState {
        if (priority < -128 || priority > 127) {
            throw new IllegalArgumentException("priority must be -128..127");
        }
    }
}
