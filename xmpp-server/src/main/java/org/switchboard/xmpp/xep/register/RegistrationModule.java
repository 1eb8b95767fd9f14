package org.switchboard.xmpp.xep.register;

import java.util.Set;
import org.switchboard.common.password.PasswordPolicy;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import reactor.core.publisher.Mono;

/**
 * In-band registration (XEP-0077) for signed-in users: the registration state, password change (section
 * 3.3) and cancelling the account (section 3.2). Creating accounts happens before authentication, through
 * {@link InBandRegistration}, and only when registration is open; the server is advertised as offering
 * registration only then.
 */
public final class RegistrationModule implements XmppModule {

    public static final String NAMESPACE = "jabber:iq:register";

    private final boolean registrationOpen;

    public RegistrationModule(boolean registrationOpen) {
        this.registrationOpen = registrationOpen;
    }

    @Override
    public Set<String> features() {
        return registrationOpen ? Set.of(NAMESPACE) : Set.of();
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid session = context.sessionJid().orElse(null);
        if (session == null || !context.addressedToServer(iq)) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        Element query = iq.iqChild();
        if ("get".equals(iq.type())) {
            return Mono.just(Result.reply(iq.iqResult(Element.builder("query", NAMESPACE)
                    .child(Element.of("registered", NAMESPACE))
                    .textChild("username", session.localpart())
                    .child(Element.of("password", NAMESPACE))
                    .build())));
        }
        if (query.child("remove", NAMESPACE).isPresent()) {
            return cancel(iq, session, context);
        }
        String username = query.childText("username", NAMESPACE);
        String password = query.childText("password", NAMESPACE);
        if (username == null || !username.equalsIgnoreCase(session.localpart()) || password == null) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, "a password change names the account and the new password"));
        }
        try {
            PasswordPolicy.check(password);
        } catch (IllegalArgumentException weak) {
            return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, weak.getMessage()));
        }
        return context.accounts().changePassword(session.localpart(), password)
                .map(account -> Result.reply(iq.iqResult()))
                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }

    /**
     * Section 3.2: the account is deleted, the result goes to the requesting session, and every session of
     * the account ends. Admins cancel through the REST API, which keeps the last admin from going.
     */
    private static Mono<Result> cancel(Stanza iq, Jid session, ModuleContext context) {
        return context.accounts().find(session.localpart()).flatMap(account -> {
            if (account.isAdmin()) {
                return Mono.just(Result.error(StanzaError.NOT_ALLOWED, "admin accounts are removed through the REST admin API"));
            }
            return context.accounts().delete(account.localpart()).map(deleted -> {
                // the result is written before the streams are closed, which happens on each connection's own thread
                context.sessions().session(session).ifPresent(own -> own.deliver(iq.iqResult()));
                context.sessions().sessions(session.bare())
                        .forEach(own -> own.close(StreamError.NOT_AUTHORIZED, "the account was removed"));
                return Result.handled();
            });
        }).defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }
}
