package org.switchboard.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.common.net.ConnectionLimiter.Refusal;

class ConnectionLimiterTest {

    @Test
    void limitsEachAddressSeparatelyAndForgetsReleasedOnes() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 100);

        assertThat(limiter.tryAcquire("192.0.2.1")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.1")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.1")).isEqualTo(Refusal.PER_ADDRESS);
        assertThat(limiter.tryAcquire("192.0.2.2")).isNull();

        limiter.release("192.0.2.1");
        assertThat(limiter.tryAcquire("192.0.2.1")).isNull();
        limiter.release("192.0.2.1");
        limiter.release("192.0.2.1");
        assertThat(limiter.count("192.0.2.1")).isZero();
        assertThat(limiter.total()).isEqualTo(1);
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareTheirPlaces() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 100);

        assertThat(limiter.tryAcquire("2001:db8:1:2::1")).isNull();
        assertThat(limiter.tryAcquire("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isNull();
        assertThat(limiter.tryAcquire("2001:db8:1:2:ffff::7")).isEqualTo(Refusal.PER_ADDRESS);
        assertThat(limiter.tryAcquire("2001:db8:1:3::1")).as("the next /64 is another host").isNull();

        limiter.release("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(limiter.tryAcquire("2001:db8:1:2::99")).isNull();
    }

    @Test
    void manyAddressesTogetherStopAtTheTotal() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 3);

        assertThat(limiter.tryAcquire("192.0.2.1")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.2")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.3")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.4")).isEqualTo(Refusal.TOTAL);
        assertThat(limiter.count("192.0.2.4")).as("a refused connection holds nothing").isZero();
        assertThat(limiter.total()).isEqualTo(3);

        limiter.release("192.0.2.2");
        assertThat(limiter.tryAcquire("192.0.2.4")).isNull();
    }

    @Test
    void aRefusalPerAddressDoesNotCountTowardsTheTotal() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 2);

        assertThat(limiter.tryAcquire("192.0.2.1")).isNull();
        assertThat(limiter.tryAcquire("192.0.2.1")).isEqualTo(Refusal.PER_ADDRESS);
        assertThat(limiter.tryAcquire("192.0.2.1")).isEqualTo(Refusal.PER_ADDRESS);
        assertThat(limiter.total()).isEqualTo(1);
        assertThat(limiter.tryAcquire("192.0.2.2")).isNull();
    }
}
