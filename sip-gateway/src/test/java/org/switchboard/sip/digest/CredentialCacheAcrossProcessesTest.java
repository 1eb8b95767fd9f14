package org.switchboard.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.db.NoticeListener;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.limits.Backlog;
import reactor.core.Disposable;

/**
 * The credential cache of one gateway process (ADR 0056) against changes another process commits, simulated by a
 * second account store and lockout on the same database: the triggers' notices reach this process's listener, which
 * must make it forget what changed; while it is not listening every lookup reads.
 */
class CredentialCacheAcrossProcessesTest {

    private static final String DOMAIN = "cache.test";
    private static final LockoutPolicy POLICY = new LockoutPolicy(3, 50, 100, Duration.ofMinutes(10), Duration.ofMinutes(10));
    private static final String LISTENERS = "FROM pg_stat_activity WHERE query = 'LISTEN " + CredentialCache.CHANNEL + "'";

    // this process
    private final PostgresAccountStore accounts = new PostgresAccountStore(TestDatabase.client(), DOMAIN, ScramCredential.MIN_ITERATIONS);
    private final PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(TestDatabase.client(), POLICY, Clock.systemUTC());
    private final NoticeListener listener = new NoticeListener(TestDatabase.pool(), CredentialCache.CHANNEL,
            Duration.ofMillis(100), Duration.ofSeconds(1));
    private final CredentialCache cache = new CredentialCache(DOMAIN, listener::listening);
    private final Nonces nonces = new Nonces(Duration.ofMinutes(5), Clock.systemUTC());
    private final DigestAuthenticator authenticator = new DigestAuthenticator(accounts, guard, nonces, new Backlog(100), cache);
    // another process
    private final PostgresAccountStore accountsElsewhere = new PostgresAccountStore(TestDatabase.client(), DOMAIN, ScramCredential.MIN_ITERATIONS);
    private final PostgresAuthenticationGuard guardElsewhere = new PostgresAuthenticationGuard(TestDatabase.client(), POLICY, Clock.systemUTC());

    private final String name = "cached" + UUID.randomUUID().toString().substring(0, 8);
    // its own address per test, so the failures of one test count towards no other's lock
    private final String source = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    private Disposable listening;

    @BeforeEach
    void listen() {
        accounts.create(name, "first password", AccountKind.PERSON, Set.of()).block(Duration.ofSeconds(30));
        listening = listener.notices().subscribe(cache::heard);
        await(listener::listening, "listening");
    }

    @AfterEach
    void stop() {
        listening.dispose();
        guard.clear(name).block(Duration.ofSeconds(10));
    }

    private DigestAuthenticator.Outcome authenticate(String password) {
        DigestCredentials unsigned = new DigestCredentials(name, DOMAIN, nonces.issue(), "sip:" + DOMAIN, "", SipDigest.SHA_256,
                "auth", "c0ffee", 1);
        String response = DigestVerifier.expectedResponse(unsigned, SipDigest.SHA_256.ha1(name, DOMAIN, password), "REGISTER");
        DigestCredentials signed = new DigestCredentials(name, DOMAIN, unsigned.nonce(), unsigned.uri(), response, SipDigest.SHA_256,
                "auth", "c0ffee", 1);
        return authenticator.authenticate(signed, "REGISTER", source).block(Duration.ofSeconds(10));
    }

    private AuthenticationGuard.Attempt attempt() {
        return new AuthenticationGuard.Attempt(name, source);
    }

    /** Notices take their time; a bounded wait for what must come, which fails the test if it never does. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** Authenticates until both the account and its clean standing are held: a fill may race a notice. */
    private void authenticateUntilCached(String password) {
        await(() -> authenticate(password).account() != null && cache.account(name) != null && cache.clean(attempt()),
                "cached after authenticating");
    }

    @Test
    void aPasswordChangedByAnotherProcessRefusesTheOldAndAcceptsTheNew() {
        authenticateUntilCached("first password"); // a success fills the cache (unless a notice raced it: then again)

        accountsElsewhere.changePassword(name, "second password").block(Duration.ofSeconds(30));
        await(() -> cache.account(name) == null, "forgot the account whose password changed elsewhere");

        assertThat(authenticate("first password").account()).isNull();
        assertThat(authenticate("second password").account()).isNotNull();
    }

    @Test
    void aLockSetByAnotherProcessIsHonoured() {
        authenticateUntilCached("first password");

        for (int i = 0; i < POLICY.pairFailures(); i++) {
            guardElsewhere.recordFailure(name, source, "xmpp").block(Duration.ofSeconds(10));
        }
        await(() -> !cache.clean(attempt()), "forgot the standing after a lock elsewhere");

        DigestAuthenticator.Outcome locked = authenticate("first password");
        assertThat(locked.account()).isNull();
        assertThat(locked.lockout()).isNotNull();
    }

    @Test
    void failuresRecordedByAnotherProcessAreClearedByTheNextSuccess() {
        authenticateUntilCached("first password");

        guardElsewhere.recordFailure(name, source, "xmpp").block(Duration.ofSeconds(10));
        await(() -> !cache.clean(attempt()), "forgot the standing after a failure elsewhere");
        assertThat(guard.standings(List.of(attempt())).block().get(0).failures()).isTrue();

        assertThat(authenticate("first password").account()).isNotNull();
        assertThat(guard.standings(List.of(attempt())).block().get(0).failures()).as("cleared by the success").isFalse();
    }

    @Test
    void thisProcesssOwnFailureIsForgottenWithoutWaitingForItsNotice() {
        authenticateUntilCached("first password");
        listening.dispose();
        // not listening would empty the cache; this checks the direct path, so the cache is told it still listens
        CredentialCache deaf = new CredentialCache(DOMAIN, () -> true);
        DigestAuthenticator withDeafCache = new DigestAuthenticator(accounts, guard, nonces, new Backlog(100), deaf);
        deaf.fill(deaf.generation(), List.of(), List.of(attempt()));

        String nonce = nonces.issue();
        DigestCredentials wrong = new DigestCredentials(name, DOMAIN, nonce, "sip:" + DOMAIN, "0".repeat(64), SipDigest.SHA_256,
                "auth", "c0ffee", 1);
        assertThat(withDeafCache.authenticate(wrong, "REGISTER", source).block(Duration.ofSeconds(10)).account()).isNull();
        assertThat(deaf.clean(attempt())).isFalse();
    }

    @Test
    void whileNotListeningEveryLookupReadsAndTheCacheFillsOnlyOnceListeningAgain() {
        authenticateUntilCached("first password");

        // the listening connection is lost: it is made again, and nothing from before is kept
        Long ended = TestDatabase.client().sql("SELECT count(pg_terminate_backend(pid)) AS n " + LISTENERS)
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
        assertThat(ended).isPositive();
        await(() -> cache.account(name) == null, "forgot everything after the connection was lost");
        await(listener::listening, "listening again");
        authenticateUntilCached("first password");

        // not listening at all: lookups read, and what they read is not kept
        listening.dispose();
        await(() -> !listener.listening(), "stopped listening");
        assertThat(authenticate("first password").account()).isNotNull();
        assertThat(cache.account(name)).isNull();
        assertThat(cache.clean(attempt())).isFalse();
        accountsElsewhere.changePassword(name, "second password").block(Duration.ofSeconds(30));
        assertThat(authenticate("second password").account()).as("read, not remembered").isNotNull();

        listening = listener.notices().subscribe(cache::heard);
        await(listener::listening, "listening again");
        authenticateUntilCached("second password");
    }
}
