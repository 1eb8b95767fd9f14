package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/**
 * XEP-0077 account creation before authentication, against three servers: registration open, closed
 * (the default) and open with a limit of two registrations per address and hour. Every client here
 * comes from 127.0.0.1, so each server's limit is shared by the tests that use it.
 */
class InBandRegistrationTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.DOMAIN + "' version='1.0'>";
    private static final String FEATURE = "<register xmlns='http://jabber.org/features/iq-register'/>";
    private static final String PASSWORD = "registered in band";

    @StartedServer(settings = "registrationOpen") private static RunningServer open;
    @StartedServer private static RunningServer closed;
    @StartedServer(settings = "twoRegistrationsAnHour") private static RunningServer limited;

    static XmppSettings registrationOpen(XmppSettings settings) {
        return settings.withRegistrationOpen(true);
    }

    static XmppSettings twoRegistrationsAnHour(XmppSettings settings) {
        return settings.withRegistrationOpen(true).withRegistrationsPerHour(2);
    }

    @Test
    void clientCreatesAnAccountOverStarttlsAndLogsInWithIt() throws Exception {
        String name = open.unusedName();
        XMPPTCPConnection connection = SmackClients.connectWithoutLogin(open, Transport.STARTTLS, "SCRAM-SHA-256", name, PASSWORD);
        try {
            assertThat(connection.isSecureConnection()).isTrue();
            AccountManager accounts = AccountManager.getInstance(connection);
            assertThat(accounts.isSupported()).isTrue();

            accounts.createAccount(Localpart.from(name), PASSWORD);
            connection.login();

            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUser().asEntityBareJidString()).isEqualTo(name + "@" + RunningServer.DOMAIN);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void closedRegistrationIsNotOfferedAndRefusedAsServiceUnavailable() throws Exception {
        String name = closed.unusedName();
        XMPPTCPConnection connection = SmackClients.connectWithoutLogin(closed, Transport.STARTTLS, "SCRAM-SHA-256", name, PASSWORD);
        try {
            AccountManager accounts = AccountManager.getInstance(connection);
            assertThat(accounts.isSupported()).isFalse();

            assertThatThrownBy(() -> accounts.createAccount(Localpart.from(name), PASSWORD))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.service_unavailable));
            // the refusal is an IQ error, not the end of the stream
            assertThat(connection.isConnected()).isTrue();
        } finally {
            connection.disconnect();
        }
        assertThat(closed.accounts.find(name).blockOptional()).isEmpty();
    }

    @Test
    void registrationIsNotOfferedNorAcceptedBeforeStarttls() throws Exception {
        String name = open.unusedName();
        try (RawXmppSocket raw = new RawXmppSocket(open.server.c2sPort())) {
            raw.send(HEADER);
            assertThat(raw.readUntil("</stream:features>"))
                    .endsWith("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");

            raw.send("<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>" + name
                    + "</username><password>" + PASSWORD + "</password></query></iq>");

            assertThat(raw.readToEnd()).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .endsWith("</stream:stream>");
        }
        assertThat(open.accounts.find(name).blockOptional()).isEmpty();
    }

    @Test
    void afterStarttlsTheFeatureIsOfferedAndOnlyRegistrationIsAnswered() throws Exception {
        String name = open.unusedName();
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), open.server.c2sPort());
        try (RawXmppSocket before = new RawXmppSocket(plain)) {
            before.send(HEADER);
            before.readUntil("</stream:features>");
            before.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            before.readUntil("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            SSLSocket tls = (SSLSocket) open.sslContext.getSocketFactory()
                    .createSocket(plain, RunningServer.DOMAIN, open.server.c2sPort(), true);
            tls.startHandshake();
            try (RawXmppSocket raw = new RawXmppSocket(tls)) {
                raw.send(HEADER);
                assertThat(raw.readUntil("</stream:features>")).contains("<mechanism>PLAIN</mechanism>").contains(FEATURE);

                raw.send("<iq type='get' id='r1' to='" + RunningServer.DOMAIN + "'><query xmlns='jabber:iq:register'/></iq>");
                assertThat(raw.readUntil("</iq>")).startsWith("<iq type='result' id='r1'")
                        .contains("<username/>").contains("<password/>");

                raw.send("<iq type='set' id='r2'><query xmlns='jabber:iq:register'><username>" + name
                        + "</username><password>" + PASSWORD + "</password></query></iq>");
                assertThat(raw.readUntil("/>")).startsWith("<iq type='result' id='r2'");
                assertThat(open.accounts.verifyPassword(name, PASSWORD).block()).isTrue();

                // any other request before authentication still ends the stream, as it did before registration existed
                raw.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
                assertThat(raw.readToEnd()).contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                        .endsWith("</stream:stream>");
            }
        }
    }

    @Test
    void theRegistrationPastTheHourlyLimitOfAnAddressIsRefused() throws Exception {
        String first = limited.unusedName();
        String second = limited.unusedName();
        String third = limited.unusedName();
        XMPPTCPConnection connection = SmackClients.connectWithoutLogin(limited, Transport.STARTTLS, "SCRAM-SHA-256", first, PASSWORD);
        try {
            AccountManager accounts = AccountManager.getInstance(connection);
            accounts.createAccount(Localpart.from(first), PASSWORD);
            accounts.createAccount(Localpart.from(second), PASSWORD);

            assertThatThrownBy(() -> accounts.createAccount(Localpart.from(third), PASSWORD))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.resource_constraint));
        } finally {
            connection.disconnect();
        }
        assertThat(limited.accounts.find(first).blockOptional()).isPresent();
        assertThat(limited.accounts.find(second).blockOptional()).isPresent();
        assertThat(limited.accounts.find(third).blockOptional()).isEmpty();
    }
}
