package org.switchboard.xmpp.xep.muc;

import java.util.Base64;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;

/**
 * One occupant of a room: one client session (full JID) under one nick. Mutable only under the room's lock.
 *
 * @param presence the occupant's last available presence, as the client sent it (its payload is reflected)
 */
final class Occupant {

    final Jid jid;
    /** {@code jid} written out and its bare JID, made once: every room message is addressed to them. */
    final String jidText;
    final Jid bare;
    final String bareText;
    String nick;
    Role role;
    Affiliation affiliation;
    Element presence;
    final String occupantId;
    /** Token bucket of the message rate limit: tokens left and when they were last topped up. */
    double tokens;
    long refilledNanos;

    Occupant(Jid jid, String nick, Role role, Affiliation affiliation, Element presence, String salt, double burst) {
        this.jid = jid;
        this.jidText = jid.toString();
        this.bare = jid.bare();
        this.bareText = bare.toString();
        this.nick = nick;
        this.role = role;
        this.affiliation = affiliation;
        this.presence = presence;
        this.occupantId = occupantId(salt, bare);
        this.tokens = burst;
        this.refilledNanos = System.nanoTime();
    }

    /**
     * XEP-0421: stable for one bare JID in one room (across nicks and visits), and telling nothing of the JID.
     */
    static String occupantId(String salt, Jid bare) {
        byte[] digest = RoomPassword.sha256("occupant-id\0" + salt + "\0" + bare);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    }

    /** Takes one message's token; false when the occupant is over the rate. */
    boolean takeToken(double perSecond, double burst) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledNanos) / 1e9 * perSecond);
        refilledNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
