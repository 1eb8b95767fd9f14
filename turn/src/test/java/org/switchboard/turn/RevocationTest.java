package org.switchboard.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/** An account change reaches TURN at once: allocations of the account end, its older credentials stop working. */
class RevocationTest {

    private static final byte UDP = 17;

    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<TurnTestClient> clients = new ArrayList<>();
    private TurnServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.settings(16), clock, registry);
    }

    @AfterEach
    void stop() throws Exception {
        for (TurnTestClient client : clients) {
            client.close();
        }
        server.close();
    }

    private TurnTestClient client(String user) throws Exception {
        TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort())).as(user, clock.instant());
        clients.add(client);
        return client;
    }

    private static Request allocate() {
        return MessageFactory.createAllocateRequest(UDP, false);
    }

    private static Request refresh() {
        return MessageFactory.createRefreshRequest(600);
    }

    private double authFailures() {
        return registry.get("switchboard.turn.auth.failures").counter().count();
    }

    @Test
    void revokingAUserEndsItsAllocationsAndNoOtherUsers() throws Exception {
        TurnTestClient alice = client("alice");
        TurnTestClient bob = client("bob");
        AllocateTest.relayed(alice.authenticated(RevocationTest::allocate));
        AllocateTest.relayed(bob.authenticated(RevocationTest::allocate));

        server.revoke("alice", clock.instant());

        assertThat(server.allocationCount()).isEqualTo(1);
        // The old credential is refused outright...
        assertThat(TurnTestClient.errorCode(alice.authenticated(RevocationTest::refresh))).isEqualTo(401);
        // ...and with a fresh one the 5-tuple has no allocation any more: it ended, not just its credential.
        clock.advance(Duration.ofSeconds(1));
        alice.as("alice", clock.instant());
        assertThat(TurnTestClient.errorCode(alice.authenticated(RevocationTest::refresh))).isEqualTo(437);
        Message bobs = bob.authenticated(RevocationTest::refresh);
        assertThat(bobs.getMessageType()).as("bob's Refresh, error %s", TurnTestClient.errorCode(bobs))
                .isEqualTo(Message.REFRESH_RESPONSE);
    }

    @Test
    void aCredentialMintedBeforeTheRevocationIsRefusedAndOneMintedAfterItWorks() throws Exception {
        TurnTestClient before = client("alice");
        clock.advance(Duration.ofMinutes(5));
        server.revoke("alice", clock.instant());
        double failures = authFailures();

        Message refused = before.authenticated(RevocationTest::allocate);

        assertThat(TurnTestClient.errorCode(refused)).isEqualTo(401);
        assertThat(authFailures()).isEqualTo(failures + 1);
        assertThat(server.allocationCount()).isZero();

        clock.advance(Duration.ofSeconds(1));
        TurnTestClient after = client("alice");
        AllocateTest.relayed(after.authenticated(RevocationTest::allocate));
        assertThat(server.allocationCount()).isEqualTo(1);
    }

    @Test
    void otherUsersCredentialsAreNotRefused() throws Exception {
        TurnTestClient bob = client("bob");
        clock.advance(Duration.ofMinutes(1));

        server.revoke("alice", clock.instant());

        AllocateTest.relayed(bob.authenticated(RevocationTest::allocate));
    }
}
