package org.switchboard.xmpp.im.roster;

import java.util.Locale;

/** The subscription attribute of a roster item (RFC 6121 section 2.1.2.5), as two independent directions. */
public enum Subscription {
    NONE, TO, FROM, BOTH;

    /** The user receives the contact's presence. */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** The contact receives the user's presence. */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, hasFrom());
    }

    public Subscription withFrom(boolean from) {
        return of(hasTo(), from);
    }

    public static Subscription of(boolean to, boolean from) {
        if (to) {
            return from ? BOTH : TO;
        }
        return from ? FROM : NONE;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Subscription fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
