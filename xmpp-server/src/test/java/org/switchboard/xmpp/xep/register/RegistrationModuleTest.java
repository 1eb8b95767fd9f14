package org.switchboard.xmpp.xep.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;

class RegistrationModuleTest {

    private final ImHarness server = new ImHarness(List.of(new RegistrationModule(false)));
    private final Jid juliet = server.account("juliet");
    private final FakeSession balcony = server.connect(juliet, "balcony");

    private Result set(String payload) {
        return server.iq(balcony, Xml.stanza("<iq type='set' id='r1'><query xmlns='jabber:iq:register'>" + payload + "</query></iq>"));
    }

    @Test
    void aSignedInUserChangesTheirPassword() {
        Result result = set("<username>" + juliet.localpart() + "</username><password>a new password</password>");

        assertThat(result).isInstanceOf(Result.Reply.class);
        assertThat(server.accounts.verifyPassword(juliet.localpart(), "a new password").block()).isTrue();
    }

    @Test
    void anotherAccountsPasswordAndWeakPasswordsAreRefused() {
        assertThat(((Result.Failed) set("<username>romeo</username><password>a new password</password>")).error())
                .isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(((Result.Failed) set("<username>" + juliet.localpart() + "</username><password>short</password>")).error())
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
    }

    @Test
    void cancellingDeletesTheAccountAndAnswersTheSession() {
        Result result = set("<remove/>");

        assertThat(result).isEqualTo(Result.handled());
        assertThat(server.accounts.find(juliet.localpart()).block()).isNull();
        assertThat(balcony.received(Stanza.Kind.IQ, "result")).hasSize(1);
        assertThat(balcony.closedWith).isEqualTo(StreamError.NOT_AUTHORIZED);
    }

    @Test
    void registrationIsAdvertisedOnlyWhenOpen() {
        assertThat(new ModuleRegistry(List.of(new RegistrationModule(false))).features()).isEmpty();
        assertThat(new ModuleRegistry(List.of(new RegistrationModule(true))).features()).containsExactly(RegistrationModule.NAMESPACE);
    }

    @Test
    void openRegistrationCreatesAnAccountAndRefusesTakenNames() {
        InBandRegistration registration = new InBandRegistration(true, server.accounts);
        String name = "newcomer-" + UUID.randomUUID().toString().substring(0, 8);
        Stanza request = Xml.stanza("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>" + name
                + "</username><password>newcomer password</password></query></iq>");

        assertThat(registration.answer(request).block().type()).isEqualTo("result");
        assertThat(registration.answer(request).block().toXml()).contains("conflict");
        assertThat(server.accounts.verifyPassword(name, "newcomer password").block()).isTrue();
    }

    @Test
    void closedRegistrationRefusesEveryRequest() {
        InBandRegistration registration = new InBandRegistration(false, server.accounts);
        Stanza request = Xml.stanza("<iq type='get' id='reg'><query xmlns='jabber:iq:register'/></iq>");

        assertThat(registration.answer(request).block().toXml()).contains("<service-unavailable ");
    }
}
