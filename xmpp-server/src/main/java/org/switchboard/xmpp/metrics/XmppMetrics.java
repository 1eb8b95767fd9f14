package org.switchboard.xmpp.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.Supplier;
import org.switchboard.xmpp.stanza.Stanza;

/** The XMPP server's meters, registered once; the hot paths only call {@code increment}. */
public final class XmppMetrics {

    private final Counter authenticated;
    private final Counter authFailed;
    private final Counter[] received = new Counter[Stanza.Kind.values().length];
    private final Counter heldBack;
    private final MeterRegistry registry;

    /**
     * @param connections open connections, client and component, authenticated or not
     * @param sessions    client sessions with a bound resource
     */
    public XmppMetrics(MeterRegistry registry, Supplier<Number> connections, Supplier<Number> sessions) {
        Gauge.builder("switchboard.xmpp.connections", connections)
                .description("open client and component connections").register(registry);
        Gauge.builder("switchboard.xmpp.sessions", sessions)
                .description("client sessions with a bound resource").register(registry);
        this.registry = registry;
        this.authenticated = auth(registry, "success");
        this.authFailed = auth(registry, "failure");
        this.heldBack = Counter.builder("switchboard.xmpp.input.held")
                .description("times a client or peer server connection went over its input rate and was read more slowly").register(registry);
        for (Stanza.Kind kind : Stanza.Kind.values()) {
            received[kind.ordinal()] = Counter.builder("switchboard.xmpp.stanzas.received")
                    .description("stanzas received from clients with a bound resource")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    private static Counter auth(MeterRegistry registry, String outcome) {
        return Counter.builder("switchboard.xmpp.auth").description("SASL authentications on client streams")
                .tag("outcome", outcome).register(registry);
    }

    public void authenticated() {
        authenticated.increment();
    }

    /** A SASL failure of any kind: a wrong password, a locked account, a malformed exchange, an abort. */
    public void authFailed() {
        authFailed.increment();
    }

    /** A client connection ended before authentication: {@code PER_ADDRESS}, {@code TOTAL} or {@code NEGOTIATION_TIMEOUT}. */
    public void refused(String reason) {
        Counter.builder("switchboard.xmpp.connections.refused")
                .description("client connections refused or cut before authentication, by reason")
                .tag("reason", reason.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void heldBack() {
        heldBack.increment();
    }

    public void received(Stanza stanza) {
        received[stanza.kind().ordinal()].increment();
    }
}
