package org.switchboard.host;

import java.util.EnumSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.switchboard.host.connection.Backoff;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.PayloadIq;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.work.NudgedWorker;
import org.switchboard.host.work.NudgedWorker.Pause;

/**
 * The one thread that sends IQs to the gateway, in order: {@code hello} first after every connect that did
 * not resume the stream (alone, answered before anything else goes), then a pending {@code status}, then the
 * durable queue's reports and events oldest first, each removed only when the gateway answered
 * {@code result}. Incoming texts and calls go one at a time, so that an answer "try later" cannot let a
 * later text overtake an earlier one. Reports, which the gateway takes in any order (host-protocol.md
 * section 5.1), flow: up to {@link #BATCH} are unanswered at once and each answer lets the next go, so a
 * report waits neither for a round trip of its own nor for a whole batch's; answers that arrive together are
 * acknowledged with one sync. After a lost connection or an answer "try later" the unacknowledged items go
 * again, oldest first.
 */
final class OutboxPump implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxPump.class.getName());
    /** Errors that say the gateway will never take this item: dropped (and logged) so the queue moves on. */
    private static final Set<StanzaError.Condition> PERMANENT = EnumSet.of(StanzaError.Condition.bad_request,
            StanzaError.Condition.item_not_found, StanzaError.Condition.not_acceptable,
            StanzaError.Condition.feature_not_implemented);

    /**
     * Reports unanswered at once. One per IQ round trip made a host's reports (two per text: sent, delivered)
     * wait in line behind each other's round trip and sync, and sending a batch and waiting for all of it made
     * each report wait for the slowest of the batch before it (bench/sms). The window caps the reports at this
     * many per round trip: with 128, one host's reports fell behind for good at 1,000 texts/s (two reports a
     * text) once a busy gateway took longer than 64 ms to commit and answer (ADR 0026 amendment).
     */
    static final int BATCH = 512;
    /** What one {@code reports} IQ carries at most, well under the 64 KiB a payload may have (section 7). */
    static final int MAX_BATCH_CHARS = 32 * 1024;

    private enum Outcome { ACKNOWLEDGED, REFUSED, RETRY }

    /** An item sent on a stream and not yet answered. */
    private record Flight(long seq, long stream) {
    }

    /** An answer (or its absence) to a flight, handed from Smack's threads to the pump's. */
    private record Answer(Flight flight, Outcome outcome) {
    }

    /** Nothing to send, or no connection: look again after this, or when nudged. */
    private static final Pause IDLE = Pause.upTo(Duration.ofSeconds(1));

    private final HostQueue queue;
    private final Supplier<XMPPTCPConnection> connection;
    private final Jid gateway;
    private final Supplier<Payload> hello;
    private final Duration replyTimeout;
    private final Backoff backoff;
    private final AtomicReference<DeviceStatus> pendingStatus = new AtomicReference<>();
    private final NudgedWorker worker = new NudgedWorker("gateway-outbox", this::next);
    /** Items sent and not yet answered, by sequence number; only the pump's thread touches it. */
    private final Map<Long, Flight> flying = new HashMap<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile long generation;
    /** Reports the gateway reads in one {@code reports} IQ, from its answer to {@code hello} (section 4.4). */
    private int gatewayBatch = 1;
    private long helloGeneration = -1;
    private int failures;

    OutboxPump(HostQueue queue, Supplier<XMPPTCPConnection> connection, Jid gateway, Supplier<Payload> hello,
               Duration replyTimeout, Backoff backoff) {
        this.queue = queue;
        this.connection = connection;
        this.gateway = gateway;
        this.hello = hello;
        this.replyTimeout = replyTimeout;
        this.backoff = backoff;
    }

    void start() {
        worker.start();
    }

    /** A new stream (not a resumed one): {@code hello} goes again before anything else. */
    void newStream() {
        generation++;
        worker.wake(); // ends even a backoff: the new stream is what a retry waited for
    }

    /** The SIMs changed: {@code hello}, the only payload that lists them, goes again (section 3). */
    void helloAgain() {
        newStream();
    }

    /** Sends this status (replacing any not yet sent) as soon as the gateway has had {@code hello}. */
    void status(DeviceStatus status) {
        pendingStatus.set(status);
        nudge();
    }

    void nudge() {
        worker.nudge();
    }

    private Pause next() {
        try {
            return step();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the outbox failed; trying again", e);
            return retry();
        }
    }

    /** After a failure: the backoff in full, since new work does not make the gateway answer sooner. */
    private Pause retry() {
        return Pause.full(backoff.delay(failures++));
    }

    /** Sends at most one IQ; returns how long to wait before the next step. */
    private Pause step() throws IOException {
        XMPPTCPConnection current = connection.get();
        if (current == null || !current.isAuthenticated()) {
            return IDLE;
        }
        long stream = generation;
        if (helloGeneration != stream) {
            // the hello is built now from the radio's current state, so a status queued before it is older and
            // must not follow it (it would overwrite the newer state at the gateway); one queued later still goes
            pendingStatus.set(null);
            gatewayBatch = 1; // until this gateway's answer says it reads batches
            Outcome outcome = send(current, hello.get());
            if (outcome == Outcome.RETRY) {
                return retry();
            }
            // even a refused hello cannot be made better by repeating it; go on and let the gateway judge
            helloGeneration = stream;
        }
        DeviceStatus status = pendingStatus.get();
        if (status != null) {
            Outcome outcome = send(current, Payloads.status(status));
            if (outcome == Outcome.RETRY) {
                return retry();
            }
            pendingStatus.compareAndSet(status, null);
        }
        if (settle(stream)) {
            return retry();
        }
        // a step sends at most what brings the unanswered to BATCH, after skipping those already out on this stream
        List<HostQueue.Outgoing> unacknowledged = queue.unacknowledged(flying.size() + BATCH + 1);
        if (unacknowledged.isEmpty() && flying.isEmpty()) {
            failures = 0;
            return IDLE;
        }
        if (!sendMore(current, stream, unacknowledged)) {
            return retry(); // the connection went: what is not answered goes again on the next one
        }
        failures = 0;
        // the next answer (or new work) nudges; the reply timeout fails a silent one, so this wait is a backstop
        return Pause.upTo(replyTimeout);
    }

    /**
     * Takes the answers that came since the last step: what the gateway committed (or refused for good) is
     * forgotten with one sync; what it could not take goes again. Answers to IQs of an earlier stream count
     * too (the gateway committed them all the same). True when an item must go again, after the backoff.
     */
    private boolean settle(long stream) throws IOException {
        List<Long> done = new ArrayList<>();
        boolean again = false;
        for (Answer answer = answers.poll(); answer != null; answer = answers.poll()) {
            Flight flight = answer.flight();
            boolean current = flying.remove(flight.seq(), flight);
            if (answer.outcome() == Outcome.RETRY) {
                again |= current && flight.stream() == stream;
            } else {
                done.add(flight.seq());
            }
        }
        if (!done.isEmpty()) {
            queue.acknowledge(done);
        }
        return again;
    }

    /**
     * Sends what may go now: the reports in front of the queue, up to {@link #BATCH} unanswered at once (each
     * answer lets the next go, so a report never waits for a whole batch's answers), or the oldest item alone
     * when it is an incoming text or call and nothing else is unanswered. Reports that may go together go in
     * one {@code reports} IQ when the gateway reads them (section 4.4). False when the connection went.
     */
    private boolean sendMore(XMPPTCPConnection current, long stream, List<HostQueue.Outgoing> unacknowledged) {
        List<HostQueue.Outgoing> batch = new ArrayList<>();
        int batchChars = 0;
        for (HostQueue.Outgoing item : unacknowledged) {
            boolean report = Payload.isElement(item.payload(), HostProtocol.REPORT);
            Flight out = flying.get(item.seq());
            if (out != null && out.stream() == stream) {
                if (!report) {
                    return sendReports(current, stream, batch); // an incoming text or call is out: nothing after it goes
                }
                continue;
            }
            if (flying.size() + batch.size() >= BATCH || (!report && (!flying.isEmpty() || !batch.isEmpty()))) {
                return sendReports(current, stream, batch);
            }
            if (report) {
                if (batch.size() == gatewayBatch || batchChars + item.payload().length() > MAX_BATCH_CHARS) {
                    if (!sendReports(current, stream, batch)) {
                        return false;
                    }
                    batch = new ArrayList<>();
                    batchChars = 0;
                }
                batch.add(item);
                batchChars += item.payload().length();
                continue;
            }
            return sendAsync(current, stream, List.of(item), Payload.fromXml(item.payload()));
        }
        return sendReports(current, stream, batch);
    }

    /** Sends these reports: one alone as itself, several in one {@code reports} IQ. False when the connection went. */
    private boolean sendReports(XMPPTCPConnection current, long stream, List<HostQueue.Outgoing> reports) {
        if (reports.isEmpty()) {
            return true;
        }
        Payload payload = reports.size() == 1 ? Payload.fromXml(reports.get(0).payload())
                : Payloads.reports(reports.stream().map(HostQueue.Outgoing::payload).toList());
        return sendAsync(current, stream, reports, payload);
    }

    /** Sends one IQ carrying these items; its answer settles each of them. */
    private boolean sendAsync(XMPPTCPConnection current, long stream, List<HostQueue.Outgoing> items, Payload payload) {
        PayloadIq iq = new PayloadIq(payload);
        iq.setType(IQ.Type.set);
        iq.setTo(gateway);
        List<Flight> flights = new ArrayList<>();
        for (HostQueue.Outgoing item : items) {
            Flight flight = new Flight(item.seq(), stream);
            flying.put(item.seq(), flight);
            flights.add(flight);
        }
        current.sendIqRequestAsync(iq, replyTimeout.toMillis()).onCompletion(future -> {
            Exception failure = future.getExceptionIfAvailable();
            Outcome outcome = failure == null ? Outcome.ACKNOWLEDGED : outcome(failure, payload);
            if (failure == null) {
                logRefusals(future.getIfAvailable());
            }
            flights.forEach(flight -> answers.add(new Answer(flight, outcome)));
            worker.nudge();
        });
        return current.isConnected();
    }

    /** Reports of a batch the gateway refused for good are acknowledged all the same, as a lone one would be. */
    private static void logRefusals(IQ answer) {
        if (answer instanceof UnparsedIQ unparsed && HostProtocol.REPORTS.equals(unparsed.getChildElementName())
                && unparsed.getContent().toString().contains("<refused")) {
            LOG.warning(() -> "the gateway refused reports of a batch for good: " + unparsed.getContent());
        }
    }

    /** What an IQ's failure means for its item. */
    private static Outcome outcome(Exception failure, Payload payload) {
        if (failure instanceof XMPPException.XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            if (PERMANENT.contains(error.getCondition())) {
                LOG.warning(() -> "the gateway refused " + payload.element() + " " + payload.id() + " for good: "
                        + error.getCondition() + " " + error.getDescriptiveText());
                return Outcome.REFUSED;
            }
            LOG.info(() -> "the gateway cannot take " + payload.element() + " now: " + error.getCondition());
            return Outcome.RETRY;
        }
        LOG.fine(() -> "no answer to " + payload.element() + " " + payload.id() + ": " + failure);
        return Outcome.RETRY;
    }

    /** Sends the IQ and waits for its answer (hello and status, which go alone). */
    private Outcome send(XMPPTCPConnection current, Payload payload) {
        PayloadIq iq = new PayloadIq(payload);
        iq.setType(IQ.Type.set);
        iq.setTo(gateway);
        try {
            IQ answer = current.sendIqRequestAsync(iq, replyTimeout.toMillis()).getOrThrow();
            if (HostProtocol.HELLO.equals(payload.element())) {
                gatewayBatch = gatewayBatch(answer);
            }
            return Outcome.ACKNOWLEDGED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the worker stops
            return Outcome.RETRY;
        } catch (Exception e) {
            return outcome(e, payload);
        }
    }

    /** The batch size a gateway's answer to {@code hello} names; 1 (no batches) from a gateway that names none. */
    private static int gatewayBatch(IQ answer) {
        if (!(answer instanceof UnparsedIQ unparsed) || !HostProtocol.HELLO.equals(unparsed.getChildElementName())) {
            return 1;
        }
        try {
            String batch = Payload.fromXml(unparsed.getContent().toString()).attributes().get("batch");
            return batch == null ? 1 : Math.max(1, Math.min(BATCH, Integer.parseInt(batch.trim())));
        } catch (RuntimeException e) {
            LOG.warning(() -> "the gateway's answer to hello is not understood; reports go one by one: " + unparsed.getContent());
            return 1;
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
