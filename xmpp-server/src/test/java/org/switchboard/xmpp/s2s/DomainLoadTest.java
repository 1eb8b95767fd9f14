package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DomainLoadTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void eachDomainHasItsOwnConnectionsUpToTheLimitAndAReleasedOneIsFreeAgain() {
        DomainLoad load = new DomainLoad(new PeerLimits(2, 10, 5), now::get);
        assertThat(load.admitIncoming("a.example")).isTrue();
        assertThat(load.admitIncoming("a.example")).isTrue();
        assertThat(load.admitIncoming("a.example")).as("a third connection for the same domain").isFalse();
        assertThat(load.admitIncoming("b.example")).as("another domain counts on its own").isTrue();
        load.releaseIncoming("a.example");
        assertThat(load.incoming("a.example")).isEqualTo(1);
        assertThat(load.admitIncoming("a.example")).isTrue();
        load.releaseIncoming("never.example");
        assertThat(load.incoming("never.example")).isZero();
    }

    @Test
    void aBurstGoesAtOnceAndThenEachStanzaWaitsForItsTokenAtTheRate() {
        DomainLoad load = new DomainLoad(new PeerLimits(2, 10, 5), now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(load.stanzaDelayNanos("a.example")).as("stanza %d of the burst", i).isZero();
        }
        long tenth = TimeUnit.MILLISECONDS.toNanos(100);
        assertThat(load.stanzaDelayNanos("a.example")).isEqualTo(tenth);
        assertThat(load.stanzaDelayNanos("a.example")).as("the debt grows: the next waits behind the previous").isEqualTo(2 * tenth);
        assertThat(load.stanzaDelayNanos("b.example")).as("another domain has its own bucket").isZero();
        now.addAndGet(3 * tenth);
        assertThat(load.stanzaDelayNanos("a.example")).as("two tokens of debt paid, one token to spare").isZero();
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 5; i++) {
            assertThat(load.stanzaDelayNanos("a.example")).as("the bucket refills only up to the burst").isZero();
        }
        assertThat(load.stanzaDelayNanos("a.example")).isPositive();
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        DomainLoad load = new DomainLoad(new PeerLimits(1, 0, 1), now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(load.stanzaDelayNanos("a.example")).isZero();
        }
    }

    @Test
    void limitsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new PeerLimits(0, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerLimits(1, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerLimits(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
