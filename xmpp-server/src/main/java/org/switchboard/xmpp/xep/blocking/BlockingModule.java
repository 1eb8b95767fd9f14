package org.switchboard.xmpp.xep.blocking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blocking command (XEP-0191): the blocklist (get, block, unblock, unblock all, pushes) and its effect on
 * messages and presence. Registered before the IM modules, so blocked stanzas never reach them.
 */
public final class BlockingModule implements XmppModule {

    public static final String NAMESPACE = "urn:xmpp:blocking";
    public static final String ERRORS = "urn:xmpp:blocking:errors";

    private final Blocklists blocklists = new Blocklists();
    private final Set<Jid> interested = ConcurrentHashMap.newKeySet();

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
        Jid session = context.ownAccountSession(iq).orElse(null);
        if (session == null) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        Element request = iq.iqChild();
        if ("get".equals(iq.type()) && request.is("blocklist", NAMESPACE)) {
            interested.add(session);
            return blocklists.of(session, context.database()).map(blocked -> Result.reply(iq.iqResult(
                    withItems(Element.builder("blocklist", NAMESPACE), blocked.stream().sorted().toList()).build())));
        }
        boolean block = request.is("block", NAMESPACE);
        if (!"set".equals(iq.type()) || !(block || request.is("unblock", NAMESPACE))) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        List<String> jids = new ArrayList<>();
        for (Element item : request.elements()) {
            Jid jid = item.is("item", NAMESPACE) ? Jid.parseOrNull(item.attribute("jid")) : null;
            if (jid == null) {
                return Mono.just(Result.error(StanzaError.JID_MALFORMED));
            }
            jids.add(jid.toString());
        }
        if (block && jids.isEmpty()) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, "block needs at least one item"));
        }
        Mono<Void> change = block ? blocklists.add(session, jids, context.database()).then(hidePresence(session, jids, context))
                : jids.isEmpty() ? blocklists.removeAll(session, context.database())
                : blocklists.remove(session, jids, context.database());
        return change.then(push(session, request.name(), jids, context)).thenReturn(Result.reply(iq.iqResult()));
    }

    @Override
    public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
        return enforce(message, flow, context);
    }

    @Override
    public Mono<Result> handlePresence(Stanza presence, Flow flow, ModuleContext context) {
        return enforce(presence, flow, context);
    }

    /** Section 3.5 and 3.6 cover every stanza: IQs between the user and a blocked contact stop too. */
    @Override
    public Mono<Result> handleRoutedIq(Stanza iq, Flow flow, ModuleContext context) {
        return enforce(iq, flow, context);
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        context.sessionJid().ifPresent(interested::remove);
        return Mono.empty();
    }

    private Mono<Result> enforce(Stanza stanza, Flow flow, ModuleContext context) {
        Jid to = stanza.to();
        Jid from = stanza.from();
        if (flow == Flow.OUTBOUND && to != null && context.sessionJid().isPresent()) {
            // section 3.6: the user's own stanzas to someone they blocked are not routed
            Jid session = context.sessionJid().get();
            Boolean known = blocklists.blocksIfKnown(session, to);
            if (known != null) {
                return Mono.just(outbound(known, stanza, session, context));
            }
            return blocklists.blocks(session, to, context.database()).map(blocked -> outbound(blocked, stanza, session, context));
        }
        if (flow == Flow.INBOUND && to != null && from != null) {
            boolean checkSender = from.domain().equals(context.serverJid().domain()) && !stanza.isError();
            Boolean recipientKnown = blocklists.blocksIfKnown(to, from);
            Boolean senderKnown = checkSender ? blocklists.blocksIfKnown(from, to) : Boolean.FALSE;
            if (recipientKnown != null && senderKnown != null) {
                // both lists in memory (the usual case): the same decision as below, without operators
                return Mono.just(recipientKnown ? refusal(stanza) : senderKnown ? Result.handled() : Result.pass());
            }
            Mono<Boolean> recipientBlocks = blocklists.blocks(to, from, context.database());
            // presence broadcasts and other stanzas modules send on a user's behalf skip OUTBOUND: check the sender's list
            // too, except for errors, which the server bounces on the user's behalf (the refusals of section 3.5 included)
            Mono<Boolean> senderBlocks = checkSender ? blocklists.blocks(from, to, context.database()) : Mono.just(false);
            return recipientBlocks.flatMap(blocked -> {
                if (blocked) {
                    return Mono.just(refusal(stanza));
                }
                return senderBlocks.map(senderBlocked -> senderBlocked ? Result.handled() : Result.pass());
            });
        }
        return Mono.just(Result.pass());
    }

    private static Result outbound(boolean blocked, Stanza stanza, Jid session, ModuleContext context) {
        if (blocked && answerable(stanza)) {
            // handed to the session directly: routed, it would come from the blocked JID and be dropped
            context.sessions().session(session).ifPresent(own -> own.deliver(blockedError(stanza)));
        }
        return blocked ? Result.handled() : Result.pass();
    }

    /**
     * Section 3.5: messages and IQ requests are refused as if the account did not exist; presence, IQ
     * results and errors are dropped.
     */
    private static Result refusal(Stanza stanza) {
        return answerable(stanza) ? Result.error(StanzaError.SERVICE_UNAVAILABLE) : Result.handled();
    }

    /** Stanzas whose sender is told, rather than left guessing: messages and IQ requests, not errors. */
    private static boolean answerable(Stanza stanza) {
        return (stanza.isMessage() && !stanza.isError()) || stanza.isIqRequest();
    }

    /** {@code <not-acceptable/>} with {@code <blocked xmlns='urn:xmpp:blocking:errors'/>} (section 3.6). */
    private static Stanza blockedError(Stanza stanza) {
        Stanza reply = stanza.errorReply(StanzaError.NOT_ACCEPTABLE);
        Element error = reply.element().child("error", Namespaces.CLIENT).orElseThrow();
        Element withCondition = error.toBuilder().child(Element.of("blocked", ERRORS)).build();
        List<Element> children = new ArrayList<>(reply.element().elements());
        children.replaceAll(child -> child == error ? withCondition : child);
        return new Stanza(reply.element().withChildren(children));
    }

    /** Blocked contacts stop seeing the user as available (section 3.3). */
    private static Mono<Void> hidePresence(Jid session, List<String> jids, ModuleContext context) {
        List<Stanza> unavailable = new ArrayList<>();
        for (ClientSession own : context.sessions().sessions(session.bare())) {
            if (own.presence().available()) {
                jids.forEach(jid -> unavailable.add(new Stanza(Element.builder("presence", Namespaces.CLIENT)
                        .attribute("type", "unavailable").attribute("from", own.jid().toString()).attribute("to", jid).build())));
            }
        }
        return Flux.fromIterable(unavailable).concatMap(context.router()::route).then();
    }

    private Mono<Void> push(Jid session, String kind, List<String> jids, ModuleContext context) {
        Element payload = withItems(Element.builder(kind, NAMESPACE), jids).build();
        return Flux.fromIterable(context.sessions().sessions(session.bare()))
                .filter(own -> interested.contains(own.jid()))
                .concatMap(own -> context.router().route(
                        Stanza.iq("set", "block-" + UUID.randomUUID(), session.bare(), own.jid(), payload)))
                .then();
    }

    private static ElementBuilder withItems(ElementBuilder builder, List<String> jids) {
        for (String jid : new LinkedHashSet<>(jids)) {
            builder.child(Element.builder("item", NAMESPACE).attribute("jid", jid).build());
        }
        return builder;
    }
}
