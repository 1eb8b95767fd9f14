package org.switchboard.xmpp.xep.carbons;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;

/** The forwarded copy of XEP-0280 sections 7 and 8: the original inside {@code <sent/>} or {@code <received/>}. */
public final class CarbonCopy {

    /** XEP-0297 Stanza Forwarding. */
    public static final String FORWARD = "urn:xmpp:forward:0";

    public enum Direction {
        SENT("sent"), RECEIVED("received");

        private final String element;

        Direction(String element) {
            this.element = element;
        }
    }

    private CarbonCopy() {
    }

    /** From the account's bare JID (clients ignore copies from anyone else), to one resource, of the same type. */
    public static Stanza of(Direction direction, Stanza original, Jid resource) {
        Element forwarded = Element.builder("forwarded", FORWARD).child(original.element()).build();
        Element wrapper = Element.builder(direction.element, CarbonsModule.NAMESPACE).child(forwarded).build();
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", resource.bare().toString())
                .attribute("to", resource.toString())
                .attribute("type", original.type())
                .child(wrapper)
                .build());
    }
}
