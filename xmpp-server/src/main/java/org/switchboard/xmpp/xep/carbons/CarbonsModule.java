package org.switchboard.xmpp.xep.carbons;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.im.message.MessageListener;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.carbons.CarbonCopy.Direction;
import reactor.core.publisher.Mono;

/**
 * Message Carbons (XEP-0280): a session enables or disables copies for itself; messages its account sends
 * from another resource are copied to it as {@code <sent/>} (at {@link Flow#OUTBOUND}), and messages the
 * account receives on other resources as {@code <received/>} (told by the message module, which knows which
 * sessions got the original). Copies go straight to the session, like any delivery (ADR 0010), so they are
 * never seen by the modules as new messages and never copied again.
 *
 * <p>Messages between resources of one account are not copied: the user is talking to themselves, and
 * every resource that should see such a message is addressed by it (a copy would be a duplicate).
 */
public final class CarbonsModule implements XmppModule, MessageListener {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    /** The copying rules this module follows (XEP-0280 section 6). */
    public static final String RULES = "urn:xmpp:carbons:rules:0";

    /** Full JIDs of the sessions with carbons on; the state lives as long as the session (section 4). */
    private final Set<Jid> enabled = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE, RULES);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        // the XEP's examples have no 'to'; a client that addresses the server or its account means the same
        Jid session = context.addressedToServer(iq) ? context.sessionJid().orElse(null) : context.ownAccountSession(iq).orElse(null);
        Element request = iq.iqChild();
        if (session == null) {
            // section 4.1: not-allowed for anyone but the account's own sessions
            return Mono.just(Result.error(StanzaError.NOT_ALLOWED));
        }
        if (!"set".equals(iq.type()) || !(request.name().equals("enable") || request.name().equals("disable"))) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        // repeated enables or disables are not errors (section 10.1)
        if (request.name().equals("enable")) {
            enabled.add(session);
        } else {
            enabled.remove(session);
        }
        return Mono.just(Result.reply(iq.iqResult()));
    }

    /** Whether the session of this full JID has carbons on. */
    public boolean isEnabled(Jid session) {
        return enabled.contains(session);
    }

    @Override
    public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
        if (flow != Flow.OUTBOUND || enabled.isEmpty()) {
            return Mono.just(Result.pass());
        }
        Jid from = message.from();
        Jid to = message.to();
        if (from == null || to == null || to.bare().equals(from.bare()) || !CarbonRules.copiedWhenSent(message)) {
            return Mono.just(Result.pass());
        }
        // section 8: every other carbons-enabled resource, whether or not the sender has carbons on
        for (ClientSession session : context.sessions().sessions(from.bare())) {
            if (!session.jid().equals(from) && enabled.contains(session.jid())) {
                session.deliver(CarbonCopy.of(Direction.SENT, message, session.jid()));
            }
        }
        return Mono.just(Result.pass());
    }

    @Override
    public void delivered(Stanza message, List<ClientSession> recipients, ModuleContext context) {
        Jid to = message.to();
        Jid from = message.from();
        if (enabled.isEmpty() || to == null || (from != null && from.bare().equals(to.bare()))
                || !CarbonRules.copiedWhenReceived(message)) {
            return;
        }
        // section 7: each carbons-enabled resource that did not get the original under RFC 6121's rules
        for (ClientSession session : context.sessions().sessions(to.bare())) {
            if (enabled.contains(session.jid()) && !recipients.contains(session)) {
                session.deliver(CarbonCopy.of(Direction.RECEIVED, message, session.jid()));
            }
        }
    }

    @Override
    public Mono<Void> sessionStarted(ModuleContext context) {
        // a new session that took over a resource starts with carbons off, whatever the one it replaced had
        context.sessionJid().ifPresent(enabled::remove);
        return Mono.empty();
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        context.sessionJid().ifPresent(enabled::remove);
        return Mono.empty();
    }
}
