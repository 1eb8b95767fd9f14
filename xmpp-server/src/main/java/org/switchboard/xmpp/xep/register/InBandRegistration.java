package org.switchboard.xmpp.xep.register;

import java.util.Set;
import org.switchboard.common.account.AccountExistsException;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.password.PasswordPolicy;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Account creation by in-band registration (XEP-0077 section 3.1), for a stream that has not
 * authenticated yet: {@code get} returns the fields to fill in, {@code set} creates the account. Only
 * when registration is open ({@code SWITCHBOARD_REGISTRATION=open}); otherwise every request is refused.
 * The stream feature {@code <register xmlns='http://jabber.org/features/iq-register'/>} and passing
 * pre-authentication IQs here belong to the c2s stream.
 */
public final class InBandRegistration {

    public static final String STREAM_FEATURE = "http://jabber.org/features/iq-register";

    private final boolean open;
    private final AccountStore accounts;

    public InBandRegistration(boolean open, AccountStore accounts) {
        this.open = open;
        this.accounts = accounts;
    }

    public boolean isOpen() {
        return open;
    }

    /** The answer to a registration IQ from an unauthenticated stream. */
    public Mono<Stanza> answer(Stanza iq) {
        Element query = iq.iqChild();
        if (!open) {
            // section 3.1: a host that does not support in-band registration MUST answer service-unavailable
            return Mono.just(iq.errorReply(StanzaError.SERVICE_UNAVAILABLE, "registration is closed"));
        }
        if (query == null || !query.is("query", RegistrationModule.NAMESPACE)) {
            return Mono.just(iq.errorReply(StanzaError.BAD_REQUEST));
        }
        if ("get".equals(iq.type())) {
            return Mono.just(iq.iqResult(Element.builder("query", RegistrationModule.NAMESPACE)
                    .textChild("instructions", "Choose a username and password for use with this service.")
                    .child(Element.of("username", RegistrationModule.NAMESPACE))
                    .child(Element.of("password", RegistrationModule.NAMESPACE))
                    .build()));
        }
        String username = Localpart.normalizeOrNull(query.childText("username", RegistrationModule.NAMESPACE));
        String password = query.childText("password", RegistrationModule.NAMESPACE);
        if (username == null || password == null) {
            return Mono.just(iq.errorReply(StanzaError.NOT_ACCEPTABLE, "a valid username and a password are required"));
        }
        try {
            PasswordPolicy.check(password);
        } catch (IllegalArgumentException weak) {
            return Mono.just(iq.errorReply(StanzaError.NOT_ACCEPTABLE, weak.getMessage()));
        }
        return accounts.create(username, password, AccountKind.PERSON, Set.of())
                .map(account -> iq.iqResult())
                .onErrorResume(AccountExistsException.class, e -> Mono.just(iq.errorReply(StanzaError.CONFLICT)));
    }
}
