package org.switchboard.xmpp.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.routing.LocalRouter;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.stream.StreamHeaders;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.StreamEvent;

/**
 * An external component's stream (XEP-0114): the component names its domain in the header, proves the
 * shared secret with {@code <handshake>hex(SHA-1(streamId + secret))</handshake>}, and from then on sends
 * and receives stanzas for that domain.
 */
public final class ComponentStream extends XmppStream {

    private static final Logger log = LoggerFactory.getLogger(ComponentStream.class);

    private final ComponentRegistry components;
    private final LocalRouter router;
    private final String serverDomain;
    private final Consumer<Stanza> delivery = this::deliver;
    private String domain;
    private String streamId;
    private boolean authenticated;

    public ComponentStream(StreamTransport transport, ComponentRegistry components, LocalRouter router, String serverDomain) {
        super(transport);
        this.components = components;
        this.router = router;
        this.serverDomain = serverDomain;
    }

    @Override
    protected String contentNamespace() {
        return Namespaces.COMPONENT_ACCEPT;
    }

    @Override
    protected String serverDomain() {
        return domain != null ? domain : serverDomain;
    }

    @Override
    protected void onOpen(StreamEvent.Open open) {
        if (!Namespaces.COMPONENT_ACCEPT.equals(open.contentNamespace())) {
            fail(StreamError.INVALID_NAMESPACE, "this port serves " + Namespaces.COMPONENT_ACCEPT + " streams");
            return;
        }
        Jid to = Jid.parseOrNull(open.attribute("to"));
        if (to == null || !to.isDomain() || !components.isComponentDomain(to.domain())) {
            fail(StreamError.HOST_UNKNOWN, "no component is configured for that domain");
            return;
        }
        domain = to.domain();
        streamId = StreamHeaders.newId();
        sendHeader(streamId, null);
    }

    @Override
    protected void onElement(Element element) {
        if (!authenticated) {
            handshake(element);
            return;
        }
        Element converted = toClientNamespace(element);
        if (!Stanza.isStanza(converted)) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown top-level element " + element.name());
            return;
        }
        Stanza stanza = new Stanza(converted);
        Jid from = Jid.parseOrNull(converted.attribute("from"));
        if (from == null || !(from.domain().equals(domain) || from.domain().endsWith("." + domain))) {
            fail(StreamError.INVALID_FROM, "stanzas must come from " + domain);
            return;
        }
        if (converted.attribute("to") == null) {
            fail(StreamError.IMPROPER_ADDRESSING, "stanzas need a 'to' address");
            return;
        }
        await(router.route(stanza));
    }

    private void handshake(Element element) {
        if (!element.is("handshake", Namespaces.COMPONENT_ACCEPT)) {
            fail(StreamError.NOT_AUTHORIZED, "handshake first");
            return;
        }
        String secret = components.secret(domain).orElseThrow();
        byte[] expected = HexFormat.of().formatHex(sha1(streamId + secret)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = element.text().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            log.warn("Component handshake for {} from {} failed", domain, transport.remoteAddress());
            fail(StreamError.NOT_AUTHORIZED, "wrong handshake");
            return;
        }
        if (!components.attach(domain, delivery)) {
            fail(StreamError.CONFLICT, domain + " is already connected");
            return;
        }
        authenticated = true;
        transport.send("<handshake/>");
        log.info("Component {} connected from {}", domain, transport.remoteAddress());
    }

    private void deliver(Stanza stanza) {
        // written in jabber:client without a declaration, which the stream's default namespace makes jabber:component:accept
        transport.send(XmlWriter.toXml(stanza.element(), Namespaces.CLIENT));
    }

    @Override
    protected void onTerminated() {
        if (authenticated) {
            components.detach(domain, delivery);
            log.info("Component {} disconnected", domain);
        }
    }

    /** The server speaks jabber:client inside; a component's stanzas arrive in jabber:component:accept. */
    static Element toClientNamespace(Element element) {
        if (!element.namespace().equals(Namespaces.COMPONENT_ACCEPT)) {
            return element;
        }
        java.util.List<Node> children = new java.util.ArrayList<>();
        for (Node child : element.children()) {
            children.add(child instanceof Element e ? toClientNamespace(e) : child);
        }
        return element.withNamespace(Namespaces.CLIENT).withChildren(children);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JVM", e);
        }
    }
}
