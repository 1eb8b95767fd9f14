package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
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
 * XEP-0198 for our stanzas on a bidirectional stream a real Prosody 0.12 opened to us (mod_s2s_bidi and mod_smacks):
 * Prosody enables stream management on its stream, and from our {@code <enabled/>} on it counts our stanzas too and
 * answers our {@code <r/>}. Prosody reaches us through a relay the test breaks — what this server writes back over
 * Prosody's stream is swallowed, then the connection is reset. Our messages written meanwhile were never acknowledged,
 * so they go again by another route (here a connection of our own): the Prosody user gets every message. Before
 * (ADR 0054) they were lost.
 */
class FederationBidiAcksTest {

    private static final String PASSWORD = "federation-bidi-acks-password";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void ourMessagesWrittenToProsodysDyingBidiStreamAreSentAgainAndNoneIsLost() throws Exception {
        int prosodyS2s = ProsodyPeer.freePort();
        try (FederationServer ours = new FederationServer(ProsodyPeer.DOMAIN, new HostAndPort(ProsodyPeer.ADDRESS, prosodyS2s));
             CuttingProxy network = new CuttingProxy("127.0.0.1", ours.s2sPort());
             ProsodyPeer prosody = new ProsodyPeer(prosodyS2s, ours.prosodySetup(network.port()))) {
            RunningServer server = ours.server;
            prosody.enableBidi();
            prosody.register("bob", PASSWORD);
            prosody.start();
            XMPPTCPConnection ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256",
                    server.newAccount(PASSWORD), PASSWORD);
            XMPPTCPConnection theirUser = prosody.login("bob", PASSWORD, ours.trust);
            try {
                BlockingQueue<Message> toOurs = FederationPeers.messages(ourUser);
                BlockingQueue<Message> toTheirs = FederationPeers.messages(theirUser);
                EntityBareJid bob = JidCreate.entityBareFrom("bob@" + ProsodyPeer.DOMAIN);
                // bob's message makes Prosody open its (bidirectional) stream to us, through the relay
                FederationPeers.send(theirUser, ourUser.getUser().asEntityBareJid(), "hello from prosody");
                assertThat(FederationPeers.next(toOurs, "bob's message\n" + prosody.log("prosody.log")).getBody())
                        .isEqualTo("hello from prosody");
                Set<String> arrived = new LinkedHashSet<>();
                for (int i = 1; i <= 10; i++) {
                    FederationPeers.send(ourUser, bob, "message " + i);
                    arrived.add(FederationPeers.next(toTheirs, "message " + i + " before the cut\n" + prosody.log("prosody.log")).getBody());
                }
                assertThat(outgoing(server)).as("our own connections to Prosody before the cut").isZero();
                assertThat(prosody.logged("Requesting bidirectional stream")).isTrue();

                network.blackHoleBack();
                for (int i = 11; i <= 30; i++) {
                    FederationPeers.send(ourUser, bob, "message " + i);
                }
                // all twenty were written to Prosody's stream, and swallowed by the dead route
                Eventually.until("the twenty messages are written to the dead stream", FederationPeers.WAIT,
                        () -> server.meters.get("switchboard.xmpp.s2s.stanzas").tag("domain", ProsodyPeer.DOMAIN)
                                .tag("direction", "out").counter().count() >= 30 && network.swallowed() >= 20 * 100);
                assertThat(outgoing(server)).as("our own connections to Prosody before the reset").isZero();
                network.reset();

                while (arrived.size() < 30) {
                    arrived.add(FederationPeers.next(toTheirs, "the messages after the cut; have " + arrived + "\n"
                            + prosody.log("prosody.log")).getBody());
                }
                assertThat(arrived).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(i -> "message " + i)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
                assertThat(prosody.logged("says it handled")).as("a wrong count").isFalse();
                assertThat(toOurs).as("nothing bounced").isEmpty();
            } finally {
                ourUser.disconnect();
                theirUser.disconnect();
            }
        }
    }

    private static double outgoing(RunningServer server) {
        Gauge out = server.meters.find("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                .tag("direction", "out").gauge();
        return out == null ? 0 : out.value();
    }
}
