package org.switchboard.host.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.PartResult;

/** A radio's silence becomes a {@code failed} report with the outcome unknown, on a fake clock. */
class ResultWatchTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final List<PartResult> reported = new CopyOnWriteArrayList<>();

    private ResultWatch watch(HostQueue queue) {
        return new ResultWatch(queue, result -> {
            reported.add(result);
            try {
                queue.recordPart(result, Payloads.report(result).toXml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, TIMEOUT, nanos::get);
    }

    private static void dispatch(HostQueue queue, String id, int parts) throws IOException {
        queue.accept(new QueuedCommand(id, QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of("+15550001"), "body " + id,
                Instant.now()));
        queue.markDispatched(id, parts);
    }

    private void pass(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void partsWithoutAResultAreReportedFailedWithTheOutcomeUnknownOnceTheWaitIsOver() throws Exception {
        try (HostQueue queue = HostQueue.open(dir)) {
            ResultWatch watch = watch(queue);
            dispatch(queue, "m1", 3);
            watch.handingOver("m1");
            queue.recordPart(PartResult.sent("m1", 0, 3, Instant.now()), "<report id='m1' part='0'/>");
            queue.recordPart(PartResult.failed("m1", 2, 3, 4, "no service", Instant.now()), "<report id='m1' part='2'/>");

            pass(TIMEOUT.minusSeconds(2));
            watch.check();
            assertThat(reported).as("still within the wait").isEmpty();

            pass(Duration.ofSeconds(3));
            watch.check();
            assertThat(reported).singleElement().satisfies(result -> {
                assertThat(result.commandId()).isEqualTo("m1");
                assertThat(result.part()).isEqualTo(1);
                assertThat(result.parts()).isEqualTo(3);
                assertThat(result.state()).isEqualTo(PartResult.State.FAILED);
                assertThat(result.code()).isEqualTo(HostProtocol.CODE_OUTCOME_UNKNOWN);
                assertThat(result.reason()).contains("outcome unknown").contains("10 minutes");
            });
            assertThat(queue.awaitingRadio()).isEmpty();
            assertThat(queue.unacknowledged().get(queue.unacknowledged().size() - 1).payload())
                    .contains("state='failed'").contains("code='-2'");

            pass(TIMEOUT.multipliedBy(2));
            watch.check();
            assertThat(reported).as("reported once").hasSize(1);
        }
    }

    @Test
    void aResultThatComesInTimeLeavesNothingToReport() throws Exception {
        try (HostQueue queue = HostQueue.open(dir)) {
            ResultWatch watch = watch(queue);
            dispatch(queue, "m1", 1);
            watch.handingOver("m1");
            pass(TIMEOUT.minusSeconds(1));
            watch.check();
            queue.recordPart(PartResult.sent("m1", 0, 1, Instant.now()), "<report id='m1'/>");
            pass(TIMEOUT);
            watch.check();
            assertThat(reported).isEmpty();
        }
    }

    @Test
    void aHandOverByAnEarlierProcessIsReportedTheWaitAfterThisStart() throws Exception {
        try (HostQueue queue = HostQueue.open(dir)) {
            dispatch(queue, "before-crash", 2);
            queue.recordPart(PartResult.sent("before-crash", 0, 2, Instant.now()), "<report id='before-crash'/>");
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.awaitingRadio()).containsExactly(new HostQueue.AwaitingRadio("before-crash", 2, List.of(1)));
            ResultWatch watch = watch(queue);
            pass(TIMEOUT.minusSeconds(1));
            watch.check();
            assertThat(reported).isEmpty();
            pass(Duration.ofSeconds(2));
            watch.check();
            assertThat(reported).singleElement().satisfies(result -> {
                assertThat(result.part()).isEqualTo(1);
                assertThat(result.code()).isEqualTo(HostProtocol.CODE_OUTCOME_UNKNOWN);
                assertThat(result.reason()).contains("stopped while handing this text to the radio");
            });
            assertThat(queue.undispatched()).as("never handed to the radio a second time").isEmpty();
        }
    }
}
