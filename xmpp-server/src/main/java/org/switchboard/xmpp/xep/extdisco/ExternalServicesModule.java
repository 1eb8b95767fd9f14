package org.switchboard.xmpp.xep.extdisco;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.switchboard.common.turn.TurnCredentials.TurnCredential;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * XEP-0215 on the server's JID, for its own accounts only (section 3.2 lets a server restrict who may ask):
 * {@code <services/>} lists stun, turn and turns, the TURN ones with a fresh credential for the asking
 * account (sections 3.1 and 7, as Conversations and Dino expect them inline); {@code <credentials/>} answers
 * for one of them (section 3.3). A {@code type} filter narrows either.
 */
public final class ExternalServicesModule implements XmppModule {

    public static final String NAMESPACE = "urn:xmpp:extdisco:2";

    private final Supplier<TurnServices> turn;
    private final Clock clock;

    /** @param turn read per request, so ports bound after the XMPP server started are seen */
    public ExternalServicesModule(Supplier<TurnServices> turn, Clock clock) {
        this.turn = turn;
        this.clock = clock;
    }

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        if (!context.addressedToServer(iq)) {
            return Mono.just(Result.pass());
        }
        if (!"get".equals(iq.type())) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        Jid asker = context.sessionJid().orElse(null);
        if (asker == null || asker.localpart() == null || !asker.domain().equals(context.serverJid().domain())) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        Element query = iq.iqChild();
        boolean credentialsQuery = query.name().equals("credentials");
        if (!credentialsQuery && !query.name().equals("services")) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        Element wanted = credentialsQuery ? query.child("service", NAMESPACE).orElse(null) : query;
        if (credentialsQuery && wanted == null) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        List<Element> services = matching(services(asker.localpart()), wanted, credentialsQuery);
        if (credentialsQuery && services.isEmpty()) {
            return Mono.just(Result.error(StanzaError.ITEM_NOT_FOUND));
        }
        ElementBuilder answer = Element.builder(query.name(), NAMESPACE);
        services.forEach(answer::child);
        return Mono.just(Result.reply(iq.iqResult(answer.build())));
    }

    private List<Element> services(String user) {
        TurnServices at = turn.get();
        Instant now = clock.instant();
        TurnCredential credential = at.credentials().mint(user, at.ttl(), now);
        String expires = DateTimeFormatter.ISO_INSTANT.format(now.plus(at.ttl()).truncatedTo(ChronoUnit.SECONDS));
        List<Element> services = new ArrayList<>();
        services.add(service("stun", at.host(), at.port(), "udp", null, null));
        services.add(service("turn", at.host(), at.port(), "udp", credential, expires));
        services.add(service("turn", at.host(), at.port(), "tcp", credential, expires));
        services.add(service("turns", at.host(), at.tlsPort(), "tcp", credential, expires));
        return services;
    }

    private static Element service(String type, String host, int port, String transport, TurnCredential credential, String expires) {
        ElementBuilder service = Element.builder("service", NAMESPACE)
                .attribute("type", type)
                .attribute("host", host)
                .attribute("port", Integer.toString(port))
                .attribute("transport", transport);
        if (credential != null) {
            service.attribute("username", credential.username())
                    .attribute("password", credential.password())
                    .attribute("expires", expires)
                    .attribute("restricted", "1");
        }
        return service.build();
    }

    /** Services whose type, and for a credentials request also host and port when given, match. */
    private static List<Element> matching(List<Element> all, Element wanted, boolean credentialsQuery) {
        String type = wanted.attribute("type");
        String host = credentialsQuery ? wanted.attribute("host") : null;
        String port = credentialsQuery ? wanted.attribute("port") : null;
        return all.stream()
                .filter(s -> type == null || type.equals(s.attribute("type")))
                .filter(s -> host == null || host.equals(s.attribute("host")))
                .filter(s -> port == null || port.equals(s.attribute("port")))
                .filter(s -> !credentialsQuery || s.attribute("username") != null)
                .toList();
    }
}
