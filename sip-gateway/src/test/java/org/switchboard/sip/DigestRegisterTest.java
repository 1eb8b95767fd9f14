package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.transport.CompletedLinger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * REGISTER with SHA-256 digest (RFC 8760), nonce-count replay and stale nonces (RFC 7616 section 3.3), written
 * by hand since sipp knows only MD5.
 */
class DigestRegisterTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String register(RawSipClient client, String user, int cseq, String authorization) {
        return "REGISTER sip:" + SipTestServer.DOMAIN + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:" + user + "@" + SipTestServer.DOMAIN + ">;tag=raw" + cseq + "\n"
                + "To: <sip:" + user + "@" + SipTestServer.DOMAIN + ">\n"
                + "Call-ID: raw-" + user + "\n"
                + "CSeq: " + cseq + " REGISTER\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + client.localPort() + ">\n"
                + "Max-Forwards: 70\n"
                + "Expires: 600\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Content-Length: 0\n\n";
    }

    private static String authorization(SipDigest digest, String user, String password, Map<String, String> challenge, int nc) {
        String uri = "sip:" + SipTestServer.DOMAIN;
        String ha1 = digest.ha1(user, challenge.get("realm"), password);
        String ha2 = digest.hex("REGISTER:" + uri);
        String count = String.format("%08x", nc);
        String response = digest.hex(ha1 + ":" + challenge.get("nonce") + ":" + count + ":c0ffee:auth:" + ha2);
        return "Digest username=\"" + user + "\",realm=\"" + challenge.get("realm") + "\",nonce=\"" + challenge.get("nonce")
                + "\",uri=\"" + uri + "\",response=\"" + response + "\",algorithm=" + digest.algorithm()
                + ",cnonce=\"c0ffee\",qop=auth,nc=" + count;
    }

    @Test
    void registersWithSha256AndAReplayedNonceCountIsChallengedAgain() throws Exception {
        Account account = server.createAccount("sha", "sha-256 password", AccountKind.PERSON);
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(register(client, account.localpart(), 1, null));
            String challenged = client.receiveFinal();
            assertThat(challenged).startsWith("SIP/2.0 401");
            assertThat(challenged.indexOf("algorithm=SHA-256")).as("SHA-256 offered first").isLessThan(challenged.indexOf("algorithm=MD5"));
            Map<String, String> challenge = RawSipClient.challenge(challenged, "SHA-256");
            assertThat(challenge).containsEntry("realm", SipTestServer.DOMAIN).containsEntry("qop", "auth");

            String credentials = authorization(SipDigest.SHA_256, account.localpart(), "sha-256 password", challenge, 1);
            client.send(register(client, account.localpart(), 2, credentials));
            String ok = client.receiveFinal();
            assertThat(ok).startsWith("SIP/2.0 200").contains("expires=600");

            // the same nonce and count again, in a new transaction: a replay
            client.send(register(client, account.localpart(), 3, credentials));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 401").doesNotContain("stale=");

            // the next count of the same nonce is fine
            client.send(register(client, account.localpart(), 4, authorization(SipDigest.SHA_256, account.localpart(),
                    "sha-256 password", challenge, 2)));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 200");
        }
        assertThat(server.gateway().location().lookup(account.localpart(), SipTestServer.DOMAIN, Instant.now())
                .collectList().block(Duration.ofSeconds(10))).hasSize(1);
    }

    /**
     * A registered phone whose 200 was lost retransmits the REGISTER: its transaction answers it again, without
     * handling it twice, for 64 ticks of 80 ms after the answer (ADR 0058). After that the same bytes are a new
     * request, whose nonce count is then a replay.
     */
    @Test
    void aRetransmissionIsAnsweredByTheTransactionFor5sAfterTheAnswerAndIsANewRequestAfter() throws Exception {
        Account account = server.createAccount("linger", "linger password", AccountKind.PERSON);
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            String registration = answeringAChallenge(client, account.localpart(), "linger password", 1);
            client.send(registration);
            String ok = client.receiveFinal();
            long answeredAt = System.nanoTime();
            assertThat(ok).startsWith("SIP/2.0 200");

            Thread.sleep(1_000);
            client.send(registration);
            assertThat(client.receiveFinal()).as("absorbed: the transaction's own 200 again").isEqualTo(ok);

            long linger = 64L * CompletedLinger.TICK_MS;
            Thread.sleep(Math.max(0, linger + 1_000 - (System.nanoTime() - answeredAt) / 1_000_000));
            // the stack's timer runs with a fixed delay, so on a loaded machine its 64 ticks end later than 64 * 80 ms:
            // until then the transaction absorbs the request again, which is not what is tested here
            String answer = ok;
            for (int tries = 0; answer.equals(ok) && tries < 30; tries++) {
                if (tries > 0) {
                    Thread.sleep(500);
                }
                client.send(registration);
                answer = client.receiveFinal();
            }
            assertThat(answer).as("the transaction is gone: a replayed nonce count")
                    .startsWith("SIP/2.0 401").doesNotContain("stale=");
        }
    }

    @Test
    void theFirstRegisterOverUdpIsChallengedWithoutATransactionSoARetransmissionGetsAFreshChallenge() throws Exception {
        Account account = server.createAccount("stateless", "stateless password", AccountKind.PERSON);
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            String first = register(client, account.localpart(), 1, null);
            client.send(first);
            String challenged = client.receiveFinal();
            // the same branch: a retransmission, which a server transaction would have answered with the same 401
            String again = client.resendUntilAnswered(first);

            assertThat(challenged).startsWith("SIP/2.0 401").containsPattern("(?m)^To: .*;tag=\\w+");
            assertThat(again).startsWith("SIP/2.0 401");
            Map<String, String> one = RawSipClient.challenge(challenged, "SHA-256");
            Map<String, String> two = RawSipClient.challenge(again, "SHA-256");
            assertThat(two.get("nonce")).isNotEqualTo(one.get("nonce"));
            // either challenge is answered, as each would have been alone
            client.send(register(client, account.localpart(), 2, authorization(SipDigest.SHA_256, account.localpart(),
                    "stateless password", two, 1)));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 200");
            client.send(register(client, account.localpart(), 3, authorization(SipDigest.SHA_256, account.localpart(),
                    "stateless password", one, 1)));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void anExpiredNonceIsAnsweredStaleWithoutCountingAsAFailure() throws Exception {
        SipTestServer shortLived = new SipTestServer(SipTestServer.settings().withNonceLifetime(Duration.ofSeconds(1)));
        try (shortLived; RawSipClient client = new RawSipClient(shortLived.gateway().udpPort())) {
            Account account = shortLived.createAccount("stale", "stale password", AccountKind.PERSON);
            client.send(register(client, account.localpart(), 1, null));
            Map<String, String> challenge = RawSipClient.challenge(client.receiveFinal(), "MD5");
            Thread.sleep(1500);   // the nonce lifetime is the subject of this test

            for (int cseq = 2; cseq < 2 + SipTestServer.POLICY.pairFailures(); cseq++) {
                client.send(register(client, account.localpart(), cseq, authorization(SipDigest.MD5, account.localpart(),
                        "stale password", challenge, cseq)));
                assertThat(client.receiveFinal()).startsWith("SIP/2.0 401").contains("stale=true");
            }
            assertThat(shortLived.guard.check(account.localpart(), SipTestServer.HOST).block()).isNull();
        }
    }

    @Test
    void anotherAccountsAddressOfRecordIsForbidden() throws Exception {
        Account mallory = server.createAccount("mallory", "mallory password", AccountKind.PERSON);
        Account victim = server.createAccount("victim", "victim password", AccountKind.PERSON);
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(register(client, victim.localpart(), 1, null));
            Map<String, String> challenge = RawSipClient.challenge(client.receiveFinal(), "SHA-256");
            String request = register(client, victim.localpart(), 2,
                    authorization(SipDigest.SHA_256, mallory.localpart(), "mallory password", challenge, 1));

            client.send(request);

            assertThat(client.receiveFinal()).startsWith("SIP/2.0 403");
        }
    }

    /** One challenge and one answer to it from this client; the final response. */
    private static String registerWith(RawSipClient client, String user, String password, int cseq) throws Exception {
        client.send(answeringAChallenge(client, user, password, cseq));
        return client.receiveFinal();
    }

    /** Gets this client a challenge (CSeq {@code cseq}) and returns the REGISTER that answers it (CSeq {@code cseq + 1}), unsent. */
    private static String answeringAChallenge(RawSipClient client, String user, String password, int cseq) throws Exception {
        client.send(register(client, user, cseq, null));
        Map<String, String> challenge = RawSipClient.challenge(client.receiveFinal(), "SHA-256");
        return register(client, user, cseq + 1, authorization(SipDigest.SHA_256, user, password, challenge, 1));
    }

    @Test
    void aSuccessClearsFailuresAnotherProtocolRecordedBeforeIt() throws Exception {
        Account account = server.createAccount("cleared", "cleared password", AccountKind.PERSON);
        int below = SipTestServer.POLICY.pairFailures() - 1;
        for (int i = 0; i < below; i++) {
            // as another process (XMPP, the API) records them: only the database knows of them
            server.guard.recordFailure(account.localpart(), SipTestServer.HOST, "xmpp").block(Duration.ofSeconds(10));
        }
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            assertThat(registerWith(client, account.localpart(), "cleared password", 1)).startsWith("SIP/2.0 200");
        }
        for (int i = 0; i < below; i++) {
            assertThat(server.guard.recordFailure(account.localpart(), SipTestServer.HOST, "xmpp").block(Duration.ofSeconds(10)))
                    .as("the count started again at the success").isNull();
        }
        assertThat(server.guard.standings(List.of(new AuthenticationGuard.Attempt(account.localpart(), SipTestServer.HOST)))
                .block(Duration.ofSeconds(10)).get(0).failures()).isTrue();
    }

    /** ADR 0056: the gateway keeps the HA1 it read, and forgets it when another process changes the password. */
    @Test
    void aPasswordChangedByAnotherProcessIsHonouredOnceItsNoticeArrives() throws Exception {
        Account account = server.createAccount("moved", "old password", AccountKind.PERSON);
        // another process's store: its changes reach this gateway only through the database's notice
        PostgresAccountStore elsewhere = new PostgresAccountStore(TestDatabase.client(), SipTestServer.DOMAIN, ScramCredential.MIN_ITERATIONS);
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            int[] cseq = {1};
            await(() -> {
                assertThat(registerWith(client, account.localpart(), "old password", cseq[0] += 10)).startsWith("SIP/2.0 200");
                return server.gateway().credentials().holds(account.localpart());
            }, "the account held after a REGISTER");

            elsewhere.changePassword(account.localpart(), "new password").block(Duration.ofSeconds(30));
            await(() -> !server.gateway().credentials().holds(account.localpart()), "the account forgotten");

            assertThat(registerWith(client, account.localpart(), "old password", 1000)).startsWith("SIP/2.0 401");
            assertThat(registerWith(client, account.localpart(), "new password", 2000)).startsWith("SIP/2.0 200");
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** A bounded wait for what a notice must bring about; fails the test if it never does. */
    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void wrongPasswordsLockAcrossARestartOfTheGateway() throws Exception {
        Account account = server.createAccount("restart", "restart password", AccountKind.PERSON);
        int pair = SipTestServer.POLICY.pairFailures();
        try (SipTestServer first = new SipTestServer(); RawSipClient client = new RawSipClient(first.gateway().udpPort())) {
            for (int i = 0; i < pair - 1; i++) {
                assertThat(registerWith(client, account.localpart(), "a guess", 10 * i + 1)).startsWith("SIP/2.0 401");
            }
        }
        try (SipTestServer second = new SipTestServer(); RawSipClient client = new RawSipClient(second.gateway().udpPort())) {
            assertThat(registerWith(client, account.localpart(), "another guess", 100)).as("the last guess locks")
                    .startsWith("SIP/2.0 403");
            assertThat(registerWith(client, account.localpart(), "restart password", 200)).as("even the right password")
                    .startsWith("SIP/2.0 403");
        }
        assertThat(server.gateway().location().lookup(account.localpart(), SipTestServer.DOMAIN, Instant.now())
                .collectList().block(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void theOkComesOnlyOnceTheBindingIsCommitted() throws Exception {
        Account account = server.createAccount("held", "held password", AccountKind.PERSON);
        // another transaction holds the account's row, so the REGISTER's new binding (whose foreign key check shares
        // that row) cannot be written
        Connection holder = Mono.from(TestDatabase.client().getConnectionFactory().create()).block(Duration.ofSeconds(10));
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            Mono.from(holder.beginTransaction()).block(Duration.ofSeconds(10));
            Flux.from(holder.createStatement("SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE").bind("$1", account.id()).execute())
                    .flatMap(Result::getRowsUpdated).then().block(Duration.ofSeconds(10));

            client.send(register(client, account.localpart(), 1, null));
            Map<String, String> challenge = RawSipClient.challenge(client.receiveFinal(), "SHA-256");
            client.send(register(client, account.localpart(), 2, authorization(SipDigest.SHA_256, account.localpart(), "held password",
                    challenge, 1)));
            for (String early = client.receive(); early != null; early = client.receive()) {
                assertThat(early).as("nothing final while the binding is not written").doesNotStartWith("SIP/2.0 2");
            }

            Mono.from(holder.rollbackTransaction()).block(Duration.ofSeconds(10));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 200");
        } finally {
            Mono.from(holder.close()).block(Duration.ofSeconds(10));
        }
        // read on a connection of its own: what the 200 confirmed is committed
        assertThat(TestDatabase.client().sql("SELECT count(*) AS n FROM sip_registrations WHERE account_id = :id").bind("id", account.id())
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10))).isEqualTo(1L);
    }
}
