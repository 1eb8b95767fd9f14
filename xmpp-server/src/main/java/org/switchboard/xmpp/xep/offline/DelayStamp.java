package org.switchboard.xmpp.xep.offline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/** XEP-0203 delayed delivery: marks a stored message with when and by whom it was stored. */
public final class DelayStamp {

    public static final String NAMESPACE = "urn:xmpp:delay";

    private DelayStamp() {
    }

    /** The message with {@code <delay xmlns='urn:xmpp:delay' from='server' stamp='…Z'>Offline Storage</delay>} added. */
    public static Stanza stamp(Stanza message, Jid server, Instant at) {
        Element delay = Element.builder("delay", NAMESPACE)
                .attribute("from", server.toString())
                .attribute("stamp", at.truncatedTo(ChronoUnit.MILLIS).toString())
                .text("Offline Storage")
                .build();
        return new Stanza(message.element().toBuilder().child(delay).build());
    }
}
