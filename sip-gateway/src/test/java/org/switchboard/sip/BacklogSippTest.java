package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.limits.SipLimits;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Past {@code SWITCHBOARD_SIP_MAX_PENDING} requests waiting for the database, a REGISTER is answered 503 with
 * Retry-After at once (limits.Backlog). The bound is 1 here, and the one request in the database is held there
 * for real: its clean-up of the account's earlier failure waits for a row lock this test holds.
 */
class BacklogSippTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        // sipp answers only the first challenge and knows only MD5
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5, SipDigest.SHA_256))
                .withLimits(SipLimits.OFF.withMaxPending(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static Sipp register(String scenario, Account account, String password) throws Exception {
        return Sipp.start(scenario, SipTestServer.freeUdpPort(), SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", account.localpart(), "-au", account.localpart(), "-ap", password));
    }

    @Test
    void aRegisterBeyondTheBoundIsToldToComeBackAndTheOneWaitingStillSucceeds() throws Exception {
        Account held = server.createAccount("held", "password of held", AccountKind.PERSON);
        Account other = server.createAccount("other", "password of other", AccountKind.PERSON);
        // an earlier wrong guess of held's from this address: a successful REGISTER deletes it, and waits for its lock
        server.guard.recordFailure(held.localpart(), SipTestServer.HOST, "sip").block(Duration.ofSeconds(10));
        Connection lock = Mono.from(TestDatabase.pool().create()).block(Duration.ofSeconds(10));
        try {
            Mono.from(lock.beginTransaction()).block(Duration.ofSeconds(10));
            Flux.from(lock.createStatement("SELECT 1 FROM auth_failures WHERE localpart = $1 FOR UPDATE")
                    .bind("$1", held.localpart()).execute()).flatMap(result -> result.map((row, meta) -> 1)).blockLast(Duration.ofSeconds(10));

            Sipp waiting = register("register.xml", held, "password of held");
            awaitBlockedCleanUp();
            Sipp.Result refused = register("register-busy.xml", other, "password of other").await();
            assertThat(refused.succeeded()).as("503 with Retry-After: 1 while one request waits: " + refused.output()).isTrue();

            Mono.from(lock.rollbackTransaction()).block(Duration.ofSeconds(10));
            Sipp.Result admitted = waiting.await();
            assertThat(admitted.succeeded()).as(admitted.output()).isTrue();
            assertThat(server.gateway().location().lookup(held.localpart(), SipTestServer.DOMAIN, Instant.now())
                    .collectList().block(Duration.ofSeconds(10))).hasSize(1);
        } finally {
            Mono.from(lock.close()).block(Duration.ofSeconds(10));
        }
        // the place is given back: the next REGISTER goes through
        Sipp.Result after = register("register.xml", other, "password of other").await();
        assertThat(after.succeeded()).as(after.output()).isTrue();
    }

    /** Until the held REGISTER's DELETE of the failure waits for the test's row lock (bounded). */
    private static void awaitBlockedCleanUp() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Long waiting = TestDatabase.client().sql("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND query LIKE 'DELETE FROM auth_failures%'")
                    .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the held REGISTER never reached its clean-up");
    }
}
