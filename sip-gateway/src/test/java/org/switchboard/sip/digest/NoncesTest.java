package org.switchboard.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;

class NoncesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Nonces nonces = new Nonces(Duration.ofMinutes(5), clock);

    @Test
    void aFreshNonceMayBeUsedWithRisingCountsOnly() {
        String nonce = nonces.issue();
        assertThat(nonces.check(nonce, 1)).isEqualTo(Nonces.Verdict.FRESH);
        assertThat(nonces.use(nonce, 1)).isTrue();

        assertThat(nonces.check(nonce, 1)).isEqualTo(Nonces.Verdict.REPLAYED);
        assertThat(nonces.use(nonce, 1)).as("a racing copy").isFalse();
        assertThat(nonces.check(nonce, 2)).isEqualTo(Nonces.Verdict.FRESH);
    }

    @Test
    void anOldNonceIsStale() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(nonces.check(nonce, 1)).isEqualTo(Nonces.Verdict.STALE);
    }

    @Test
    void forgedAndMalformedNoncesAreRecognised() {
        String nonce = nonces.issue();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char first = nonce.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + nonce.substring(1);
        // 32 bytes are 43 characters whose last carries 4 bits and 2 unused ones: flipping an unused bit changes the
        // string but not the decoded bytes, and must not pass either
        char last = nonce.charAt(nonce.length() - 1);
        String unusedBitFlipped = nonce.substring(0, nonce.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

        assertThat(nonces.check(tampered, 1)).isEqualTo(Nonces.Verdict.FORGED);
        assertThat(nonces.check(unusedBitFlipped, 1)).isEqualTo(Nonces.Verdict.FORGED);
        assertThat(nonces.check("not base64 at all!", 1)).isEqualTo(Nonces.Verdict.FORGED);
        assertThat(nonces.check("", 1)).isEqualTo(Nonces.Verdict.FORGED);
        assertThat(new Nonces(Duration.ofMinutes(5), clock).check(nonce, 1)).as("another process's key").isEqualTo(Nonces.Verdict.FORGED);
    }

    @Test
    void usedNoncesAreForgottenOnceTheirWholeBucketHasExpired() {
        String[] early = new String[1_000];
        for (int i = 0; i < early.length; i++) {
            early[i] = nonces.issue();
            assertThat(nonces.use(early[i], 1)).isTrue();
        }
        clock.advance(Duration.ofMinutes(4));
        String later = nonces.issue();
        assertThat(nonces.use(later, 1)).isTrue();
        assertThat(nonces.remembered()).as("nothing has expired yet").isEqualTo(1_001);
        assertThat(nonces.check(early[0], 1)).as("still remembered").isEqualTo(Nonces.Verdict.REPLAYED);

        // the early ones' bucket (an eighth of the five minutes wide) has expired whole; the next bucket to open drops it
        clock.advance(Duration.ofSeconds(100));   // 5 min 40 s: past the bucket's latest possible expiry (5 min + 37.5 s)
        assertThat(nonces.use(nonces.issue(), 1)).isTrue();
        assertThat(nonces.remembered()).as("the later nonce and the new one").isEqualTo(2);
        assertThat(nonces.check(later, 1)).isEqualTo(Nonces.Verdict.REPLAYED);
    }

    @Test
    void aNonceThatExpiredAfterItWasCheckedIsNotUsed() {
        String nonce = nonces.issue();
        assertThat(nonces.check(nonce, 1)).isEqualTo(Nonces.Verdict.FRESH);
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertThat(nonces.use(nonce, 1)).isFalse();
        assertThat(nonces.remembered()).isZero();
    }
}
