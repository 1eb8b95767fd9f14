package org.switchboard.xmpp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Passes per host: never overlapping, none lost, and no failed or hung pass can leave a host without passes. */
class SerialPassesTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    /** Every pass started, in order, each ending when the test says so. */
    private final List<Sinks.Empty<Void>> started = new CopyOnWriteArrayList<>();

    private SerialPasses<String> passes(Function<Integer, Mono<Void>> nth) {
        return new SerialPasses<>(key -> {
            Sinks.Empty<Void> pass = Sinks.empty();
            started.add(pass);
            return nth.apply(started.size()).then(pass.asMono());
        }, LIMIT, time);
    }

    @Test
    void requestsWhileAPassRunsMakeExactlyOneMorePassAfterIt() {
        SerialPasses<String> passes = passes(n -> Mono.empty());
        passes.request("host");
        passes.request("host");
        passes.request("host");
        assertThat(started).hasSize(1);

        started.get(0).tryEmitEmpty();
        assertThat(started).hasSize(2);
        started.get(1).tryEmitEmpty();
        assertThat(started).hasSize(2);

        passes.request("host");
        assertThat(started).hasSize(3);
    }

    @Test
    void aRequestDuringTheExtraPassGetsAnotherOne() {
        SerialPasses<String> passes = passes(n -> Mono.empty());
        passes.request("host");
        passes.request("host");
        started.get(0).tryEmitEmpty();
        passes.request("host");
        started.get(1).tryEmitEmpty();
        assertThat(started).hasSize(3);
    }

    @Test
    void aFailingOrThrowingPassFreesTheHostAtOnce() {
        SerialPasses<String> passes = passes(n -> {
            if (n == 1) {
                return Mono.error(new IllegalStateException("database gone"));
            }
            if (n == 2) {
                throw new IllegalStateException("thrown while building the pass");
            }
            return Mono.empty();
        });
        passes.request("host");
        passes.request("host");
        passes.request("host");
        assertThat(started).hasSize(3);
    }

    @Test
    void aPassThatNeverEndsIsAbandonedAtTheLimitAndTheWaitingRequestRuns() {
        SerialPasses<String> passes = passes(n -> n == 1 ? Mono.never() : Mono.empty());
        passes.request("host");
        passes.request("host");
        time.advanceTimeBy(LIMIT.minusSeconds(1));
        assertThat(started).hasSize(1);

        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(started).hasSize(2);
        started.get(1).tryEmitEmpty();
        passes.request("host");
        assertThat(started).hasSize(3);
    }

    @Test
    void hostsDoNotWaitForEachOther() {
        SerialPasses<String> passes = passes(n -> n == 1 ? Mono.never() : Mono.empty());
        passes.request("hung");
        passes.request("other");
        assertThat(started).hasSize(2);
    }
}
