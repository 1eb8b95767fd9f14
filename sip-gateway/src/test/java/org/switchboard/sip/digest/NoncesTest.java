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
    void expiredNoncesAreSweptAtMostOnceASecond() {
        String[] issued = new String[20_004];
        for (int i = 0; i < issued.length; i++) {
            issued[i] = nonces.issue();
        }
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        for (int i = 0; i <= 10_001; i++) {
            nonces.use(issued[i], 1);
        }
        assertThat(nonces.remembered()).as("the use past 10,000 swept every expired one before it").isEqualTo(1);

        for (int i = 10_002; i < 20_003; i++) {
            nonces.use(issued[i], 1);
        }
        assertThat(nonces.remembered()).as("no second sweep within the second").isEqualTo(10_002);

        clock.advance(Duration.ofSeconds(1));
        nonces.use(issued[20_003], 1);
        assertThat(nonces.remembered()).as("a second later the next use sweeps again").isEqualTo(1);
    }
}
