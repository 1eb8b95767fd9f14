package org.switchboard.xmpp.stanza;

/** Namespaces of the core protocol (RFC 6120); each XEP package keeps its own. */
public final class Namespaces {

    public static final String CLIENT = "jabber:client";
    public static final String SERVER = "jabber:server";
    public static final String COMPONENT_ACCEPT = "jabber:component:accept";
    public static final String STREAM = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** Stream feature: roster versioning (XEP-0237 section 2). */
    public static final String ROSTER_VERSIONING = "urn:xmpp:features:rosterver";
    /** Stream feature: subscription pre-approval (RFC 6121 section 3.4). */
    public static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    private Namespaces() {
    }
}
