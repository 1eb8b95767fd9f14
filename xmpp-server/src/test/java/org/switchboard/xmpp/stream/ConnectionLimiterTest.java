package org.switchboard.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void limitsEachAddressSeparatelyAndForgetsReleasedOnes() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);

        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();
        assertThat(limiter.tryAcquire("192.0.2.2")).isTrue();

        limiter.release("192.0.2.1");
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        limiter.release("192.0.2.1");
        limiter.release("192.0.2.1");
        assertThat(limiter.count("192.0.2.1")).isZero();
    }
}
