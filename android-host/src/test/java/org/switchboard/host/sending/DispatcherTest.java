package org.switchboard.host.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.TestRadio;

/** The dispatcher with the real queue and the test radio: order, multipart reports, throttle, dial. */
class DispatcherTest {

    @TempDir
    Path dir;
    private HostQueue queue;
    private TestRadio radio;
    private Dispatcher dispatcher;
    private final AtomicLong fakeNanos = new AtomicLong();

    @BeforeEach
    void open() throws IOException {
        queue = HostQueue.open(dir);
        radio = new TestRadio();
        radio.setListener(new RadioListener() {
            @Override
            public void onPartResult(PartResult result) {
                try {
                    queue.recordPart(result, Payloads.report(result).toXml());
                    dispatcher.nudge();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void onInbound(InboundSms sms) {
            }

            @Override
            public void onInboundMms(org.switchboard.host.radio.InboundMms mms) {
            }

            @Override
            public void onCall(CallEvent call) {
            }

            @Override
            public void onStatusChanged(DeviceStatus status) {
            }
        });
    }

    private void start(Throttle throttle) {
        start(throttle, Duration.ofMinutes(10));
    }

    private void start(Throttle throttle, Duration resultTimeout) {
        dispatcher = new Dispatcher(queue, radio, throttle, Duration.ofMinutes(2), resultTimeout, radio::result);
        dispatcher.start();
    }

    @AfterEach
    void close() {
        dispatcher.close();
        queue.close();
    }

    private void accept(String id, String to, String body) throws IOException {
        queue.accept(new QueuedCommand(id, QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of(to), body, Instant.now()));
        dispatcher.nudge();
    }

    @Test
    void aMultipartMessageBecomesOneReportPerPartWithPartAndParts() throws Exception {
        start(new Throttle(6_000, 100, System::nanoTime));
        accept("long", "+15550001", "x".repeat(400)); // 153 + 153 + 94

        TestRadio.await("the message at the radio", 5, () -> radio.sent().size() == 1);
        SendRequest request = radio.sent().get(0);
        assertThat(request.parts()).hasSize(3);
        radio.report("long", PartResult.State.SENT);
        radio.result(PartResult.delivered("long", 2, 3, Instant.parse("2026-11-30T10:00:00Z")));
        radio.result(PartResult.delivered("long", 2, 3, Instant.parse("2026-11-30T10:00:01Z"))); // the network repeats itself

        assertThat(queue.unacknowledged()).extracting(HostQueue.Outgoing::payload).satisfiesExactly(
                p -> assertThat(p).contains("state='sent' part='0' parts='3'"),
                p -> assertThat(p).contains("state='sent' part='1' parts='3'"),
                p -> assertThat(p).contains("state='sent' part='2' parts='3'"),
                p -> assertThat(p).contains("state='delivered' part='2' parts='3'"));
    }

    @Test
    void aConversationWaitsForItsPreviousMessageWhileOthersGoOn() throws Exception {
        start(new Throttle(6_000, 100, System::nanoTime));
        accept("a1", "+15550001", "first to a");
        accept("a2", "+15550001", "second to a");
        accept("b1", "+15550002", "first to b");

        TestRadio.await("a1 and b1 at the radio", 5, () -> radio.sent().size() == 2);
        Thread.sleep(200);
        assertThat(radio.sent()).extracting(SendRequest::commandId).containsExactly("a1", "b1");

        radio.report("a1", PartResult.State.SENT);
        TestRadio.await("a2 after a1 was sent", 5, () -> radio.sent().size() == 3);
        assertThat(radio.sent()).extracting(SendRequest::commandId).containsExactly("a1", "b1", "a2");
    }

    @Test
    void theThrottleHoldsMessagesBack() throws Exception {
        radio.autoSent();
        start(new Throttle(30, 1, fakeNanos::get)); // a fake clock that never moves: one part, then nothing
        accept("m1", "+15550001", "one");
        accept("m2", "+15550002", "two");
        TestRadio.await("the first message", 5, () -> radio.sent().size() == 1);
        Thread.sleep(1_500);
        assertThat(radio.sent()).hasSize(1);

        fakeNanos.addAndGet(Duration.ofSeconds(2).toNanos());
        dispatcher.nudge();
        TestRadio.await("the second message once two seconds passed", 5, () -> radio.sent().size() == 2);
    }

    @Test
    void aDialIsPlacedOnceAndFinished() throws Exception {
        start(new Throttle(30, 1, System::nanoTime));
        queue.accept(new QueuedCommand("d1", QueuedCommand.Kind.DIAL, OptionalInt.of(2), List.of("+15550001"), "", Instant.now()));
        dispatcher.nudge();
        TestRadio.await("the call", 5, () -> radio.dialed().size() == 1);
        assertThat(radio.dialed()).containsExactly(new TestRadio.Dialed(OptionalInt.of(2), "+15550001"));
        assertThat(queue.command("d1").orElseThrow().done()).isTrue();
        Thread.sleep(300);
        assertThat(radio.dialed()).hasSize(1);
    }

    @Test
    void aMessageDispatchedBeforeAProcessDeathIsNeverSentAgainButReportedWithTheOutcomeUnknown() throws Exception {
        // the earlier process stored the dispatched record and died, before or after calling the radio
        queue.accept(new QueuedCommand("in-doubt", QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of("+15550001"),
                "was it sent?", Instant.now()));
        queue.markDispatched("in-doubt", 1);
        queue.close();
        queue = HostQueue.open(dir);
        queue.accept(new QueuedCommand("next", QueuedCommand.Kind.SEND, OptionalInt.empty(), List.of("+15550001"),
                "the next text to the same person", Instant.now()));

        start(new Throttle(6_000, 100, System::nanoTime), Duration.ofMillis(200));
        TestRadio.await("the outcome reported", 10, () -> queue.unacknowledged().stream()
                .anyMatch(outgoing -> outgoing.payload().contains("id='in-doubt'")));
        assertThat(queue.unacknowledged()).extracting(HostQueue.Outgoing::payload).filteredOn(p -> p.contains("in-doubt"))
                .singleElement().satisfies(p -> assertThat(p).contains("state='failed'").contains("code='-2'")
                        .contains("outcome unknown"));
        TestRadio.await("the next text", 5, () -> radio.sent().size() == 1);
        Thread.sleep(300);
        assertThat(radio.sent()).extracting(SendRequest::commandId).containsExactly("next");
    }
}
