package org.switchboard.xmpp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

class HostPipelinesTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final HostPipelines pipelines = new HostPipelines(Duration.ofSeconds(30), time);
    private final Jid host = Jid.parse("host1@example.com/phone");

    /** Runs work that ends when its sink says so; true when the session was let go on at once. */
    private boolean start(Sinks.Empty<Void> work) {
        AtomicBoolean done = new AtomicBoolean();
        pipelines.run(host, work.asMono()).subscribe(null, e -> { }, () -> done.set(true));
        return done.get();
    }

    @Test
    void theSessionGoesOnWhileItsWorkIsUnderWayUpToTheBoundThenWaits() {
        List<Sinks.Empty<Void>> works = new ArrayList<>();
        for (int i = 0; i < HostPipelines.PER_SESSION; i++) {
            Sinks.Empty<Void> work = Sinks.empty();
            works.add(work);
            assertThat(start(work)).as("stanza %d", i).isTrue();
        }
        Sinks.Empty<Void> overflow = Sinks.empty();
        AtomicBoolean overflowDone = new AtomicBoolean();
        pipelines.run(host, overflow.asMono()).subscribe(null, e -> { }, () -> overflowDone.set(true));

        assertThat(overflowDone).as("past the bound the session waits for the work").isFalse();
        assertThat(pipelines.underWay(host)).isEqualTo(HostPipelines.PER_SESSION);
        overflow.tryEmitEmpty();
        assertThat(overflowDone).isTrue();

        works.get(0).tryEmitEmpty();
        works.get(1).tryEmitError(new IllegalStateException("commit failed"));
        assertThat(pipelines.underWay(host)).isEqualTo(HostPipelines.PER_SESSION - 2);
        assertThat(start(Sinks.empty())).as("a finished or failed stanza frees its place").isTrue();
    }

    @Test
    void sessionsDoNotShareTheirBound() {
        for (int i = 0; i < HostPipelines.PER_SESSION; i++) {
            start(Sinks.empty());
        }
        AtomicBoolean other = new AtomicBoolean();
        pipelines.run(Jid.parse("host2@example.com/phone"), Mono.never()).subscribe(null, e -> { }, () -> other.set(true));

        assertThat(other).isTrue();
    }

    @Test
    void workPastTheLimitIsAbandonedAndFreesItsPlace() {
        start(Sinks.empty());
        assertThat(pipelines.underWay(host)).isEqualTo(1);

        time.advanceTimeBy(Duration.ofSeconds(31));

        assertThat(pipelines.underWay(host)).isZero();
    }
}
