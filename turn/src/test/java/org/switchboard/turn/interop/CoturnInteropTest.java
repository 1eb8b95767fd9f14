package org.switchboard.turn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.testing.OutsidePeers;
import org.switchboard.common.turn.TurnCredentials;
import org.switchboard.turn.TurnServer;
import org.switchboard.turn.support.TestServers;

/**
 * coturn's own client tools against our server, as pion/turn tests itself against coturn. Skipped when the
 * Debian package {@code coturn} is not installed. Everything stays on 127.0.0.1 with bounded counts.
 */
class CoturnInteropTest {

    private static final Logger log = LoggerFactory.getLogger(CoturnInteropTest.class);
    private static final int MESSAGES_PER_CLIENT = 1000;
    private static final int CLIENTS = 2;

    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static TurnServer server;
    private static Process peer;
    private static int peerPort;

    @BeforeAll
    static void start() throws Exception {
        OutsidePeers.require(CoturnTools.installed(), "coturn's client tools (apt-get install coturn)");
        server = TestServers.start(TestServers.settings(400), Clock.systemUTC(), registry);
        peerPort = CoturnTools.freeUdpPort();
        peer = CoturnTools.startPeer(peerPort);
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stunclientLearnsItsAddress() throws Exception {
        CoturnTools.Run run = CoturnTools.run(List.of(CoturnTools.STUNCLIENT.toString(), "-p",
                Integer.toString(server.udpPort()), "127.0.0.1"));

        assertThat(run.output()).contains("UDP reflexive addr: 127.0.0.1:");
    }

    /** Thousands of messages through the relay and back from the echo peer, none lost. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "udp channels,         ''",
        "udp send indications, -s",
        "udp without rtcp,     -c",
        "tcp channels,         -t",
        "tcp send indications, -t -s",
    })
    void relaysEveryMessage(String name, String flags) throws Exception {
        List<String> options = new java.util.ArrayList<>(List.of("-W", TestServers.SECRET, "-u", "alice",
                "-n", Integer.toString(MESSAGES_PER_CLIENT), "-m", Integer.toString(CLIENTS), "-l", "120", "-z", "2"));
        if (!flags.isBlank()) {
            options.addAll(List.of(flags.trim().split(" ")));
        }
        CoturnTools.Run run = CoturnTools.run(CoturnTools.uclient(server.udpPort(), peerPort,
                options.toArray(String[]::new)));
        log.info("turnutils_uclient {} ({}):\n{}", name, flags, run.output());

        long expected = (long) MESSAGES_PER_CLIENT * CLIENTS;
        assertThat(run.lostPackets()).as("lost packets").isZero();
        assertThat(run.lastSent()).as("sent").isEqualTo(expected);
        assertThat(run.lastReceived()).as("received").isEqualTo(expected);
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        double failuresBefore = authFailures();
        CoturnTools.Run run = CoturnTools.run(CoturnTools.uclient(server.udpPort(), peerPort,
                "-W", "not-the-secret-at-all", "-u", "mallory", "-n", "10"));

        assertThat(run.output()).contains("Cannot complete Allocation");
        assertThat(run.lastReceived()).isNotPositive();
        assertThat(authFailures()).isGreaterThan(failuresBefore);
    }

    @Test
    void expiredUsernameIsRefused() throws Exception {
        double failuresBefore = authFailures();
        // uclient computes fresh REST usernames itself, so hand it an expired one as plain long-term credentials.
        String username = Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond() + ":alice";
        String password = new TurnCredentials(TestServers.SECRET).passwordFor(username);
        CoturnTools.Run run = CoturnTools.run(CoturnTools.uclient(server.udpPort(), peerPort,
                "-u", username, "-w", password, "-n", "10"));

        assertThat(run.output()).contains("Cannot complete Allocation");
        assertThat(run.lastReceived()).isNotPositive();
        assertThat(authFailures()).isGreaterThan(failuresBefore);
    }

    @Test
    void freshUsernameWithThePasswordFromTheRestSchemeIsAccepted() throws Exception {
        // The positive control for the test above: the same route with a username that has not expired.
        TurnCredentials.TurnCredential minted = new TurnCredentials(TestServers.SECRET)
                .mint("alice", Duration.ofHours(1), Instant.now());
        CoturnTools.Run run = CoturnTools.run(CoturnTools.uclient(server.udpPort(), peerPort,
                "-u", minted.username(), "-w", minted.password(), "-n", "50", "-c"));

        assertThat(run.lostPackets()).isZero();
        assertThat(run.lastReceived()).isEqualTo(50);
    }

    private static double authFailures() {
        return registry.get("switchboard.turn.auth.failures").counter().count();
    }
}
