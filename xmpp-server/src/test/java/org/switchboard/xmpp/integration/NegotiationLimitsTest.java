package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;

/**
 * The bounds on connections that have not authenticated, over real sockets: a deadline to finish TLS and SASL
 * that no trickle of bytes extends, a cap per source address, and a cap in all. Connections come from
 * different loopback addresses (all of 127.0.0.0/8 reaches the server), as an attacker's would from many hosts.
 */
class NegotiationLimitsTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.DOMAIN + "' version='1.0'>";
    /** Long enough for Smack's STARTTLS, SCRAM and bind, and for the flood test's fourth connection, on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final int PER_ADDRESS = 3;
    private static final int IN_ALL = 6;

    @StartedServer(settings = "tightUnauthenticatedLimits") private static RunningServer running;

    static XmppSettings tightUnauthenticatedLimits(XmppSettings settings) {
        return settings.with(s ->
                s.clientLimits = s.clientLimits.withUnauthenticated(PER_ADDRESS, IN_ALL, DEADLINE));
    }

    private static RawXmppSocket openFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), running.server.c2sPort()));
        RawXmppSocket raw = new RawXmppSocket(socket);
        raw.send(HEADER);
        return raw;
    }

    @Test
    void aClientTricklingBytesIsCutAtTheDeadline() throws Exception {
        try (RawXmppSocket slow = openFrom("127.0.0.2")) {
            slow.readUntil("</stream:features>");
            AtomicBoolean open = new AtomicBoolean(true);
            Thread trickle = new Thread(() -> {
                // whitespace between top-level elements is allowed and resets any idle timer
                while (open.get()) {
                    try {
                        slow.send(" ");
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.start();
            try {
                assertThat(slow.readToEnd())
                        .contains("<connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                        .contains("not finished within " + DEADLINE.toSeconds() + " s")
                        .endsWith("</stream:stream>");
            } finally {
                open.set(false);
                trickle.join();
            }
        }
        assertThat(running.meters.counter("switchboard.xmpp.connections.refused", "reason", "negotiation_timeout").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSessionThatAuthenticatedOutlivesTheDeadline() throws Exception {
        String name = running.newAccount("password-of-a-patient-user");
        XMPPTCPConnection client = SmackClients.connect(running, name, "password-of-a-patient-user", "phone");
        try {
            Thread.sleep(DEADLINE.plusSeconds(2).toMillis());
            assertThat(PingManager.getInstanceFor(client).pingMyServer(false)).isTrue();
            assertThat(client.isConnected()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void oneAddressFloodingLeavesOthersFreeToLogIn() throws Exception {
        List<RawXmppSocket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                flood.add(openFrom("127.0.0.3"));
                flood.get(i).readUntil("</stream:features>");
            }
            try (RawXmppSocket oneMore = openFrom("127.0.0.3")) {
                assertThat(oneMore.readToEnd()).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                        .contains("too many unauthenticated connections from your address");
            }

            String name = running.newAccount("password-from-elsewhere");
            XMPPTCPConnection owner = SmackClients.connect(running, name, "password-from-elsewhere", "laptop");
            assertThat(owner.isAuthenticated()).isTrue();
            owner.disconnect();
        } finally {
            for (RawXmppSocket socket : flood) {
                socket.close();
            }
        }
        assertThat(running.meters.counter("switchboard.xmpp.connections.refused", "reason", "per_address").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void manyAddressesTogetherStopAtTheTotalAndThePlacesComeBack() throws Exception {
        List<RawXmppSocket> held = new ArrayList<>();
        String refusal = null;
        try {
            // earlier tests' connections may still hold places until the server has seen them close
            for (int i = 0; i < IN_ALL + 1 && refusal == null; i++) {
                RawXmppSocket socket = openFrom("127.0.1." + (i + 1));
                held.add(socket);
                String answer = socket.readUntilAny("</stream:features>", "</stream:stream>");
                if (answer.contains("<stream:error>")) {
                    refusal = answer;
                }
            }
            assertThat(refusal).as("the %d-th connection from its own address is refused", IN_ALL + 1)
                    .contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .contains("too many unauthenticated connections").doesNotContain("from your address");
        } finally {
            for (RawXmppSocket socket : held) {
                socket.close();
            }
        }
        assertThat(running.meters.counter("switchboard.xmpp.connections.refused", "reason", "total").count())
                .isGreaterThanOrEqualTo(1);
        Eventually.until("a place is free again", Duration.ofSeconds(10), () -> {
            try (RawXmppSocket again = openFrom("127.0.1.200")) {
                return !again.readUntilAny("</stream:features>", "</stream:stream>").contains("<stream:error>");
            } catch (IOException e) {
                return false;
            }
        });
    }
}
