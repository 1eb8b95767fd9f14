package org.switchboard.xmpp.websocket;

/** The framing namespace and elements of RFC 7395 section 3.3.1. */
final class Framing {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String OPEN = "open";
    static final String CLOSE = "close";
    static final String CLOSE_ELEMENT = "<close xmlns='" + NAMESPACE + "'/>";

    private Framing() {
    }
}
