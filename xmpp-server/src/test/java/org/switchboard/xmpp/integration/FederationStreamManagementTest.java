package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.s2s.HostAndPort;

/**
 * XEP-0198 on this server's outgoing stream to a real Prosody 0.12 (which offers it on s2s once the stream is
 * authenticated): the route to Prosody goes through a relay the test breaks mid-flow — what this server sends is
 * swallowed, as on a dead route, then the connection is reset. Everything written to the dead connection was never
 * acknowledged, so it goes again over a new connection: the Prosody user gets every message. Without XEP-0198 those
 * messages would be lost, since they were written to a connection that looked fine.
 */
class FederationStreamManagementTest {

    private static final String PASSWORD = "federation-sm-password";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void messagesWrittenToAConnectionThatDiesAreSentAgainAndNoneIsLost() throws Exception {
        int prosodyS2s = ProsodyPeer.freePort();
        try (CuttingProxy network = new CuttingProxy(ProsodyPeer.ADDRESS, prosodyS2s);
             FederationServer ours = new FederationServer(ProsodyPeer.DOMAIN, new HostAndPort("127.0.0.1", network.port()));
             ProsodyPeer prosody = new ProsodyPeer(prosodyS2s, ours.prosodySetup(ours.s2sPort()))) {
            RunningServer server = ours.server;
            prosody.register("bob", PASSWORD);
            prosody.start();
            String alice = server.newAccount(PASSWORD);
            XMPPTCPConnection ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, PASSWORD);
            XMPPTCPConnection theirUser = prosody.login("bob", PASSWORD, ours.trust);
            try {
                BlockingQueue<Message> toTheirs = FederationPeers.messages(theirUser);
                EntityBareJid bob = JidCreate.entityBareFrom("bob@" + ProsodyPeer.DOMAIN);
                Set<String> arrived = new LinkedHashSet<>();
                for (int i = 1; i <= 10; i++) {
                    FederationPeers.send(ourUser, bob, "message " + i);
                    arrived.add(FederationPeers.next(toTheirs, "message " + i + " before the cut\n" + prosody.log("prosody.log")).getBody());
                }
                assertThat(prosody.logged("Enabling stream management")).as("Prosody took our <enable/>").isTrue();

                network.blackHole();
                for (int i = 11; i <= 30; i++) {
                    FederationPeers.send(ourUser, bob, "message " + i);
                }
                // all twenty were written to the connection, and swallowed by the dead route
                Eventually.until("the twenty messages are written to the dead connection", FederationPeers.WAIT,
                        () -> server.meters.get("switchboard.xmpp.s2s.stanzas").tag("domain", ProsodyPeer.DOMAIN)
                                .tag("direction", "out").counter().count() >= 30 && network.swallowed() >= 20 * 100);
                network.reset();

                while (arrived.size() < 30) {
                    arrived.add(FederationPeers.next(toTheirs, "the messages after the cut; have " + arrived).getBody());
                }
                assertThat(arrived).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(i -> "message " + i)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
            } finally {
                ourUser.disconnect();
                theirUser.disconnect();
            }
        }
    }
}
