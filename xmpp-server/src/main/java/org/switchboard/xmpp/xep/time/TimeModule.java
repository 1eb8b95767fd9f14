package org.switchboard.xmpp.xep.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/** Entity time (XEP-0202) of the server, in UTC, as clients use it to correct their clocks. */
public final class TimeModule implements XmppModule {

    public static final String NAMESPACE = "urn:xmpp:time";

    private final Clock clock;

    public TimeModule() {
        this(Clock.systemUTC());
    }

    public TimeModule(Clock clock) {
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
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
        }
        if (!"get".equals(iq.type()) || !iq.iqChild().is("time", NAMESPACE)) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Element time = Element.builder("time", NAMESPACE)
                .textChild("tzo", "+00:00")
                .textChild("utc", now.toString())
                .build();
        return Mono.just(Result.reply(iq.iqResult(time)));
    }
}
