package org.switchboard.xmpp.xep.push;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.im.message.MessageListener;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Push Notifications (XEP-0357), the user's server side. A client enables an app server (its push service
 * JID and node) for its account; when a message worth it ({@link PushNotification#worthNotifying}) reaches
 * the account while no client attends it ({@link #unattended}), the server publishes a summary to every
 * enabled app server, one per offline burst ({@link PushBursts}). The publish is sent after the message is
 * committed and off the sender's path: the sender's stanza never waits for it.
 *
 * <p>Messages in rooms reach it from the group chat service ({@link #roomMessage}) for members away from the room.
 *
 * <p>App servers are reached only where this server can route: its components (XEP-0114 and built-in), and with
 * federation on, other servers' domains over s2s. Without federation, an app server elsewhere is refused when it is
 * enabled, with {@code remote-server-not-found}, so the client knows at once rather than never getting a push.
 */
public final class PushModule implements XmppModule, MessageListener {

    public static final String NAMESPACE = "urn:xmpp:push:0";
    static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";
    /** Each registration costs a publish per notification; a person has a handful of devices. */
    static final int MAX_PER_ACCOUNT = 20;
    /** Gathers what arrives together (a backlog, several lines typed quickly) into one notification. */
    public static final Duration DEFAULT_HOLD_OFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RENOTIFY_AFTER = Duration.ofMinutes(2);
    /** An answer later than this is not waited for; the registration stays. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(1);
    private static final int MAX_PART_LENGTH = 1023;

    private static final Logger log = LoggerFactory.getLogger(PushModule.class);

    private final Predicate<String> routableDomain;
    private final Duration holdOff;
    private final PushBursts bursts;
    /** Publishes sent and not yet answered: IQ id to the account and registration it was for. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Jid account, PushRegistration registration) {
    }

    /** @param routableDomain whether the server can deliver to a domain (its components; with federation, others too) */
    public PushModule(Predicate<String> routableDomain) {
        this(routableDomain, DEFAULT_HOLD_OFF, DEFAULT_RENOTIFY_AFTER, Clock.systemUTC());
    }

    public PushModule(Predicate<String> routableDomain, Duration holdOff, Duration renotifyAfter, Clock clock) {
        this.routableDomain = routableDomain;
        this.holdOff = holdOff;
        this.bursts = new PushBursts(renotifyAfter, clock);
    }

    @Override
    public Set<String> accountFeatures() {
        // section 4.1: discovered on the account's bare JID
        return Set.of(NAMESPACE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid session = context.ownAccountSession(iq).orElse(null);
        if (session == null) {
            return Mono.just(Result.error(StanzaError.NOT_ALLOWED, "push is enabled by the account's own clients"));
        }
        Element request = iq.iqChild();
        Jid service = Jid.parseOrNull(request.attribute("jid"));
        String node = request.attribute("node");
        if (!"set".equals(iq.type()) || service == null || (node != null && node.length() > MAX_PART_LENGTH)) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, "an enable or disable set with a valid 'jid'"));
        }
        PushStore store = store(context);
        Jid account = session.bare();
        return switch (request.name()) {
            case "enable" -> enable(iq, account, new PushRegistration(service, node == null ? "" : node, publishOptions(request)), store);
            case "disable" -> store.disable(account, service, node).thenReturn(Result.reply(iq.iqResult()));
            default -> Mono.just(Result.error(StanzaError.BAD_REQUEST));
        };
    }

    private Mono<Result> enable(Stanza iq, Jid account, PushRegistration registration, PushStore store) {
        if (!routableDomain.test(registration.service().domain())) {
            return Mono.just(Result.error(StanzaError.REMOTE_SERVER_NOT_FOUND, "this server reaches app servers only among"
                    + " its components; " + registration.service().domain() + " is not one (federation is off)"));
        }
        return store.enable(account, registration).map(added -> added ? Result.reply(iq.iqResult())
                : Result.error(StanzaError.RESOURCE_CONSTRAINT, "at most " + MAX_PER_ACCOUNT + " push registrations per account"));
    }

    /** The enable's {@code pubsub#publish-options} form (section 5), to be sent with every publish; other forms are ignored. */
    private static Element publishOptions(Element enable) {
        for (Element child : enable.elements()) {
            if (child.is("x", DataForm.NAMESPACE)
                    && DataForm.submittedValues(child).getOrDefault("FORM_TYPE", List.of()).contains(PUBLISH_OPTIONS)) {
                return child.withAttribute("type", "submit");
            }
        }
        return null;
    }

    /**
     * Whether no client attends the account, so only a push can tell the person about a message: none of its
     * sessions has sent available presence (a session that has not, or has gone unavailable, shows nothing)
     * while still connected. A detached session (XEP-0198), whose client is gone while the server keeps it
     * for resumption, attends nothing either.
     */
    public static boolean unattended(List<ClientSession> sessions) {
        for (ClientSession session : sessions) {
            // a detached session (XEP-0198, waiting for its client to resume) is a phone asleep: nobody reads it
            if (session.presence().available() && !session.isDetached()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void delivered(Stanza message, List<ClientSession> recipients, ModuleContext context) {
        // delivered to sessions nobody attends (detached, once stream management keeps them): notify as for a stored one;
        // none (stored offline next) is told by storedOffline, after the commit
        if (!recipients.isEmpty()) {
            consider(message, context);
        }
    }

    @Override
    public void storedOffline(Stanza message, ModuleContext context) {
        consider(message, context);
    }

    private void consider(Stanza message, ModuleContext context) {
        Jid account = message.to().bare();
        if (!PushNotification.worthNotifying(message) || !unattended(context.sessions().sessions(account))) {
            return;
        }
        count(account, message.from() == null ? context.serverJid() : message.from(), context);
    }

    /**
     * A message in a room that {@code account} belongs to while it is away from the room (no client of it attends
     * the room: the group chat service decides that, {@code AwayMembers}): counted into the account's burst like a
     * direct message and notified the same way, with the sender's room JID ({@code room/nick}) as the last sender.
     * The room's text never reaches this method, so it cannot reach a push.
     */
    public void roomMessage(Jid account, Jid occupantJid, ModuleContext context) {
        count(account.bare(), occupantJid, context);
    }

    private void count(Jid account, Jid sender, ModuleContext context) {
        if (bursts.message(account, sender)) {
            // fire and forget: the sender's stanza is already handled, nothing of this runs on its path
            Mono.delay(holdOff).then(Mono.defer(() -> notify(account, context)))
                    .onErrorResume(e -> {
                        log.warn("Push notification for {} failed: {}", account, e.toString());
                        return Mono.empty();
                    })
                    .subscribe();
        }
    }

    private Mono<Void> notify(Jid account, ModuleContext context) {
        return store(context).registrations(account).collectList().flatMap(registrations -> {
            PushBursts.Summary summary = registrations.isEmpty() ? null : bursts.due(account);
            if (summary == null) {
                bursts.forget(account);
                return Mono.empty();
            }
            return Flux.fromIterable(registrations)
                    .concatMap(registration -> publish(account, registration, summary, context))
                    .then();
        });
    }

    private Mono<Void> publish(Jid account, PushRegistration registration, PushBursts.Summary summary, ModuleContext context) {
        String id = "push-" + UUID.randomUUID();
        pending.put(id, new Pending(account, registration));
        Mono.delay(ANSWER_TIMEOUT).subscribe(tick -> pending.remove(id));
        return context.router().route(PushNotification.publish(id, context.serverJid(), registration, summary.messageCount(),
                summary.lastSender()));
    }

    /** Section 7.1: an app server that refuses a publish for good has its registration disabled. */
    @Override
    public Mono<Result> handleIqResponse(Stanza response, ModuleContext context) {
        Pending sent = response.id() == null ? null : pending.get(response.id());
        if (sent == null || response.from() == null || !response.from().equals(sent.registration().service())) {
            return Mono.just(Result.pass());
        }
        pending.remove(response.id());
        if (!response.isError() || !PublishErrors.disables(response)) {
            return Mono.just(Result.handled());
        }
        log.info("Push registration of {} at {} node '{}' disabled: the app server answered {}", sent.account(),
                sent.registration().service(), sent.registration().node(), PublishErrors.condition(response));
        return store(context).disable(sent.account(), sent.registration().service(), sent.registration().node())
                .thenReturn(Result.handled());
    }

    @Override
    public Mono<Void> sessionStarted(ModuleContext context) {
        context.sessionJid().ifPresent(session -> bursts.attended(session.bare()));
        return Mono.empty();
    }

    private static PushStore store(ModuleContext context) {
        return new PushStore(context.database(), MAX_PER_ACCOUNT);
    }
}
