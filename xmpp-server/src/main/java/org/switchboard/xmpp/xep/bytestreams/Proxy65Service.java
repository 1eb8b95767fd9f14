package org.switchboard.xmpp.xep.bytestreams;

import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import reactor.core.publisher.Mono;

/**
 * The SOCKS5 bytestream proxy {@code proxy.<domain>} (XEP-0065): its XMPP side (disco, the streamhost query, the
 * activation) and its SOCKS5 port ({@link #bind}). Only the server's own accounts may use it: anyone else asking
 * gets {@code forbidden} (section 4), so the proxy relays for no one else's users.
 */
public final class Proxy65Service implements InternalComponent {

    public static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";

    private static final Logger log = LoggerFactory.getLogger(Proxy65Service.class);

    private final String domain;
    private final String serverDomain;
    private final Proxy65Settings settings;
    private final StreamPairs pairs;
    private volatile Proxy65Listener listener;
    private volatile ModuleContext server;

    public Proxy65Service(String serverDomain, Proxy65Settings settings) {
        this.domain = Proxy65Settings.serviceDomain(serverDomain);
        this.serverDomain = serverDomain;
        this.settings = settings;
        this.pairs = new StreamPairs(settings.maxStreams());
    }

    @Override
    public String domain() {
        return domain;
    }

    /** Opens the SOCKS5 port on the server's event loops (before {@link #start}). */
    public void bind(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        listener = Proxy65Listener.bind(boss, workers, settings, pairs);
    }

    /** The bound SOCKS5 port. */
    public int port() {
        return listener.port();
    }

    /** Lists the proxy in the server's disco#items, where XEP-0065 section 4 has initiators look for it. */
    @Override
    public List<XmppModule> modules() {
        return List.of(XmppModule.listedInDiscoItems(domain));
    }

    @Override
    public void start(ModuleContext context) {
        if (listener == null) {
            throw new IllegalStateException("the SOCKS5 proxy starts after its port is bound");
        }
        server = context;
        log.info("SOCKS5 bytestream proxy {} on {}:{}, advertised as {} (at most {} streams, {} bytes/s each)", domain,
                settings.bindAddress(), port(), settings.advertisedHost(serverDomain), settings.maxStreams(),
                settings.bytesPerSecond() == 0 ? "unlimited" : settings.bytesPerSecond());
    }

    @Override
    public void stop() {
        Proxy65Listener bound = listener;
        if (bound != null) {
            bound.close();
        }
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        if (!stanza.isIqRequest()) {
            return Mono.empty();
        }
        return server.router().route(answer(stanza));
    }

    private Stanza answer(Stanza iq) {
        Element payload = iq.iqChild();
        String namespace = payload == null ? "" : payload.namespace();
        boolean get = "get".equals(iq.type());
        if (!iq.to().isDomain()) {
            return iq.errorReply(StanzaError.SERVICE_UNAVAILABLE);
        }
        if (get && DiscoModule.INFO.equals(namespace) && payload.attribute("node") == null) {
            return iq.iqResult(DiscoModule.info(Set.of(new Identity("proxy", "bytestreams", "SOCKS5 Bytestreams Service")),
                    Set.of(DiscoModule.INFO, DiscoModule.ITEMS, NAMESPACE)));
        }
        if (get && DiscoModule.ITEMS.equals(namespace)) {
            return iq.iqResult(Element.of("query", DiscoModule.ITEMS));
        }
        if (payload == null || !payload.is("query", NAMESPACE)) {
            return iq.errorReply(StanzaError.SERVICE_UNAVAILABLE);
        }
        Jid from = iq.from();
        if (from == null || from.localpart() == null || !serverDomain.equals(from.domain())) {
            return iq.errorReply(StanzaError.FORBIDDEN, "this proxy serves the accounts of " + serverDomain + " only");
        }
        return get ? iq.iqResult(streamHost()) : activate(iq, payload);
    }

    /** Section 4: the proxy's network address. */
    private Element streamHost() {
        return Element.builder("query", NAMESPACE)
                .child(Element.builder("streamhost", NAMESPACE)
                        .attribute("jid", domain)
                        .attribute("host", settings.advertisedHost(serverDomain))
                        .attribute("port", Integer.toString(port()))
                        .build())
                .build();
    }

    /** Section 6.3.5: the initiator (the IQ's sender, a full JID) names the target; their hash must name a stream. */
    private Stanza activate(Stanza iq, Element query) {
        String sid = query.attribute("sid");
        String target = query.childText("activate", NAMESPACE);
        if (sid == null || sid.isEmpty() || target == null || target.isBlank()) {
            return iq.errorReply(StanzaError.BAD_REQUEST, "an activation needs a sid and an <activate/> with the target's JID");
        }
        Jid targetJid = Jid.parseOrNull(target.trim());
        if (targetJid == null) {
            return iq.errorReply(StanzaError.BAD_REQUEST, "the target in <activate/> is not a JID");
        }
        StreamHash hash = StreamHash.of(sid, iq.from(), targetJid);
        return switch (pairs.activate(hash)) {
            case ACTIVATED -> iq.iqResult();
            case UNKNOWN -> iq.errorReply(StanzaError.ITEM_NOT_FOUND,
                    "no stream of yours with that sid and target is connected to the proxy");
            case ONE_PARTY -> iq.errorReply(StanzaError.NOT_ALLOWED, "only one party is connected to the proxy");
            case ALREADY_ACTIVE -> iq.errorReply(StanzaError.NOT_ALLOWED, "the stream is already active");
        };
    }
}
