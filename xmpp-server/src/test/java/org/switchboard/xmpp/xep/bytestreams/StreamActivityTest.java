package org.switchboard.xmpp.xep.bytestreams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Idleness with a hand-moved clock. */
class StreamActivityTest {

    private long now = 5_000;

    @Test
    void aStreamIsIdleOnlyWhenNothingMovedForTheWholeTime() {
        StreamActivity activity = new StreamActivity(() -> now);
        now += 999;
        assertThat(activity.idleFor(1000)).isFalse();
        now += 1;
        assertThat(activity.idleFor(1000)).isTrue();
        activity.moved();
        assertThat(activity.idleFor(1000)).isFalse();
    }

    @Test
    void aDirectionHeldBackByTheRateIsNotIdleAndItsEndCountsAsMovement() {
        StreamActivity activity = new StreamActivity(() -> now);
        activity.holdStarted();
        now += 10_000;
        assertThat(activity.idleFor(1000)).as("the proxy, not the client, is waiting").isFalse();
        activity.holdEnded();
        assertThat(activity.idleFor(1000)).isFalse();
        now += 1000;
        assertThat(activity.idleFor(1000)).isTrue();
    }
}
