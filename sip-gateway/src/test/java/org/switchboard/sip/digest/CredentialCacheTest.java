package org.switchboard.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStatus;
import org.switchboard.common.account.AccountStore.SipCredentials;
import org.switchboard.common.db.NoticeListener.Notice;
import org.switchboard.common.lockout.AuthenticationGuard.Attempt;

/** The cache's rules without a database: its listening state and its notices are driven by hand. */
class CredentialCacheTest {

    private static final String DOMAIN = "cache.test";
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final CredentialCache cache = new CredentialCache(DOMAIN, listening::get);

    private static SipCredentials credentials(String localpart) {
        Account account = new Account(1, localpart, DOMAIN, AccountKind.PERSON, Set.of(), AccountStatus.ACTIVE, Instant.EPOCH, Instant.EPOCH);
        return new SipCredentials(account, "md5-" + localpart, "sha256-" + localpart);
    }

    private static Notice notice(String payload) {
        return new Notice(payload, 42);
    }

    @Test
    void whatWasReadIsKeptWhenNothingChangedMeanwhile() {
        Attempt attempt = new Attempt("alice", "192.0.2.1");
        cache.fill(cache.generation(), List.of(credentials("alice")), List.of(attempt));

        assertThat(cache.account("alice")).isEqualTo(credentials("alice"));
        assertThat(cache.clean(attempt)).isTrue();
        assertThat(cache.account("bob")).isNull();
    }

    @Test
    void aNoticeBetweenTheReadAndTheFillKeepsTheReadOut() {
        Attempt attempt = new Attempt("alice", "192.0.2.1");
        CredentialCache.Generation before = cache.generation();
        // another process changed an account and recorded a failure after the read began and committed before it ended
        cache.heard(notice("a " + DOMAIN + " someone-else"));
        cache.heard(notice("f"));
        cache.fill(before, List.of(credentials("alice")), List.of(attempt));

        assertThat(cache.account("alice")).isNull();
        assertThat(cache.clean(attempt)).isFalse();
    }

    @Test
    void eachKindOfChangeKeepsOutOnlyWhatItConcerns() {
        Attempt attempt = new Attempt("alice", "192.0.2.1");
        CredentialCache.Generation before = cache.generation();
        cache.heard(notice("l"));
        cache.fill(before, List.of(credentials("alice")), List.of(attempt));
        assertThat(cache.account("alice")).isNotNull();
        assertThat(cache.clean(attempt)).isFalse();

        before = cache.generation();
        cache.accountChanged("bob");
        cache.fill(before, List.of(credentials("carol")), List.of(attempt));
        assertThat(cache.account("carol")).isNull();
        assertThat(cache.clean(attempt)).isTrue();
    }

    @Test
    void noticesForgetTheirAccountOrEveryStanding() {
        Attempt attempt = new Attempt("alice", "192.0.2.1");
        cache.fill(cache.generation(), List.of(credentials("alice"), credentials("bob")), List.of(attempt));

        cache.heard(notice("a other.test alice"));
        assertThat(cache.account("alice")).as("another domain's alice").isNotNull();
        cache.heard(notice("a " + DOMAIN + " alice"));
        assertThat(cache.account("alice")).isNull();
        assertThat(cache.account("bob")).isNotNull();
        assertThat(cache.clean(attempt)).isTrue();

        cache.heard(notice("f"));
        assertThat(cache.clean(attempt)).isFalse();
        assertThat(cache.account("bob")).isNotNull();

        cache.heard(notice("something new"));
        assertThat(cache.account("bob")).as("a notice not understood forgets everything").isNull();
    }

    @Test
    void notListeningTheCacheIsEmptyAndBypassedAndMissedNoticesForgetEverything() {
        Attempt attempt = new Attempt("alice", "192.0.2.1");
        CredentialCache.Generation before = cache.generation();
        cache.fill(before, List.of(credentials("alice")), List.of(attempt));

        listening.set(false);
        assertThat(cache.account("alice")).isNull();
        assertThat(cache.generation()).isNull();
        cache.fill(before, List.of(credentials("alice")), List.of(attempt));
        cache.fill(null, List.of(credentials("alice")), List.of(attempt));
        listening.set(true);
        assertThat(cache.account("alice")).as("forgotten when the loss was noticed, not refilled meanwhile").isNull();
        assertThat(cache.clean(attempt)).isFalse();

        // a read that began before the loss, filled after listening again: the reconnection's MISSED keeps it out
        before = cache.generation();
        cache.heard(Notice.MISSED);
        cache.fill(before, List.of(credentials("alice")), List.of(attempt));
        assertThat(cache.account("alice")).isNull();

        cache.fill(cache.generation(), List.of(credentials("alice")), List.of(attempt));
        cache.heard(Notice.MISSED);
        assertThat(cache.account("alice")).isNull();
        assertThat(cache.clean(attempt)).isFalse();
    }

    @Test
    void aFullCacheStartsAgainRatherThanGrowing() {
        List<SipCredentials> many = new ArrayList<>();
        for (int i = 0; i < CredentialCache.MAX_ENTRIES; i++) {
            many.add(credentials("user" + i));
        }
        cache.fill(cache.generation(), many, List.of());
        assertThat(cache.accountsHeld()).isEqualTo(CredentialCache.MAX_ENTRIES);

        cache.fill(cache.generation(), List.of(credentials("one-more")), List.of());
        assertThat(cache.accountsHeld()).isEqualTo(1);
        assertThat(cache.account("one-more")).isNotNull();
    }

    /** What a gateway uses before it starts: nothing is kept, every lookup reads. */
    @Test
    void noCacheHoldsNothing() {
        CredentialCache none = CredentialCache.none();
        none.fill(none.generation(), List.of(credentials("alice")), List.of());
        assertThat(none.account("alice")).isNull();
    }
}
