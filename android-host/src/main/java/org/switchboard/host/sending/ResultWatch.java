package org.switchboard.host.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.radio.PartResult;

/**
 * Turns a radio's silence into an explicit outcome. A command is marked dispatched before the radio is
 * called and is never handed over again (an SMS sent twice cannot be taken back), so after a process death
 * between that record and the radio's answer nobody knows whether the text left. Rather than leave such a
 * message "accepted" forever at the gateway, every part still without a result {@code timeout} after its
 * hand-over — or after this start, for a hand-over by an earlier process — is reported {@code failed} with
 * {@link HostProtocol#CODE_OUTCOME_UNKNOWN}. The wait lets a real result still arrive first: on Android a
 * part's sent intent reaches a restarted process. Used by the dispatcher's one thread only.
 */
final class ResultWatch {

    /** The queue is looked through at most this often. */
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final HostQueue queue;
    private final Consumer<PartResult> results;
    private final long timeoutNanos;
    private final String timeoutText;
    private final LongSupplier nanoTime;
    private final long startedAt;
    /** Hand-overs made by this process (System.nanoTime-like); others were made before this start. */
    private final Map<String, Long> handedAt = new HashMap<>();
    private long lastCheck;

    ResultWatch(HostQueue queue, Consumer<PartResult> results, Duration timeout, LongSupplier nanoTime) {
        this.queue = queue;
        this.results = results;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = timeout.toSeconds() < 120 ? timeout.toSeconds() + " seconds" : timeout.toMinutes() + " minutes";
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.lastCheck = startedAt - CHECK_EVERY_NANOS;
    }

    /** The command is about to go to the radio (its dispatched record is on disk). */
    void handingOver(String commandId) {
        handedAt.put(commandId, nanoTime.getAsLong());
    }

    /** Reports the parts whose wait is over; cheap when called more often than once a second. */
    void check() {
        long now = nanoTime.getAsLong();
        if (now - lastCheck < CHECK_EVERY_NANOS) {
            return;
        }
        lastCheck = now;
        List<HostQueue.AwaitingRadio> awaiting = queue.awaitingRadio();
        Set<String> still = new HashSet<>();
        for (HostQueue.AwaitingRadio waiting : awaiting) {
            Long handed = handedAt.get(waiting.commandId());
            long since = handed != null ? handed : startedAt;
            if (now - since < timeoutNanos) {
                still.add(waiting.commandId());
                continue;
            }
            String reason = handed != null
                    ? "outcome unknown: the phone's radio said nothing about this text for " + timeoutText
                            + "; it may or may not have been sent"
                    : "outcome unknown: the SMS host stopped while handing this text to the radio; it may or may not have"
                            + " been sent";
            for (int part : waiting.partsWithoutResult()) {
                results.accept(PartResult.failed(waiting.commandId(), part, waiting.parts(), HostProtocol.CODE_OUTCOME_UNKNOWN,
                        reason, Instant.now()));
            }
        }
        handedAt.keySet().retainAll(still); // results came (or were just given) for the others
    }
}
