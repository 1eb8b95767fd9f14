package org.switchboard.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class GroupCommitTest {

    /** Batches recorded and held open until the test lets them commit. */
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Sinks.One<Boolean>> commits = new CopyOnWriteArrayList<>();

    private Mono<List<Optional<String>>> write(List<Integer> items) {
        batches.add(items);
        Sinks.One<Boolean> commit = Sinks.one();
        commits.add(commit);
        return commit.asMono().flatMap(ok -> ok ? Mono.just(items.stream().map(i -> i % 2 == 0 ? Optional.of("even " + i)
                : Optional.<String>empty()).toList()) : Mono.error(new IllegalStateException("a write in " + items + " broke")));
    }

    @Test
    void aLoneWriteGoesAtOnceAndWhatArrivesMeanwhileGoesAsOneBatch() {
        GroupCommit<Integer, String> group = new GroupCommit<>("numbers", this::write, 100, 1);
        List<String> answers = new CopyOnWriteArrayList<>();
        List<Integer> empties = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            group.submit(n).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .subscribe(answer -> answer.ifPresentOrElse(answers::add, () -> empties.add(n)));
        }

        assertThat(batches).containsExactly(List.of(0));
        commits.get(0).tryEmitValue(true);
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4));
        assertThat(answers).containsExactly("even 0");
        commits.get(1).tryEmitValue(true);

        assertThat(answers).containsExactlyInAnyOrder("even 0", "even 2", "even 4");
        assertThat(empties).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aTailWriteTellsItsOwnSubscriberOnceQueuedAndAPlainWriteTellsNobody() {
        GroupCommit<Integer, String> group = new GroupCommit<>("numbers", this::write, 100, 1);
        List<String> signals = new CopyOnWriteArrayList<>();
        group.submit(0).contextWrite(OrderedTail.offering(() -> signals.add("plain 0"))).subscribe();
        group.submitAsTail(1).contextWrite(OrderedTail.offering(() -> signals.add("tail 1 queued behind " + batches))).subscribe();
        group.submitAsTail(2).subscribe(); // nobody asked: no signal, and nothing breaks

        // 1 is queued while 0 is still being written, and is not written itself before the signal
        assertThat(signals).containsExactly("tail 1 queued behind [[0]]");
        commits.get(0).tryEmitValue(true);
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2));
    }

    @Test
    void onlyAQueueOfOneBatchAtATimeTakesTailWrites() {
        GroupCommit<Integer, String> group = new GroupCommit<>("numbers", this::write, 100, 2);
        assertThatThrownBy(() -> group.submitAsTail(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
    }

    @Test
    void batchesAreBoundedAndSeveralMayRun() {
        GroupCommit<Integer, String> group = new GroupCommit<>("numbers", this::write, 2, 2);
        for (int i = 0; i < 7; i++) {
            group.submit(i).subscribe();
        }

        assertThat(batches).containsExactly(List.of(0), List.of(1));
        commits.get(0).tryEmitValue(true);
        assertThat(batches).containsExactly(List.of(0), List.of(1), List.of(2, 3));
        commits.get(1).tryEmitValue(true);
        commits.get(2).tryEmitValue(true);
        assertThat(batches).containsExactly(List.of(0), List.of(1), List.of(2, 3), List.of(4, 5), List.of(6));
    }

    /** A store whose first batch waits for {@code gate}, so what is submitted next meets in one batch. */
    private GroupCommit<Integer, String> heldStore(Sinks.One<Boolean> gate, List<List<Integer>> calls,
                                                   java.util.function.Function<List<Integer>, Mono<List<Optional<String>>>> then) {
        return new GroupCommit<>("numbers", items -> {
            calls.add(items);
            return calls.size() == 1 ? gate.asMono().thenReturn(List.of(Optional.of("first"))) : then.apply(items);
        }, 100, 1);
    }

    @Test
    void aFailedBatchIsTriedOneWriteAtATimeSoOnlyTheBadOneFails() {
        Sinks.One<Boolean> gate = Sinks.one();
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> group = heldStore(gate, calls, items -> items.contains(13)
                ? Mono.error(new IllegalStateException("13 is refused"))
                : Mono.just(items.stream().map(i -> Optional.of("ok " + i)).toList()));
        group.submit(0).subscribe();
        Mono<String> a = group.submit(14).cache();
        Mono<String> b = group.submit(13).cache();
        Mono<String> c = group.submit(15).cache();
        a.subscribe(null, e -> { });
        b.subscribe(null, e -> { });
        c.subscribe(null, e -> { });

        gate.tryEmitValue(true);

        StepVerifier.create(a).expectNext("ok 14").verifyComplete();
        StepVerifier.create(b).expectErrorMessage("13 is refused").verify();
        StepVerifier.create(c).expectNext("ok 15").verifyComplete();
        assertThat(calls).containsExactly(List.of(0), List.of(14, 13, 15), List.of(14), List.of(13), List.of(15));
    }

    @Test
    void aBatchThatAnswersTheWrongNumberOfResultsFailsEveryWriteWithoutWritingAgain() {
        Sinks.One<Boolean> gate = Sinks.one();
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> group = heldStore(gate, calls, items -> Mono.just(List.of(Optional.of("one"))));
        group.submit(0).subscribe();
        Mono<String> a = group.submit(1).cache();
        Mono<String> b = group.submit(2).cache();
        a.subscribe(null, e -> { });
        b.subscribe(null, e -> { });

        gate.tryEmitValue(true);

        StepVerifier.create(a).expectErrorMessage("numbers: 1 results for 2 writes").verify();
        StepVerifier.create(b).expectErrorMessage("numbers: 1 results for 2 writes").verify();
        assertThat(calls).containsExactly(List.of(0), List.of(1, 2));
    }

    @Test
    void aBatchPostgresRolledBackIsWarnedOfAndAnyOtherFailureIsNot() {
        Logger logger = (Logger) LoggerFactory.getLogger(GroupCommit.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (Throwable failure : List.of(new R2dbcTransientResourceException("deadlock detected", "40P01"),
                    new IllegalArgumentException("one write in the batch is bad"))) {
                Sinks.One<Boolean> first = Sinks.one();
                // the first write holds the only slot, so the next three arrive as one batch, which fails as a whole
                GroupCommit<Integer, String> group = new GroupCommit<>("numbers", items -> items.equals(List.of(0))
                        ? first.asMono().thenReturn(List.of(Optional.of("first")))
                        : items.size() > 1 ? Mono.error(failure) : Mono.just(List.of(Optional.of("alone " + items.get(0)))), 100, 1);
                List<String> answers = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 4; i++) {
                    group.submit(i).subscribe(answers::add);
                }
                first.tryEmitValue(true);

                assertThat(answers).as("each tried alone after " + failure).containsExactlyInAnyOrder("first", "alone 1", "alone 2", "alone 3");
            }
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("3 numbers", "rolled back by PostgreSQL", "40P01",
                        "deadlock detected"));
    }
}
