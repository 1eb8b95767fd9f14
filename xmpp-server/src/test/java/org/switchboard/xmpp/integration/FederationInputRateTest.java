package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;
import org.switchboard.xmpp.transport.InputRate;

/**
 * A peer that floods is read more slowly, not cut off and not served at once: with a low rate for peers (8 KiB/s
 * after 4 KiB), a 40 KiB burst of messages from a peer is held back several times and still arrives whole and in
 * order, while a local user's own connection stays usable.
 */
class FederationInputRateTest {

    private static final String PEER = "flood.test";

    @Test
    void aPeerOverItsRateIsSlowedAndLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory("federation-rate");
        TestCa ca = new TestCa("Rate Test CA");
        TestCa.Issued peerCertificate = ca.issue(PEER, dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(), false, ca.writeCertificate(dir.resolve("ca.pem")), secret)
                .withInputRate(new InputRate(8 * 1024, 4 * 1024));
        try (RunningServer server = new RunningServer(settings -> settings.withS2s(s2s));
             RawPeer peer = new RawPeer(peerCertificate)) {
            String alice = server.newAccount("alice pw");
            XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, "alice pw");
            try {
                StanzaCollector received = user.createStanzaCollector(StanzaTypeFilter.MESSAGE);
                peer.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN);
                assertThat(peer.external(PEER, RunningServer.DOMAIN)).contains("<stream:features");
                String padding = "x".repeat(1000);
                StringBuilder burst = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    burst.append("<message type='chat' from='bob@").append(PEER).append("/r' to='").append(alice).append('@')
                            .append(RunningServer.DOMAIN).append("'><body>").append(i).append(' ').append(padding).append("</body></message>");
                }
                peer.send(burst.toString());

                List<String> order = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Message message = received.nextResult(30_000);
                    assertThat(message).as("message %d of 40", i).isNotNull();
                    order.add(message.getBody().substring(0, message.getBody().indexOf(' ')));
                }
                assertThat(order).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(String::valueOf).toList());
                assertThat(server.meters.get("switchboard.xmpp.input.held").counter().count()).isPositive();
                peer.send("<message type='chat' from='bob@" + PEER + "/r' to='" + alice + "@" + RunningServer.DOMAIN + "'><body>after</body></message>");
                assertThat(received.<Message>nextResult(30_000).getBody()).isEqualTo("after");
            } finally {
                user.disconnect();
            }
        }
    }
}
