package org.switchboard.sip.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;

class SourceLimiterTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final SourceLimiter limiter = new SourceLimiter(SipLimits.OFF.withSource(3, Duration.ofSeconds(2), Duration.ofSeconds(10)), clock);

    @Test
    void theRequestOverTheLimitBansItsSourceAndLaterOnesAreDroppedUntilTheBanEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.request("192.0.2.1")).isEqualTo(SourceLimiter.Verdict.PASS);
        }
        assertThat(limiter.request("192.0.2.1")).isEqualTo(SourceLimiter.Verdict.BAN_NOW);
        assertThat(limiter.request("192.0.2.1")).isEqualTo(SourceLimiter.Verdict.DROP);
        assertThat(limiter.banned("192.0.2.1")).isTrue();
        assertThat(limiter.request("192.0.2.2")).as("another source is counted on its own").isEqualTo(SourceLimiter.Verdict.PASS);
        assertThat(limiter.bannedCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.request("192.0.2.1")).as("dropped requests do not lengthen the ban").isEqualTo(SourceLimiter.Verdict.DROP);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.banned("192.0.2.1")).isFalse();
        assertThat(limiter.request("192.0.2.1")).as("a new window after the ban").isEqualTo(SourceLimiter.Verdict.PASS);
    }

    @Test
    void aBanShorterThanTheWindowEndsInAFreshWindow() {
        SourceLimiter shortBan = new SourceLimiter(SipLimits.OFF.withSource(2, Duration.ofSeconds(60), Duration.ofSeconds(5)), clock);
        shortBan.request("192.0.2.3");
        shortBan.request("192.0.2.3");
        assertThat(shortBan.request("192.0.2.3")).isEqualTo(SourceLimiter.Verdict.BAN_NOW);
        clock.advance(Duration.ofSeconds(5));
        assertThat(shortBan.request("192.0.2.3")).as("not banned again at once for the old window's count").isEqualTo(SourceLimiter.Verdict.PASS);
        assertThat(shortBan.request("192.0.2.3")).isEqualTo(SourceLimiter.Verdict.PASS);
        assertThat(shortBan.request("192.0.2.3")).isEqualTo(SourceLimiter.Verdict.BAN_NOW);
    }

    @Test
    void theCountStartsAgainInEachWindow() {
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.request("::1")).isEqualTo(SourceLimiter.Verdict.PASS);
            }
            clock.advance(Duration.ofSeconds(2));
        }
    }

    @Test
    void aSweepForgetsSourcesWhoseWindowAndBanAreOverButKeepsBans() {
        for (int i = 0; i < 4; i++) {
            limiter.request("192.0.2.9");
        }
        limiter.request("192.0.2.10");
        clock.advance(Duration.ofSeconds(3));
        limiter.sweep();
        assertThat(limiter.banned("192.0.2.9")).isTrue();
        clock.advance(Duration.ofSeconds(10));
        limiter.sweep();
        assertThat(limiter.bannedCount()).isZero();
    }

    @Test
    void zeroRequestsTurnsTheLimitOff() {
        SourceLimiter off = new SourceLimiter(SipLimits.OFF, clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.request("127.0.0.1")).isEqualTo(SourceLimiter.Verdict.PASS);
        }
        assertThat(off.enabled()).isFalse();
    }
}
