package org.switchboard.host.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.host.queue.HostQueue.Acceptance;
import org.switchboard.host.queue.HostQueue.Outgoing;
import org.switchboard.host.radio.PartResult;

class HostQueueTest {

    @TempDir
    Path dir;

    private static QueuedCommand send(String id, String to, String body) {
        return new QueuedCommand(id, QueuedCommand.Kind.SEND, OptionalInt.of(1), List.of(to), body, Instant.parse("2026-11-30T10:00:00Z"));
    }

    private Path journal() {
        return dir.resolve("journal.log");
    }

    @Test
    void changesMadeByManyThreadsAtOnceAreAllThereAfterReopening() throws Exception {
        int threads = 8;
        int each = 100;
        try (HostQueue queue = HostQueue.open(dir)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        assertThat(queue.accept(send("t" + thread + "-" + i, "+1555000" + thread, "text " + i))).isEqualTo(Acceptance.ACCEPTED);
                        queue.enqueue("<inbound id='t" + thread + "-" + i + "'/>");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched()).hasSize(threads * each);
            List<Outgoing> events = queue.unacknowledged();
            assertThat(events).hasSize(threads * each);
            assertThat(events).extracting(Outgoing::seq).isSorted().doesNotHaveDuplicates();
            for (int t = 0; t < threads; t++) {
                String prefix = "<inbound id='t" + t + "-";
                // each thread's events keep the order that thread wrote them in
                assertThat(events.stream().map(Outgoing::payload).filter(p -> p.startsWith(prefix)).toList())
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, each).mapToObj(i -> prefix + i + "'/>").toList());
            }
        }
    }

    /**
     * The commands still waiting for the radio are kept apart from the finished ones the queue remembers:
     * their count, which admits or refuses a new command, and their order, in which they go to the radio, hold
     * through dispatch, part results, done, a compaction and a reopening.
     */
    @Test
    void theCommandsWaitingForTheRadioKeepTheirCountAndOrderThroughEveryChange() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            for (int i = 1; i <= 6; i++) {
                assertThat(queue.accept(send("c" + i, "+1555000" + i, "text " + i))).isEqualTo(Acceptance.ACCEPTED);
            }
            queue.markDispatched("c2", 1);
            queue.markDispatched(java.util.Map.of("c4", 2, "c5", 1));
            queue.recordPart(PartResult.sent("c4", 0, 2, Instant.parse("2026-11-30T10:01:00Z")), "<report id='c4-0'/>");
            queue.markDone("c5");
            queue.markDone("c6"); // done without a dispatch (refused before the radio): no longer waiting either

            assertThat(queue.pendingCommands()).isEqualTo(2);
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c1", "c3");
            queue.compact();
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c1", "c3");
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.pendingCommands()).isEqualTo(2);
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c1", "c3");
            assertThat(queue.accept(send("c7", "+15550007", "seven"))).isEqualTo(Acceptance.ACCEPTED);
            queue.markDispatched("c1", 1);
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c3", "c7");
            assertThat(queue.pendingCommands()).isEqualTo(2);
        }
    }

    @Test
    void aBoundedReadGivesTheOldestUnacknowledgedInOrder() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            for (int i = 0; i < 5; i++) {
                queue.enqueue("<report id='r" + i + "'/>");
            }
            queue.acknowledge(queue.unacknowledged(1).get(0).seq());
            assertThat(queue.unacknowledged(2)).extracting(Outgoing::payload).containsExactly("<report id='r1'/>", "<report id='r2'/>");
            assertThat(queue.unacknowledged(10)).extracting(Outgoing::payload)
                    .containsExactly("<report id='r1'/>", "<report id='r2'/>", "<report id='r3'/>", "<report id='r4'/>");
            assertThat(queue.unacknowledged(0)).isEmpty();
        }
    }

    /**
     * The "later" forms write without waiting for the device; what they wrote is read back by the syncing
     * readers and by a reopened queue, and several commands marked dispatched at once are all dispatched.
     */
    @Test
    void changesWrittenWithoutWaitingAreReadAndKeptLikeTheOthers() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.accept(send("c1", "+15550001", "one"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c2", "+15550002", "two"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c3", "+15550003", "three"))).isEqualTo(Acceptance.ACCEPTED);
            HostQueue.Written<Boolean> seen = queue.seenLater("c1");
            assertThat(seen.value()).isTrue();
            queue.awaitDurable(seen.ticket());
            assertThat(queue.seenLater("c9").value()).isFalse();

            assertThat(queue.undispatchedAsWritten()).extracting(QueuedCommand::id).containsExactly("c1", "c2", "c3");
            java.util.Map<String, Integer> both = new java.util.LinkedHashMap<>();
            both.put("c1", 1);
            both.put("c2", 2);
            queue.markDispatched(both);
            assertThat(queue.undispatchedAsWritten()).extracting(QueuedCommand::id).containsExactly("c3");
            assertThat(queue.commandAsWritten("c2")).hasValueSatisfying(progress -> assertThat(progress.dispatched()).isTrue());

            assertThat(queue.recordPartLater(PartResult.sent("c1", 0, 1, Instant.EPOCH), "<report id='c1'/>")).isTrue();
            assertThat(queue.recordPartLater(PartResult.sent("c1", 0, 1, Instant.EPOCH), "<report id='c1' again/>")).isFalse();
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<report id='c1'/>");
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c3");
            assertThat(queue.awaitingRadio()).extracting(HostQueue.AwaitingRadio::commandId).containsExactly("c2");
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<report id='c1'/>");
        }
    }

    @Test
    void anMmsCommandKeepsItsRecipientsAndMediaAcrossAReopenAndCompaction() throws IOException {
        QueuedCommand mms = new QueuedCommand("m1", QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of("+15550001", "+15550002"),
                "", Instant.parse("2026-11-30T10:00:00Z"),
                List.of(new org.switchboard.host.protocol.MediaRef("https://example.com/upload/a/b.jpg", "image/jpeg", 42)));
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.accept(mms)).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c1", "+15550001", "a text"))).isEqualTo(Acceptance.ACCEPTED);
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched()).containsExactly(mms, send("c1", "+15550001", "a text"));
            assertThat(queue.undispatched().get(0).isMms()).isTrue();
            queue.compact();
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched().get(0)).isEqualTo(mms);
            assertThat(queue.undispatched().get(1).media()).isEmpty();
        }
    }

    @Test
    void whatWasWrittenIsThereAfterReopening() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.accept(send("c1", "+15550001", "first"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c2", "+15550002", "second — ünïcode ✓"))).isEqualTo(Acceptance.ACCEPTED);
            queue.markDispatched("c1", 2);
            queue.recordPart(PartResult.sent("c1", 0, 2, Instant.EPOCH), "<report id='c1' part='0'/>");
            queue.enqueue("<inbound id='i1'/>");
            long acked = queue.enqueue("<inbound id='i2'/>");
            queue.enqueue("<inbound id='i3'/>");
            queue.acknowledge(acked);
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("c2");
            assertThat(queue.undispatched().get(0).body()).isEqualTo("second — ünïcode ✓");
            assertThat(queue.undispatched().get(0).subscriptionId()).hasValue(1);
            CommandProgress c1 = queue.command("c1").orElseThrow();
            assertThat(c1.dispatched()).isTrue();
            assertThat(c1.parts()).isEqualTo(2);
            assertThat(c1.part(0)).isEqualTo(PartResult.State.SENT);
            assertThat(c1.part(1)).isNull();
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload)
                    .containsExactly("<report id='c1' part='0'/>", "<inbound id='i1'/>", "<inbound id='i3'/>");
        }
    }

    @Test
    void whatTriggeredACompactionIsInTheRewrittenJournal() throws IOException {
        // compaction rewrites the journal from memory; it once ran before the record that triggered it was
        // applied in memory, so that event (or ack) vanished from disk (found by ProcessDeathTest under SIGKILL)
        int next = 0;
        for (int compaction = 0; compaction < 2; compaction++) {
            List<String> expected;
            try (HostQueue queue = HostQueue.open(dir)) {
                boolean compacted = false;
                while (!compacted) {
                    long records = queue.journalRecords();
                    if (next % 2 == 0) {
                        queue.enqueue("<inbound id='e" + next + "'/>");
                    } else {
                        queue.acknowledge(queue.firstUnacknowledged().orElseThrow().seq());
                    }
                    next++;
                    compacted = queue.journalRecords() <= records;   // this operation rewrote the journal
                    assertThat(next).as("a compaction came").isLessThan(10_000);
                }
                expected = queue.unacknowledged().stream().map(HostQueue.Outgoing::payload).toList();
            }
            try (HostQueue reopened = HostQueue.open(dir)) {
                assertThat(reopened.unacknowledged().stream().map(HostQueue.Outgoing::payload).toList())
                        .as("after the compaction at operation " + next).isEqualTo(expected);
            }
        }
    }

    @Test
    void aBatchOfAcknowledgmentsIsKeptAfterReopeningAndUnknownOrRepeatedOnesChangeNothing() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            long a = queue.enqueue("<inbound id='a'/>");
            queue.enqueue("<inbound id='b'/>");
            long c = queue.enqueue("<inbound id='c'/>");
            queue.acknowledge(List.of(a, c, 999L));
            queue.acknowledge(List.of(a)); // a repeated answer (a resent report)
            queue.acknowledge(List.of());
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='b'/>");
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='b'/>");
        }
    }

    @Test
    void aRepeatedCommandIdIsADuplicateEvenAfterReopening() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.accept(send("c1", "+15550001", "hi"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c1", "+15550001", "hi"))).isEqualTo(Acceptance.DUPLICATE);
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.accept(send("c1", "+15550001", "hi"))).isEqualTo(Acceptance.DUPLICATE);
            assertThat(queue.undispatched()).hasSize(1);
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestIsIntact() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.enqueue("<inbound id='i1'/>");
            queue.enqueue("<inbound id='i2'/>");
        }
        long intact = Files.size(journal());
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.enqueue("<inbound id='i3-torn'/>");
        }
        // a crash mid-write: only part of the last record reached the disk
        long full = Files.size(journal());
        try (FileChannel channel = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            channel.truncate(intact + (full - intact) / 2);
        }

        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload)
                    .containsExactly("<inbound id='i1'/>", "<inbound id='i2'/>");
            assertThat(Files.size(journal())).isEqualTo(intact);
            queue.enqueue("<inbound id='i4'/>"); // appends after the cut, not after the garbage
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload)
                    .containsExactly("<inbound id='i1'/>", "<inbound id='i2'/>", "<inbound id='i4'/>");
        }
    }

    @Test
    void aLastRecordWithABadChecksumOrGarbageLengthIsIgnored() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.enqueue("<inbound id='i1'/>");
            queue.enqueue("<inbound id='i2'/>");
        }
        byte[] bytes = Files.readAllBytes(journal());
        bytes[bytes.length - 3] ^= 0x5a; // a flipped byte inside the last record's payload
        Files.write(journal(), bytes);
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='i1'/>");
        }

        // a header claiming a gigantic record, then a few zero bytes (a file system that extended the file)
        Files.write(journal(), new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0, 0, 0, 0, 0, 0}, StandardOpenOption.APPEND);
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='i1'/>");
        }
    }

    @Test
    void anEmptyOrHeaderOnlyJournalOpens() throws IOException {
        Files.write(journal(), new byte[] {0, 0, 0});
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).isEmpty();
            assertThat(queue.undispatched()).isEmpty();
        }
    }

    @Test
    void compactionShrinksTheJournalAndKeepsTheLiveState() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.accept(send("live", "+15550001", "still waiting"));
            for (int i = 0; i < 3_000; i++) {
                queue.acknowledge(queue.enqueue("<report id='r" + i + "'/>"));
            }
            queue.enqueue("<inbound id='pending'/>");
            assertThat(queue.journalRecords()).isLessThan(1_100); // compacted on the way, not 6,000 records
        }
        long size = Files.size(journal());
        assertThat(size).isLessThan(60_000);
        assertThat(dir.resolve("journal.log.tmp")).doesNotExist();
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("live");
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='pending'/>");
            assertThat(queue.accept(send("live", "+15550001", "still waiting"))).isEqualTo(Acceptance.DUPLICATE);
        }
    }

    @Test
    void aStaleTemporaryFileFromACrashDuringCompactionIsIgnored() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.enqueue("<inbound id='i1'/>");
        }
        Files.writeString(dir.resolve("journal.log.tmp"), "half a compaction");
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("<inbound id='i1'/>");
        }
        assertThat(dir.resolve("journal.log.tmp")).doesNotExist();
    }

    @Test
    void seenIdsAreBoundedByCountAndAgeButLiveCommandsAreNeverForgotten() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
        HostQueue.Limits limits = new HostQueue.Limits(100, 3, Duration.ofDays(7));
        try (HostQueue queue = HostQueue.open(dir, limits, clock)) {
            for (int i = 0; i < 5; i++) {
                QueuedCommand command = new QueuedCommand("old" + i, QueuedCommand.Kind.DIAL, OptionalInt.empty(),
                        List.of("+1555000" + i), "", clock.instant());
                queue.accept(command);
                queue.markDone(command.id());
            }
            queue.accept(send("live", "+15550009", "waiting"));
            queue.compact();
            // 6 ids, room for 3: the two oldest finished ones go first... and one more finished one
            assertThat(queue.seen("old0")).isFalse();
            assertThat(queue.seen("old1")).isFalse();
            assertThat(queue.seen("old2")).isFalse();
            assertThat(queue.seen("old3")).isTrue();
            assertThat(queue.seen("old4")).isTrue();
            assertThat(queue.seen("live")).isTrue();

            clock.advance(Duration.ofDays(8));
            queue.compact();
            assertThat(queue.seen("old3")).isFalse();
            assertThat(queue.seen("old4")).isFalse();
            assertThat(queue.seen("live")).isTrue(); // not yet handed to the radio: kept however old
        }
        try (HostQueue queue = HostQueue.open(dir, limits, clock)) {
            assertThat(queue.seen("old4")).isFalse();
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("live");
        }
    }

    @Test
    void aFullQueueRefusesNewCommandsButStillRecognisesRepeats() throws IOException {
        HostQueue.Limits limits = new HostQueue.Limits(2, 100, Duration.ofDays(7));
        try (HostQueue queue = HostQueue.open(dir, limits, MutableClock.startingNow())) {
            assertThat(queue.accept(send("a", "+15550001", "1"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("b", "+15550001", "2"))).isEqualTo(Acceptance.ACCEPTED);
            assertThat(queue.accept(send("c", "+15550001", "3"))).isEqualTo(Acceptance.FULL);
            assertThat(queue.accept(send("a", "+15550001", "1"))).isEqualTo(Acceptance.DUPLICATE);
            queue.markDispatched("a", 1);
            assertThat(queue.accept(send("c", "+15550001", "3"))).isEqualTo(Acceptance.ACCEPTED);
        }
    }

    @Test
    void repeatedPartResultsFromTheRadioQueueOneReportEach() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.accept(send("c1", "+15550001", "hi"));
            queue.markDispatched("c1", 1);
            assertThat(queue.recordPart(PartResult.sent("c1", 0, 1, Instant.EPOCH), "sent")).isTrue();
            assertThat(queue.recordPart(PartResult.sent("c1", 0, 1, Instant.EPOCH), "sent again")).isFalse();
            assertThat(queue.recordPart(PartResult.delivered("c1", 0, 1, Instant.EPOCH), "delivered")).isTrue();
            assertThat(queue.recordPart(PartResult.delivered("c1", 0, 1, Instant.EPOCH), "delivered again")).isFalse();
            assertThat(queue.recordPart(PartResult.sent("c1", 0, 1, Instant.EPOCH), "late sent")).isFalse();
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("sent", "delivered");
            assertThat(queue.command("c1").orElseThrow().done()).isTrue();
        }
    }

    @Test
    void aSentMessageWhoseDeliveryReportsNeverComeIsForgottenAfterTheWindow() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
        HostQueue.Limits limits = new HostQueue.Limits(100, 100, Duration.ofDays(7));
        try (HostQueue queue = HostQueue.open(dir, limits, clock)) {
            queue.accept(new QueuedCommand("no-dlr", QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of("+15550001"), "x",
                    clock.instant()));
            queue.markDispatched("no-dlr", 1);
            queue.recordPart(PartResult.sent("no-dlr", 0, 1, clock.instant()), "sent");
            clock.advance(Duration.ofDays(8));
            queue.compact();
            assertThat(queue.command("no-dlr")).isEmpty();
            assertThat(queue.seen("no-dlr")).isFalse();
            // its delivery report, should it come after all, still goes to the gateway
            assertThat(queue.recordPart(PartResult.delivered("no-dlr", 0, 1, clock.instant()), "late delivered")).isTrue();
            assertThat(queue.unacknowledged()).extracting(Outgoing::payload).containsExactly("sent", "late delivered");
        }
    }

    @Test
    void aCommandHandedToTheRadioWithoutResultsStaysAwaitingThroughCompactionAndReopening() throws IOException {
        try (HostQueue queue = HostQueue.open(dir)) {
            queue.accept(send("cut", "+15550001", "x".repeat(200)));
            queue.markDispatched("cut", 2);
            queue.recordPart(PartResult.sent("cut", 1, 2, Instant.EPOCH), "sent part 1");
            queue.accept(send("waiting", "+15550002", "not yet handed over"));
            queue.compact();
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            assertThat(queue.awaitingRadio()).containsExactly(new HostQueue.AwaitingRadio("cut", 2, List.of(0)));
            assertThat(queue.undispatched()).extracting(QueuedCommand::id).containsExactly("waiting");
        }
    }
}
