package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;

/**
 * What happens to stanzas for a remote domain that does not become usable: those waiting are bounced with
 * {@code remote-server-timeout} once the connect timeout passes, those beyond the queue's bound at once with
 * {@code resource-constraint}, and a domain whose server refuses the connection gives {@code remote-server-not-found}, and is then left alone
 * for a while.
 */
class FederationQueueTest {

    private static final String PASSWORD = "federation-queue-password";

    @Test
    void stanzasForAPeerThatNeverAnswersAreBouncedWithATimeoutAndTheQueueIsBounded() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // held open, never answered
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            S2sSettings s2s = settings(Map.of("silent.test", new HostAndPort("127.0.0.1", silent.getLocalPort())))
                    .withConnectTimeout(Duration.ofSeconds(2)).withQueueLimit(1);
            try (RunningServer server = new RunningServer(settings -> settings.withS2s(s2s))) {
                String alice = server.newAccount(PASSWORD);
                XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, PASSWORD);
                try {
                    BlockingQueue<Message> received = FederationPeers.messages(user);
                    user.sendStanza(StanzaBuilder.buildMessage("first-waits").to(JidCreate.entityBareFrom("bob@silent.test"))
                            .setBody("first").build());
                    user.sendStanza(StanzaBuilder.buildMessage("second-over-the-bound").to(JidCreate.entityBareFrom("bob@silent.test"))
                            .setBody("second").build());
                    Message full = FederationPeers.next(received, "the bounce of the message over the queue's bound");
                    assertThat(full.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
                    assertThat(full.getStanzaId()).isEqualTo("second-over-the-bound");
                    Message timedOut = FederationPeers.next(received, "the bounce of the waiting message");
                    assertThat(timedOut.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
                    assertThat(timedOut.getStanzaId()).isEqualTo("first-waits");
                } finally {
                    user.disconnect();
                }
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aDomainWhoseServerRefusesTheConnectionGivesRemoteServerNotFound() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        S2sSettings s2s = settings(Map.of("closed.test", new HostAndPort("127.0.0.1", closedPort)));
        try (RunningServer server = new RunningServer(settings -> settings.withS2s(s2s))) {
            String alice = server.newAccount(PASSWORD);
            XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, PASSWORD);
            try {
                BlockingQueue<Message> received = FederationPeers.messages(user);
                FederationPeers.send(user, JidCreate.entityBareFrom("bob@closed.test"), "nobody there");
                Message bounced = FederationPeers.next(received, "the bounce");
                assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
                // the domain just failed: the next stanza is bounced without another attempt (the pause is 15 s)
                FederationPeers.send(user, JidCreate.entityBareFrom("carol@closed.test"), "still nobody there");
                Message again = FederationPeers.next(received, "the bounce during the pause");
                assertThat(again.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
                assertThat(again.getError().getDescriptiveText()).contains("could not be reached recently");
            } finally {
                user.disconnect();
            }
        }
    }

    private static S2sSettings settings(Map<String, HostAndPort> hosts) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return S2sSettings.forTests(hosts, false, null, secret);
    }
}
