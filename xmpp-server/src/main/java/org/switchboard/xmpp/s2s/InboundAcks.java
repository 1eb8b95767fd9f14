package org.switchboard.xmpp.s2s;

import org.switchboard.xmpp.stanza.Element;

/**
 * XEP-0198 on a stream a peer opened to this server, offered once the peer has authenticated (Prosody 0.12 enables it
 * on its outgoing streams when the restarted stream's features offer it): the peer sends {@code <enable/>}, and from then
 * on asks with {@code <r/>} how many of its stanzas this server has handled (and this server may ask the same of ours on
a bidirectional stream, {@link CarriedStanzas}). A stanza counts once it has passed the
 * stream's checks; the stream reads nothing more until it has been routed (and whatever that commits is committed), so
 * the {@code <a/>} that answers a later {@code <r/>} never counts a stanza that is not yet safe here. No resumption
 * (XEP-0198 defines it for client sessions; Prosody does not resume s2s). Runs on the stream's thread only.
 */
final class InboundAcks {

    static final String ENABLED = "<enabled xmlns='" + OutgoingAcks.NAMESPACE + "'/>";
    private static final String FAILED = "<failed xmlns='" + OutgoingAcks.NAMESPACE + "'><unexpected-request "
            + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>";

    /** h is a 32-bit counter that wraps (XEP-0198 section 4). */
    private static final long WRAP = 1L << 32;

    /** What the restarted stream's features offer. */
    static final String FEATURE = "<sm xmlns='" + OutgoingAcks.NAMESPACE + "'><optional/></sm>";

    private boolean enabled;
    private long handled;

    /**
     * An element in the XEP-0198 namespace from the peer: returns the answer to send, or null for none. {@code <enable/>}
     * before the peer authenticated, or a second time, fails with {@code unexpected-request}; the peer's {@code <a/>} is
     * for {@link CarriedStanzas}; anything else is not ours to handle (false in
     * {@link #handles}).
     */
    String answer(Element element, boolean authenticated) {
        return switch (element.name()) {
            case "enable" -> enable(authenticated);
            case "r" -> enabled ? "<a xmlns='" + OutgoingAcks.NAMESPACE + "' h='" + handled + "'/>" : null;
            default -> null;
        };
    }

    static boolean handles(Element element) {
        return OutgoingAcks.NAMESPACE.equals(element.namespace())
                && ("enable".equals(element.name()) || "r".equals(element.name()) || "a".equals(element.name()));
    }

    private String enable(boolean authenticated) {
        if (enabled || !authenticated) {
            return FAILED;
        }
        enabled = true;
        return ENABLED;
    }

    /** A stanza of the peer's passed the stream's checks and is being handled. */
    void handled() {
        if (enabled) {
            handled = (handled + 1) % WRAP;
        }
    }

}
