package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** XEP-0160: a message to an offline account survives a restart of the server and arrives with a delay stamp. */
class OfflineRestartTest {

    @Test
    void aMessageStoredBeforeARestartIsDeliveredAfterIt() throws Exception {
        String julietName;
        String romeoName;
        RunningServer before = new RunningServer();
        try {
            julietName = before.newAccount("juliet password");
            romeoName = before.newAccount("romeo password");
            XMPPTCPConnection romeo = SmackClients.connect(before, Transport.STARTTLS, "SCRAM-SHA-1", romeoName, "romeo password");
            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom(julietName + "@" + RunningServer.DOMAIN))
                    .ofType(Message.Type.chat).setBody("Wherefore art thou?").build());
            // a session's stanzas are handled in order: once the ping is answered, the message is committed
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
            romeo.disconnect();
        } finally {
            before.close();
        }

        RunningServer after = new RunningServer();
        try {
            XMPPTCPConnection juliet = connectWithoutPresence(after, julietName, "juliet password");
            StanzaCollector messages = juliet.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().build());

            Message delivered = messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(delivered.getBody()).isEqualTo("Wherefore art thou?");
            assertThat(delivered.getFrom().asBareJid().toString()).isEqualTo(romeoName + "@" + RunningServer.DOMAIN);
            DelayInformation delay = DelayInformation.from(delivered);
            assertThat(delay).isNotNull();
            assertThat(delay.getFrom()).isEqualTo(RunningServer.DOMAIN);
            juliet.disconnect();
        } finally {
            after.close();
        }
    }

    /** Logged in but not yet available, so the stored message can only come with the initial presence. */
    private static XMPPTCPConnection connectWithoutPresence(RunningServer running, String user, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(running.server.c2sPort())
                .setUsernameAndPassword(user, password)
                .setResource("balcony")
                .setCustomX509TrustManager(running.trustManager)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false)
                .build());
        connection.connect().login();
        return connection;
    }
}
