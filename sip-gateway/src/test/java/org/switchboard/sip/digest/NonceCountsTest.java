package org.switchboard.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The primitive table of nonce-counts keeps the rule of a map from nonce to its highest count. */
class NonceCountsTest {

    @Test
    void aCountIsRecordedOnlyAboveTheHighestSoFarAndZeroIsACount() {
        NonceCounts counts = new NonceCounts();
        assertThat(counts.highest(42)).as("never used").isEqualTo(-1);
        assertThat(counts.advance(42, 0)).as("no qop: count 0").isTrue();
        assertThat(counts.advance(42, 0)).as("0 again is a replay").isFalse();
        assertThat(counts.advance(42, 2)).isTrue();
        assertThat(counts.advance(42, 1)).as("lower").isFalse();
        assertThat(counts.advance(42, 2)).as("equal").isFalse();
        assertThat(counts.highest(42)).isEqualTo(2);
        assertThat(counts.advance(0, 1)).as("the key 0 is a key like any other").isTrue();
        assertThat(counts.highest(0)).isEqualTo(1);
        assertThat(counts.size()).isEqualTo(2);
    }

    @Test
    void everyKeyKeepsItsOwnCountAsTheTableGrows() {
        NonceCounts counts = new NonceCounts();
        long[] keys = new SplittableRandom(7).longs(200_000).toArray();
        for (int i = 0; i < keys.length; i++) {
            assertThat(counts.advance(keys[i], i % 5)).isTrue();
        }
        assertThat(counts.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertThat(counts.highest(keys[i])).isEqualTo(i % 5);
        }
        assertThat(counts.highest(new SplittableRandom(8).nextLong())).isEqualTo(-1);
    }

    @Test
    void ofTwoThreadsUsingOneCountOnlyOneSucceeds() {
        NonceCounts counts = new NonceCounts();
        AtomicInteger recorded = new AtomicInteger();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            if (counts.advance(i / 2, 1)) {
                recorded.incrementAndGet();
            }
        });
        assertThat(recorded).hasValue(10_000);
    }
}
