package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Two accounts exchanging messages through the server. */
class MessagingTest {

    @StartedServer private static RunningServer running;

    @Test
    void messageToABareJidReachesTheOnlineRecipientAndBack() throws Exception {
        String juliet = running.newAccount("juliet pw");
        String romeo = running.newAccount("romeo pw");
        XMPPTCPConnection julietConnection = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", juliet, "juliet pw");
        XMPPTCPConnection romeoConnection = SmackClients.connect(running, Transport.DIRECT_TLS, "SCRAM-SHA-1", romeo, "romeo pw");
        try {
            // stanzas of one session are handled in order: once the ping is answered, Romeo's initial presence is in effect
            assertThat(PingManager.getInstanceFor(romeoConnection).pingMyServer(true)).isTrue();
            StanzaCollector atRomeo = romeoConnection.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(juliet + "@" + RunningServer.DOMAIN))));
            Message toRomeo = julietConnection.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                    .ofType(Message.Type.chat).setBody("Wherefore art thou?").build();
            julietConnection.sendStanza(toRomeo);

            Message received = atRomeo.nextResultOrThrow();
            assertThat(received.getBody()).isEqualTo("Wherefore art thou?");
            assertThat(received.getFrom().toString()).isEqualTo(juliet + "@" + RunningServer.DOMAIN + "/test");

            StanzaCollector atJuliet = julietConnection.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(romeo + "@" + RunningServer.DOMAIN))));
            romeoConnection.sendStanza(romeoConnection.getStanzaFactory().buildMessageStanza()
                    .to(received.getFrom()).ofType(Message.Type.chat).setBody("In Verona.").build());
            assertThat(atJuliet.<Message>nextResultOrThrow().getBody()).isEqualTo("In Verona.");
        } finally {
            julietConnection.disconnect();
            romeoConnection.disconnect();
        }
    }

    @Test
    void messageToAnUnknownAccountBouncesWithServiceUnavailable() throws Exception {
        String juliet = running.newAccount("juliet pw");
        XMPPTCPConnection connection = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", juliet, "juliet pw");
        try {
            StanzaCollector errors = connection.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            connection.sendStanza(connection.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom("nobody@" + RunningServer.DOMAIN)).setBody("hello?").build());

            Message error = errors.nextResult();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition().toString()).isEqualTo("service-unavailable");
        } finally {
            connection.disconnect();
        }
    }
}
