package org.switchboard.turn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.common.turn.RestUsername;

/** The revoked-user memory: what it refuses, and that it forgets what can no longer matter. */
class RevocationsTest {

    private static final Duration TTL = Duration.ofHours(1);
    private static final Instant CHANGE = Instant.parse("2026-11-30T12:00:00.500Z");

    private final Revocations revocations = new Revocations(TTL);

    private static RestUsername mintedAt(Instant issued, String user) {
        return new RestUsername(issued.plus(TTL), user);
    }

    @Test
    void refusesCredentialsMintedBeforeTheChangeOnlyForThatUser() {
        revocations.revoke("alice", CHANGE, CHANGE);

        assertThat(revocations.refuses(mintedAt(CHANGE.minusSeconds(1800), "alice"))).isTrue();
        assertThat(revocations.refuses(mintedAt(CHANGE.plusSeconds(1), "alice"))).isFalse();
        assertThat(revocations.refuses(mintedAt(CHANGE.minusSeconds(1800), "bob"))).isFalse();
        assertThat(revocations.refuses(CHANGE.plus(TTL).minusSeconds(60).getEpochSecond() + ":alice")).isTrue();
        assertThat(revocations.refuses("not-a-rest-username")).isFalse();
    }

    @Test
    void aCredentialMintedInTheSameSecondAsTheChangeIsRefused() {
        revocations.revoke("alice", CHANGE, CHANGE);

        // Minted 0.4 s after the change: its expiry has whole seconds, so it cannot be told from one minted before.
        String username = CHANGE.plusMillis(400).plus(TTL).getEpochSecond() + ":alice";

        assertThat(revocations.refuses(username)).isTrue();
    }

    @Test
    void theLatestChangeOfAUserCounts() {
        revocations.revoke("alice", CHANGE, CHANGE);
        revocations.revoke("alice", CHANGE.minusSeconds(600), CHANGE);

        assertThat(revocations.refuses(mintedAt(CHANGE.minusSeconds(1), "alice"))).isTrue();
        assertThat(revocations.size()).isEqualTo(1);
    }

    @Test
    void forgetsAChangeOnceEveryCredentialMintedBeforeItHasExpired() {
        revocations.revoke("alice", CHANGE, CHANGE);
        revocations.revoke("bob", CHANGE.plusSeconds(60), CHANGE.plusSeconds(60));

        revocations.prune(CHANGE.plus(TTL).minusMillis(1));
        assertThat(revocations.size()).isEqualTo(2);
        revocations.prune(CHANGE.plus(TTL));

        assertThat(revocations.size()).isEqualTo(1);
        assertThat(revocations.refuses(mintedAt(CHANGE.minusMillis(1), "alice"))).isFalse();
    }

    @Test
    void aTtlThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> new Revocations(Duration.ZERO)).hasMessageContaining("ttl");
    }
}
